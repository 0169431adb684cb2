using BenchmarkDotNet.Attributes;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Benchmarks.Promotions;

/// <summary>
/// Issue 6: price a 5-line cart with 6 active rules (flash price, member price, multi-buy, a
/// repeatable threshold, a coupon the buyer holds, a gift), the checkout's hot path.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PricingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] Skus = [.. Enumerable.Range(1, 6).Select(i => new Guid($"00000000-0000-0000-0000-00000000000{i}"))];

    private CartLine[] _cart = [];
    private Promotion[] _rules = [];
    private PricingContext _context = new(Now);

    [GlobalSetup]
    public void Setup()
    {
        _cart =
        [
            new(Skus[0], 2, Money.FromFen(12_900), Money.FromFen(25_900)),
            new(Skus[1], 1, Money.FromFen(4_900), Money.FromFen(9_900)),
            new(Skus[2], 3, Money.FromFen(2_990), Money.FromFen(5_900)),
            new(Skus[3], 1, Money.FromFen(39_900), Money.FromFen(59_900)),
            new(Skus[4], 2, Money.FromFen(1_990), Money.FromFen(4_900)),
        ];
        _rules =
        [
            new FlashPrice("flash", "秒杀", Skus[2], Money.FromFen(1_990)) { StartsAt = Now.AddMinutes(-5), EndsAt = Now.AddMinutes(25) },
            new MemberPrice("member", "会员价", Skus[0], 1, Money.FromFen(11_900)),
            new MultiBuy("multi", "3 件 9 折", [Skus[2], Skus[4]], 3, 10),
            new ThresholdDiscount("threshold", "每满 299 减 30", Money.FromFen(29_900), Money.FromFen(3_000), Repeatable: true),
            new Coupon("coupon", "满 199 减 20", Money.FromFen(2_000), null, null, Money.FromFen(19_900), 10_000, 1) { EndsAt = Now.AddDays(1) },
            new Gift("gift", "帆布袋", Skus[5], 1, GiftTrigger.SpendAtLeast, Money.FromFen(19_900)),
        ];
        _context = new PricingContext(Now)
        {
            MemberTier = 2,
            HeldCoupons = ["coupon"],
            GiftStock = new Dictionary<string, int> { ["gift"] = 500 },
        };
    }

    [Benchmark]
    public PricedCart PriceFiveLinesSixRules() => PricingEngine.Price(_cart, _rules, _context);
}
