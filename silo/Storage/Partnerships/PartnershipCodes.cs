using System.Text.Json;
using VillageCollective.Grains.Partnerships;

namespace VillageCollective.Silo.Storage.Partnerships;

/// <summary>The stored codes of the partnership enums and the schedule's JSON form.</summary>
public static class PartnershipCodes
{
    public static string Of(IncomeMode mode) => mode switch
    {
        IncomeMode.FixedRent => "fixed_rent",
        IncomeMode.GuaranteePlusProfitShare => "guarantee_plus_profit_share",
        _ => "greater_of",
    };

    /// <exception cref="Grains.DomainException"><c>terms.mode</c> (field <c>terms.mode</c>): an unknown code.</exception>
    public static IncomeMode Mode(string? code) => code?.Trim() switch
    {
        "fixed_rent" => IncomeMode.FixedRent,
        "guarantee_plus_profit_share" => IncomeMode.GuaranteePlusProfitShare,
        "greater_of" => IncomeMode.GreaterOfGuaranteeAndProfitShare,
        _ => throw new Grains.DomainException("terms.mode", "terms.mode",
            $"未知的收益方式“{code}”，应为fixed_rent、guarantee_plus_profit_share或greater_of (unknown income mode)"),
    };

    public static string Of(ContributionKind kind) => kind switch
    {
        ContributionKind.Land => "land",
        ContributionKind.Assets => "assets",
        _ => "cash",
    };

    /// <exception cref="Grains.DomainException"><c>contribution.kind</c> (field <paramref name="field"/>): an unknown code.</exception>
    public static ContributionKind Kind(string? code, string field) => code?.Trim() switch
    {
        "land" => ContributionKind.Land,
        "assets" => ContributionKind.Assets,
        "cash" => ContributionKind.Cash,
        _ => throw new Grains.DomainException("contribution.kind", field, $"出资方式应为land、assets或cash (the contribution is land, assets or cash): '{code}'"),
    };

    public static string Json(PaymentSchedule schedule) =>
        JsonSerializer.Serialize(schedule.Instalments.Select(i => new { month = i.Month, day = i.Day, percent = i.Percent }));

    public static PaymentSchedule Schedule(string json) =>
        new(JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(e => new Instalment(e.GetProperty("month").GetInt32(), e.GetProperty("day").GetInt32(), e.GetProperty("percent").GetDecimal())).ToList());
}
