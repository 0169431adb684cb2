using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>The kinds of promotion SPEC.md section 4 names; the stacking policy orders and excludes them.</summary>
public enum PromotionKind
{
    FlashPrice = 0,
    MemberPrice = 1,
    RankTier = 2,
    MultiBuy = 3,
    Bundle = 4,
    Threshold = 5,
    Coupon = 6,
    Gift = 7,
}

/// <summary>
/// One promotion as planned: an id, a name the buyer sees, an optional window, and the kind's terms.
/// Item-level kinds (flash, member, rank tier) set a line's unit price; the others take money off
/// lines or the order, or add a gift.
/// </summary>
public abstract record Promotion(string Id, string Name)
{
    public abstract PromotionKind Kind { get; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public bool ActiveAt(DateTimeOffset at) => (StartsAt is null || at >= StartsAt) && (EndsAt is null || at < EndsAt);

    /// <summary>Item-level kinds replace a line's unit price; at most one of them holds a line (the lowest price wins).</summary>
    public bool IsItemPrice => Kind is PromotionKind.FlashPrice or PromotionKind.MemberPrice or PromotionKind.RankTier;
}

/// <summary>A flash price for one SKU inside its window (<see cref="Promotion.StartsAt"/> to <see cref="Promotion.EndsAt"/>).</summary>
public sealed record FlashPrice(string Id, string Name, Guid SkuId, Money Price) : Promotion(Id, Name)
{
    public override PromotionKind Kind => PromotionKind.FlashPrice;
}

/// <summary>A member price for one SKU, for buyers of <see cref="MinTier"/> or above.</summary>
public sealed record MemberPrice(string Id, string Name, Guid SkuId, int MinTier, Money Price) : Promotion(Id, Name)
{
    public override PromotionKind Kind => PromotionKind.MemberPrice;
}

/// <summary>One tier of a rank promotion: orders ranked up to <see cref="UpToRank"/> (inclusive) get <see cref="OffPerUnit"/> off each unit.</summary>
public sealed record RankTier(int UpToRank, Money OffPerUnit);

/// <summary>"First 100 orders 50 yuan off": by the order's rank among this SKU's orders; at most 3 tiers, ranks rising.</summary>
public sealed record RankTierPrice(string Id, string Name, Guid SkuId, IReadOnlyList<RankTier> Tiers) : Promotion(Id, Name)
{
    public const int MaxTiers = 3;

    public override PromotionKind Kind => PromotionKind.RankTier;
}

/// <summary>"3 items 20% off": when the cart holds at least <see cref="MinItems"/> units of the SKUs named (none named: any), those lines get the percentage off.</summary>
public sealed record MultiBuy(string Id, string Name, IReadOnlyList<Guid> SkuIds, int MinItems, int PercentOff) : Promotion(Id, Name)
{
    public override PromotionKind Kind => PromotionKind.MultiBuy;
}

/// <summary>A bundle: each complete set of one unit of every SKU named costs <see cref="Price"/> together.</summary>
public sealed record BundlePrice(string Id, string Name, IReadOnlyList<Guid> SkuIds, Money Price) : Promotion(Id, Name)
{
    public override PromotionKind Kind => PromotionKind.Bundle;
}

/// <summary>"299 minus 30": spend at least <see cref="Threshold"/> and <see cref="Off"/> comes off; repeatable: off for every full threshold, up to <see cref="MaxOff"/>.</summary>
public sealed record ThresholdDiscount(string Id, string Name, Money Threshold, Money Off, bool Repeatable, Money? MaxOff = null) : Promotion(Id, Name)
{
    public override PromotionKind Kind => PromotionKind.Threshold;
}

public enum CouponScope
{
    Shop = 0,

    /// <summary>Issued live in one room; valid for that session's orders only.</summary>
    Room = 1,

    /// <summary>Given to a viewer for following the room.</summary>
    NewFollower = 2,
}

/// <summary>
/// A coupon: an amount off, or a percentage off with a cap; a minimum spend; a validity window (an
/// end is required); a total quantity and a per-person limit (enforced where coupons are claimed,
/// like stock). The buyer must hold one to use it; one coupon per order, the best the buyer holds.
/// </summary>
public sealed record Coupon(string Id, string Name, Money? AmountOff, int? PercentOff, Money? PercentCap, Money MinSpend, int TotalQuantity, int PerPerson) : Promotion(Id, Name)
{
    public override PromotionKind Kind => PromotionKind.Coupon;

    public CouponScope Scope { get; init; } = CouponScope.Shop;
}

public enum GiftTrigger
{
    EveryOrder = 0,
    SpendAtLeast = 1,
    FirstOrders = 2,
}

/// <summary>A gift (its own SKU, price 0) with every order, above a spend, or for the first N orders; only while gift stock lasts.</summary>
public sealed record Gift(string Id, string Name, Guid GiftSkuId, int Quantity, GiftTrigger Trigger, Money? MinSpend = null, int? FirstOrders = null) : Promotion(Id, Name)
{
    public const int MaxStock = 1_000_000;

    public override PromotionKind Kind => PromotionKind.Gift;

    /// <summary>Units of the gift set aside for this promotion; granted one order at a time like any stock.</summary>
    public int Stock { get; init; }
}
