using Daihuo.Data;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using Orleans.Concurrency;

namespace Daihuo.Live.Promotions;

public enum ClaimOutcome
{
    Claimed = 0,

    /// <summary>The buyer already holds as many as the per-person limit allows.</summary>
    PersonLimit = 1,

    /// <summary>Every coupon of the total quantity has been claimed.</summary>
    AllClaimed = 2,

    /// <summary>Outside the coupon's validity, stopped, or not a coupon.</summary>
    NotAvailable = 3,

    /// <summary>Another activation got there first; nothing was claimed (try again).</summary>
    Retry = 4,
}

[GenerateSerializer, Immutable]
public sealed record ClaimResult(
    [property: Id(0)] ClaimOutcome Outcome,
    [property: Id(1)] Guid? ClaimId,
    [property: Id(2)] int Remaining);

/// <summary>
/// One coupon's quantity and per-person limit, as exact as stock (key: the coupon's promotion id).
/// Claims are taken one at a time (the grain does not interleave) and each is a row numbered within
/// the coupon and within the buyer; the database's unique indexes and checks on those numbers refuse
/// a claim over either limit even from a second activation. A claim is redeemed by one order only.
/// </summary>
public interface ICouponGrain : IGrainWithGuidKey
{
    Task<ClaimResult> ClaimAsync(string buyerId);

    /// <summary>A claim given for following the room: the only way to get a new-follower coupon.</summary>
    Task<ClaimResult> ClaimForFollowAsync(string buyerId);

    /// <summary>Gives a lottery winner the coupon as a prize: any scope, within the quantity and the per-person limit like any claim.</summary>
    Task<ClaimResult> GrantPrizeAsync(string buyerId);

    [AlwaysInterleave]
    Task<int> RemainingAsync();

    /// <summary>Uses one of the buyer's unused claims for an order; false if the buyer holds none (never twice).</summary>
    Task<bool> RedeemAsync(string buyerId, Guid orderId);

    /// <summary>Gives the claim an order used back to its buyer (the order was not placed, or did not use it).</summary>
    Task ReleaseAsync(Guid orderId);

    /// <summary>
    /// After a refund or a cancellation: gives the claim redeemed for <paramref name="claimedFor"/> (an order, or a
    /// checkout's lines) back to its buyer if nothing it discounted is kept (every line cancelled or fully refunded)
    /// and the coupon is still valid. Answers whether it went back.
    /// </summary>
    Task<bool> ReturnIfUnusedAsync(Guid claimedFor);
}

public sealed class CouponGrain(IDbContextFactory<DaihuoDbContext> contexts, LiveClock clock) : Grain, ICouponGrain
{
    private readonly Dictionary<string, int> _byBuyer = new(StringComparer.Ordinal);
    private Coupon? _coupon;
    private bool _active;
    private int _claimed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        _coupon = row is { Kind: PromotionKind.Coupon } ? (Coupon)PromotionJson.Read(row.Kind, row.Terms) : null;
        _active = row?.Active == true;
        var claims = await db.CouponClaims.AsNoTracking().Where(c => c.CouponId == id).GroupBy(c => c.BuyerId)
            .Select(g => new { Buyer = g.Key, Count = g.Count() }).ToListAsync(ct);
        _byBuyer.Clear();
        foreach (var c in claims)
        {
            _byBuyer[c.Buyer] = c.Count;
        }

        _claimed = claims.Sum(c => c.Count);
    }

    Task<int> ICouponGrain.RemainingAsync() => Task.FromResult(_coupon is null ? 0 : _coupon.TotalQuantity - _claimed);

    Task<ClaimResult> ICouponGrain.ClaimAsync(string buyerId) => ClaimAsync(buyerId, followed: false);

    Task<ClaimResult> ICouponGrain.ClaimForFollowAsync(string buyerId) => ClaimAsync(buyerId, followed: true);

    Task<ClaimResult> ICouponGrain.GrantPrizeAsync(string buyerId) => ClaimAsync(buyerId, followed: null);

    /// <summary>A claim by a tap (followed false), by following (true) or as a prize (null: any scope).</summary>
    private async Task<ClaimResult> ClaimAsync(string buyerId, bool? followed)
    {
        if (_coupon is not { } coupon || !_active || !coupon.ActiveAt(clock.UtcNow) || (followed is { } f && (coupon.Scope == CouponScope.NewFollower) != f))
        {
            return new ClaimResult(ClaimOutcome.NotAvailable, null, 0);
        }

        if (_claimed >= coupon.TotalQuantity)
        {
            return new ClaimResult(ClaimOutcome.AllClaimed, null, 0);
        }

        var held = _byBuyer.GetValueOrDefault(buyerId);
        if (held >= coupon.PerPerson)
        {
            return new ClaimResult(ClaimOutcome.PersonLimit, null, coupon.TotalQuantity - _claimed);
        }

        var claim = new CouponClaim
        {
            Id = Guid.CreateVersion7(clock.UtcNow),
            CouponId = this.GetPrimaryKey(),
            BuyerId = buyerId,
            Seq = _claimed + 1,
            Limit = coupon.TotalQuantity,
            PersonSeq = held + 1,
            PersonLimit = coupon.PerPerson,
            ClaimedAt = clock.UtcNow,
        };
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.CouponClaims.Add(claim);
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (Data.DbErrors.IsUniqueViolation(ex))
        {
            // A number was taken by another writer: this activation's view is stale. Nothing was claimed.
            await LoadAsync(CancellationToken.None);
            return new ClaimResult(ClaimOutcome.Retry, null, coupon.TotalQuantity - _claimed);
        }

        _claimed++;
        _byBuyer[buyerId] = held + 1;
        return new ClaimResult(ClaimOutcome.Claimed, claim.Id, coupon.TotalQuantity - _claimed);
    }

    async Task ICouponGrain.ReleaseAsync(Guid orderId)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync();
        await db.CouponClaims.Where(c => c.CouponId == id && c.OrderId == orderId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, (Guid?)null).SetProperty(c => c.RedeemedAt, (DateTimeOffset?)null));
    }

    async Task<bool> ICouponGrain.ReturnIfUnusedAsync(Guid claimedFor)
    {
        // Calls for one coupon run one at a time here, each after its own cancellation or refund committed, so
        // the last of a checkout's lines to go always sees all the others gone.
        if (_coupon is not { } coupon || (coupon.EndsAt is { } end && clock.UtcNow >= end))
        {
            return false;
        }

        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync();
        var kept = await db.Orders.AsNoTracking().AnyAsync(o => (o.Id == claimedFor || o.CheckoutId == claimedFor)
            && o.Status != Data.Orders.OrderStatus.Cancelled && o.RefundedUnits < o.Quantity);
        return !kept && await db.CouponClaims.Where(c => c.CouponId == id && c.OrderId == claimedFor)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, (Guid?)null).SetProperty(c => c.RedeemedAt, (DateTimeOffset?)null)) == 1;
    }

    async Task<bool> ICouponGrain.RedeemAsync(string buyerId, Guid orderId)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.CouponClaims.AnyAsync(c => c.CouponId == id && c.OrderId == orderId))
        {
            // The same order again (a retry): already redeemed, once.
            return true;
        }

        var claim = await db.CouponClaims.AsNoTracking()
            .Where(c => c.CouponId == id && c.BuyerId == buyerId && c.OrderId == null)
            .OrderBy(c => c.Seq).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
        if (claim is null)
        {
            return false;
        }

        var now = clock.UtcNow;
        try
        {
            return await db.CouponClaims.Where(c => c.Id == claim && c.OrderId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, orderId).SetProperty(c => c.RedeemedAt, now)) == 1;
        }
        catch (System.Data.Common.DbException ex) when (Data.DbErrors.IsUniqueViolation(ex))
        {
            // The order redeemed another claim meanwhile (unique order id): this one stays unused.
            return false;
        }
    }
}
