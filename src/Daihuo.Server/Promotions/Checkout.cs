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

/// <summary>
/// What an order (or a checkout) was given before its grains were asked: the promotions' terms, the
/// coupon redeemed for it and the gift units set aside for it, keyed by the order's or checkout's id.
/// </summary>
public sealed record Prepared(Guid ForId, OrderPricing? Pricing, Guid? Redeemed, IReadOnlyList<string> Gifts)
{
    public static Prepared None(Guid forId) => new(forId, null, null, []);
}

/// <summary>A cart priced for placing: the engine's answer and each line as the offer grains will check it.</summary>
public sealed record PricedCheckout(PricedCart Priced, IReadOnlyList<CartItem> Items, Prepared Prepared);

/// <summary>
/// Promotions at checkout. The quote prices the cart as the offer grains will; placing an order
/// redeems the coupon the quote chose and sets aside the gift units it grants, for the order's (or
/// checkout's) id first (once, ever); the grains price in the same turn as they reserve the stock,
/// and what the order did not end up using goes back.
/// </summary>
public sealed class Checkout(PromotionStore promotions, IDbContextFactory<DaihuoDbContext> contexts, IGrainFactory grains, PromotionText text, TimeProvider clock)
{
    /// <summary>The buyer's side of pricing, read once per request: active promotions, the coupons held, the policy, gift stock left.</summary>
    private sealed record Terms(IReadOnlyList<Promotion> Active, IReadOnlyList<string> Held, StackingPolicy Policy, IReadOnlyDictionary<string, int> GiftStock);

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

    private async Task<Terms> TermsAsync(Guid sessionId, string? buyerId, bool test, CancellationToken ct)
    {
        var (active, held) = await ForBuyerAsync(sessionId, test ? null : buyerId, ct);
        var gifts = new Dictionary<string, int>();
        foreach (var gift in active.OfType<Gift>())
        {
            gifts[gift.Id] = test ? gift.Stock : await grains.GetGrain<IGiftGrain>(Guid.Parse(gift.Id)).RemainingAsync();
        }

        return new Terms(active, held, active.Count == 0 ? StackingPolicy.Default : await promotions.PolicyAsync(ct), gifts);
    }

    /// <summary>One line at the offer's current price, as the grain will price it.</summary>
    public async Task<Quote> QuoteAsync(Guid sessionId, Guid offerId, Guid skuId, Money listPrice, int quantity, string? buyerId, bool test, CancellationToken ct) =>
        await QuoteCartAsync(sessionId, [new CartPick(offerId, skuId, listPrice, quantity)], buyerId, test, ct) with { Lines = [] };

    /// <summary>A cart of several offers priced together: threshold discounts and coupons count the whole cart.</summary>
    public async Task<Quote> QuoteCartAsync(Guid sessionId, IReadOnlyList<CartPick> picks, string? buyerId, bool test, CancellationToken ct)
    {
        var terms = await TermsAsync(sessionId, buyerId, test, ct);
        var priced = Price(terms, terms.Held, terms.GiftStock, await ItemsAsync(picks, test), test);
        return new Quote(priced.Subtotal.Fen, priced.Discount.Fen, priced.Total.Fen, text.Breakdown(priced), priced.CouponId is { } c ? Guid.Parse(c) : null)
        {
            Lines = [.. priced.Lines.Select((l, i) => new QuoteLine(picks[i].OfferId, l.Quantity, l.UnitPrice.Fen, l.Amount.Fen))],
        };
    }

    /// <summary>Prepares a single-offer order's pricing for <paramref name="orderId"/>.</summary>
    public async Task<Prepared> PrepareAsync(Guid sessionId, CartPick pick, string buyerId, Guid orderId, bool test, CancellationToken ct)
    {
        // Without promotions the grain prices the order alone: no snapshot of the offer is needed (the flash-sale path).
        var terms = await TermsAsync(sessionId, buyerId, test, ct);
        return terms.Active.Count == 0 ? Prepared.None(orderId) : (await PrepareAsync(terms, [pick], buyerId, orderId, test)).Prepared;
    }

    /// <summary>
    /// Prices a cart for placing: the coupon the best price uses is redeemed and the gift units it grants are set
    /// aside for <paramref name="forId"/> first, then the cart is priced again with exactly what the grains will be
    /// given, so each grain can check its line against these amounts.
    /// </summary>
    public async Task<PricedCheckout> PrepareCartAsync(Guid sessionId, IReadOnlyList<CartPick> picks, string buyerId, Guid forId, bool test, CancellationToken ct) =>
        await PrepareAsync(await TermsAsync(sessionId, buyerId, test, ct), picks, buyerId, forId, test);

    private async Task<PricedCheckout> PrepareAsync(Terms terms, IReadOnlyList<CartPick> picks, string buyerId, Guid forId, bool test)
    {
        var items = await ItemsAsync(picks, test);
        var priced = Price(terms, terms.Held, terms.GiftStock, items, test);
        if (terms.Active.Count == 0)
        {
            return new PricedCheckout(priced, items, Prepared.None(forId));
        }

        Guid? redeemed = null;
        if (priced.CouponId is { } chosen && await grains.GetGrain<ICouponGrain>(Guid.Parse(chosen)).RedeemAsync(buyerId, forId))
        {
            redeemed = Guid.Parse(chosen);
        }

        // A rehearsal prices gifts against their whole stock and sets nothing aside.
        var gifts = new Dictionary<string, int>();
        foreach (var gift in priced.Gifts)
        {
            if (test || await grains.GetGrain<IGiftGrain>(Guid.Parse(gift.PromotionId)).ReserveAsync(forId, gift.Quantity))
            {
                gifts[gift.PromotionId] = gift.Quantity;
            }
        }

        IReadOnlyList<string> coupons = redeemed is { } r ? [r.ToString("N")] : [];
        priced = Price(terms, coupons, gifts, items, test);
        var pricing = new OrderPricing([.. terms.Active.Select(p => new PromotionTerms(p.Kind, PromotionJson.Write(p)))], 0, coupons)
        {
            Policy = ReferenceEquals(terms.Policy, StackingPolicy.Default) ? null : PromotionJson.Write(terms.Policy),
            GiftStock = gifts,
        };
        return new PricedCheckout(priced, items, new Prepared(forId, pricing, redeemed, test ? [] : [.. gifts.Keys]));
    }

    /// <summary>Each line at its offer's live price and the rank its order would get, from the grains (once per request).</summary>
    private async Task<IReadOnlyList<CartItem>> ItemsAsync(IReadOnlyList<CartPick> picks, bool test)
    {
        var snapshots = await Task.WhenAll(picks.Select(p => grains.Offer(p.OfferId, test).GetSnapshotAsync()));
        return [.. picks.Select((p, i) => new CartItem(p.SkuId, p.Quantity, snapshots[i].PriceFen, p.ListPrice.Fen, snapshots[i].Orders + 1))];
    }

    private PricedCart Price(Terms terms, IReadOnlyList<string> held, IReadOnlyDictionary<string, int> giftStock, IReadOnlyList<CartItem> items, bool test)
    {
        var ranks = new Dictionary<Guid, int>();
        foreach (var item in items)
        {
            ranks[item.SkuId] = item.Rank;
        }

        return PricingEngine.Price([.. items.Select(i => new CartLine(i.SkuId, i.Quantity, Money.FromFen(i.UnitPriceFen), Money.FromFen(i.ListPriceFen)))], terms.Active,
            new PricingContext(clock.GetUtcNow()) { HeldCoupons = test ? [] : held, RankBySku = ranks, OrderRank = items[0].Rank, GiftStock = giftStock }, terms.Policy);
    }

    /// <summary>After the grain answered: a coupon or gift units the order did not end up using go back.</summary>
    public async Task SettleAsync(Prepared prepared, OrderResult result)
    {
        var placed = result.Outcome == OrderOutcome.Accepted && result.OrderId == prepared.ForId;
        if (prepared.Redeemed is { } coupon && (!placed || result.CouponId != coupon))
        {
            await grains.GetGrain<ICouponGrain>(coupon).ReleaseAsync(prepared.ForId);
        }

        var granted = placed ? PricingJson.GiftIds(result.Pricing) : [];
        foreach (var gift in prepared.Gifts.Except(granted))
        {
            await grains.GetGrain<IGiftGrain>(Guid.Parse(gift)).ReleaseAsync(prepared.ForId);
        }
    }

    /// <summary>A checkout that was abandoned (a line refused, the rest cancelled): its coupon and gift units go back.</summary>
    public Task AbandonAsync(Prepared prepared) => SettleAsync(prepared, new OrderResult(OrderOutcome.Retry, null, 0, 0, 0));
}
