using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Domain.Tests.Promotions;

/// <summary>Planning advice from SPEC.md section 4, at its edges, and with a shop's own thresholds.</summary>
public sealed class PromotionAdviceTests
{
    private static Money Y(int yuan) => Money.FromYuan(yuan);

    [Fact]
    public void A_discount_under_30_percent_is_weak_and_apparel_wants_50()
    {
        Assert.Null(PromotionAdvice.Discount(Y(100), Y(70), apparel: false));
        Assert.Equal(("advice.weak_discount", 29), Pair(PromotionAdvice.Discount(Y(100), Y(71), apparel: false)));
        Assert.Equal(("advice.weak_discount", 40), Pair(PromotionAdvice.Discount(Y(100), Y(60), apparel: true)));
        Assert.Null(PromotionAdvice.Discount(Y(100), Y(50), apparel: true));
        Assert.Equal(("advice.weak_discount", 10), Pair(PromotionAdvice.Threshold(Y(299), Y(30))));
        Assert.Null(PromotionAdvice.Discount(Y(100), Y(71), apparel: false, new AdviceThresholds(MinDiscountPercent: 20)));
    }

    [Fact]
    public void Gifts_bundles_and_countdowns_outside_the_usual_ranges_are_flagged()
    {
        Assert.Empty(PromotionAdvice.Gift(giftValue: Y(20), giftCost: Y(6), itemPrice: Y(100), itemGrossMargin: Y(40)));
        Assert.Equal(["advice.gift_value", "advice.gift_cost"], PromotionAdvice.Gift(Y(30), Y(15), Y(100), Y(40)).Select(w => w.Code));
        Assert.Null(PromotionAdvice.Bundle(Y(85), Y(100)));
        Assert.Equal(("advice.bundle", 86), Pair(PromotionAdvice.Bundle(Y(86), Y(100))));
        Assert.Null(PromotionAdvice.Countdown(30));
        Assert.Null(PromotionAdvice.Countdown(90));
        Assert.Equal(("advice.countdown", 120), Pair(PromotionAdvice.Countdown(120)));
        Assert.Equal(("advice.countdown", 10), Pair(PromotionAdvice.Countdown(10)));
    }

    private static (string, int) Pair(PromotionWarning? w) => (w!.Code, (int)w.Args[0]);
}
