using Daihuo.Data.Audit;
using Daihuo.Data.Promotions;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Live.Orders;
using Daihuo.Live.Promotions;
using Daihuo.Live.Tests.Orders;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Tests.Promotions;

/// <summary>Coupon quantities and per-person limits are as exact as stock, and a claim is redeemed once, on both databases.</summary>
public abstract class CouponConcurrencyTests<TCluster, TDatabase>(TCluster live) : IClassFixture<TCluster>
    where TCluster : LiveCluster<TDatabase>
    where TDatabase : DatabaseFixture, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> CouponAsync(int total, int perPerson)
    {
        var store = new PromotionStore(live.Database, live.Database.Clock);
        var coupon = new Coupon("c", "满 199 减 20", Money.FromYuan(20), null, null, Money.FromYuan(199), total, perPerson)
        {
            EndsAt = live.Database.Clock.GetUtcNow().AddDays(1),
        };
        return (await store.CreateAsync(coupon, null, new Actor("test", "test"), Ct)).Id;
    }

    private async Task<List<CouponClaim>> ClaimsAsync(Guid couponId)
    {
        await using var db = live.Database.CreateDbContext();
        return await db.CouponClaims.AsNoTracking().Where(c => c.CouponId == couponId).ToListAsync(Ct);
    }

    [Fact]
    public async Task Two_thousand_buyers_racing_for_a_hundred_coupons_get_exactly_a_hundred_one_each_at_most()
    {
        live.Database.SkipIfUnavailable();
        var couponId = await CouponAsync(total: 100, perPerson: 1);
        var grain = live.Grains.GetGrain<ICouponGrain>(couponId);

        var results = await Task.WhenAll(Enumerable.Range(0, 2_000).SelectMany(b => new[] { $"buyer-{b}", $"buyer-{b}" })
            .OrderBy(_ => Random.Shared.Next()).Select(grain.ClaimAsync));

        var claims = await ClaimsAsync(couponId);
        Assert.Equal(100, results.Count(r => r.Outcome == ClaimOutcome.Claimed));
        Assert.Equal(100, claims.Count);
        Assert.Equal(100, claims.Select(c => c.BuyerId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 100), claims.Select(c => c.Seq).Order());
        Assert.Equal(0, await grain.RemainingAsync());
        Assert.All(results.Where(r => r.Outcome != ClaimOutcome.Claimed), r => Assert.Contains(r.Outcome, new[] { ClaimOutcome.AllClaimed, ClaimOutcome.PersonLimit }));
    }

    [Fact]
    public async Task The_database_refuses_a_claim_over_the_quantity_or_the_per_person_limit_whoever_writes_it()
    {
        live.Database.SkipIfUnavailable();
        var couponId = await CouponAsync(total: 2, perPerson: 1);
        var grain = live.Grains.GetGrain<ICouponGrain>(couponId);
        Assert.Equal(ClaimOutcome.Claimed, (await grain.ClaimAsync("a")).Outcome);

        // A second activation with a stale view would write these: each one is refused by the database.
        CouponClaim Stale(string buyer, int seq, int personSeq) => new()
        {
            Id = Guid.NewGuid(), CouponId = couponId, BuyerId = buyer, Seq = seq, Limit = 2, PersonSeq = personSeq, PersonLimit = 1, ClaimedAt = DateTimeOffset.UtcNow,
        };
        foreach (var stale in new[] { Stale("b", 1, 1), Stale("a", 2, 1), Stale("c", 3, 1), Stale("d", 2, 2) })
        {
            await using var db = live.Database.CreateDbContext();
            db.CouponClaims.Add(stale);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }

        Assert.Single(await ClaimsAsync(couponId));
    }

    [Fact]
    public async Task A_claim_is_redeemed_by_one_order_only_even_when_twenty_orders_try_at_once()
    {
        live.Database.SkipIfUnavailable();
        var couponId = await CouponAsync(total: 10, perPerson: 1);
        var grain = live.Grains.GetGrain<ICouponGrain>(couponId);
        await grain.ClaimAsync("r");

        var orders = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var redeemed = await Task.WhenAll(orders.Select(o => grain.RedeemAsync("r", o)));

        Assert.Equal(1, redeemed.Count(r => r));
        var claim = Assert.Single(await ClaimsAsync(couponId));
        Assert.Equal(orders[Array.IndexOf(redeemed, true)], claim.OrderId);
        Assert.True(await grain.RedeemAsync("r", claim.OrderId!.Value));
        Assert.False(await grain.RedeemAsync("nobody", Guid.NewGuid()));
    }

    [Fact]
    public async Task A_coupon_spent_on_an_order_that_expires_unpaid_goes_back_to_the_buyer()
    {
        live.Database.SkipIfUnavailable();
        var couponId = await CouponAsync(total: 5, perPerson: 1);
        var coupons = live.Grains.GetGrain<ICouponGrain>(couponId);
        await coupons.ClaimAsync("e");
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 0, priceFen: 15_000);
        var orderId = Guid.NewGuid();
        Assert.True(await coupons.RedeemAsync("e", orderId));
        var pricing = new Daihuo.Live.Orders.OrderPricing(
            [new Daihuo.Live.Orders.PromotionTerms(PromotionKind.Coupon, PromotionJson.Write((await new PromotionStore(live.Database, live.Database.Clock).ListAsync(null, Ct)).Single(p => p.Id == couponId).Terms))],
            0, [couponId.ToString("N")]);
        var placed = await live.Grains.Offer(offerId).PlaceOrderAsync(new Daihuo.Live.Orders.PlaceOrder("e", 2, "ek", "h") { Pricing = pricing, OrderId = orderId });
        Assert.Equal((orderId, couponId), (placed.OrderId, placed.CouponId));
        Assert.Equal(28_000, placed.TotalFen);

        live.Database.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await live.Grains.Offer(offerId).ExpireUnpaidAsync());

        var claim = Assert.Single(await ClaimsAsync(couponId));
        Assert.Null(claim.OrderId);
        Assert.True(await coupons.RedeemAsync("e", Guid.NewGuid()));
    }

    [Fact]
    public async Task A_coupon_outside_its_validity_cannot_be_claimed_and_bad_terms_are_never_stored()
    {
        live.Database.SkipIfUnavailable();
        var store = new PromotionStore(live.Database, live.Database.Clock);
        var now = live.Database.Clock.GetUtcNow();
        var later = new Coupon("l", "明天的券", Money.FromYuan(5), null, null, Money.Zero, 10, 1) { StartsAt = now.AddDays(1), EndsAt = now.AddDays(2) };
        var laterId = (await store.CreateAsync(later, null, new Actor("test", "test"), Ct)).Id;
        Assert.Equal(ClaimOutcome.NotAvailable, (await live.Grains.GetGrain<ICouponGrain>(laterId).ClaimAsync("early")).Outcome);

        var noEnd = new Coupon("x", "无期限券", Money.FromYuan(5), null, null, Money.Zero, 10, 1);
        var error = await Assert.ThrowsAsync<DomainValidationException>(() => store.CreateAsync(noEnd, null, new Actor("test", "test"), Ct));
        Assert.Equal(("required", "endsAt"), (error.Errors.Single().Code, error.Errors.Single().Field));
        await using var db = live.Database.CreateDbContext();
        Assert.False(await db.Promotions.AnyAsync(p => p.Name == "无期限券", Ct));
    }

    [Fact]
    public async Task Gift_stock_is_as_exact_as_stock_and_units_given_back_go_to_the_next_order()
    {
        live.Database.SkipIfUnavailable();
        var store = new PromotionStore(live.Database, live.Database.Clock);
        var giftId = (await store.CreateAsync(new Gift("g", "帆布袋", Guid.NewGuid(), 1, GiftTrigger.EveryOrder) { Stock = 25 }, null, new Actor("test", "test"), Ct)).Id;
        var gift = live.Grains.GetGrain<IGiftGrain>(giftId);
        var orders = Enumerable.Range(0, 400).Select(_ => Guid.NewGuid()).ToList();

        // 400 orders race for 25 bags; a retry for an order that got one is answered "yes" again without a second bag.
        var results = await Task.WhenAll(orders.Select(o => gift.ReserveAsync(o, 1)));
        var winners = orders.Where((_, i) => results[i]).ToList();
        Assert.Equal(25, winners.Count);
        Assert.True(await gift.ReserveAsync(winners[0], 1));
        await using (var db = live.Database.CreateDbContext())
        {
            var grants = await db.GiftGrants.AsNoTracking().Where(g => g.GiftId == giftId).ToListAsync(Ct);
            Assert.Equal(Enumerable.Range(1, 25), grants.Select(g => g.Slot).Order());
            Assert.Equal(winners.Order(), grants.Select(g => g.ForId).Order());
        }

        // A unit given back (the order was cancelled) goes to the next order; a write over the stock is refused by the database itself.
        Assert.Equal(0, await gift.RemainingAsync());
        await gift.ReleaseAsync(winners[3]);
        Assert.True(await gift.ReserveAsync(Guid.NewGuid(), 1));
        await using var check = live.Database.CreateDbContext();
        check.GiftGrants.Add(new GiftGrant { Id = Guid.NewGuid(), GiftId = giftId, ForId = Guid.NewGuid(), Slot = 26, Limit = 25, GrantedAt = DateTimeOffset.UtcNow });
        await Assert.ThrowsAsync<DbUpdateException>(() => check.SaveChangesAsync(Ct));
    }

    /// <summary>
    /// A property over random coupons and crowds (FsCheck chooses the seed): whatever the total quantity, the
    /// per-person limit, the number of buyers and how often each one taps, racing claims never hand out more
    /// than the quantity or more than the limit to anyone; then every buyer's orders race to redeem, and no
    /// claim is spent twice nor more orders discounted than claims held.
    /// </summary>
    [Fact]
    public void No_coupon_is_granted_over_its_limits_or_redeemed_twice_whatever_the_crowd()
    {
        live.Database.SkipIfUnavailable();
        Prop.ForAll<int>(seed => CrowdAsync(seed).GetAwaiter().GetResult()).Check(Config.QuickThrowOnFailure.WithMaxTest(8));
    }

    private async Task<bool> CrowdAsync(int seed)
    {
        var random = new Random(seed);
        var total = random.Next(1, 40);
        var (perPerson, buyers, taps) = (random.Next(1, Math.Min(4, total + 1)), random.Next(1, 60), random.Next(1, 5));
        var couponId = await CouponAsync(total, perPerson);
        var grain = live.Grains.GetGrain<ICouponGrain>(couponId);

        var claims = await Task.WhenAll(Enumerable.Range(0, buyers).SelectMany(b => Enumerable.Repeat($"p{seed}-{b}", taps))
            .OrderBy(_ => random.Next()).Select(grain.ClaimAsync));
        var rows = await ClaimsAsync(couponId);
        var granted = claims.Count(c => c.Outcome == ClaimOutcome.Claimed);
        var limitsHeld = granted == rows.Count && rows.Count <= total && rows.GroupBy(r => r.BuyerId).All(g => g.Count() <= perPerson)
            && rows.Count == Math.Min(total, buyers * Math.Min(perPerson, taps));

        var orders = rows.Select(r => r.BuyerId).Distinct().SelectMany(b => Enumerable.Range(0, perPerson + 2).Select(_ => (Buyer: b, Order: Guid.NewGuid()))).ToList();
        var redeemed = await Task.WhenAll(orders.Select(o => grain.RedeemAsync(o.Buyer, o.Order)));
        var after = await ClaimsAsync(couponId);
        var onceEach = redeemed.Count(r => r) == after.Count(c => c.OrderId != null)
            && after.Where(c => c.OrderId != null).Select(c => c.OrderId).Distinct().Count() == after.Count(c => c.OrderId != null)
            && after.All(c => c.OrderId != null);
        return limitsHeld && onceEach;
    }
}

public sealed class SqliteCouponConcurrencyTests(SqliteLiveCluster live) : CouponConcurrencyTests<SqliteLiveCluster, SqliteFixture>(live);

public sealed class PostgresCouponConcurrencyTests(PostgresLiveCluster live) : CouponConcurrencyTests<PostgresLiveCluster, PostgresFixture>(live);
