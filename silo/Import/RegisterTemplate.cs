namespace VillageCollective.Silo.Import;

/// <summary>
/// The register file layout (股权台账模板), the same for import and export, .xlsx or CSV: a header row, then one row per
/// member and share class. Columns are found by their header, in any order; the required ones are marked.
/// <list type="bullet">
/// <item>户号 (required): the household number, a whole number above 0; rows of one household share it.</item>
/// <item>户主: the head's name; when given it must equal the name on the row whose 与户主关系 is 户主.</item>
/// <item>村民小组, 地址: the household's village group and address (from its first row).</item>
/// <item>姓名, 身份证号, 与户主关系 (required): the member; sex and birth date come from the ID (GB 11643). Exactly one 户主 per household.</item>
/// <item>股种, 股数: the member's shares of one class (the class's Chinese name or code in the charter); at most the charter's decimals,
/// not negative; blank for none. A member holding two classes has a second row with the same 身份证号 and the other 股种.</item>
/// <item>户合计股数: the household's total over all classes as the paper register states it; when given it must equal the sum.</item>
/// <item>电话: the member's phone.</item>
/// </list>
/// Export writes the household's holdings on its head's rows (shares are certified to the household) and masks resident IDs.
/// </summary>
public static class RegisterTemplate
{
    public const string HouseholdNumber = "户号";
    public const string HeadName = "户主";
    public const string VillageGroup = "村民小组";
    public const string Address = "地址";
    public const string Name = "姓名";
    public const string ResidentId = "身份证号";
    public const string Relation = "与户主关系";
    public const string ShareClass = "股种";
    public const string Shares = "股数";
    public const string StatedTotal = "户合计股数";
    public const string Phone = "电话";

    /// <summary>The columns in the order the template and exports write them.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [HouseholdNumber, HeadName, VillageGroup, Address, Name, ResidentId, Relation, ShareClass, Shares, StatedTotal, Phone];

    /// <summary>The columns an import needs.</summary>
    public static readonly IReadOnlyList<string> Required = [HouseholdNumber, Name, ResidentId, Relation];

    /// <summary>One line per column for the template's notes sheet (填写说明).</summary>
    public static readonly IReadOnlyList<(string Column, string Note)> Notes =
    [
        (HouseholdNumber, "必填。大于0的整数；同一户的各行户号相同。"),
        (HeadName, "可选。填写时须与“与户主关系”为户主的成员姓名一致。"),
        (VillageGroup, "可选。村民小组，取该户第一行。"),
        (Address, "可选。住址，取该户第一行。"),
        (Name, "必填。成员姓名。"),
        (ResidentId, "必填。18位居民身份证号（GB 11643），末位校验码须正确；性别与出生日期由身份证号得出。请设为文本格式。"),
        (Relation, "必填。户主、配偶、子、女、孙子、孙女、父亲、母亲、儿媳、女婿、其他；每户有且只有一名户主。"),
        (ShareClass, "有股数时必填。章程中的股种名称或代码，如基本股。"),
        (Shares, "可空。该成员该股种的股数，不为负，小数位不超过章程精度。同一成员持有两种股份时，另起一行填同一身份证号与另一股种。"),
        (StatedTotal, "可选。纸质台账上的户合计股数；填写时须等于该户各行股数之和。"),
        (Phone, "可选。联系电话。"),
    ];
}
