using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Books;

/// <summary>
/// Where the village grain keeps a village's books (implemented by the silo over PostgreSQL). Each method is one
/// transaction that first locks the village's row, so it takes its turn with every other writer of the village (another
/// silo's activation, the batch, a partnership settlement).
/// </summary>
public interface IBooksStorage
{
    /// <summary>Books <paramref name="entry"/>; returns its id.</summary>
    Task<long> PostAsync(long villageId, BookEntry entry, string enteredBy, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes entry <paramref name="entryId"/> of <paramref name="year"/> by a reversing entry dated <paramref name="on"/>
    /// with <paramref name="reason"/>; returns the reversal's id.
    /// </summary>
    /// <exception cref="DomainException">The reversal's date lies outside the entry's year (<see cref="BookEntry.Reversal"/>).</exception>
    /// <remarks>The silo's refusals (404 unknown entry, 409 already reversed or posted by a settlement, 400 no reason)
    /// leave as its problem exception.</remarks>
    Task<long> ReverseAsync(long villageId, int year, long entryId, string reason, DateOnly on, string enteredBy,
        CancellationToken cancellationToken);

    /// <summary>Sets the year's opening undistributed income (null: carried from the previous year) and other transfers
    /// in, yuan.</summary>
    Task SetYearAsync(long villageId, int year, Yuan? openingUndistributed, Yuan otherTransfersIn,
        CancellationToken cancellationToken);
}
