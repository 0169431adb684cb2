namespace Daihuo.Baseline;

public sealed record OrderRequest(int Quantity, string? ShipName, string? ShipPhone, string? ShipAddress);

public sealed record OffersRequest(int Count, int Units, long PriceFen = 2990);

/// <summary>An acknowledged order (a retry with the same key gets the first one back).</summary>
public sealed record Placed(Guid OrderId, int Quantity, long TotalFen);

/// <summary>What the store holds for one offer: every order id, the units they hold, and the offer's own counters.</summary>
public sealed record OfferState(IReadOnlyList<Guid> OrderIds, long Units, long Sold, long Allocated);

/// <summary>One stock-and-order path: the only thing that differs between the baselines (and from Daihuo).</summary>
public interface IBaselineStore
{
    Task<IReadOnlyList<Guid>> CreateOffersAsync(int count, int units, long priceFen);

    /// <summary>The order, or null when the offer cannot give that many units.</summary>
    Task<Placed?> PlaceAsync(Guid offerId, string buyerId, string key, OrderRequest request);

    Task<OfferState> ReconcileAsync(Guid offerId);
}
