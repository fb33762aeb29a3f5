namespace VillageCollective.Grains.Books;

/// <summary>
/// A new book entry for the village grain: its date (in <paramref name="Year"/>), category code (<see cref="EntryCategory"/>),
/// counterparty, document number and amount in yuan (&gt; 0, at most two decimals); <paramref name="EnteredBy"/> is the
/// account that books it.
/// </summary>
[GenerateSerializer, Alias("vc.PostEntry")]
public sealed record PostEntry(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int Year,
    [property: Id(2)] string Category,
    [property: Id(3)] string Counterparty,
    [property: Id(4)] string DocumentNumber,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] string EnteredBy);

/// <summary>Undo entry <paramref name="EntryId"/> of <paramref name="Year"/> by a reversing entry dated <paramref name="On"/>,
/// for <paramref name="Reason"/>.</summary>
[GenerateSerializer, Alias("vc.ReverseEntry")]
public sealed record ReverseEntry(
    [property: Id(0)] int Year,
    [property: Id(1)] long EntryId,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateOnly On,
    [property: Id(4)] string EnteredBy);

/// <summary>The year's opening undistributed income in yuan (null: carried from the previous year) and other transfers in.</summary>
[GenerateSerializer, Alias("vc.SetBooksYear")]
public sealed record SetBooksYear(
    [property: Id(0)] int Year,
    [property: Id(1)] decimal? OpeningUndistributed,
    [property: Id(2)] decimal OtherTransfersIn);
