using System.Collections.Concurrent;
using Daihuo.Data.Live;
using Daihuo.Domain.Live;
using Daihuo.Live.Orders;

namespace Daihuo.Server.Storefront;

/// <summary>
/// An offer's session, SKU and list price, and the stage and listing last seen, read from the database
/// at most once a second per offer and server: at thousands of orders a second the order path must not
/// be a query each. The entry only picks the offer's grain (the real offer or its rehearsal twin); the
/// grain answers whether it sells now, in the same turn as it takes the stock, and a refusal that
/// rests on an entry is looked at again fresh before it is given.
/// </summary>
public sealed class OfferDirectory(LiveStore live, IGrainFactory grains, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid OfferId, bool Test), IOfferGrain> _grains = new();
    private static readonly TimeSpan Life = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, (OfferGate Gate, DateTimeOffset At)> _offers = new();

    /// <summary>The offer's gate, from the last second's read unless <paramref name="fresh"/>; null if there is no such offer.</summary>
    public async ValueTask<OfferGate?> GateAsync(Guid offerId, bool fresh, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _offers.TryGetValue(offerId, out var entry) && now - entry.At <= Life)
        {
            return entry.Gate;
        }

        var gate = await live.OfferSessionAsync(offerId, ct);
        if (gate is null)
        {
            _offers.TryRemove(offerId, out _);
            return null;
        }

        if (_offers.Count > 10_000)
        {
            _offers.Clear();
        }

        _offers[offerId] = (gate, now);
        return gate;
    }

    /// <summary>The offer's grain (the real one or its rehearsal twin), its reference made once: resolving one is not free at thousands a second.</summary>
    public IOfferGrain Grain(Guid offerId, bool test)
    {
        if (_grains.Count > 20_000)
        {
            _grains.Clear();
        }

        return _grains.GetOrAdd((offerId, test), static (key, factory) => factory.Offer(key.OfferId, key.Test), grains);
    }

    /// <summary>Whether the gate lets an order through: the session live or rehearsing, the offer listed.</summary>
    public static bool Sells(OfferGate gate) => SessionLifecycle.TakesOrders(gate.Stage) && gate.Listed;
}
