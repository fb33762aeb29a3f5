namespace VillageCollective.Grains.Partnerships;

/// <summary>Settles a year (or settles it again, with a reason) on the enterprise's reported figures.</summary>
/// <param name="CountyId">The county whose administrator acts; a partnership of another county is not found.</param>
/// <param name="Year">The calendar year.</param>
/// <param name="Revenue">Reported revenue, yuan (to the fen).</param>
/// <param name="NetProfit">Reported net profit, yuan (negative for a loss).</param>
/// <param name="Reason">Why a settled year is settled again; blank for a first settlement.</param>
/// <param name="SettledOn">The day of the settlement (China Standard Time).</param>
/// <param name="By">Who settles (the audit's actor).</param>
[GenerateSerializer, Alias("vc.SettleYear")]
public sealed record SettleYear(
    [property: Id(0)] long CountyId,
    [property: Id(1)] int Year,
    [property: Id(2)] decimal Revenue,
    [property: Id(3)] decimal NetProfit,
    [property: Id(4)] string? Reason,
    [property: Id(5)] DateOnly SettledOn,
    [property: Id(6)] string By);

/// <summary>Records money received from the enterprise for a village's settled year.</summary>
/// <param name="CountyId">The county whose administrator acts.</param>
/// <param name="VillageId">The party village paid.</param>
/// <param name="Year">The settled year paid for.</param>
/// <param name="PaidOn">The day the money came (date).</param>
/// <param name="Amount">Yuan, above zero, at most what is still owed.</param>
/// <param name="Note">Free text (e.g. 第一期).</param>
/// <param name="By">Who records it.</param>
[GenerateSerializer, Alias("vc.RecordPartnershipPayment")]
public sealed record RecordPartnershipPayment(
    [property: Id(0)] long CountyId,
    [property: Id(1)] long VillageId,
    [property: Id(2)] int Year,
    [property: Id(3)] DateOnly PaidOn,
    [property: Id(4)] decimal Amount,
    [property: Id(5)] string Note,
    [property: Id(6)] string By);

/// <summary>How a partnership command ended; the refusals that are not a broken rule (those throw
/// <see cref="DomainException"/>) and that the caller maps to its own answer (HTTP 404, 409).</summary>
[GenerateSerializer, Alias("vc.PartnershipOutcome")]
public enum PartnershipOutcome
{
    /// <summary>Written; <see cref="PartnershipAnswer.Id"/> is the new settlement's or payment's id.</summary>
    Done = 0,

    /// <summary>No such partnership in the command's county.</summary>
    NotFound = 1,

    /// <summary>The year is settled already and the command gives no reason for settling it again.</summary>
    YearSettled = 2,

    /// <summary>Other writers changed the partnership at every attempt; nothing was written.</summary>
    Busy = 3,
}

/// <summary>The partnership grain's answer to a command.</summary>
/// <param name="Outcome">Done or why not.</param>
/// <param name="Id">The settlement's or payment's id when done; 0 otherwise.</param>
[GenerateSerializer, Alias("vc.PartnershipAnswer")]
public sealed record PartnershipAnswer([property: Id(0)] PartnershipOutcome Outcome, [property: Id(1)] long Id);
