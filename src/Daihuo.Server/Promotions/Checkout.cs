using Daihuo.Data;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Live.Orders;
using Daihuo.Live.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Server.Promotions;

/// <summary>A checkout quote: totals in fen and the breakdown in the buyer's language.</summary>
public sealed record Quote(long Subtotal, long Discount, long Total, IReadOnlyList<string> Breakdown, Guid? CouponId)
{
    /// <summary>A cart's lines: what each costs after every discount is apportioned to it (a refund of the line returns this).</summary>
    public IReadOnlyList<QuoteLine> Lines { get; init; } = [];
}

public sealed record QuoteLine(Guid OfferId, int Quantity, long UnitPrice, long Amount);

/// <summary>A line of a cart as the storefront checks it: the offer, its SKU and list price, how many.</summary>
public sealed record CartPick(Guid OfferId, Guid SkuId, Money ListPrice, int Quantity);

/// <summary>A cart priced for placing: the engine's answer and each line as the offer grains will check it.</summary>
public sealed record PricedCheckout(PricedCart Priced, IReadOnlyList<CartItem> Items, OrderPricing? Pricing, Guid? Redeemed);

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

    /// <summary>A cart of several offers priced together: threshold discounts and coupons count the whole cart.</summary>
    public async Task<Quote> QuoteCartAsync(Guid sessionId, IReadOnlyList<CartPick> picks, string? buyerId, bool test, CancellationToken ct)
    {
        var (active, held) = await ForBuyerAsync(sessionId, test ? null : buyerId, ct);
        var (priced, _) = await PriceCartAsync(active, held, picks, test, await promotions.PolicyAsync(ct));
        return Show(priced, picks);
    }

    public Quote Show(PricedCart priced, IReadOnlyList<CartPick> picks) =>
        new(priced.Subtotal.Fen, priced.Discount.Fen, priced.Total.Fen, text.Breakdown(priced), priced.CouponId is { } c ? Guid.Parse(c) : null)
        {
            Lines = [.. priced.Lines.Select((l, i) => new QuoteLine(picks[i].OfferId, l.Quantity, l.UnitPrice.Fen, l.Amount.Fen))],
        };

    /// <summary>
    /// Prices a cart for placing: the coupon the best price uses is redeemed for <paramref name="checkoutId"/> first,
    /// then the cart is priced again with exactly the coupons the grains will be given, so each grain can check its
    /// line against these amounts.
    /// </summary>
    public async Task<PricedCheckout> PrepareCartAsync(Guid sessionId, IReadOnlyList<CartPick> picks, string buyerId, Guid checkoutId, bool test, CancellationToken ct)
    {
        var (active, held) = await ForBuyerAsync(sessionId, test ? null : buyerId, ct);
        var policy = await promotions.PolicyAsync(ct);
        var (priced, items) = await PriceCartAsync(active, held, picks, test, policy);
        Guid? redeemed = null;
        if (priced.CouponId is { } chosen && await grains.GetGrain<ICouponGrain>(Guid.Parse(chosen)).RedeemAsync(buyerId, checkoutId))
        {
            redeemed = Guid.Parse(chosen);
        }

        IReadOnlyList<string> coupons = redeemed is { } r ? [r.ToString("N")] : [];
        if (priced.CouponId != coupons.FirstOrDefault())
        {
            (priced, items) = await PriceCartAsync(active, coupons, picks, test, policy);
        }

        var pricing = active.Count == 0 ? null : new OrderPricing([.. active.Select(p => new PromotionTerms(p.Kind, PromotionJson.Write(p)))], 0, coupons)
        {
            Policy = ReferenceEquals(policy, StackingPolicy.Default) ? null : PromotionJson.Write(policy),
        };
        return new PricedCheckout(priced, items, pricing, redeemed);
    }

    private async Task<(PricedCart Priced, IReadOnlyList<CartItem> Items)> PriceCartAsync(IReadOnlyList<Promotion> active, IReadOnlyList<string> held,
        IReadOnlyList<CartPick> picks, bool test, StackingPolicy policy)
    {
        var snapshots = await Task.WhenAll(picks.Select(p => grains.Offer(p.OfferId, test).GetSnapshotAsync()));
        var items = picks.Select((p, i) => new CartItem(p.SkuId, p.Quantity, snapshots[i].PriceFen, p.ListPrice.Fen, snapshots[i].Orders + 1)).ToList();
        var ranks = new Dictionary<Guid, int>();
        foreach (var item in items)
        {
            ranks[item.SkuId] = item.Rank;
        }

        var priced = PricingEngine.Price([.. items.Select(i => new CartLine(i.SkuId, i.Quantity, Money.FromFen(i.UnitPriceFen), Money.FromFen(i.ListPriceFen)))], active,
            new PricingContext(clock.GetUtcNow()) { HeldCoupons = test ? [] : held, RankBySku = ranks, OrderRank = items[0].Rank }, policy);
        return (priced, items);
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
