using System.Threading.Channels;
using Daihuo.Data;
using Daihuo.Data.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Daihuo.Live.Rooms;

/// <summary>
/// Appends engagement events (entries, exits, likes, comments, clicks, follows, shares) to the room
/// event table in batches: one insert round every 200 ms at most, however many rooms and viewers.
/// Order events do not come here: the order journal writes them in the orders' transaction.
/// </summary>
public sealed partial class RoomEventWriter(IDbContextFactory<DaihuoDbContext> contexts, ILogger<RoomEventWriter> logger) : BackgroundService
{
    private const int MaxPerRound = 5_000;
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(200);

    private readonly Channel<RoomEvent> _queue = Channel.CreateUnbounded<RoomEvent>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(RoomEvent e) => _queue.Writer.TryWrite(e);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var round = new List<RoomEvent>(256);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                await DrainAsync(round, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued before the host stops.
            await DrainAsync(round, CancellationToken.None);
        }
    }

    private async Task DrainAsync(List<RoomEvent> round, CancellationToken ct)
    {
        while (true)
        {
            round.Clear();
            while (round.Count < MaxPerRound && _queue.Reader.TryRead(out var e))
            {
                round.Add(e);
            }

            if (round.Count == 0)
            {
                return;
            }

            try
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                db.RoomEvents.AddRange(round);
                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or IOException)
            {
                LogRoundFailed(logger, ex, round.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Room event round of {Events} events failed; they are counted live but not stored.")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex, int events);
}
