using Orleans.Concurrency;

namespace Daihuo.Live.Orders;

/// <summary>A buyer's request for units of one offer, as the storefront sends it.</summary>
[GenerateSerializer, Immutable]
public sealed record PlaceOrder(
    [property: Id(0)] string BuyerId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] string RequestHash);

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
}

/// <summary>The answer to <see cref="PlaceOrder"/>. An accepted answer is only given once the order is durable.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderResult(
    [property: Id(0)] OrderOutcome Outcome,
    [property: Id(1)] Guid? OrderId,
    [property: Id(2)] int Quantity,
    [property: Id(3)] long TotalFen,
    [property: Id(4)] int Remaining);

[GenerateSerializer, Immutable]
public sealed record OfferSnapshot(
    [property: Id(0)] Guid OfferId,
    [property: Id(1)] int Allocated,
    [property: Id(2)] int Sold,
    [property: Id(3)] int PerBuyerLimit,
    [property: Id(4)] long PriceFen,
    [property: Id(5)] long Version);

/// <summary>
/// The sequencer for one shelf item (key: the offer's id): checks and reserves stock in memory,
/// appends accepted orders to the journal and answers only after the batch commits.
/// </summary>
public interface IOfferGrain : IGrainWithGuidKey
{
    // Interleaves by design: each call reserves synchronously, then only awaits durability, so many
    // calls share one journal batch. See OfferGrain for why that is safe.
    [AlwaysInterleave]
    Task<OrderResult> PlaceOrderAsync(PlaceOrder command);

    [AlwaysInterleave]
    Task<OfferSnapshot> GetSnapshotAsync();

    /// <summary>Re-reads the offer's terms (price) after the console changed them; orders placed before keep their price.</summary>
    Task RefreshTermsAsync();

    /// <summary>Records a verified payment; a paid order never expires. False if the order is not an unpaid order of this offer.</summary>
    [AlwaysInterleave]
    Task<bool> MarkPaidAsync(Guid orderId);

    /// <summary>Cancels unpaid orders whose payment window has passed and returns their units; answers how many.</summary>
    [AlwaysInterleave]
    Task<int> ExpireUnpaidAsync();
}
