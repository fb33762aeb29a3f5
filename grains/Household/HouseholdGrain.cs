using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace VillageCollective.Grains.Household;

/// <summary>The household grain: answers for a household's statement and checks the edits of its and its members' particulars, through storage.</summary>
public sealed class HouseholdGrain : Grain, IHouseholdGrain
{
    private IHouseholdStorage Storage => ServiceProvider.GetRequiredService<IHouseholdStorage>();

    private long VillageId => this.GetPrimaryKeyLong(out _);

    private int Number
    {
        get
        {
            this.GetPrimaryKeyLong(out var number);
            return int.Parse(number!, CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HouseholdStatementLine>?> StatementAsync() => Storage.StatementAsync(VillageId, Number, CancellationToken.None);

    /// <inheritdoc/>
    public Task SetParticularsAsync(string? villageGroup, string? address) =>
        Storage.SaveParticularsAsync(VillageId, Number, (villageGroup ?? "").Trim(), (address ?? "").Trim(), CancellationToken.None);

    /// <inheritdoc/>
    public Task SetMemberParticularsAsync(long memberId, MemberParticularsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var particulars = MemberParticulars.Checked(entry.MemberSince, entry.SinceReason, entry.EndedOn, entry.EndedReason, entry.Phone, entry.PayoutAccount);
        return Storage.SaveMemberAsync(VillageId, Number, memberId, particulars, CancellationToken.None);
    }
}
