namespace VillageCollective.Grains.Village;

/// <summary>Who records a movement, when it counts and why (the journal's columns besides the legs).</summary>
/// <param name="EffectiveOn">The date from which it counts (China time).</param>
/// <param name="Reason">Why (变动原因); required.</param>
/// <param name="DocumentRef">The document it rests on (依据文件); may be empty.</param>
/// <param name="EnteredBy">The login that enters it.</param>
[GenerateSerializer, Alias("vc.MovementEntry")]
public sealed record MovementEntry(
    [property: Id(0)] DateOnly EffectiveOn, [property: Id(1)] string Reason, [property: Id(2)] string DocumentRef, [property: Id(3)] string EnteredBy);

/// <summary>A member moving with a split or merge and their relation to the head of the household they join.</summary>
[GenerateSerializer, Alias("vc.MovingMemberEntry")]
public sealed record MovingMemberEntry([property: Id(0)] long MemberId, [property: Id(1)] string? Relation);

/// <summary>A leg of a correction's replacement: household number, share class code, shares added (+) or removed (−).</summary>
[GenerateSerializer, Alias("vc.LegEntry")]
public sealed record LegEntry([property: Id(0)] int Household, [property: Id(1)] string ShareClass, [property: Id(2)] decimal Delta);

/// <summary>A movement as recorded: number, kind code (e.g. <c>transfer</c>), date, reason, document, enterer, reversed number, legs.</summary>
[GenerateSerializer, Alias("vc.RecordedMovement")]
public sealed record RecordedMovement(
    [property: Id(0)] long No, [property: Id(1)] string Kind, [property: Id(2)] DateOnly EffectiveOn, [property: Id(3)] string Reason,
    [property: Id(4)] string DocumentRef, [property: Id(5)] string EnteredBy, [property: Id(6)] long? Reverses,
    [property: Id(7)] IReadOnlyList<LegEntry> Legs);

/// <summary>A share class of the charter: code and Chinese name.</summary>
[GenerateSerializer, Alias("vc.ShareClassEntry")]
public sealed record ShareClassEntry([property: Id(0)] string Code, [property: Id(1)] string Name);

/// <summary>The charter's share rules as a command carries them (see <see cref="Register.ShareCharter"/> for their meaning).</summary>
[GenerateSerializer, Alias("vc.CharterEntry")]
public sealed record CharterEntry(
    [property: Id(0)] IReadOnlyList<ShareClassEntry> Classes, [property: Id(1)] Register.ShareManagement Management,
    [property: Id(2)] decimal Precision, [property: Id(3)] Register.RecordDateRule RecordDateRule, [property: Id(4)] bool CancellationOnExit);

/// <summary>An error of a register file: row (0 the header), column heading, rule code, message (Chinese, then English).</summary>
[GenerateSerializer, Alias("vc.RegisterImportError")]
public sealed record RegisterImportError([property: Id(0)] int Row, [property: Id(1)] string Column, [property: Id(2)] string Rule,
    [property: Id(3)] string Message);

/// <summary>
/// What an import of a register file did: households, members and shares written and the movement numbers of its allocations;
/// or, when <see cref="Errors"/> is not empty, nothing written.
/// </summary>
[GenerateSerializer, Alias("vc.RegisterImportOutcome")]
public sealed record RegisterImportOutcome(
    [property: Id(0)] int Households, [property: Id(1)] int Members, [property: Id(2)] decimal Shares, [property: Id(3)] long FirstMovementNo,
    [property: Id(4)] long LastMovementNo, [property: Id(5)] IReadOnlyList<RegisterImportError> Errors);

/// <summary>
/// The village grain's register part: share movements (股权变动). Each validates against the register the grain keeps in
/// memory and commits in one transaction under the village's version; a refused movement changes nothing. Shares are
/// decimals, multiples of the charter's precision; households are numbers (户号).
/// </summary>
public partial interface IVillageGrain
{
    /// <summary>The village's version (<c>villages.version</c>) of the register the grain holds; loads the register when it holds none.</summary>
    [Alias("vc.IVillageGrain.RegisterVersion")]
    Task<long> RegisterVersionAsync();

    /// <summary>Replaces the charter's share rules; refused when the journal uses a dropped class or a finer amount.</summary>
    /// <exception cref="DomainException">The charter's own checks; <c>charter.classInUse</c>, <c>charter.precisionInUse</c>.</exception>
    [Alias("vc.IVillageGrain.ReplaceCharter")]
    Task ReplaceCharterAsync(CharterEntry charter, string actor);

    /// <summary>Sets the charter's distribution rules: minimum reserve percent (checked by the caller) and what becomes of unclaimed payouts.</summary>
    [Alias("vc.IVillageGrain.SetDistributionRules")]
    Task SetDistributionRulesAsync(decimal minReservePercent, string unclaimedPayouts);

    /// <summary>Issues a certificate, numbered on from the village's highest, to every member household without a valid one; how many.</summary>
    [Alias("vc.IVillageGrain.IssueMissingCertificates")]
    Task<int> IssueMissingCertificatesAsync(DateOnly on, string actor);

    /// <summary>
    /// Imports a register file's rows (row 0 the header): new households with their members and one allocation each, dated
    /// <paramref name="effectiveOn"/>, all or nothing, checked against the charter and the register as they are.
    /// </summary>
    [Alias("vc.IVillageGrain.ImportRegister")]
    Task<RegisterImportOutcome> ImportRegisterAsync(IReadOnlyList<string[]> rows, DateOnly effectiveOn, string reason, string actor);

    /// <summary>折股量化, or 新增配股 when <paramref name="enrolment"/>: shares added to a member household.</summary>
    /// <exception cref="DomainException">The register's rules (fields <c>household</c>, <c>shareClass</c>, <c>shares</c>, <c>kind</c>).</exception>
    [Alias("vc.IVillageGrain.Allocate")]
    Task<IReadOnlyList<RecordedMovement>> AllocateAsync(MovementEntry entry, int household, string shareClass, decimal shares, bool enrolment);

    /// <summary>转让, or 继承 when <paramref name="inheritance"/>: shares from one household to another member household.</summary>
    /// <exception cref="DomainException">The register's rules (fields <c>fromHousehold</c>, <c>toHousehold</c>, <c>shares</c>).</exception>
    [Alias("vc.IVillageGrain.Transfer")]
    Task<IReadOnlyList<RecordedMovement>> TransferAsync(MovementEntry entry, int fromHousehold, int toHousehold, string shareClass, decimal shares,
        bool inheritance);

    /// <summary>
    /// 分户: a new household (number <paramref name="newHousehold"/> or the next free one) takes <paramref name="sharesByClass"/>
    /// and <paramref name="members"/> from <paramref name="fromHousehold"/> (exactly one of them its 户主).
    /// </summary>
    /// <exception cref="DomainException">Field <c>members</c>, <c>newHousehold</c> or the register's rules; 404 for an unknown household.</exception>
    [Alias("vc.IVillageGrain.Split")]
    Task<IReadOnlyList<RecordedMovement>> SplitAsync(MovementEntry entry, int fromHousehold, int? newHousehold,
        Dictionary<string, decimal> sharesByClass, IReadOnlyList<MovingMemberEntry> members);

    /// <summary>合户: <paramref name="fromHousehold"/> joins <paramref name="intoHousehold"/> with its shares and members (relations default 其他).</summary>
    /// <exception cref="DomainException">Field <c>members</c> or the register's rules; 404 for an unknown household.</exception>
    [Alias("vc.IVillageGrain.Merge")]
    Task<IReadOnlyList<RecordedMovement>> MergeAsync(MovementEntry entry, int fromHousehold, int intoHousehold, IReadOnlyList<MovingMemberEntry> members);

    /// <summary>退出注销, where the charter allows it.</summary>
    /// <exception cref="DomainException">The register's rules (fields <c>kind</c>, <c>household</c>, <c>shares</c>).</exception>
    [Alias("vc.IVillageGrain.Cancel")]
    Task<IReadOnlyList<RecordedMovement>> CancelAsync(MovementEntry entry, int household, string shareClass, decimal shares);

    /// <summary>更正: reverses movement <paramref name="movementNo"/> and, when <paramref name="legs"/> are given, records them anew.</summary>
    /// <exception cref="DomainException">Field <c>movementNo</c> or <c>legs</c>, or the register's rules.</exception>
    [Alias("vc.IVillageGrain.Correct")]
    Task<IReadOnlyList<RecordedMovement>> CorrectAsync(MovementEntry entry, long movementNo, IReadOnlyList<LegEntry> legs);
}
