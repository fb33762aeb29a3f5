namespace VillageCollective.Grains.Register;

/// <summary>A share class (股种) of a village's charter, e.g. code <c>basic</c>, name 基本股.</summary>
/// <param name="Code">A short code, letters, digits, '-' or '_' (1–32 characters); what movements store.</param>
/// <param name="Name">The Chinese name shown to people, e.g. 人口股, 农龄股, 贡献股, 资金股, 集体股.</param>
/// <exception cref="DomainException"><c>charter.classCode</c> (field <c>code</c>); <c>charter.className</c> (field <c>name</c>).</exception>
public sealed record ShareClass(string Code, string Name)
{
    /// <summary>The code, trimmed.</summary>
    public string Code { get; } = !string.IsNullOrWhiteSpace(Code) && Code.Trim().Length <= 32
        && Code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
        ? Code.Trim()
        : throw new DomainException("charter.classCode", "code", $"股种代码须为1至32个字母、数字、-或_ (a class code is 1–32 letters, digits, '-' or '_'): {Code}");

    /// <summary>The Chinese name, trimmed.</summary>
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new DomainException("charter.className", "name", "股种名称不能为空 (a share class needs a name)")
        : Name.Trim();
}
