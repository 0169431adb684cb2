using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Daihuo.Data.Live;
using Daihuo.Live.Rooms;

namespace Daihuo.Server.Storefront;

/// <summary>
/// Live updates for storefront pages, per server: one pump per watched room reads the room (shelf
/// rows from the database, stock from the offer grains) twice a second, and at once when the console
/// changes the room on this server (<see cref="Poke"/>), and hands the same encoded Server-Sent
/// Events frame to every local connection of that room: the JSON is serialized and encoded once per
/// change, not once per viewer, so cost grows with rooms, not with viewers. A slow connection keeps
/// only the newest frame (bounded channel of one, drop oldest). The pump also sends the keep-alive
/// comment, so a connection needs no timer of its own.
/// </summary>
public sealed class RoomFeed(IServiceProvider services, TimeProvider clock, ILogger<RoomFeed> logger) : IDisposable
{
    /// <summary>This server's name in the rooms' online counts.</summary>
    private static readonly string ServerId = Environment.MachineName + "/" + Environment.ProcessId + "/" + Guid.NewGuid().ToString("N")[..8];

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly ReadOnlyMemory<byte> KeepAliveFrame = System.Text.Encoding.UTF8.GetBytes(": keep-alive\n\n");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts watching a room; dispose the subscription when the connection ends.</summary>
    public Subscription Watch(string room)
    {
        var channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var state = _rooms.GetOrAdd(room, r => new Room(r));
        lock (state)
        {
            state.Subscribers.Add(channel.Writer);
            if (state.Latest is { } latest)
            {
                channel.Writer.TryWrite(latest);
            }

            if (state.Pump is null || state.Pump.IsCompleted)
            {
                state.Pump = Task.Run(() => PumpAsync(state));
            }
        }

        return new Subscription(channel.Reader, () => state.Test, () =>
        {
            lock (state)
            {
                state.Subscribers.Remove(channel.Writer);
            }
        });
    }

    /// <summary>Wakes the room's pump now (the console changed a price, the shelf or the stage on this server).</summary>
    public void Poke(Guid sessionId)
    {
        foreach (var room in _rooms.Values)
        {
            if (room.SessionId == sessionId)
            {
                room.Wake.Release();
            }
        }
    }

    /// <summary>Wakes the pump of the room that shows this offer.</summary>
    public void PokeOffer(Guid offerId)
    {
        foreach (var room in _rooms.Values)
        {
            if (room.OfferIds.Contains(offerId))
            {
                room.Wake.Release();
            }
        }
    }

    public sealed class Subscription(ChannelReader<ReadOnlyMemory<byte>> reader, Func<bool?> test, Action unsubscribe) : IDisposable
    {
        /// <summary>Whole SSE frames ("event: room\ndata: …\n\n" or a keep-alive comment), encoded once for every connection.</summary>
        public ChannelReader<ReadOnlyMemory<byte>> Reader { get; } = reader;

        /// <summary>Whether the room is in rehearsal as of the latest update (null before the first).</summary>
        public bool? Test => test();

        public void Dispose() => unsubscribe();
    }

    private async Task PumpAsync(Room room)
    {
        var live = services.GetRequiredService<LiveStore>();
        var promotions = services.GetRequiredService<Data.Promotions.PromotionStore>();
        var interactions = services.GetRequiredService<Data.Interaction.InteractionStore>();
        var grains = services.GetRequiredService<IGrainFactory>();
        SessionDetails? session;
        var quietSince = clock.GetUtcNow();
        while (!_stopping.IsCancellationRequested)
        {
            lock (room)
            {
                if (room.Subscribers.Count == 0)
                {
                    room.Pump = null;
                    return;
                }
            }

            try
            {
                // Shelf rows (prices, listing) and stock are read every tick, once per room and server,
                // so a price change reaches every open page within a second.
                session = await live.GetByRoomAsync(room.Name, _stopping.Token);

                if (session is not null)
                {
                    room.SessionId = session.Id;
                    room.OfferIds = session.Offers.Select(o => o.Id).ToHashSet();
                    int connections;
                    lock (room)
                    {
                        connections = room.Subscribers.Count;
                    }

                    room.Test = session.Status == Domain.Live.SessionStage.Rehearsal;
                    var roomGrain = grains.Room(session.Id, room.Test.Value);
                    _ = roomGrain.ReportOnlineAsync(ServerId, connections);

                    // Sent when something changed; the server's time rides along for the pages' countdowns.
                    var view = await StorefrontApi.ViewAsync(session, promotions, interactions, grains, clock, _stopping.Token);
                    var key = JsonSerializer.Serialize(view with { Now = default }, Json);
                    if (key != room.LatestKey)
                    {
                        Send(room, System.Text.Encoding.UTF8.GetBytes($"event: room\ndata: {JsonSerializer.Serialize(view, Json)}\n\n"), key);
                        quietSince = clock.GetUtcNow();
                    }
                    else if (clock.GetUtcNow() - quietSince >= KeepAlive)
                    {
                        // Keeps proxies from closing a quiet line.
                        Send(room, KeepAliveFrame, null);
                        quietSince = clock.GetUtcNow();
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPumpFailed(logger, ex, room.Name);
            }

            try
            {
                // The next tick, or sooner when poked; pokes that came meanwhile are one tick.
                await room.Wake.WaitAsync(Interval, _stopping.Token);
                while (room.Wake.CurrentCount > 0)
                {
                    await room.Wake.WaitAsync(TimeSpan.Zero);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Hands a frame to every connection of the room (a snapshot, which later connections get first, or a keep-alive).</summary>
    private static void Send(Room room, ReadOnlyMemory<byte> frame, string? key)
    {
        ChannelWriter<ReadOnlyMemory<byte>>[] targets;
        lock (room)
        {
            if (key is not null)
            {
                room.LatestKey = key;
                room.Latest = frame;
            }

            targets = [.. room.Subscribers];
        }

        foreach (var target in targets)
        {
            target.TryWrite(frame);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static void LogPumpFailed(ILogger logger, Exception ex, string room) =>
        logger.LogWarning(ex, "Room feed for {Room} failed a tick; retrying.", room);

    private sealed class Room(string name)
    {
        public string Name { get; } = name;

        public List<ChannelWriter<ReadOnlyMemory<byte>>> Subscribers { get; } = [];

        /// <summary>The newest snapshot frame, sent first to a connection that joins.</summary>
        public ReadOnlyMemory<byte>? Latest { get; set; }

        /// <summary>The session shown, once read (for <see cref="Poke"/>).</summary>
        public Guid? SessionId { get; set; }

        public SemaphoreSlim Wake { get; } = new(0);

        public IReadOnlySet<Guid> OfferIds { get; set; } = new HashSet<Guid>();

        public string? LatestKey { get; set; }

        public bool? Test { get; set; }

        public Task? Pump { get; set; }
    }
}
