using System.Globalization;
using VillageCollective.Grains.Comparison;
using VillageCollective.Silo.Storage;

namespace VillageCollective.Silo.Api;

/// <summary>A column of the comparison table: key, Chinese label, unit (<c>yuan</c>, <c>shares</c>, <c>count</c>, <c>percent</c>).</summary>
public sealed record ComparisonColumnDto(string Key, string Label, string Unit);

/// <summary>The county's class thresholds, yuan as strings: weak below <see cref="WeakBelow"/>, million-yuan from <see cref="MillionFrom"/>.</summary>
public sealed record ClassThresholdsDto(string WeakBelow, string MillionFrom);

/// <summary>One village's year: who, its class (<c>weak</c>/<c>ordinary</c>/<c>million</c>, null without books), the demonstration flag,
/// the plan and run to drill down to, and its figures by column key (strings; null where a figure does not apply).</summary>
public sealed record ComparisonRowDto(long VillageId, string Code, string Name, long TownshipId, string Township, bool IsDemo, int Year,
    string? Class, string? ClassLabel, bool Demonstration, long? PlanId, long? RunId, IReadOnlyDictionary<string, string?> Figures);

/// <summary>A township's (<c>level</c> = township) or the whole scope's (<c>level</c> = all) totals and medians of a year.</summary>
public sealed record ComparisonSummaryDto(string Level, long? TownshipId, string Name, int Year, int Villages,
    IReadOnlyDictionary<string, string?> Totals, IReadOnlyDictionary<string, string?> Medians);

/// <summary>How many villages of the scope were in each class in a year, and how many were demonstration villages.</summary>
public sealed record ClassCountDto(int Year, int Weak, int Ordinary, int Million, int WithoutBooks, int Demonstration);

/// <summary>A village that moved from one class to another in <see cref="Year"/>.</summary>
public sealed record ClassMoveDto(long VillageId, string Name, string Township, int Year, string From, string FromLabel, string To, string ToLabel);

/// <summary>The comparison of a township's or county's villages (issue 7).</summary>
public sealed record ComparisonDto(string ScopeKind, long ScopeId, string ScopeName, long CountyId, string County, int From, int To,
    ClassThresholdsDto Thresholds, string OperatingIncomeDefinition, IReadOnlyList<ComparisonColumnDto> Columns, IReadOnlyList<ComparisonRowDto> Rows,
    IReadOnlyList<ComparisonSummaryDto> Summaries, IReadOnlyList<ClassCountDto> Classes, IReadOnlyList<ClassMoveDto> Moves)
{
    /// <summary>The legend of 经营性收入, shown on the page and in the export.</summary>
    public const string OperatingIncomeLegend = "经营性收入 = 经营收入 + 发包及上交收入 + 投资收益（不含补助收入、其他收入；农村集体经济统计口径，薄弱村、百万元村按此划分）";

    public static ComparisonDto Of(VillageComparison comparison)
    {
        var columns = ComparisonColumns.All;
        var rows = comparison.Rows.Select(r => new ComparisonRowDto(r.Village.Id, r.Village.Code, r.Village.Name, r.Village.TownshipId, r.Village.Township,
            r.Village.IsDemo, r.Figures.Year, r.Class is { } c ? ClassThresholds.Code(c) : null, r.Class is { } l ? ClassThresholds.Label(l) : null,
            r.Demonstration, r.PlanId, r.RunId, columns.ToDictionary(k => k.Key, k => Format(k.Unit, k.Value(r.Figures))))).ToList();
        var summaries = new List<ComparisonSummaryDto>();
        var classes = new List<ClassCountDto>();
        foreach (var year in Enumerable.Range(comparison.From, comparison.To - comparison.From + 1))
        {
            var ofYear = comparison.Rows.Where(r => r.Figures.Year == year).ToList();
            if (comparison.Scope.Kind == "county")
            {
                foreach (var township in ofYear.GroupBy(r => (r.Village.TownshipId, r.Village.Township)).OrderBy(g => g.Key.Township, StringComparer.Ordinal))
                {
                    summaries.Add(Summary("township", township.Key.TownshipId, township.Key.Township, year, township.Select(r => r.Figures).ToList()));
                }
            }
            summaries.Add(Summary("all", comparison.Scope.Kind == "township" ? comparison.Scope.Id : null, comparison.Scope.Name, year, ofYear.Select(r => r.Figures).ToList()));
            classes.Add(new ClassCountDto(year, ofYear.Count(r => r.Class == VillageClass.Weak), ofYear.Count(r => r.Class == VillageClass.Ordinary),
                ofYear.Count(r => r.Class == VillageClass.Million), ofYear.Count(r => r.Class is null), ofYear.Count(r => r.Demonstration)));
        }
        var villages = comparison.Villages.ToDictionary(v => v.Id);
        var moves = comparison.Moves.Select(m => new ClassMoveDto(m.VillageId, villages[m.VillageId].Name, villages[m.VillageId].Township, m.Year,
            ClassThresholds.Code(m.From), ClassThresholds.Label(m.From), ClassThresholds.Code(m.To), ClassThresholds.Label(m.To))).ToList();
        return new ComparisonDto(comparison.Scope.Kind, comparison.Scope.Id, comparison.Scope.Name, comparison.Scope.CountyId, comparison.Scope.County,
            comparison.From, comparison.To, new ClassThresholdsDto(comparison.Thresholds.WeakBelow.ToPlainString(), comparison.Thresholds.MillionFrom.ToPlainString()),
            OperatingIncomeLegend, columns.Select(c => new ComparisonColumnDto(c.Key, c.Label, c.Unit.ToString().ToLowerInvariant())).ToList(),
            rows, summaries, classes, moves);
    }

    private static ComparisonSummaryDto Summary(string level, long? townshipId, string name, int year, IReadOnlyCollection<VillageYearFigures> figures)
    {
        var summary = GroupSummary.Of(figures);
        var units = ComparisonColumns.All.ToDictionary(c => c.Key, c => c.Unit);
        return new ComparisonSummaryDto(level, townshipId, name, year, summary.Villages,
            summary.Totals.ToDictionary(t => t.Key, t => Format(units[t.Key], t.Value)), summary.Medians.ToDictionary(t => t.Key, t => Format(units[t.Key], t.Value)));
    }

    /// <summary>A figure as the API sends it: yuan and percentages with 2 decimals, shares with up to 4, counts plain; null stays null.</summary>
    public static string? Format(FigureUnit unit, decimal? value) => value switch
    {
        null => null,
        { } v => unit switch
        {
            FigureUnit.Shares => v.ToString("0.####", CultureInfo.InvariantCulture),
            FigureUnit.Count => v.ToString("0.#", CultureInfo.InvariantCulture),
            _ => v.ToString("F2", CultureInfo.InvariantCulture),
        },
    };
}
