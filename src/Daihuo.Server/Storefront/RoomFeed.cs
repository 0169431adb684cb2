using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Daihuo.Data.Live;
using Daihuo.Live.Rooms;

namespace Daihuo.Server.Storefront;

/// <summary>
/// Live updates for storefront pages, per server: one pump per watched room reads the room (shelf
/// rows from the database once, stock from the offer grains twice a second) and hands the same
/// serialized snapshot to every local connection of that room, so cost grows with rooms, not with
/// viewers. A slow connection keeps only the newest snapshot (bounded channel of one, drop oldest).
/// </summary>
public sealed class RoomFeed(IServiceProvider services, TimeProvider clock, ILogger<RoomFeed> logger) : IDisposable
{
    /// <summary>This server's name in the rooms' online counts.</summary>
    private static readonly string ServerId = Environment.MachineName + "/" + Environment.ProcessId + "/" + Guid.NewGuid().ToString("N")[..8];

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Starts watching a room; dispose the subscription when the connection ends.</summary>
    public Subscription Watch(string room)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
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

    public sealed class Subscription(ChannelReader<string> reader, Func<bool?> test, Action unsubscribe) : IDisposable
    {
        public ChannelReader<string> Reader { get; } = reader;

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
                        var json = JsonSerializer.Serialize(view, Json);
                        ChannelWriter<string>[] targets;
                        lock (room)
                        {
                            room.LatestKey = key;
                            room.Latest = json;
                            targets = [.. room.Subscribers];
                        }

                        foreach (var target in targets)
                        {
                            target.TryWrite(json);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPumpFailed(logger, ex, room.Name);
            }

            try
            {
                await Task.Delay(Interval, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
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

        public List<ChannelWriter<string>> Subscribers { get; } = [];

        public string? Latest { get; set; }

        public string? LatestKey { get; set; }

        public bool? Test { get; set; }

        public Task? Pump { get; set; }
    }
}
