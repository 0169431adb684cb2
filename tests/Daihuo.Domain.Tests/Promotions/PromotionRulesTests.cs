using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Domain.Tests.Promotions;

/// <summary>Bad promotions are refused with the field and the reason.</summary>
public sealed class PromotionRulesTests
{
    private static readonly DateTimeOffset Now = RandomCarts.Now;

    private static (string Code, string Field) One(Promotion p)
    {
        var error = Assert.Single(PromotionRules.Validate(p).Errors);
        return (error.Code, error.Field);
    }

    [Fact]
    public void Refuses_percent_above_100_a_zero_threshold_overlapping_tiers_and_a_coupon_without_an_end()
    {
        Assert.Equal((ErrorCodes.OutOfRange, "percentOff"), One(new MultiBuy("m", "3 件", [], 3, 120)));
        Assert.Equal((ErrorCodes.OutOfRange, "percentOff"), One(new Coupon("c", "券", null, 101, null, Money.Zero, 10, 1) { EndsAt = Now }));
        Assert.Equal((ErrorCodes.MoneyZero, "threshold"), One(new ThresholdDiscount("t", "满减", Money.Zero, Money.FromYuan(30), false)));
        Assert.Equal((ErrorCodes.PromoOffAboveThreshold, "off"), One(new ThresholdDiscount("t", "满减", Money.FromYuan(30), Money.FromYuan(30), false)));
        Assert.Equal((ErrorCodes.PromoTiersOverlap, "tiers[1].upToRank"),
            One(new RankTierPrice("r", "阶梯", Guid.NewGuid(), [new RankTier(100, Money.FromYuan(50)), new RankTier(100, Money.FromYuan(30))])));
        Assert.Equal((ErrorCodes.OutOfRange, "tiers"),
            One(new RankTierPrice("r", "阶梯", Guid.NewGuid(), [new(1, Money.FromYuan(9)), new(2, Money.FromYuan(8)), new(3, Money.FromYuan(7)), new(4, Money.FromYuan(6))])));
        Assert.Equal((ErrorCodes.Required, "endsAt"), One(new Coupon("c", "券", Money.FromYuan(10), null, null, Money.FromYuan(99), 10, 1)));
        Assert.Equal((ErrorCodes.PromoCouponValue, "amountOff"), One(new Coupon("c", "券", Money.FromYuan(10), 10, null, Money.Zero, 10, 1) { EndsAt = Now }));
        Assert.Equal((ErrorCodes.PromoWindow, "endsAt"), One(new FlashPrice("f", "秒杀", Guid.NewGuid(), Money.FromYuan(9)) { StartsAt = Now, EndsAt = Now }));
        Assert.Equal((ErrorCodes.Required, "name"), One(new ThresholdDiscount("t", " ", Money.FromYuan(299), Money.FromYuan(30), false)));
    }

    [Fact]
    public void Accepts_well_formed_promotions_of_every_kind()
    {
        Promotion[] good =
        [
            new FlashPrice("f", "秒杀", Guid.NewGuid(), Money.FromYuan(9)) { StartsAt = Now, EndsAt = Now.AddMinutes(30) },
            new MemberPrice("m", "会员价", Guid.NewGuid(), 1, Money.FromYuan(19)),
            new RankTierPrice("r", "前 100 单减 50", Guid.NewGuid(), [new(100, Money.FromYuan(50)), new(300, Money.FromYuan(20))]),
            new MultiBuy("mb", "3 件 8 折", [], 3, 20),
            new BundlePrice("b", "组合价", [Guid.NewGuid(), Guid.NewGuid()], Money.FromYuan(89)),
            new ThresholdDiscount("t", "满 299 减 30", Money.FromYuan(299), Money.FromYuan(30), true, Money.FromYuan(90)),
            new Coupon("c", "满 199 减 20", Money.FromYuan(20), null, null, Money.FromYuan(199), 1000, 1) { EndsAt = Now.AddDays(3) },
            new Gift("g", "赠品", Guid.NewGuid(), 1, GiftTrigger.SpendAtLeast, Money.FromYuan(199)) { Stock = 500 },
        ];
        Assert.All(good, p => Assert.True(PromotionRules.Validate(p).IsValid, p.Id));
    }
}
