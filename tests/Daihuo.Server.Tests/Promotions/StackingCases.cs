using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Server.Tests.Promotions;

/// <summary>One cart per pair of stages of the default stacking order (and the pairs it keeps apart), priced at a fixed instant.</summary>
public static class StackingCases
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid Mango = new("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid Cake = new("00000000-0000-0000-0000-00000000000b");
    public static readonly Guid Bag = new("00000000-0000-0000-0000-00000000000c");

    private static Money Y(decimal yuan) => Money.FromFen((long)(yuan * 100));

    private static CartLine M(int n) => new(Mango, n, Y(129), Y(259));

    private static CartLine C(int n) => new(Cake, n, Y(49), Y(99));

    private static PricingContext At(int tier = 0, int rank = 1, params string[] coupons) => new(Now)
    {
        MemberTier = tier,
        HeldCoupons = coupons,
        RankBySku = new Dictionary<Guid, int> { [Mango] = rank, [Cake] = rank },
        OrderRank = rank,
        GiftStock = new Dictionary<string, int> { ["g"] = 10 },
    };

    private static readonly Promotion Flash = new FlashPrice("f", "秒杀", Mango, Y(99)) { StartsAt = Now.AddMinutes(-5), EndsAt = Now.AddMinutes(25) };
    private static readonly Promotion Member = new MemberPrice("mp", "会员价", Mango, 1, Y(109));
    private static readonly Promotion Rank = new RankTierPrice("r", "前 100 单减 5", Cake, [new(100, Y(5))]);
    private static readonly Promotion Multi = new MultiBuy("mb", "3 件 8 折", [Cake], 3, 20);
    private static readonly Promotion Bundle = new BundlePrice("b", "芒果蛋糕组合", [Mango, Cake], Y(150));
    private static readonly Promotion Threshold = new ThresholdDiscount("t", "满 149 减 10", Y(149), Y(10), false);
    private static readonly Promotion Coupon10 = new Coupon("c", "10 元券", Y(10), null, null, Y(50), 100, 1) { EndsAt = Now.AddDays(1) };
    private static readonly Promotion Percent = new Coupon("cp", "9 折券", null, 10, Y(5), Y(0), 100, 1) { EndsAt = Now.AddDays(1) };
    private static readonly Promotion GiftAbove = new Gift("g", "帆布袋", Bag, 1, GiftTrigger.SpendAtLeast, Y(120)) { Stock = 10 };

    public static IReadOnlyList<(string Name, CartLine[] Cart, Promotion[] Rules, PricingContext Context)> All() =>
    [
        ("flash+member", [M(1)], [Flash, Member], At(tier: 1)),
        ("member+threshold", [M(2)], [Member, Threshold], At(tier: 1)),
        ("rank+multibuy", [C(3)], [Rank, Multi], At()),
        ("flash+coupon", [M(1)], [Flash, Coupon10], At(coupons: "c")),
        ("bundle+threshold", [M(1), C(1)], [Bundle, Threshold], At()),
        ("multibuy+bundle", [M(1), C(3)], [Multi, Bundle], At()),
        ("multibuy+percent", [C(3)], [Multi, Percent], At(coupons: "cp")),
        ("threshold+coupon", [M(1), C(1)], [Threshold, Coupon10], At(coupons: "c")),
        ("coupon+gift", [M(1)], [Coupon10, GiftAbove], At(coupons: "c")),
        ("threshold+gift", [M(1), C(1)], [Threshold, GiftAbove], At()),
    ];
}
