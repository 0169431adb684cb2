using System.Text.Json;
using StackExchange.Redis;

namespace Daihuo.Baseline;

/// <summary>
/// The Redis design: one Lua script per order checks the key, checks and decrements the stock and
/// appends the order, atomically on Redis's single thread. What is acknowledged survives a crash only
/// as far as the server's <c>appendfsync</c> setting says: <c>always</c> fsyncs the append-only file
/// before answering, <c>everysec</c> can lose the last second.
/// </summary>
public sealed class RedisLuaStore(IDatabase redis) : IBaselineStore
{
    // KEYS: stock, allocated, orders (id → json), keys (buyer|key → id), price. ARGV: quantity, order id, buyer|key, the order's json
    // (its total is appended by the script, at the price it read).
    private const string Place = """
        local existing = redis.call('HGET', KEYS[4], ARGV[3])
        if existing then return {1, existing} end
        local stock = tonumber(redis.call('GET', KEYS[1]))
        if stock == nil then return {-1, ''} end
        local q = tonumber(ARGV[1])
        if stock < q then return {0, ''} end
        local total = tonumber(redis.call('GET', KEYS[5])) * q
        redis.call('DECRBY', KEYS[1], q)
        redis.call('HSET', KEYS[3], ARGV[2], ARGV[4] .. '|' .. total)
        redis.call('HSET', KEYS[4], ARGV[3], ARGV[2])
        return {2, ARGV[2], total}
        """;

    public static async Task<RedisLuaStore> CreateAsync(string configuration) =>
        new((await ConnectionMultiplexer.ConnectAsync(configuration)).GetDatabase());

    private static RedisKey[] Keys(Guid offerId) =>
        [$"stock:{{{offerId:N}}}", $"allocated:{{{offerId:N}}}", $"orders:{{{offerId:N}}}", $"keys:{{{offerId:N}}}", $"price:{{{offerId:N}}}"];

    public async Task<IReadOnlyList<Guid>> CreateOffersAsync(int count, int units, long priceFen)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        foreach (var id in ids)
        {
            var keys = Keys(id);
            await redis.StringSetAsync(keys[0], units);
            await redis.StringSetAsync(keys[1], units);
            await redis.StringSetAsync(keys[4], priceFen);
        }

        return ids;
    }

    public async Task<Placed?> PlaceAsync(Guid offerId, string buyerId, string key, OrderRequest request)
    {
        var id = Guid.CreateVersion7();
        var json = JsonSerializer.Serialize(new { offerId, buyerId, key, request.Quantity, request.ShipName, request.ShipPhone, request.ShipAddress, placedAt = DateTimeOffset.UtcNow });
        var result = (RedisResult[])(await redis.ScriptEvaluateAsync(Place, Keys(offerId), [request.Quantity, id.ToString(), $"{buyerId}|{key}", json]))!;
        return (int)result[0] switch
        {
            2 => new Placed(id, request.Quantity, (long)result[2]),
            1 => await ExistingAsync(offerId, Guid.Parse((string)result[1]!)),
            _ => null,
        };
    }

    private async Task<Placed> ExistingAsync(Guid offerId, Guid orderId)
    {
        var (order, total) = Parse((string)(await redis.HashGetAsync(Keys(offerId)[2], orderId.ToString()))!);
        return new Placed(orderId, order.GetProperty("Quantity").GetInt32(), total);
    }

    /// <summary>A stored order: its json, then '|' and the total the script priced it at.</summary>
    private static (JsonElement Order, long Total) Parse(string stored)
    {
        var bar = stored.LastIndexOf('|');
        return (JsonDocument.Parse(stored.AsMemory(0, bar)).RootElement, long.Parse(stored.AsSpan(bar + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<OfferState> ReconcileAsync(Guid offerId)
    {
        var keys = Keys(offerId);
        var orders = await redis.HashGetAllAsync(keys[2]);
        var units = orders.Sum(o => (long)Parse((string)o.Value!).Order.GetProperty("Quantity").GetInt32());
        var allocated = (long)await redis.StringGetAsync(keys[1]);
        return new OfferState([.. orders.Select(o => Guid.Parse((string)o.Name!))], units, allocated - (long)await redis.StringGetAsync(keys[0]), allocated);
    }
}
