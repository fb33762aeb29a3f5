namespace VillageCollective.Grains.Books;

/// <summary>
/// A line of the income statement that book entries are booked to: the income categories
/// 经营收入, 发包及上交收入, 投资收益, 补助收入, 其他收入 and the cost categories 经营支出, 管理费用,
/// 其他支出 (农村集体经济组织会计制度, statement 收益及收益分配表; domain.md "Income categories").
/// </summary>
/// <param name="Code">Stable machine code, e.g. <c>investment_income</c>.</param>
/// <param name="Name">The statement's Chinese label, e.g. 投资收益.</param>
/// <param name="IsIncome">True for income, false for a cost.</param>
public sealed record EntryCategory(string Code, string Name, bool IsIncome)
{
    /// <summary>经营收入: the collective's own businesses.</summary>
    public static readonly EntryCategory OperatingIncome = new("operating_income", "经营收入", true);

    /// <summary>发包及上交收入: land and asset contracting, remittances.</summary>
    public static readonly EntryCategory ContractingIncome = new("contracting_income", "发包及上交收入", true);

    /// <summary>投资收益: investment income, e.g. a joint venture's settlement.</summary>
    public static readonly EntryCategory InvestmentIncome = new("investment_income", "投资收益", true);

    /// <summary>补助收入: subsidies.</summary>
    public static readonly EntryCategory SubsidyIncome = new("subsidy_income", "补助收入", true);

    /// <summary>其他收入: other income.</summary>
    public static readonly EntryCategory OtherIncome = new("other_income", "其他收入", true);

    /// <summary>经营支出: operating costs.</summary>
    public static readonly EntryCategory OperatingCost = new("operating_cost", "经营支出", false);

    /// <summary>管理费用: management costs.</summary>
    public static readonly EntryCategory ManagementCost = new("management_cost", "管理费用", false);

    /// <summary>其他支出: other costs.</summary>
    public static readonly EntryCategory OtherCost = new("other_cost", "其他支出", false);

    /// <summary>Every category, income first, in the statement's order.</summary>
    public static IReadOnlyList<EntryCategory> All { get; } =
        [OperatingIncome, ContractingIncome, InvestmentIncome, SubsidyIncome, OtherIncome, OperatingCost, ManagementCost, OtherCost];

    /// <summary>The category with this code.</summary>
    /// <exception cref="DomainException"><c>entry.category</c> (field <c>category</c>): an unknown code.</exception>
    public static EntryCategory Parse(string? code) =>
        All.FirstOrDefault(c => c.Code == code?.Trim())
        ?? throw new DomainException("entry.category", "category",
            $"未知的收支科目 (unknown category) '{code}'; 可用: {string.Join(", ", All.Select(c => $"{c.Code}={c.Name}"))}");
}
