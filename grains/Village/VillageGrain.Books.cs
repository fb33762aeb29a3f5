using Microsoft.Extensions.DependencyInjection;
using VillageCollective.Grains.Books;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.Village;

// The books part keeps nothing in memory: every command is one storage transaction under the village's row lock, and the
// statement is read from the tables (other writers, such as partnership settlements, post into the books too).
public sealed partial class VillageGrain
{
    private IBooksStorage BooksStorage => ServiceProvider.GetRequiredService<IBooksStorage>();

    /// <inheritdoc/>
    public Task<long> PostEntryAsync(PostEntry command)
    {
        var entry = new BookEntry(command.Date, command.Year, EntryCategory.Parse(command.Category), command.Counterparty,
            command.DocumentNumber, new Yuan(command.Amount));
        return BooksStorage.PostAsync(VillageId, entry, command.EnteredBy, CancellationToken.None);
    }

    /// <inheritdoc/>
    public Task<long> ReverseEntryAsync(ReverseEntry command) =>
        BooksStorage.ReverseAsync(VillageId, command.Year, command.EntryId, command.Reason, command.On, command.EnteredBy,
            CancellationToken.None);

    /// <inheritdoc/>
    public Task SetBooksYearAsync(SetBooksYear command) =>
        BooksStorage.SetYearAsync(VillageId, command.Year, command.OpeningUndistributed is { } o ? new Yuan(o) : null,
            new Yuan(command.OtherTransfersIn), CancellationToken.None);
}
