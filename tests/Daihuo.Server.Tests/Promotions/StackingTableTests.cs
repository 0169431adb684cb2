using System.Globalization;
using Daihuo.Domain.Promotions;
using Daihuo.Server.Promotions;
using Daihuo.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Server.Tests.Promotions;

/// <summary>
/// Every pair of stages of the default stacking order (and the pairs it keeps apart), as a table: the
/// total, each line's apportioned amount and the breakdown a buyer reads, in zh-CN and en. The amounts
/// were worked by hand (see <see cref="StackingCases"/>): for example the bundle and threshold cart is
/// 129 + 49 = 178, the bundle makes it 150 (−28: 20.29 and 7.71 by largest remainder), the threshold takes
/// 10 more (7.25 and 2.75), so the lines pay 101.46 and 38.54.
/// </summary>
public sealed class StackingTableTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    public static TheoryData<string, string, long, long[], string[]> Table() => new()
    {
        { "flash+member", "zh-CN", 9900, [9900], ["秒杀: 秒杀价 ¥99.00 −¥30.00", "会员价: 已享更低价（秒杀）"] },
        { "member+threshold", "zh-CN", 20800, [20800], ["会员价: 1 级及以上会员价 ¥109.00 −¥40.00", "满 149 减 10: 满 ¥149.00 减 ¥10.00，共减 ¥10.00 −¥10.00"] },
        { "rank+multibuy", "zh-CN", 10560, [10560], ["前 100 单减 5: 第 1 单，每件立减 ¥5.00 −¥15.00", "3 件 8 折: 满 3 件减 20% −¥26.40"] },
        { "flash+coupon", "zh-CN", 8900, [8900], ["秒杀: 秒杀价 ¥99.00 −¥30.00", "10 元券: 优惠券减 ¥10.00（满 ¥50.00 可用） −¥10.00"] },
        { "bundle+threshold", "zh-CN", 14000, [10146,3854], ["芒果蛋糕组合: 组合价 ¥150.00 × 1 套 −¥28.00", "满 149 减 10: 满 ¥149.00 减 ¥10.00，共减 ¥10.00 −¥10.00"] },
        { "multibuy+bundle", "zh-CN", 24660, [12900,11760], ["3 件 8 折: 满 3 件减 20% −¥29.40", "芒果蛋糕组合: 不与「3 件 8 折」同享"] },
        { "multibuy+percent", "zh-CN", 11260, [11260], ["3 件 8 折: 满 3 件减 20% −¥29.40", "9 折券: 优惠券减 10%，共 ¥5.00 −¥5.00"] },
        { "threshold+coupon", "zh-CN", 15800, [11450,4350], ["满 149 减 10: 满 ¥149.00 减 ¥10.00，共减 ¥10.00 −¥10.00", "10 元券: 优惠券减 ¥10.00（满 ¥50.00 可用） −¥10.00"] },
        { "coupon+gift", "zh-CN", 11900, [11900], ["10 元券: 优惠券减 ¥10.00（满 ¥50.00 可用） −¥10.00", "帆布袋: 再买 ¥1.00 送帆布袋"] },
        { "threshold+gift", "zh-CN", 16800, [12175,4625], ["满 149 减 10: 满 ¥149.00 减 ¥10.00，共减 ¥10.00 −¥10.00", "帆布袋: 赠 帆布袋 × 1"] },
        { "flash+member", "en", 9900, [9900], ["秒杀: Flash price ¥99.00 −¥30.00", "会员价: A lower price applies (秒杀)"] },
        { "member+threshold", "en", 20800, [20800], ["会员价: Member price (tier 1+) ¥109.00 −¥40.00", "满 149 减 10: ¥149.00 minus ¥10.00: ¥10.00 off −¥10.00"] },
        { "rank+multibuy", "en", 10560, [10560], ["前 100 单减 5: Order no. 1: ¥5.00 off each −¥15.00", "3 件 8 折: 3 items: 20% off −¥26.40"] },
        { "flash+coupon", "en", 8900, [8900], ["秒杀: Flash price ¥99.00 −¥30.00", "10 元券: Coupon: ¥10.00 off (minimum spend ¥50.00) −¥10.00"] },
        { "bundle+threshold", "en", 14000, [10146,3854], ["芒果蛋糕组合: Bundle price ¥150.00 × 1 −¥28.00", "满 149 减 10: ¥149.00 minus ¥10.00: ¥10.00 off −¥10.00"] },
        { "multibuy+bundle", "en", 24660, [12900,11760], ["3 件 8 折: 3 items: 20% off −¥29.40", "芒果蛋糕组合: Does not combine with 3 件 8 折"] },
        { "multibuy+percent", "en", 11260, [11260], ["3 件 8 折: 3 items: 20% off −¥29.40", "9 折券: Coupon: 10% off, ¥5.00 −¥5.00"] },
        { "threshold+coupon", "en", 15800, [11450,4350], ["满 149 减 10: ¥149.00 minus ¥10.00: ¥10.00 off −¥10.00", "10 元券: Coupon: ¥10.00 off (minimum spend ¥50.00) −¥10.00"] },
        { "coupon+gift", "en", 11900, [11900], ["10 元券: Coupon: ¥10.00 off (minimum spend ¥50.00) −¥10.00", "帆布袋: Add ¥1.00 more to get 帆布袋"] },
        { "threshold+gift", "en", 16800, [12175,4625], ["满 149 减 10: ¥149.00 minus ¥10.00: ¥10.00 off −¥10.00", "帆布袋: Gift: 帆布袋 × 1"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_stacking_combination_prices_and_reads_as_worked_out(string name, string culture, long total, long[] lines, string[] text)
    {
        var (_, cart, rules, context) = StackingCases.All().Single(c => c.Name == name);
        var previous = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var priced = PricingEngine.Price(cart, rules, context);
            Assert.Equal(total, priced.Total.Fen);
            Assert.Equal(lines, priced.Lines.Select(l => l.Amount.Fen));
            Assert.Equal(text, app.Services.GetRequiredService<PromotionText>().Breakdown(priced));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = previous;
        }
    }
}
