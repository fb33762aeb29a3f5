using System.IO.Compression;
using System.Text;

namespace VillageCollective.Silo.Tests.Fuzz;

/// <summary>
/// Broken register files for the import: .xlsx that are truncated, not zip, zip without a workbook, a workbook with
/// garbage in place of its sheet; CSV with unbalanced quotes, invalid UTF-8, a huge field, random bytes, wrong columns.
/// Built from the silo's own template so most get past the first check.
/// </summary>
internal sealed class MalformedFiles(Random random, byte[] templateXlsx, string templateCsv)
{
    /// <summary>One broken file and the name it is sent under.</summary>
    public (byte[] Content, string FileName) Any()
    {
        var values = new MalformedValues(random);
        return random.Next(13) switch
        {
            0 => (templateXlsx[..random.Next(1, templateXlsx.Length)], "cut.xlsx"),
            1 => ([0x50, 0x4b, 0x03, 0x04, .. values.Bytes(random.Next(10, 5_000))], "pk.xlsx"),
            2 => (ZipWith(("hello.txt", "not a workbook")), "empty.xlsx"),
            3 => (WorkbookWithGarbageSheet(values), "garbage-sheet.xlsx"),
            4 => (values.Bytes(random.Next(1, 10_000)), "random.csv"),
            5 => (Encoding.UTF8.GetBytes(templateCsv + "\n1,\"unclosed,王,\n"), "quotes.csv"),
            6 => ([.. Encoding.UTF8.GetBytes(templateCsv), 0xff, 0xfe, 0xc3, 0x28, 0x0a], "invalid-utf8.csv"),
            7 => (Encoding.UTF8.GetBytes(templateCsv + "\n" + new string('9', 1_000_000) + ",x\n"), "huge-field.csv"),
            8 => (Encoding.UTF8.GetBytes("a,b,c\n1,2,3\n"), "wrong-columns.csv"),
            9 => (Encoding.UTF8.GetBytes(templateCsv + "\n" + string.Join(",", Enumerable.Range(0, 40).Select(_ => values.Any()?.ToJsonString() ?? "")) + "\n"), "garbage-row.csv"),
            10 => (Encoding.UTF8.GetBytes(templateCsv + "\n-1,户主,-5,9999-99-99,男,123,,,,,\n"), "negative.csv"),
            11 => (Encoding.UTF8.GetBytes(templateCsv + "\n900,王\u0000五,992328199001011234,男,1990-01-01,户主,一组,,,basic,1\n"), "nul.csv"),
            _ => (templateXlsx, random.Next(2) == 0 ? "template.csv" : "name with no extension"),
        };
    }

    private static byte[] ZipWith(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    // The template with its first worksheet's XML replaced by something that is not a worksheet.
    private byte[] WorkbookWithGarbageSheet(MalformedValues values)
    {
        using var buffer = new MemoryStream();
        buffer.Write(templateXlsx);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(random.Next(2) == 0 ? "<worksheet><sheetData><row><c t=\"s\"><v>99999</v></c></row>" : Convert.ToBase64String(values.Bytes(500)));
        }
        return buffer.ToArray();
    }
}
