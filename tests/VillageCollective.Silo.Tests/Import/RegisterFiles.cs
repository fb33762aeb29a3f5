using System.Text;
using VillageCollective.Grains.Household;

namespace VillageCollective.Silo.Tests.Import;

/// <summary>Small register files for import tests: valid resident IDs from a region code no real place has (990101).</summary>
public static class RegisterFiles
{
    public const string Header = "户号,户主,村民小组,地址,姓名,身份证号,与户主关系,股种,股数,户合计股数,电话";

    /// <summary>A valid GB 11643 resident ID: 990101, the birth date, a sequence number (odd for a man), the check character.</summary>
    public static string Id(int year, int month, int day, int sequence)
    {
        var first17 = $"990101{year:D4}{month:D2}{day:D2}{sequence:D3}";
        return first17 + ResidentId.CheckCharacter(first17);
    }

    public static readonly string HeadA = Id(1970, 1, 1, 11);
    public static readonly string SpouseA = Id(1972, 3, 4, 22);
    public static readonly string HeadB = Id(1980, 5, 6, 31);

    /// <summary>Rows 2–4 of a valid file: household 1001 (two members, 1.5 shares stated), 1002 (one member, 1 share).</summary>
    public static string[] ValidRows() =>
    [
        $"1001,张三,第七村民小组,东街1号,张三,{HeadA},户主,基本股,1,1.5,13800000001",
        $"1001,张三,第七村民小组,东街1号,李四,{SpouseA},配偶,基本股,0.5,,",
        $"1002,王五,第七村民小组,东街2号,王五,{HeadB},户主,基本股,1,1,",
    ];

    public static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Gb18030(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }
}
