using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Domain.Tests.Promotions;

/// <summary>Random carts and rule sets from a seed (FsCheck drives the seeds), every kind of promotion in play.</summary>
internal static class RandomCarts
{
    private static readonly Guid[] Skus = [.. Enumerable.Range(1, 5).Select(i => new Guid($"00000000-0000-0000-0000-00000000000{i}"))];

    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static (List<CartLine> Cart, List<Promotion> Rules, PricingContext Context) Make(int seed)
    {
        var r = new Random(seed);
        var prices = Skus.ToDictionary(s => s, _ => (Unit: (long)r.Next(1, 60_000), Extra: (long)r.Next(0, 30_000)));
        var cart = Enumerable.Range(0, r.Next(1, 6)).Select(_ =>
        {
            var sku = Skus[r.Next(Skus.Length)];
            var (unit, extra) = prices[sku];
            return new CartLine(sku, r.Next(1, 6), Money.FromFen(unit), Money.FromFen(unit + extra));
        }).ToList();

        var rules = new List<Promotion>();
        Money Fen(int min, int max) => Money.FromFen(r.Next(min, max));
        if (r.Next(2) == 0)
        {
            rules.Add(new FlashPrice("flash", "秒杀", Skus[r.Next(Skus.Length)], Fen(1, 60_000)) { StartsAt = Now.AddMinutes(-5), EndsAt = Now.AddMinutes(r.Next(-3, 30)) });
        }

        if (r.Next(2) == 0)
        {
            rules.Add(new MemberPrice("member", "会员价", Skus[r.Next(Skus.Length)], r.Next(1, 3), Fen(1, 60_000)));
        }

        if (r.Next(2) == 0)
        {
            rules.Add(new RankTierPrice("rank", "前 N 单", Skus[r.Next(Skus.Length)], [new RankTier(10, Fen(1, 5_000)), new RankTier(100, Fen(1, 2_000))]));
        }

        if (r.Next(2) == 0)
        {
            rules.Add(new MultiBuy("multi", "多件多折", r.Next(2) == 0 ? [] : [Skus[0], Skus[1]], r.Next(2, 5), r.Next(1, 101)));
        }

        if (r.Next(2) == 0)
        {
            rules.Add(new BundlePrice("bundle", "组合价", [Skus[0], Skus[2]], Fen(1, 80_000)));
        }

        for (var t = 0; t < r.Next(0, 3); t++)
        {
            var threshold = r.Next(2, 200_000);
            rules.Add(new ThresholdDiscount($"threshold-{t}", "满减", Money.FromFen(threshold), Money.FromFen(r.Next(1, threshold)), r.Next(2) == 0));
        }

        var held = new List<string>();
        for (var c = 0; c < r.Next(0, 3); c++)
        {
            var percent = r.Next(2) == 0;
            rules.Add(new Coupon($"coupon-{c}", "优惠券", percent ? null : Fen(1, 20_000), percent ? r.Next(1, 101) : null, percent && r.Next(2) == 0 ? Fen(1, 10_000) : null,
                Fen(0, 100_000), 100, 1) { EndsAt = Now.AddDays(1) });
            held.Add($"coupon-{c}");
        }

        if (r.Next(2) == 0)
        {
            rules.Add(new Gift("gift", "赠品", Skus[4], 1, (GiftTrigger)r.Next(3), Fen(1, 100_000), r.Next(1, 50)));
        }

        var context = new PricingContext(Now)
        {
            MemberTier = r.Next(0, 3),
            HeldCoupons = held,
            RankBySku = Skus.ToDictionary(s => s, _ => r.Next(0, 150)),
            OrderRank = r.Next(1, 80),
            GiftStock = new Dictionary<string, int> { ["gift"] = r.Next(0, 3) },
        };
        return (cart, rules, context);
    }
}
