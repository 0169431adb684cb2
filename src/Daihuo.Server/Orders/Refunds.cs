using System.Security.Claims;
using Daihuo.Data.Orders;
using Daihuo.Live.Promotions;
using Daihuo.Server.Account;

namespace Daihuo.Server.Orders;

public sealed record RefundResult(Guid RefundId, Guid OrderId, int Units, long Amount, int RefundedUnits, long Refunded, bool CouponReturned);

/// <summary>
/// Staff refunds: the store records the units' apportioned share under the order's refund count;
/// when that completed the order, its coupon goes back to the buyer if nothing it discounted is kept
/// and it is still valid (the coupon's grain decides, one call at a time).
/// </summary>
public sealed class Refunds(OrderStore orders, IGrainFactory grains)
{
    public async Task<RefundResult> RefundAsync(Guid orderId, int units, string? reason, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var done = await orders.RefundAsync(orderId, units, reason, user.ToActor(), ct);
        var returned = done.CouponBack is { } back && await grains.GetGrain<ICouponGrain>(back.Coupon).ReturnIfUnusedAsync(back.ClaimedFor);
        return new RefundResult(done.RefundId, done.OrderId, done.Units, done.Amount.Fen, done.RefundedUnits, done.Refunded.Fen, returned);
    }
}
