using Daihuo.Data;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Live.Orders;
using Daihuo.Live.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Server.Promotions;

/// <summary>A checkout quote: totals in fen and the breakdown in the buyer's language.</summary>
public sealed record Quote(long Subtotal, long Discount, long Total, IReadOnlyList<string> Breakdown, Guid? CouponId);

/// <summary>
/// Promotions at checkout. The quote prices a line as the offer grain will; placing an order redeems
/// the coupon the quote chose for the order's id first (once, ever), the grain prices the order in
/// the same turn as it reserves the stock, and the claim goes back if the order was not placed or
/// did not use it.
/// </summary>
public sealed class Checkout(PromotionStore promotions, IDbContextFactory<DaihuoDbContext> contexts, IGrainFactory grains, PromotionText text, TimeProvider clock)
{
    public async Task<(IReadOnlyList<Promotion> Active, IReadOnlyList<string> Held)> ForBuyerAsync(Guid sessionId, string? buyerId, CancellationToken ct)
    {
        var active = await promotions.ActiveForAsync(sessionId, ct);
        if (buyerId is null || !active.Any(p => p.Kind == PromotionKind.Coupon))
        {
            return (active, []);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var held = await db.CouponClaims.AsNoTracking().Where(c => c.BuyerId == buyerId && c.OrderId == null).Select(c => c.CouponId).Distinct().ToListAsync(ct);
        return (active, held.Select(h => h.ToString("N")).ToList());
    }

    public async Task<Quote> QuoteAsync(Guid sessionId, Guid offerId, Guid skuId, Money listPrice, int quantity, string? buyerId, bool test, CancellationToken ct)
    {
        var (active, held) = await ForBuyerAsync(sessionId, buyerId, ct);
        var priced = await PriceAsync(active, held, offerId, skuId, listPrice, quantity, test, await promotions.PolicyAsync(ct));
        return new Quote(priced.Subtotal.Fen, priced.Discount.Fen, priced.Total.Fen, text.Breakdown(priced), priced.CouponId is { } c ? Guid.Parse(c) : null);
    }

    /// <summary>Prices one line at the offer's current price, as the grain will.</summary>
    private async Task<PricedCart> PriceAsync(IReadOnlyList<Promotion> active, IReadOnlyList<string> held, Guid offerId, Guid skuId, Money listPrice, int quantity,
        bool test, StackingPolicy policy)
    {
        var snapshot = await grains.Offer(offerId, test).GetSnapshotAsync();
        return PricingEngine.Price([new CartLine(skuId, quantity, Money.FromFen(snapshot.PriceFen), listPrice)], active,
            new PricingContext(clock.GetUtcNow()) { HeldCoupons = test ? [] : held }, policy);
    }

    /// <summary>Prepares an order's pricing: the promotions, and the coupon the quote chose, redeemed for <paramref name="orderId"/>.</summary>
    public async Task<(OrderPricing? Pricing, Guid? Redeemed)> PrepareAsync(Guid sessionId, Guid offerId, Guid skuId, Money listPrice, int quantity, string buyerId, Guid orderId,
        bool test, CancellationToken ct)
    {
        var (active, held) = await ForBuyerAsync(sessionId, test ? null : buyerId, ct);
        if (active.Count == 0)
        {
            return (null, null);
        }

        // The promotions, the coupons and the policy are read once: the quote and the order use the same.
        var policy = await promotions.PolicyAsync(ct);
        Guid? redeemed = null;
        if (held.Count > 0
            && (await PriceAsync(active, held, offerId, skuId, listPrice, quantity, test, policy)).CouponId is { } chosen
            && await grains.GetGrain<ICouponGrain>(Guid.Parse(chosen)).RedeemAsync(buyerId, orderId))
        {
            redeemed = Guid.Parse(chosen);
        }

        var terms = active.Select(p => new PromotionTerms(p.Kind, PromotionJson.Write(p))).ToList();
        return (new OrderPricing(terms, 0, redeemed is { } r ? [r.ToString("N")] : [])
        {
            Policy = ReferenceEquals(policy, StackingPolicy.Default) ? null : PromotionJson.Write(policy),
        }, redeemed);
    }

    /// <summary>After the grain answered: a redeemed claim the order did not end up using goes back to the buyer.</summary>
    public async Task SettleAsync(Guid? redeemed, Guid orderId, OrderResult result)
    {
        if (redeemed is { } coupon && (result.Outcome != OrderOutcome.Accepted || result.OrderId != orderId || result.CouponId != coupon))
        {
            await grains.GetGrain<ICouponGrain>(coupon).ReleaseAsync(orderId);
        }
    }
}
