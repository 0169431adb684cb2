using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Domain.Tests.Promotions;

/// <summary>Worked examples (SPEC.md section 4) and every stacking combination of the default policy, breakdown codes and amounts asserted.</summary>
public sealed class PricingEngineTests
{
    private static readonly Guid Mango = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Cake = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    private static readonly Guid Tea = Guid.Parse("00000000-0000-0000-0000-0000000000c3");
    private static readonly Guid Bag = Guid.Parse("00000000-0000-0000-0000-0000000000d4");
    private static readonly DateTimeOffset Now = RandomCarts.Now;

    private static Money Y(decimal yuan) => Money.FromFen((long)(yuan * 100));

    private static CartLine Line(Guid sku, int quantity, decimal unit, decimal? list = null) => new(sku, quantity, Y(unit), Y(list ?? unit * 2));

    private static PricedCart Price(IReadOnlyList<CartLine> cart, params Promotion[] rules) => PricingEngine.Price(cart, rules, new PricingContext(Now));

    private static readonly ThresholdDiscount ManJian = new("t-299", "满 299 减 30", Y(299), Y(30), Repeatable: false);

    [Fact]
    public void Short_of_a_threshold_the_breakdown_says_how_much_more_to_add()
    {
        var priced = Price([Line(Mango, 2, 129)], ManJian);

        var skipped = Assert.Single(priced.Skipped);
        Assert.Equal("promo.skip.threshold_short", skipped.Reason.Code);
        Assert.Equal([Y(41), Y(299), Y(30)], skipped.Reason.Args.Cast<Money>());
        Assert.Equal(Y(258), priced.Total);
    }

    [Fact]
    public void Over_the_threshold_30_yuan_comes_off_spread_over_the_lines_to_the_fen()
    {
        var priced = Price([Line(Mango, 2, 129), Line(Cake, 1, 49)], ManJian);

        Assert.Equal(Y(277), priced.Total);
        var applied = Assert.Single(priced.Applied);
        Assert.Equal(("promo.threshold", Y(30)), (applied.Note.Code, applied.Amount));

        // 30 yuan over 258 and 49 by largest remainder: 25.21 and 4.79.
        Assert.Equal(Y(232.79m), priced.Lines[0].Amount);
        Assert.Equal(Y(44.21m), priced.Lines[1].Amount);
    }

    [Fact]
    public void A_repeatable_threshold_takes_off_for_every_full_threshold_up_to_its_cap()
    {
        var repeat = ManJian with { Id = "t-r", Repeatable = true };
        Assert.Equal(Y(60), Price([Line(Mango, 5, 130)], repeat).Discount);
        Assert.Equal(Y(50), Price([Line(Mango, 5, 130)], repeat with { MaxOff = Y(50) }).Discount);
    }

    [Fact]
    public void Three_items_twenty_percent_off_and_the_short_case_names_the_missing_units()
    {
        var multi = new MultiBuy("m-3", "3 件 8 折", [], 3, 20);
        Assert.Equal(Y(35.40m), Price([Line(Mango, 3, 59)], multi).Discount);

        var short2 = Price([Line(Mango, 2, 59)], multi);
        Assert.Equal(("promo.skip.multibuy_short", 1), (short2.Skipped[0].Reason.Code, (int)short2.Skipped[0].Reason.Args[0]));
    }

    [Fact]
    public void First_hundred_orders_fifty_yuan_off_then_a_second_tier()
    {
        var rank = new RankTierPrice("r", "前 100 单立减 50", Bag, [new RankTier(100, Y(50)), new RankTier(300, Y(20))]);
        PricedCart At(int r) => PricingEngine.Price([Line(Bag, 1, 399)], [rank], new PricingContext(Now) { RankBySku = new Dictionary<Guid, int> { [Bag] = r } });

        Assert.Equal(Y(349), At(37).Total);
        Assert.Equal(Y(379), At(150).Total);
        Assert.Equal("promo.skip.rank_passed", At(301).Skipped.Single().Reason.Code);
    }

    [Fact]
    public void A_flash_price_holds_only_in_its_window()
    {
        var flash = new FlashPrice("f", "秒杀", Mango, Y(19.9m)) { StartsAt = Now.AddMinutes(-10), EndsAt = Now.AddMinutes(20) };
        Assert.Equal(Y(19.9m), Price([Line(Mango, 1, 29.9m)], flash).Total);
        Assert.Equal("promo.skip.ended", Price([Line(Mango, 1, 29.9m)], flash with { EndsAt = Now }).Skipped.Single().Reason.Code);
        Assert.Equal("promo.skip.not_started", Price([Line(Mango, 1, 29.9m)], flash with { StartsAt = Now.AddSeconds(1) }).Skipped.Single().Reason.Code);
    }

    [Fact]
    public void Flash_member_and_rank_prices_exclude_each_other_and_the_buyer_gets_the_lowest()
    {
        var flash = new FlashPrice("f", "秒杀", Mango, Y(22)) { StartsAt = Now.AddMinutes(-1), EndsAt = Now.AddMinutes(30) };
        var member = new MemberPrice("m", "会员价", Mango, 1, Y(25));
        var rank = new RankTierPrice("r", "前 10 单减 9", Mango, [new RankTier(10, Y(9))]);
        var context = new PricingContext(Now) { MemberTier = 2, RankBySku = new Dictionary<Guid, int> { [Mango] = 3 } };

        var priced = PricingEngine.Price([Line(Mango, 2, 29.9m)], [member, flash, rank], context);

        // Live 29.90: flash 22, member 25, rank 29.90 − 9 = 20.90: the rank tier wins.
        Assert.Equal(Y(41.8m), priced.Total);
        Assert.Equal("r", Assert.Single(priced.Applied).PromotionId);
        Assert.All(priced.Skipped, s => Assert.Equal("promo.skip.better_price", s.Reason.Code));
        Assert.Equal(["f", "m"], priced.Skipped.Select(s => s.PromotionId).Order());
    }

    [Fact]
    public void Item_prices_then_threshold_then_one_coupon_the_best_one_held()
    {
        var flash = new FlashPrice("f", "秒杀", Mango, Y(99)) { StartsAt = Now.AddMinutes(-1), EndsAt = Now.AddMinutes(30) };
        var twenty = new Coupon("c-20", "满 199 减 20", Y(20), null, null, Y(199), 1000, 1) { EndsAt = Now.AddDays(1) };
        var tenPercent = new Coupon("c-10p", "9 折券", null, 10, Y(15), Y(0), 1000, 1) { EndsAt = Now.AddDays(1) };
        var notHeld = new Coupon("c-x", "没领的券", Y(100), null, null, Y(0), 1000, 1) { EndsAt = Now.AddDays(1) };
        var context = new PricingContext(Now) { HeldCoupons = ["c-20", "c-10p"] };

        var priced = PricingEngine.Price([Line(Mango, 3, 129), Line(Cake, 1, 49)], [flash, ManJian, twenty, tenPercent, notHeld], context);

        // 3 × 99 + 49 = 346 → 299 − 30 → 316 → best coupon: 20 off (10% would be 31.60, capped at 15) → 296.
        Assert.Equal(Y(296), priced.Total);
        Assert.Equal(["f", "t-299", "c-20"], priced.Applied.Select(a => a.PromotionId));
        Assert.Equal("c-20", priced.CouponId);
        Assert.Equal(("c-10p", "promo.skip.better_offer"), (priced.Skipped.Single().PromotionId, priced.Skipped.Single().Reason.Code));
    }

    [Fact]
    public void A_coupon_below_its_minimum_spend_says_how_much_more()
    {
        var coupon = new Coupon("c", "满 199 减 20", Y(20), null, null, Y(199), 10, 1) { EndsAt = Now.AddDays(1) };
        var priced = PricingEngine.Price([Line(Cake, 3, 49)], [coupon], new PricingContext(Now) { HeldCoupons = ["c"] });

        Assert.Equal(("promo.skip.coupon_min_spend", Y(52)), (priced.Skipped.Single().Reason.Code, (Money)priced.Skipped.Single().Reason.Args[0]));
        Assert.Null(priced.CouponId);
    }

    [Fact]
    public void A_bundle_prices_each_complete_set_and_does_not_combine_with_multi_buy()
    {
        var bundle = new BundlePrice("b", "芒果干 + 蛋黄酥 组合价 89", [Mango, Cake], Y(89));
        var multi = new MultiBuy("m", "3 件 9 折", [], 3, 10);

        var priced = Price([Line(Mango, 2, 59), Line(Cake, 3, 49)], bundle, multi);

        // Multi-buy applies first (it comes before bundles by kind), so the bundle is excluded.
        Assert.Equal(["m"], priced.Applied.Select(a => a.PromotionId));
        Assert.Equal("promo.skip.excluded", priced.Skipped.Single().Reason.Code);
        var bundleOnly = Price([Line(Mango, 2, 59), Line(Cake, 3, 49)], bundle);
        Assert.Equal(Y(2 * (59 + 49 - 89)), bundleOnly.Discount);
        Assert.Equal(Y(1), Price([Line(Mango, 1, 59), Line(Cake, 1, 49)], bundle with { Price = Y(107) }).Discount);
        Assert.Equal("promo.skip.bundle_incomplete", Price([Line(Mango, 1, 59)], bundle).Skipped.Single().Reason.Code);
    }

    [Fact]
    public void Gifts_come_with_every_order_above_a_spend_or_for_the_first_orders_while_stock_lasts()
    {
        var every = new Gift("g-all", "试吃装", Tea, 1, GiftTrigger.EveryOrder);
        var spend = new Gift("g-199", "帆布袋", Bag, 1, GiftTrigger.SpendAtLeast, MinSpend: Y(199));
        var first = new Gift("g-50", "限量杯", Tea, 2, GiftTrigger.FirstOrders, FirstOrders: 50);
        var stock = new Dictionary<string, int> { ["g-all"] = 5, ["g-199"] = 0, ["g-50"] = 9 };

        var priced = PricingEngine.Price([Line(Mango, 4, 59)], [every, spend, first], new PricingContext(Now) { GiftStock = stock, OrderRank = 51 });

        Assert.Equal(["g-all"], priced.Gifts.Select(g => g.PromotionId));
        Assert.Equal(("promo.gift", Money.Zero), (priced.Applied.Single().Note.Code, priced.Applied.Single().Amount));
        Assert.Equal(["promo.skip.gift_first_gone", "promo.skip.gift_out"], priced.Skipped.Select(s => s.Reason.Code).Order());
        Assert.Equal(Y(236), priced.Total);
    }

    [Fact]
    public void The_stacking_policy_is_data_a_coupon_first_policy_prices_differently_and_a_loop_is_refused()
    {
        var coupon = new Coupon("c", "减 60", Y(60), null, null, Y(0), 10, 1) { EndsAt = Now.AddDays(1) };
        var context = new PricingContext(Now) { HeldCoupons = ["c"] };
        var cart = new[] { Line(Mango, 1, 320) };
        var couponFirst = StackingPolicy.Default with
        {
            Steps =
            [
                new(PromotionKind.Coupon, []),
                new(PromotionKind.Threshold, [PromotionKind.Coupon]),
            ],
        };

        // Default: 320 → 290 (threshold) → 230 (coupon). Coupon first: 320 → 260, now below 299: no threshold.
        Assert.Equal(Y(230), PricingEngine.Price(cart, [ManJian, coupon], context).Total);
        var other = PricingEngine.Price(cart, [ManJian, coupon], context, couponFirst);
        Assert.Equal(Y(260), other.Total);
        Assert.Equal("promo.skip.threshold_short", other.Skipped.Single().Reason.Code);

        var loop = new StackingPolicy([new(PromotionKind.Coupon, [PromotionKind.Threshold]), new(PromotionKind.Threshold, [PromotionKind.Coupon])], []);
        Assert.Equal(ErrorCodes.PromoStackingLoop, loop.Validate().Errors.Single().Code);
        Assert.Throws<DomainValidationException>(() => PricingEngine.Price(cart, [coupon], context, loop));
        Assert.True(StackingPolicy.Default.Validate().IsValid);
    }

    [Fact]
    public void Excluded_kinds_named_in_the_policy_do_not_combine()
    {
        var coupon = new Coupon("c", "减 10", Y(10), null, null, Y(0), 10, 1) { EndsAt = Now.AddDays(1) };
        var noCouponOnThreshold = StackingPolicy.Default with { Exclusions = [.. StackingPolicy.Default.Exclusions, new Exclusion(PromotionKind.Threshold, PromotionKind.Coupon)] };
        var priced = PricingEngine.Price([Line(Mango, 1, 320)], [ManJian, coupon], new PricingContext(Now) { HeldCoupons = ["c"] }, noCouponOnThreshold);

        Assert.Equal(Y(290), priced.Total);
        Assert.Equal(("c", "promo.skip.excluded"), (priced.Skipped.Single().PromotionId, priced.Skipped.Single().Reason.Code));
    }

    [Fact]
    public void A_partial_refund_returns_the_apportioned_amount_and_a_full_refund_the_total()
    {
        var priced = Price([Line(Mango, 3, 100), Line(Cake, 1, 100)], ManJian with { Off = Y(31) });
        var ledger = new RefundLedger(priced.Lines);

        // 31 yuan over 300 and 100: 23.25 and 7.75; 276.75 for three mangoes is 92.25 each.
        Assert.Equal(Y(276.75m), priced.Lines[0].Amount);
        Assert.Equal(Y(92.25m), ledger.Refund(0, 1));
        Assert.Equal(Y(184.50m), ledger.Refund(0, 2));
        Assert.Throws<DomainValidationException>(() => ledger.Refund(0, 1));
        ledger.Refund(1, 1);
        Assert.Equal(priced.Total, ledger.Refunded);
    }

    [Fact]
    public void Every_kind_applies_somewhere_in_the_random_carts_the_properties_use()
    {
        var seen = Enumerable.Range(0, 2000).SelectMany(seed =>
        {
            var (cart, rules, context) = RandomCarts.Make(seed);
            return PricingEngine.Price(cart, rules, context).Applied.Select(a => a.Kind);
        }).ToHashSet();

        Assert.Equal(Enum.GetValues<PromotionKind>().Order(), seen.Order());
    }
}
