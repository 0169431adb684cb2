using System.Globalization;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Server.Promotions;
using Daihuo.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Server.Tests.Promotions;

/// <summary>The pricing breakdown as a buyer reads it, in zh-CN and en, for each stage of the default stacking order.</summary>
public sealed class PromotionTextTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Mango = Guid.NewGuid();
    private static readonly Guid Cake = Guid.NewGuid();

    private static Money Y(decimal yuan) => Money.FromFen((long)(yuan * 100));

    private IReadOnlyList<string> Breakdown(string culture, IReadOnlyList<CartLine> cart, IReadOnlyList<Promotion> rules, PricingContext? context = null)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            return app.Services.GetRequiredService<PromotionText>().Breakdown(PricingEngine.Price(cart, rules, context ?? new PricingContext(Now)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("zh-CN", "满 299 减 30: 再买 ¥41.00 可享满 ¥299.00 减 ¥30.00")]
    [InlineData("en", "满 299 减 30: Add ¥41.00 more for ¥299.00 minus ¥30.00")]
    public void Short_of_the_threshold_says_how_much_more(string culture, string expected)
    {
        var lines = Breakdown(culture, [new CartLine(Mango, 2, Y(129), Y(259))], [new ThresholdDiscount("t", "满 299 减 30", Y(299), Y(30), false)]);
        Assert.Equal(expected, Assert.Single(lines));
    }

    [Theory]
    [InlineData("zh-CN", new[]
    {
        "秒杀: 秒杀价 ¥99.00 −¥90.00",
        "满 299 减 30: 满 ¥299.00 减 ¥30.00，共减 ¥30.00 −¥30.00",
        "满 199 减 20: 优惠券减 ¥20.00（满 ¥199.00 可用） −¥20.00",
        "帆布袋: 赠 帆布袋 × 1",
        "3 件 8 折: 再买 1 件可享满 3 件减 20%",
        "9 折券: 已用更优惠的「满 199 减 20」",
    })]
    [InlineData("en", new[]
    {
        "秒杀: Flash price ¥99.00 −¥90.00",
        "满 299 减 30: ¥299.00 minus ¥30.00: ¥30.00 off −¥30.00",
        "满 199 减 20: Coupon: ¥20.00 off (minimum spend ¥199.00) −¥20.00",
        "帆布袋: Gift: 帆布袋 × 1",
        "3 件 8 折: Add 1 more for 20% off 3 items",
        "9 折券: A better offer applies: 满 199 减 20",
    })]
    public void Item_price_threshold_coupon_and_gift_read_in_order_with_what_did_not_apply(string culture, string[] expected)
    {
        Promotion[] rules =
        [
            new FlashPrice("f", "秒杀", Mango, Y(99)) { StartsAt = Now.AddMinutes(-1), EndsAt = Now.AddMinutes(30) },
            new MultiBuy("m", "3 件 8 折", [Cake], 3, 20),
            new ThresholdDiscount("t", "满 299 减 30", Y(299), Y(30), false),
            new Coupon("c20", "满 199 减 20", Y(20), null, null, Y(199), 100, 1) { EndsAt = Now.AddDays(1) },
            new Coupon("c10", "9 折券", null, 10, Y(15), Y(0), 100, 1) { EndsAt = Now.AddDays(1) },
            new Gift("g", "帆布袋", Guid.NewGuid(), 1, GiftTrigger.SpendAtLeast, Y(199)),
        ];
        var context = new PricingContext(Now) { HeldCoupons = ["c20", "c10"], GiftStock = new Dictionary<string, int> { ["g"] = 10 } };

        var lines = Breakdown(culture, [new CartLine(Mango, 3, Y(129), Y(259)), new CartLine(Cake, 2, Y(49), Y(99))], rules, context);

        Assert.Equal(expected, lines);
    }
}
