using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Register;

namespace VillageCollective.Grains.Village;

/// <summary>
/// The register part: the village's <see cref="ShareRegister"/> (charter, households, the whole journal) and its households'
/// ids are loaded once per activation and kept; a movement is checked against them in memory and committed in one
/// transaction under the village's version. A stale cache (another writer, a second activation, a test's SQL) shows as a
/// version mismatch: the cache is dropped, reloaded and the command tried again. A refused or failed command drops the
/// cache too, since the register may already hold the refused movement's half.
/// </summary>
public sealed partial class VillageGrain
{
    // A command meets a changed village this many times at most before it gives up (each time it reloads).
    private const int RegisterAttempts = 4;

    private LoadedShareRegister? _register;

    private IRegisterStorage RegisterStorage => ServiceProvider.GetRequiredService<IRegisterStorage>();

    /// <inheritdoc/>
    public async Task<long> RegisterVersionAsync() => (_register ??= await RegisterStorage.LoadAsync(VillageId, CancellationToken.None)).Version;

    /// <inheritdoc/>
    public Task ReplaceCharterAsync(CharterEntry charter, string actor)
    {
        ArgumentNullException.ThrowIfNull(charter);
        var replacement = new ShareCharter([.. charter.Classes.Select(c => new ShareClass(c.Code, c.Name))], charter.Management, charter.Precision,
            charter.RecordDateRule, charter.CancellationOnExit);
        // The register holds the old charter: after the change it is reloaded with the new one.
        return RegisterWriteAsync(
            loaded => loaded.Register.CheckReplacement(replacement),
            version => RegisterStorage.SaveCharterAsync(VillageId, version, replacement, actor, CancellationToken.None),
            keepCache: false);
    }

    /// <inheritdoc/>
    public Task SetDistributionRulesAsync(decimal minReservePercent, string unclaimedPayouts) =>
        RegisterWriteAsync(
            _ => { },
            version => RegisterStorage.SaveDistributionRulesAsync(VillageId, version, minReservePercent, unclaimedPayouts, CancellationToken.None),
            keepCache: true);

    /// <inheritdoc/>
    public Task<int> IssueMissingCertificatesAsync(DateOnly on, string actor) =>
        RegisterStorage.IssueMissingCertificatesAsync(VillageId, on, actor, CancellationToken.None);

    /// <inheritdoc/>
    public async Task<RegisterImportOutcome> ImportRegisterAsync(IReadOnlyList<string[]> rows, DateOnly effectiveOn, string reason, string actor)
    {
        // The file is checked against what the transaction reads, not the held register; the held one is stale afterwards.
        try
        {
            return await RegisterStorage.ImportAsync(VillageId, rows, effectiveOn, reason, actor, CancellationToken.None);
        }
        finally
        {
            _register = null;
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordedMovement>> AllocateAsync(MovementEntry entry, int household, string shareClass, decimal shares, bool enrolment) =>
        RegisterCommandAsync(entry, (loaded, info) =>
            Task.FromResult(new RegisterChange([loaded.Register.Allocate(info, household, shareClass, shares, enrolment)])));

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordedMovement>> TransferAsync(MovementEntry entry, int fromHousehold, int toHousehold, string shareClass, decimal shares,
        bool inheritance) =>
        RegisterCommandAsync(entry, (loaded, info) =>
            Task.FromResult(new RegisterChange([loaded.Register.Transfer(info, fromHousehold, toHousehold, shareClass, shares, inheritance)])));

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordedMovement>> SplitAsync(MovementEntry entry, int fromHousehold, int? newHousehold,
        Dictionary<string, decimal> sharesByClass, IReadOnlyList<MovingMemberEntry> members) =>
        RegisterCommandAsync(entry, async (loaded, info) =>
        {
            var fromId = HouseholdId(loaded, fromHousehold, "fromHousehold");
            var present = await RegisterStorage.MembersAsync(fromId, CancellationToken.None);
            var (moving, head) = HouseholdMoves.Split(fromHousehold, [.. members.Select(m => (m.MemberId, m.Relation))], present);
            var number = HouseholdMoves.NewNumber(newHousehold, loaded.HouseholdIds.Keys);
            loaded.Register.AddHousehold(number);
            var movement = loaded.Register.Split(info, fromHousehold, number, sharesByClass);
            return new RegisterChange([movement], new OpenedHousehold(number, fromHousehold, head.Name), number, moving);
        });

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordedMovement>> MergeAsync(MovementEntry entry, int fromHousehold, int intoHousehold, IReadOnlyList<MovingMemberEntry> members) =>
        RegisterCommandAsync(entry, async (loaded, info) =>
        {
            var fromId = HouseholdId(loaded, fromHousehold, "fromHousehold");
            var movement = loaded.Register.Merge(info, fromHousehold, intoHousehold);
            var present = await RegisterStorage.MembersAsync(fromId, CancellationToken.None);
            var moving = HouseholdMoves.Merge(intoHousehold, present, members.ToDictionary(m => m.MemberId, m => m.Relation));
            return new RegisterChange([movement], MembersMoveTo: intoHousehold, MovingMembers: moving,
                Ended: new EndedHousehold(fromHousehold, info.EffectiveOn, $"并入第{intoHousehold}户"));
        });

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordedMovement>> CancelAsync(MovementEntry entry, int household, string shareClass, decimal shares) =>
        RegisterCommandAsync(entry, (loaded, info) =>
            Task.FromResult(new RegisterChange([loaded.Register.Cancel(info, household, shareClass, shares)])));

    /// <inheritdoc/>
    public Task<IReadOnlyList<RecordedMovement>> CorrectAsync(MovementEntry entry, long movementNo, IReadOnlyList<LegEntry> legs) =>
        RegisterCommandAsync(entry, (loaded, info) =>
        {
            var (reversal, replacement) = loaded.Register.Correct(info, movementNo, [.. legs.Select(l => new MovementLeg(l.Household, l.ShareClass, l.Delta))]);
            return Task.FromResult(new RegisterChange(replacement is null ? [reversal] : [reversal, replacement]));
        });

    private long HouseholdId(LoadedShareRegister loaded, int number, string field) =>
        loaded.HouseholdIds.TryGetValue(number, out var id) ? id : throw RegisterStorage.NotFound(field, $"第{number}户");

    private async Task<IReadOnlyList<RecordedMovement>> RegisterCommandAsync(MovementEntry entry,
        Func<LoadedShareRegister, MovementInfo, Task<RegisterChange>> command)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var info = new MovementInfo(entry.EffectiveOn, entry.Reason, entry.DocumentRef, entry.EnteredBy);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = _register ??= await RegisterStorage.LoadAsync(VillageId, CancellationToken.None);
            RegisterChange change;
            try
            {
                change = await command(loaded, info);
            }
            catch (Exception)
            {
                _register = null;
                // A refusal by a stale register is no refusal: when the village changed meanwhile, judge again on a fresh one.
                if (attempt < RegisterAttempts && await RegisterStorage.VersionAsync(VillageId, CancellationToken.None) != loaded.Version)
                {
                    continue;
                }

                throw;
            }

            RegisterCommitted? committed;
            try
            {
                committed = await RegisterStorage.CommitAsync(VillageId, loaded.Version, change, loaded.HouseholdIds, CancellationToken.None);
            }
            catch
            {
                _register = null;
                throw;
            }

            if (committed is null)
            {
                _register = null;
                if (attempt >= RegisterAttempts)
                {
                    throw new DomainException("register.busy", "villageId",
                        "本村台账正被同时修改，请稍后重试 (the village's register kept changing meanwhile; try again)");
                }

                continue;
            }

            if (change.Opened is { } opened && committed.OpenedHouseholdId is { } openedId)
            {
                loaded.HouseholdIds[opened.Number] = openedId;
            }

            if (change.Ended is { } ended)
            {
                loaded.Register.EndHousehold(ended.Number);
            }

            _register = loaded with { Version = committed.Version };
            return [.. change.Movements.Select(Recorded)];
        }
    }

    // A write that is no movement: checked against the held register, saved under its version; on a mismatch reloaded and
    // tried again. keepCache: the write leaves the register as it is, so the held one stays valid at the new version.
    private async Task RegisterWriteAsync(Action<LoadedShareRegister> check, Func<long, Task<long?>> save, bool keepCache)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = _register ??= await RegisterStorage.LoadAsync(VillageId, CancellationToken.None);
            check(loaded);
            long? version;
            try
            {
                version = await save(loaded.Version);
            }
            catch
            {
                _register = null;
                throw;
            }

            _register = version is { } v && keepCache ? loaded with { Version = v } : null;
            if (version is not null) return;
            if (attempt >= RegisterAttempts)
            {
                throw new DomainException("register.busy", "villageId", "本村台账正被同时修改，请稍后重试 (the village's register kept changing meanwhile; try again)");
            }
        }
    }

    private static RecordedMovement Recorded(ShareMovement m) =>
        new(m.No, MovementKinds.Code(m.Kind), m.Info.EffectiveOn, m.Info.Reason, m.Info.DocumentRef, m.Info.EnteredBy, m.Reverses,
            [.. m.Legs.Select(l => new LegEntry(l.Household, l.ShareClass, l.Delta))]);
}
