using System.Diagnostics;
using Orleans.Concurrency;
using VillageCollective.Grains.Household;
using VillageCollective.Grains.Money;

namespace VillageCollective.Grains.DividendDay;

/// <summary>
/// The dividend meeting grain (<see cref="IDividendMeetingGrain"/>). It loads the run's meeting, lines, households and used
/// idempotency keys once per activation and answers from memory. Calls interleave (<see cref="ReentrantAttribute"/>) only to
/// queue: one flush loop takes what has queued, decides each command against the state including the commands before it
/// in the same batch, commits the batch's events in one transaction guarded by the meeting's version, and only then answers.
/// While one batch commits the next one gathers, so the busier the tables the larger the batch (group commit). A version
/// mismatch (another writer, a second activation) reloads and decides again; a failed batch is retried one command at a
/// time, so only the command at fault fails.
/// </summary>
[Reentrant]
public sealed class DividendMeetingGrain(IMeetingStorage storage) : Grain, IDividendMeetingGrain
{
    // Reload-and-retry rounds before answering Busy; each round means another writer committed in between.
    private const int MaxAttempts = 5;

    // A bound on one transaction's size; more waiting commands go in the next batch.
    private const int MaxBatch = 256;

    // How long a batch waits for the callers the last batch answered, when it has fewer commands than that one had.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(1);

    private readonly Queue<Command> _queue = new();
    private bool _flushing;
    private int _lastBatch;
    private long _lastFlushEnd;
    private MeetingState? _meeting;

    private long RunId => this.GetPrimaryKeyLong();

    /// <inheritdoc/>
    public Task<MeetingAnswer> Open(MeetingCommand command) => Enqueue(new MeetingChange(command, storage.Caller(), OpenAsync));

    /// <inheritdoc/>
    public Task<MeetingAnswer> Close(MeetingCommand command) => Enqueue(new MeetingChange(command, storage.Caller(), CloseAsync));

    /// <inheritdoc/>
    public Task<MeetingAnswer> Reopen(MeetingCommand command) => Enqueue(new MeetingChange(command, storage.Caller(), ReopenAsync));

    /// <inheritdoc/>
    public Task<MeetingAnswer> Mark(MarkPayoutLine command) => Enqueue(new LineChange(command, null, storage.Caller()));

    /// <inheritdoc/>
    public Task<MeetingAnswer> Undo(UndoPayoutMark command) => Enqueue(new LineChange(null, command, storage.Caller()));

    /// <inheritdoc/>
    public Task<string> Host() => Task.FromResult(RuntimeIdentity);

    private Task<MeetingAnswer> Enqueue(Command command)
    {
        _queue.Enqueue(command);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return command.Answer.Task;
    }

    // The one writer: meeting changes run alone, consecutive line changes as one batch.
    private async Task FlushAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                if (_queue.Peek() is MeetingChange change)
                {
                    _queue.Dequeue();
                    await ChangeMeetingAsync(change);
                    continue;
                }
                // Under load, the callers the last batch answered send their next marks within a millisecond. Without this wait the
                // batches alternate between the one mark that came first and all the others; with it they stay full.
                if (_queue.Count < _lastBatch && Stopwatch.GetElapsedTime(_lastFlushEnd) < 5 * Gather) await Task.Delay(Gather);
                var batch = new List<LineChange>();
                while (batch.Count < MaxBatch && _queue.TryPeek(out var next) && next is LineChange line)
                {
                    batch.Add(line);
                    _queue.Dequeue();
                }
                await WriteLinesAsync(batch);
                _lastBatch = batch.Count;
                _lastFlushEnd = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task<MeetingState?> LoadedAsync() => _meeting ??= await storage.LoadAsync(RunId, CancellationToken.None);

    private async Task ChangeMeetingAsync(MeetingChange change)
    {
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var meeting = await LoadedAsync();
                if (meeting is null || meeting.VillageId != change.Command.VillageId)
                {
                    change.Answer.TrySetResult(new(MeetingOutcome.RunNotFound));
                    return;
                }
                if (await change.Run(meeting, change))
                {
                    change.Answer.TrySetResult(new(MeetingOutcome.Done));
                    return;
                }
                _meeting = null;
            }
            change.Answer.TrySetResult(new(MeetingOutcome.Busy));
        }
        catch (Exception e)
        {
            if (e is not DomainException) _meeting = null;
            change.Answer.TrySetException(e);
        }
    }

    private async Task<bool> OpenAsync(MeetingState meeting, MeetingChange change)
    {
        new PayoutMeeting(meeting.Status).Open(change.Command.Role);
        var version = await storage.OpenAsync(meeting.VillageId, RunId, meeting.MeetingDate, change.Command.Actor, change.Caller, CancellationToken.None);
        if (version is null) return false;
        meeting.Status = MeetingStatus.Open;
        meeting.Version = version;
        foreach (var line in meeting.Lines.Values.ToList())
        {
            meeting.Lines[line.LineNo] = line with { Status = PayoutStatus.Pending, Last = null };
        }
        return true;
    }

    private async Task<bool> CloseAsync(MeetingState meeting, MeetingChange change)
    {
        var command = change.Command;
        new PayoutMeeting(meeting.Status).Close(command.Role);
        PayoutLineCheck.RequireText(command.Reason, "reason");
        var tables = command.Tables ?? [];
        var issued = new Dictionary<int, Yuan>();
        for (var i = 0; i < tables.Count; i++)
        {
            if (!issued.TryAdd(tables[i].TableNo, new Yuan(tables[i].CashIssued)))
            {
                throw new DomainException("cash.duplicateTable", $"tables[{i}].tableNo",
                    $"桌号{tables[i].TableNo}重复 (table {tables[i].TableNo} is listed twice)");
            }
        }
        // What each table paid in cash or by proxy: the amounts of its lines in those statuses (deferring pending lines adds none).
        var paid = meeting.Lines.Values.Where(l => PayoutStatuses.IsCash(l.Status) && l.Last is not null)
            .GroupBy(l => l.Last!.TableNo)
            .ToDictionary(g => g.Key, g => g.Select(l => new Yuan(l.Amount)).ToList());
        var counts = issued.Keys.Union(paid.Keys).Order()
            .Select(table => TableCashCount.Of(table, issued.GetValueOrDefault(table, Yuan.Zero), paid.GetValueOrDefault(table, [])))
            .ToList();
        var version = await storage.CloseAsync(meeting.VillageId, RunId, meeting.Version!.Value, command.Actor, command.Reason!.Trim(), counts,
            change.Caller, CancellationToken.None);
        if (version is null) return false;
        // The deferrals' events were written by one statement; the next command reads them with the rest.
        _meeting = null;
        return true;
    }

    private async Task<bool> ReopenAsync(MeetingState meeting, MeetingChange change)
    {
        new PayoutMeeting(meeting.Status).Reopen(change.Command.Role, change.Command.Reason);
        var version = await storage.ReopenAsync(meeting.VillageId, RunId, meeting.Version!.Value, change.Command.Actor, change.Command.Reason!.Trim(),
            change.Caller, CancellationToken.None);
        if (version is null) return false;
        meeting.Status = MeetingStatus.Open;
        meeting.Version = version;
        return true;
    }

    private async Task WriteLinesAsync(List<LineChange> batch)
    {
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var meeting = await LoadedAsync();
                var plan = new LinePlan(meeting, batch);
                if (plan.Writes.Count == 0)
                {
                    plan.Answer([]);
                    return;
                }
                var written = await storage.WriteLinesAsync(meeting!.VillageId, RunId, meeting.Version!.Value, plan.Segments, CancellationToken.None);
                if (written is null)
                {
                    _meeting = null;
                    continue;
                }
                var events = plan.Apply(meeting, written);
                plan.Answer(events);
                return;
            }
            foreach (var change in batch) change.Answer.TrySetResult(new(MeetingOutcome.Busy));
        }
        catch (Exception e)
        {
            // Nothing of the batch was committed; the cache may be behind what the database holds now.
            _meeting = null;
            if (batch.Count == 1)
            {
                batch[0].Answer.TrySetException(e);
                return;
            }
            foreach (var change in batch) await WriteLinesAsync([change]);
        }
    }

    private abstract class Command(AuditCaller caller)
    {
        public AuditCaller Caller { get; } = caller;

        public TaskCompletionSource<MeetingAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class MeetingChange(MeetingCommand command, AuditCaller caller, Func<MeetingState, MeetingChange, Task<bool>> run)
        : Command(caller)
    {
        public MeetingCommand Command { get; } = command;

        // Decides and writes; false when the version did not match (reload and decide again).
        public Func<MeetingState, MeetingChange, Task<bool>> Run { get; } = run;
    }

    private sealed class LineChange(MarkPayoutLine? mark, UndoPayoutMark? undo, AuditCaller caller) : Command(caller)
    {
        public MarkPayoutLine? MarkCommand { get; } = mark;

        public UndoPayoutMark? UndoCommand { get; } = undo;
    }

    /// <summary>
    /// A batch's decisions against the cached state as changed by the batch's earlier commands: what to write (in segments in
    /// which each line appears once, so one statement per segment and cashier is unambiguous) and what to answer each command.
    /// </summary>
    private sealed class LinePlan
    {
        private readonly List<LineChange> _batch;
        private readonly Decision[] _decisions;

        // A line as changed by this batch so far: its status, its last committed event or the write that will replace it.
        private readonly Dictionary<int, (PayoutStatus Status, PayoutLineEvent? Last, int? LastWrite, int Segment)> _touched = [];
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);

        public LinePlan(MeetingState? meeting, List<LineChange> batch)
        {
            _batch = batch;
            _decisions = new Decision[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    _decisions[i] = batch[i].MarkCommand is { } mark ? DecideMark(meeting, mark, i) : DecideUndo(meeting, batch[i].UndoCommand!, i);
                }
                catch (DomainException e)
                {
                    _decisions[i] = new Decision(Refusal: e);
                }
            }
        }

        public List<PayoutLineWrite> Writes { get; } = [];

        public List<List<PayoutLineWrite>> Segments { get; } = [];

        // Puts the committed events into the cache; returns them in the order of the writes.
        public List<PayoutLineEvent> Apply(MeetingState meeting, PayoutLinesWritten written)
        {
            var events = new List<PayoutLineEvent>(Writes.Count);
            for (var k = 0; k < Writes.Count; k++)
            {
                var w = Writes[k];
                var e = new PayoutLineEvent(written.EventIds[k], w.LineNo, w.Kind, PayoutStatuses.Code(w.Status), w.RecipientName, w.Relation,
                    w.RecipientId is null ? null : ResidentId.Parse(w.RecipientId).Masked, w.BatchReference, w.Reason, w.Reverses, w.Cashier,
                    w.TableNo, written.At);
                events.Add(e);
                meeting.Lines[w.LineNo] = meeting.Lines[w.LineNo] with { Status = w.Status, Last = e };
                if (w.IdempotencyKey is not null) meeting.Keys[w.IdempotencyKey] = new KeyedPayoutEvent(w.Fingerprint!, e);
            }
            meeting.Version = written.Version;
            return events;
        }

        public void Answer(List<PayoutLineEvent> events)
        {
            for (var i = 0; i < _batch.Count; i++)
            {
                var d = _decisions[i];
                var answer = _batch[i].Answer;
                if (d.Refusal is not null) answer.TrySetException(d.Refusal);
                else if (d.Answer is not null) answer.TrySetResult(d.Answer);
                else if (d.Write is { } k) answer.TrySetResult(new(MeetingOutcome.Done, events[k]));
                else if (d.ReplayOf is { } r) answer.TrySetResult(new(MeetingOutcome.Replayed, events[r]));
                else if (d.MarkedBy is { } m) answer.TrySetResult(new(MeetingOutcome.AlreadyMarked, events[m]));
            }
        }

        private Decision DecideMark(MeetingState? meeting, MarkPayoutLine mark, int index)
        {
            if (meeting is null || meeting.VillageId != mark.VillageId) return new(Answer: new(MeetingOutcome.RunNotFound));
            if (meeting.Keys.TryGetValue(mark.IdempotencyKey, out var first))
            {
                return first.Fingerprint == mark.Fingerprint && first.Event.LineNo == mark.LineNo
                    ? new(Answer: new(MeetingOutcome.Replayed, first.Event))
                    : new(Answer: new(MeetingOutcome.KeyReused));
            }
            if (_keys.TryGetValue(mark.IdempotencyKey, out var earlier))
            {
                var other = _batch[earlier].MarkCommand!;
                return other.Fingerprint == mark.Fingerprint && other.LineNo == mark.LineNo
                    ? new(ReplayOf: _decisions[earlier].Write)
                    : new(Answer: new(MeetingOutcome.KeyReused));
            }
            new PayoutMeeting(meeting.Status).EnsureOpen();
            if (!meeting.Lines.TryGetValue(mark.LineNo, out var line)) return new(Answer: new(MeetingOutcome.LineNotFound));
            var (status, last, lastWrite) = Current(line);
            var payoutMark = mark.ToMark();
            TableCashCount.RequireTableNo(mark.TableNo);
            try
            {
                new PayoutLineCheck(status).Mark(payoutMark, meeting.Households.GetValueOrDefault(line.HouseholdId) ?? [], meeting.MeetingDate);
            }
            catch (DomainException e) when (e.Code == PayoutLineCheck.AlreadyMarked)
            {
                return lastWrite is { } w ? new(MarkedBy: w) : new(Answer: new(MeetingOutcome.AlreadyMarked, last));
            }
            var (name, relation, id) = payoutMark switch
            {
                PaidInCash c => (c.RecipientName.Trim(), c.Relation.Trim(), c.RecipientId.Value),
                CollectedByProxy p => (p.ProxyName.Trim(), p.Relation.Trim(), p.ProxyId.Value),
                _ => ((string?)null, (string?)null, (string?)null),
            };
            var write = Add(new PayoutLineWrite(mark.LineNo, "mark", payoutMark.Status, name, relation, id,
                (payoutMark as TransferredToBank)?.BatchReference.Trim(), (payoutMark as Deferred)?.Reason.Trim(), null, mark.Cashier, mark.TableNo,
                mark.IdempotencyKey, mark.Fingerprint, _batch[index].Caller));
            _keys[mark.IdempotencyKey] = index;
            return new(Write: write);
        }

        private Decision DecideUndo(MeetingState? meeting, UndoPayoutMark undo, int index)
        {
            if (meeting is null || meeting.VillageId != undo.VillageId) return new(Answer: new(MeetingOutcome.RunNotFound));
            new PayoutMeeting(meeting.Status).EnsureOpen();
            if (!meeting.Lines.TryGetValue(undo.LineNo, out var line)) return new(Answer: new(MeetingOutcome.LineNotFound));
            var (status, last, lastWrite) = Current(line);
            new PayoutLineCheck(status).Undo(undo.Reason);
            // A mark of this batch has no id the undo could have named yet.
            if (lastWrite is not null || last?.Id != undo.EventId) return new(Answer: new(MeetingOutcome.UndoStale));
            var write = Add(new PayoutLineWrite(undo.LineNo, "undo", PayoutStatus.Pending, null, null, null, null, undo.Reason!.Trim(), undo.EventId,
                undo.Cashier, Math.Max(undo.TableNo, 0), null, null, _batch[index].Caller));
            return new(Write: write);
        }

        private (PayoutStatus Status, PayoutLineEvent? Last, int? LastWrite) Current(PayoutLineState line) =>
            _touched.TryGetValue(line.LineNo, out var t) ? (t.Status, t.Last, t.LastWrite) : (line.Status, line.Last, null);

        private int Add(PayoutLineWrite write)
        {
            // A line written twice in one batch (an undo and a new mark) starts a new segment, written after the first.
            if (Segments.Count == 0 || (_touched.TryGetValue(write.LineNo, out var t) && t.Segment == Segments.Count - 1)) Segments.Add([]);
            Segments[^1].Add(write);
            Writes.Add(write);
            _touched[write.LineNo] = (write.Status, null, Writes.Count - 1, Segments.Count - 1);
            return Writes.Count - 1;
        }
    }

    private sealed record Decision(MeetingAnswer? Answer = null, DomainException? Refusal = null, int? Write = null, int? ReplayOf = null,
        int? MarkedBy = null);
}
