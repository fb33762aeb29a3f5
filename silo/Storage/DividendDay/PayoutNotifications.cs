using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Npgsql;

namespace VillageCollective.Silo.Storage.DividendDay;

/// <summary>
/// Live updates across silo processes (design.md §2): every command that changes a run's checklist calls
/// <see cref="NotifyAsync"/> inside its transaction (PostgreSQL delivers the NOTIFY only if it commits), and every
/// silo LISTENs on one connection of its own and wakes its subscribers for that run. Signals are coalesced: a
/// subscriber that is busy sees one wake-up for many marks, and reads the board afresh.
/// </summary>
public sealed class PayoutNotifications(NpgsqlDataSource dataSource, ILogger<PayoutNotifications> logger) : BackgroundService
{
    public const string Channel = "vc_payouts";

    private readonly ConcurrentDictionary<Guid, (long RunId, Channel<bool> Signal)> _subscribers = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this silo is listening, so a subscriber that waits for it misses no commit after.</summary>
    public Task Listening => _listening.Task;

    /// <summary>Queues a notification for <paramref name="runId"/> in the caller's transaction.</summary>
    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long runId, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT pg_notify($1, $2)", Channel, runId.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Subscribes to changes of one run; dispose the subscription to leave.</summary>
    public Subscription Subscribe(long runId)
    {
        var id = Guid.NewGuid();
        var signal = System.Threading.Channels.Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        _subscribers[id] = (runId, signal);
        return new Subscription(signal.Reader, () => _subscribers.TryRemove(id, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (!long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var runId)) return;
                    foreach (var (_, subscriber) in _subscribers)
                    {
                        if (subscriber.RunId == runId) subscriber.Signal.Writer.TryWrite(true);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                _listening.TrySetResult();
                // After a reconnect, changes may have been missed: wake everyone to re-read.
                foreach (var (_, subscriber) in _subscribers) subscriber.Signal.Writer.TryWrite(true);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                logger.LogWarning(e, "LISTEN {Channel} lost; reconnecting in a second", Channel);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>A subscriber's wake-ups; each read means "something changed, read again".</summary>
    public sealed class Subscription(ChannelReader<bool> signals, Action leave) : IDisposable
    {
        public ChannelReader<bool> Signals { get; } = signals;

        public void Dispose() => leave();
    }
}
