using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>One line of a cart: a SKU, how many, its current (live) unit price and its list price.</summary>
public sealed record CartLine(Guid SkuId, int Quantity, Money UnitPrice, Money ListPrice);

/// <summary>
/// Who buys and when: the instant, the buyer's member tier, the coupons the buyer holds, this
/// order's rank among each SKU's orders (for rank tiers) and among the session's orders (for
/// "first N orders" gifts), and the gift stock left per gift promotion.
/// </summary>
public sealed record PricingContext(DateTimeOffset At)
{
    public int MemberTier { get; init; }

    public IReadOnlyCollection<string> HeldCoupons { get; init; } = [];

    public IReadOnlyDictionary<Guid, int> RankBySku { get; init; } = new Dictionary<Guid, int>();

    public int OrderRank { get; init; }

    public IReadOnlyDictionary<string, int> GiftStock { get; init; } = new Dictionary<string, int>();
}

/// <summary>A sentence of the breakdown, language-free: a text key and its arguments (money as <see cref="Money"/>).</summary>
public sealed record PromotionNote(string Code, params object[] Args);

/// <summary>A promotion that took money off (or gave a gift): how much, and the line of the breakdown that says so.</summary>
public sealed record AppliedPromotion(string PromotionId, PromotionKind Kind, string Name, Money Amount, PromotionNote Note);

/// <summary>A promotion that did not apply, and why ("add 41 yuan more for 299 minus 30").</summary>
public sealed record SkippedPromotion(string PromotionId, PromotionKind Kind, string Name, PromotionNote Reason);

public sealed record LineDiscount(string PromotionId, Money Amount);

/// <summary>
/// A priced line: <see cref="Amount"/> is what the buyer pays for it, every discount apportioned to
/// the fen; the line's <see cref="Discounts"/> add up to <c>UnitPrice × Quantity − Amount</c>.
/// </summary>
public sealed record PricedLine(Guid SkuId, int Quantity, Money ListPrice, Money UnitPrice, Money Amount, IReadOnlyList<LineDiscount> Discounts)
{
    public Money Gross => UnitPrice * Quantity;
}

public sealed record GiftLine(string PromotionId, Guid SkuId, int Quantity);

/// <summary>A priced cart: lines in the caller's order, totals, and the whole breakdown.</summary>
public sealed record PricedCart(
    IReadOnlyList<PricedLine> Lines,
    Money Subtotal,
    Money Discount,
    Money Total,
    IReadOnlyList<AppliedPromotion> Applied,
    IReadOnlyList<SkippedPromotion> Skipped,
    IReadOnlyList<GiftLine> Gifts)
{
    /// <summary>The coupon the order uses, if any (one per order).</summary>
    public string? CouponId => Applied.FirstOrDefault(a => a.Kind == PromotionKind.Coupon)?.PromotionId;
}
