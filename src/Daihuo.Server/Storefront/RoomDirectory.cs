using System.Collections.Concurrent;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;

namespace Daihuo.Server.Storefront;

/// <summary>
/// Which session a room code names, as the comment and interaction endpoints need it, read from the
/// database at most once a second per room and server: at thousands of comments a second the
/// lookup must not be a query each. A stage change reaches these endpoints within a second; orders
/// and checkouts read the session fresh (prices must be current).
/// </summary>
public sealed class RoomDirectory(LiveStore live, TimeProvider clock)
{
    private static readonly TimeSpan Life = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (SessionDetails? Session, DateTimeOffset At)> _rooms = new(StringComparer.Ordinal);

    /// <summary>The room's session if it takes interactions (not ended); 404 or 409 otherwise.</summary>
    public async ValueTask<SessionDetails> OpenAsync(string room, CancellationToken ct) => StorefrontApi.Open(await FindAsync(room, ct), room);

    /// <summary>The room's session as of the last second (ended ones too), or null.</summary>
    public async ValueTask<SessionDetails?> FindAsync(string room, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_rooms.TryGetValue(room, out var entry) || now - entry.At > Life)
        {
            entry = (await live.GetByRoomAsync(room, ct), now);
            if (_rooms.Count > 10_000)
            {
                _rooms.Clear();
            }

            _rooms[room] = entry;
        }

        return entry.Session;
    }
}
