using Daihuo.Domain.Promotions;
using FsCheck.Xunit;

namespace Daihuo.Domain.Tests.Promotions;

/// <summary>Invariants of the pricing engine over random carts and rule sets of every kind.</summary>
public sealed class PricingPropertyTests
{
    [Property(MaxTest = 1000)]
    public bool Line_amounts_add_up_to_the_total_and_no_line_is_below_zero_or_above_its_list_amount(int seed)
    {
        var (cart, rules, context) = RandomCarts.Make(seed);
        var priced = PricingEngine.Price(cart, rules, context);
        return priced.Lines.Sum(l => l.Amount.Fen) == priced.Total.Fen
            && priced.Lines.All(l => l.Amount.Fen >= 0 && l.Amount.Fen <= l.ListPrice.Fen * l.Quantity && l.Amount.Fen <= l.Gross.Fen)
            && priced.Lines.All(l => l.Gross.Fen - l.Discounts.Sum(d => d.Amount.Fen) == l.Amount.Fen)
            && priced.Subtotal.Fen - priced.Discount.Fen == priced.Total.Fen
            && priced.Applied.Sum(a => a.Amount.Fen) == priced.Discount.Fen;
    }

    [Property(MaxTest = 500)]
    public bool Pricing_is_deterministic_and_independent_of_line_order(int seed)
    {
        var (cart, rules, context) = RandomCarts.Make(seed);
        var first = PricingEngine.Price(cart, rules, context);
        var again = PricingEngine.Price(cart, rules, context);
        var shuffled = cart.OrderBy(_ => new Random(seed ^ 0x5bd1e995).Next()).ToList();
        var reordered = PricingEngine.Price(shuffled, rules.AsEnumerable().Reverse().ToList(), context);

        static string Key(PricedCart c) => string.Join(';', c.Lines.Select(l => $"{l.SkuId}:{l.Quantity}:{l.UnitPrice.Fen}:{l.Amount.Fen}").Order())
            + "|" + c.Total.Fen + "|" + string.Join(',', c.Applied.Select(a => a.PromotionId + "=" + a.Amount.Fen).Order());
        return Key(first) == Key(again) && Key(first) == Key(reordered)
            && first.Lines.Select((l, i) => l.SkuId == cart[i].SkuId && l.Quantity == cart[i].Quantity).All(x => x);
    }

    [Property(MaxTest = 500)]
    public bool Partial_refunds_never_return_more_than_was_paid_and_refunding_everything_returns_the_total(int seed)
    {
        var (cart, rules, context) = RandomCarts.Make(seed);
        var priced = PricingEngine.Price(cart, rules, context);
        var ledger = new RefundLedger(priced.Lines);
        var r = new Random(seed);
        var perLine = new long[priced.Lines.Count];
        while (Enumerable.Range(0, priced.Lines.Count).Any(i => ledger.RefundableUnits(i) > 0))
        {
            var line = r.Next(priced.Lines.Count);
            if (ledger.RefundableUnits(line) == 0)
            {
                continue;
            }

            perLine[line] += ledger.Refund(line, r.Next(1, ledger.RefundableUnits(line) + 1)).Fen;
            if (perLine[line] > priced.Lines[line].Amount.Fen || ledger.Refunded > ledger.Paid)
            {
                return false;
            }
        }

        return ledger.Refunded == priced.Total && perLine.Select((fen, i) => fen == priced.Lines[i].Amount.Fen).All(x => x);
    }

    [Property(MaxTest = 1000)]
    public bool Apportioning_spreads_exactly_and_never_above_a_weight(long[] raw, int seed)
    {
        var weights = raw.Select(w => Math.Abs(w % 1_000_000_000)).ToArray();
        var sum = weights.Sum();
        var total = sum == 0 ? 0 : Math.Abs((long)new Random(seed).NextInt64(sum + 1));
        var shares = PricingEngine.Apportion(total, weights);
        return shares.Sum() == total && shares.Select((s, i) => s >= 0 && s <= weights[i]).All(x => x);
    }
}
