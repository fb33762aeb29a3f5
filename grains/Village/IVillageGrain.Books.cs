using VillageCollective.Grains.Books;

namespace VillageCollective.Grains.Village;

/// <summary>The village grain's books (账目): entries, reversals, the year's opening balance.</summary>
public partial interface IVillageGrain
{
    /// <summary>Books an entry; returns its id.</summary>
    /// <exception cref="DomainException"><c>entry.date</c>, <c>entry.amount</c>, an unknown category.</exception>
    [Alias("vc.village.postEntry")]
    Task<long> PostEntryAsync(PostEntry command);

    /// <summary>Undoes an entry by a reversing entry with a reason; returns the reversal's id.</summary>
    /// <exception cref="DomainException"><c>entry.reverseReversal</c>, or a date outside the entry's year.</exception>
    /// <remarks>The silo's problem exception: 404 unknown entry; 409 already reversed or posted by a partnership
    /// settlement; 400 no reason.</remarks>
    [Alias("vc.village.reverseEntry")]
    Task<long> ReverseEntryAsync(ReverseEntry command);

    /// <summary>Sets the year's opening undistributed income and other transfers in.</summary>
    [Alias("vc.village.setBooksYear")]
    Task SetBooksYearAsync(SetBooksYear command);
}
