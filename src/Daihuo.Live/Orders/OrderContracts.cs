using Daihuo.Domain.Live;
using Orleans.Concurrency;

namespace Daihuo.Live.Orders;

/// <summary>A buyer's request for units of one offer, as the storefront sends it.</summary>
[GenerateSerializer, Immutable]
public sealed record PlaceOrder(
    [property: Id(0)] string BuyerId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] string RequestHash)
{
    /// <summary>Who buys and where it ships, stored with the order (not part of stock or limits).</summary>
    [Id(4)]
    public OrderContact? Contact { get; init; }

    /// <summary>The promotions that price this order (none: live price × quantity).</summary>
    [Id(5)]
    public OrderPricing? Pricing { get; init; }

    /// <summary>The id the order gets when accepted (chosen by the caller so a coupon can be redeemed for it first); null: a new one.</summary>
    [Id(6)]
    public Guid? OrderId { get; init; }

    /// <summary>This order is one line of a multi-offer checkout, priced across the whole cart as quoted.</summary>
    [Id(7)]
    public CartTerms? Cart { get; init; }

    /// <summary>A lottery's prize: one unit from this offer's stock at no charge (the lottery's id, for the record).</summary>
    [Id(8)]
    public Guid? PrizeOf { get; init; }
}

/// <summary>
/// A checkout of several offers at once: every line as the quote priced it (each line's live unit
/// price and its rank among its offer's orders), which one this grain sells, and the amounts the buyer
/// was shown. The grain prices the whole cart again with its own price and rank, in the reservation's
/// turn, and accepts its line only if the cart's total and its line's apportioned amount are exactly
/// as quoted; so the lines the offers accept always add up to the total the buyer agreed to.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CartTerms(
    [property: Id(0)] Guid CheckoutId,
    [property: Id(1)] IReadOnlyList<CartItem> Lines,
    [property: Id(2)] int Index,
    [property: Id(3)] long TotalFen,
    [property: Id(4)] long AmountFen);

[GenerateSerializer, Immutable]
public sealed record CartItem(
    [property: Id(0)] Guid SkuId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] long UnitPriceFen,
    [property: Id(3)] long ListPriceFen,
    [property: Id(4)] int Rank);

/// <summary>A promotion's terms as stored (kind and JSON), carried to the offer grain.</summary>
[GenerateSerializer, Immutable]
public sealed record PromotionTerms(
    [property: Id(0)] Daihuo.Domain.Promotions.PromotionKind Kind,
    [property: Id(1)] string Json);

/// <summary>What the offer grain needs to price an order with the pricing engine: the promotions, the buyer's tier and the coupons the buyer may use.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderPricing(
    [property: Id(0)] IReadOnlyList<PromotionTerms> Promotions,
    [property: Id(1)] int MemberTier,
    [property: Id(2)] IReadOnlyList<string> Coupons)
{
    /// <summary>The shop's stacking policy as stored (JSON); null: the default policy.</summary>
    [Id(3)]
    public string? Policy { get; init; }

    /// <summary>Gift units set aside for this order, by gift promotion id: the grain grants at most these.</summary>
    [Id(4)]
    public IReadOnlyDictionary<string, int>? GiftStock { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record OrderContact(
    [property: Id(0)] string BuyerName,
    [property: Id(1)] string BuyerPhone,
    [property: Id(2)] string ShipName,
    [property: Id(3)] string ShipPhone,
    [property: Id(4)] string ShipAddress);

public enum OrderOutcome
{
    Accepted = 0,
    SoldOut = 1,
    NotEnoughStock = 2,
    OverBuyerLimit = 3,
    InvalidQuantity = 4,

    /// <summary>The same idempotency key came with another request: refused (HTTP 422).</summary>
    KeyReused = 5,

    /// <summary>The batch did not commit (a stale activation was fenced, or the database failed): nothing was taken, try again.</summary>
    Retry = 6,

    /// <summary>A flash sale before its start.</summary>
    NotStarted = 7,

    /// <summary>A flash sale after its countdown ran out.</summary>
    Ended = 8,

    /// <summary>A checkout line whose price or promotions changed since the quote: nothing was taken, quote again.</summary>
    PriceChanged = 9,

    /// <summary>The session is not at the stage this grain sells in (the real offer sells live, its twin in rehearsal); see <see cref="OrderResult.Stage"/>.</summary>
    NotSelling = 10,

    /// <summary>The offer is off the shelf.</summary>
    Unlisted = 11,
}

/// <summary>A staff member's action on an offer (top-up, cancelling an order), for the audit entry written with it.</summary>
[GenerateSerializer, Immutable]
public sealed record StaffAct(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Reason);

/// <summary>
/// Offer grains come in two modes with the same offer id: the real one, and the rehearsal's, which
/// sells the same allocation as test orders that never touch the real stock, sales or figures.
/// </summary>
public static class OfferGrains
{
    public const string Real = "live";
    public const string Test = "test";

    public static IOfferGrain Offer(this IGrainFactory grains, Guid offerId, bool test = false) =>
        grains.GetGrain<IOfferGrain>(offerId, test ? Test : Real);
}

/// <summary>The answer to <see cref="PlaceOrder"/>. An accepted answer is only given once the order is durable.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderResult(
    [property: Id(0)] OrderOutcome Outcome,
    [property: Id(1)] Guid? OrderId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long TotalFen,
    [property: Id(4)] int Remaining)
{
    /// <summary>The accepted order's pricing breakdown as stored (JSON), and the coupon it used.</summary>
    [Id(5)]
    public string? Pricing { get; init; }

    [Id(6)]
    public Guid? CouponId { get; init; }

    /// <summary>With <see cref="OrderOutcome.NotSelling"/>: the session's stage as the grain knows it.</summary>
    [Id(7)]
    public SessionStage Stage { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record OfferSnapshot(
    [property: Id(0)] Guid OfferId,
    [property: Id(1)] int Allocated,
    [property: Id(2)] int Sold,
    [property: Id(3)] int PerBuyerLimit,
    [property: Id(4)] long PriceFen,
    [property: Id(5)] long Version)
{
    /// <summary>Orders placed on the offer so far (cancelled ones too): the next order's rank is one more.</summary>
    [Id(6)]
    public int Orders { get; init; }
}

/// <summary>
/// The sequencer for one shelf item (key: the offer's id): checks and reserves stock in memory,
/// appends accepted orders to the journal and answers only after the batch commits.
/// </summary>
public interface IOfferGrain : IGrainWithGuidCompoundKey
{
    // Interleaves by design: each call reserves synchronously, then only awaits durability, so many
    // calls share one journal batch. See OfferGrain for why that is safe.
    [AlwaysInterleave]
    Task<OrderResult> PlaceOrderAsync(PlaceOrder command);

    [AlwaysInterleave]
    Task<OfferSnapshot> GetSnapshotAsync();

    /// <summary>
    /// Re-reads the offer's terms (price, flash window, listing) and its session's stage after the console changed
    /// them; orders placed before keep their price.
    /// </summary>
    Task RefreshTermsAsync();

    /// <summary>Adds units to the allocation, written and audited in one journal batch; false if the batch did not commit.</summary>
    Task<bool> TopUpAsync(int units, StaffAct by);

    /// <summary>Staff cancel an unpaid order: its units return now. False if it is not an unpaid order of this offer.</summary>
    [AlwaysInterleave]
    Task<bool> CancelUnpaidAsync(Guid orderId, StaffAct by);

    /// <summary>Records a verified payment; a paid order never expires. False if the order is not an unpaid order of this offer.</summary>
    [AlwaysInterleave]
    Task<bool> MarkPaidAsync(Guid orderId);

    /// <summary>Cancels unpaid orders whose payment window has passed and returns their units; answers how many.</summary>
    [AlwaysInterleave]
    Task<int> ExpireUnpaidAsync();
}
