using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>
/// Prices a cart for a buyer at an instant: pure and deterministic. Kinds apply in the stacking
/// policy's order; within a kind, promotions are taken by id. Money is whole fen throughout:
/// percentages round the discount down (never more off than announced), and every order-level
/// discount is spread over its lines by largest remainder, so the lines always add up to the total.
/// Lines are worked in a canonical order (by SKU, then price), so the result does not depend on the
/// order the cart lists them in.
/// </summary>
public static class PricingEngine
{
    public static PricedCart Price(IReadOnlyList<CartLine> cart, IReadOnlyList<Promotion> promotions, PricingContext context, StackingPolicy? policy = null)
    {
        policy ??= StackingPolicy.Default;
        var order = policy.Order() ?? throw new DomainValidationException(ErrorCodes.PromoStackingLoop, "steps");
        var work = new Work(cart, policy);
        foreach (var kind in order)
        {
            var ofKind = promotions.Where(p => p.Kind == kind).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
            if (ofKind.Count == 0)
            {
                continue;
            }

            switch (kind)
            {
                case PromotionKind.FlashPrice:
                case PromotionKind.MemberPrice:
                case PromotionKind.RankTier:
                    foreach (var p in ofKind)
                    {
                        work.ItemPrice(p, context);
                    }

                    break;
                case PromotionKind.MultiBuy:
                    foreach (var p in ofKind.Cast<MultiBuy>())
                    {
                        work.MultiBuy(p, context);
                    }

                    break;
                case PromotionKind.Bundle:
                    foreach (var p in ofKind.Cast<BundlePrice>())
                    {
                        work.Bundle(p, context);
                    }

                    break;
                case PromotionKind.Threshold:
                    work.Threshold(ofKind.Cast<ThresholdDiscount>().ToList(), context);
                    break;
                case PromotionKind.Coupon:
                    work.Coupon(ofKind.Cast<Coupon>().Where(c => context.HeldCoupons.Contains(c.Id)).ToList(), context);
                    break;
                case PromotionKind.Gift:
                    foreach (var p in ofKind.Cast<Gift>())
                    {
                        work.Gift(p, context);
                    }

                    break;
            }
        }

        return work.Result();
    }

    /// <summary>
    /// Splits <paramref name="total"/> fen over lines in proportion to their weights: each gets the
    /// floor of its exact share, and the fen left over go one each to the largest remainders (ties
    /// to the earlier line). No line gets more than its weight when the total is at most the sum.
    /// </summary>
    public static long[] Apportion(long total, IReadOnlyList<long> weights)
    {
        var shares = new long[weights.Count];
        Int128 sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }

        if (sum == 0 || total == 0)
        {
            return shares;
        }

        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            shares[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            given += shares[i];
        }

        for (var left = total - given; left > 0; left--)
        {
            var best = -1;
            for (var i = 0; i < weights.Count; i++)
            {
                if (weights[i] > 0 && (best < 0 || remainders[i] > remainders[best]))
                {
                    best = i;
                }
            }

            shares[best]++;
            remainders[best] = -1;
        }

        return shares;
    }

    private static PromotionNote? Window(Promotion p, DateTimeOffset at) =>
        p.StartsAt is { } start && at < start ? new PromotionNote("promo.skip.not_started", start)
        : p.EndsAt is { } end && at >= end ? new PromotionNote("promo.skip.ended", end)
        : null;

    /// <summary>The cart as it is being priced: lines in canonical order, current amounts in fen, and the breakdown so far.</summary>
    private sealed class Work
    {
        private readonly IReadOnlyList<CartLine> _input;
        private readonly int[] _canonical;
        private readonly CartLine[] _lines;
        private readonly long[] _unit;
        private readonly long[] _amount;
        private readonly Promotion?[] _itemSource;
        private readonly StackingPolicy _policy;
        private readonly List<(int Line, string Promotion, long Fen)> _discounts = [];
        private readonly List<(Promotion Promotion, PromotionNote Note)> _applied = [];
        private readonly List<SkippedPromotion> _skipped = [];
        private readonly List<GiftLine> _gifts = [];

        public Work(IReadOnlyList<CartLine> cart, StackingPolicy policy)
        {
            _input = cart;
            _policy = policy;
            _canonical = Enumerable.Range(0, cart.Count)
                .OrderBy(i => cart[i].SkuId).ThenBy(i => cart[i].UnitPrice.Fen).ThenBy(i => cart[i].ListPrice.Fen).ThenBy(i => cart[i].Quantity)
                .ToArray();
            _lines = _canonical.Select(i => cart[i]).ToArray();
            _unit = _lines.Select(l => l.UnitPrice.Fen).ToArray();
            _amount = _lines.Select(l => l.UnitPrice.Fen * l.Quantity).ToArray();
            _itemSource = new Promotion?[_lines.Length];
        }

        private long Base => _amount.Sum();

        private void Skip(Promotion p, string code, params object[] args) => _skipped.Add(new SkippedPromotion(p.Id, p.Kind, p.Name, new PromotionNote(code, args)));

        private bool Excluded(Promotion p)
        {
            foreach (var (other, _) in _applied)
            {
                if (!other.IsItemPrice && _policy.Excludes(other.Kind, p.Kind))
                {
                    Skip(p, "promo.skip.excluded", other.Name);
                    return true;
                }
            }

            return false;
        }

        private void Take(Promotion p, PromotionNote note, IReadOnlyList<int> lines, IReadOnlyList<long> fen)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (fen[i] > 0)
                {
                    _amount[lines[i]] -= fen[i];
                    _discounts.Add((lines[i], p.Id, fen[i]));
                }
            }

            _applied.Add((p, note));
        }

        /// <summary>Flash, member and rank prices: a new unit price for the lines of one SKU; excluded kinds keep the lower price.</summary>
        public void ItemPrice(Promotion p, PricingContext context)
        {
            // Flash and member promotions set a price; a rank tier takes an amount off each unit.
            var (sku, price, off, note) = p switch
            {
                FlashPrice f => (f.SkuId, (long?)f.Price.Fen, 0L, new PromotionNote("promo.flash", f.Price)),
                MemberPrice m => (m.SkuId, context.MemberTier >= m.MinTier ? m.Price.Fen : (long?)null, 0L, new PromotionNote("promo.member", m.MinTier, m.Price)),
                RankTierPrice r => (r.SkuId, null, RankOff(r, context)?.Fen ?? 0L,
                    new PromotionNote("promo.rank", context.RankBySku.GetValueOrDefault(r.SkuId), RankOff(r, context) ?? Money.Zero)),
                _ => throw new InvalidOperationException(p.Kind.ToString()),
            };
            var lines = Enumerable.Range(0, _lines.Length).Where(i => _lines[i].SkuId == sku).ToList();
            if (lines.Count == 0)
            {
                return;
            }

            if (Window(p, context.At) is { } closed)
            {
                _skipped.Add(new SkippedPromotion(p.Id, p.Kind, p.Name, closed));
                return;
            }

            if (price is null && off <= 0)
            {
                if (p is MemberPrice member)
                {
                    Skip(p, "promo.skip.member_tier", member.MinTier);
                }
                else
                {
                    Skip(p, "promo.skip.rank_passed", ((RankTierPrice)p).Tiers.Max(t => t.UpToRank));
                }

                return;
            }

            var used = false;
            Promotion? beaten = null;
            foreach (var i in lines)
            {
                // Rank tiers are "off"; flash and member prices are prices. Excluded kinds are measured from the live price.
                var source = _itemSource[i];
                var excluded = source is not null && _policy.Excludes(source.Kind, p.Kind);
                var from = excluded ? _lines[i].UnitPrice.Fen : _unit[i];
                var unit = Math.Max(0, price is { } set ? Math.Min(from, set) : from - off);
                if (unit >= _unit[i])
                {
                    beaten ??= source;
                    continue;
                }

                if (excluded)
                {
                    // The lower price wins: the excluded promotion's discount on this line is given back first.
                    Undo(i, source!);
                }

                var delta = Math.Min((_unit[i] - unit) * _lines[i].Quantity, _amount[i]);
                _unit[i] = unit;
                _amount[i] -= delta;
                _discounts.Add((i, p.Id, delta));
                _itemSource[i] = p;
                used = true;
            }

            if (used)
            {
                _applied.Add((p, note));
            }
            else if (beaten is not null)
            {
                Skip(p, "promo.skip.better_price", beaten.Name);
            }
            else
            {
                Skip(p, "promo.skip.no_saving");
            }
        }

        private static Money? RankOff(RankTierPrice r, PricingContext context)
        {
            var rank = context.RankBySku.GetValueOrDefault(r.SkuId);
            return rank < 1 ? null : r.Tiers.OrderBy(t => t.UpToRank).FirstOrDefault(t => rank <= t.UpToRank)?.OffPerUnit;
        }

        private void Undo(int line, Promotion source)
        {
            for (var d = _discounts.Count - 1; d >= 0; d--)
            {
                if (_discounts[d].Line == line && _discounts[d].Promotion == source.Id)
                {
                    _amount[line] += _discounts[d].Fen;
                    _discounts.RemoveAt(d);
                }
            }

            _unit[line] = _lines[line].UnitPrice.Fen;
            _itemSource[line] = null;
            if (!_discounts.Any(d => d.Promotion == source.Id))
            {
                var gone = _applied.FindIndex(a => a.Promotion.Id == source.Id);
                _applied.RemoveAt(gone);
                Skip(source, "promo.skip.better_price", "—");
            }
        }

        public void MultiBuy(MultiBuy p, PricingContext context)
        {
            var lines = Enumerable.Range(0, _lines.Length).Where(i => p.SkuIds.Count == 0 || p.SkuIds.Contains(_lines[i].SkuId)).ToList();
            if (lines.Count == 0 || Excluded(p))
            {
                return;
            }

            if (Window(p, context.At) is { } closed)
            {
                _skipped.Add(new SkippedPromotion(p.Id, p.Kind, p.Name, closed));
                return;
            }

            var units = lines.Sum(i => _lines[i].Quantity);
            if (units < p.MinItems)
            {
                Skip(p, "promo.skip.multibuy_short", p.MinItems - units, p.MinItems, p.PercentOff);
                return;
            }

            Take(p, new PromotionNote("promo.multibuy", p.MinItems, p.PercentOff), lines, lines.Select(i => _amount[i] * p.PercentOff / 100).ToList());
        }

        public void Bundle(BundlePrice p, PricingContext context)
        {
            var need = p.SkuIds.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
            var lines = Enumerable.Range(0, _lines.Length).Where(i => need.ContainsKey(_lines[i].SkuId)).ToList();
            if (lines.Count == 0 || Excluded(p))
            {
                return;
            }

            if (Window(p, context.At) is { } closed)
            {
                _skipped.Add(new SkippedPromotion(p.Id, p.Kind, p.Name, closed));
                return;
            }

            var sets = need.Min(n => lines.Where(i => _lines[i].SkuId == n.Key).Sum(i => _lines[i].Quantity) / n.Value);
            if (sets == 0)
            {
                Skip(p, "promo.skip.bundle_incomplete", p.SkuIds.Count);
                return;
            }

            // Each set's value at the current unit prices (the cheapest line of each SKU), against the bundle price.
            var value = need.Sum(n => n.Value * lines.Where(i => _lines[i].SkuId == n.Key).Min(i => _unit[i]));
            var off = sets * (value - p.Price.Fen);
            if (off <= 0)
            {
                Skip(p, "promo.skip.no_saving");
                return;
            }

            var left = need.ToDictionary(n => n.Key, n => (long)n.Value * sets);
            var weights = new List<long>(lines.Count);
            foreach (var i in lines.OrderBy(i => _unit[i]))
            {
                var units = Math.Min(left[_lines[i].SkuId], _lines[i].Quantity);
                left[_lines[i].SkuId] -= units;
                weights.Add(Math.Min(_amount[i], units * _unit[i]));
            }

            var ordered = lines.OrderBy(i => _unit[i]).ToList();
            off = Math.Min(off, weights.Sum());
            Take(p, new PromotionNote("promo.bundle", sets, p.Price), ordered, Apportion(off, weights));
        }

        public void Threshold(List<ThresholdDiscount> candidates, PricingContext context)
        {
            var all = Enumerable.Range(0, _lines.Length).ToList();
            var baseFen = Base;
            ThresholdDiscount? best = null;
            long bestOff = 0;
            var open = new List<ThresholdDiscount>();
            foreach (var p in candidates)
            {
                if (Excluded(p))
                {
                    continue;
                }

                if (Window(p, context.At) is { } closed)
                {
                    _skipped.Add(new SkippedPromotion(p.Id, p.Kind, p.Name, closed));
                    continue;
                }

                open.Add(p);
                if (baseFen < p.Threshold.Fen)
                {
                    continue;
                }

                var off = p.Repeatable ? baseFen / p.Threshold.Fen * p.Off.Fen : p.Off.Fen;
                off = Math.Min(Math.Min(off, p.MaxOff?.Fen ?? long.MaxValue), baseFen);
                if (off > bestOff)
                {
                    (best, bestOff) = (p, off);
                }
            }

            foreach (var p in open.Where(p => p != best))
            {
                if (baseFen < p.Threshold.Fen)
                {
                    Skip(p, "promo.skip.threshold_short", Money.FromFen(p.Threshold.Fen - baseFen), p.Threshold, p.Off);
                }
                else
                {
                    Skip(p, "promo.skip.better_offer", best!.Name);
                }
            }

            if (best is not null)
            {
                var times = best.Repeatable ? baseFen / best.Threshold.Fen : 1;
                Take(best, new PromotionNote("promo.threshold", best.Threshold, best.Off, times, Money.FromFen(bestOff)), all, Apportion(bestOff, _amount));
            }
        }

        public void Coupon(List<Coupon> held, PricingContext context)
        {
            var all = Enumerable.Range(0, _lines.Length).ToList();
            var baseFen = Base;
            Coupon? best = null;
            long bestOff = 0;
            var usable = new List<Coupon>();
            foreach (var c in held)
            {
                if (Excluded(c))
                {
                    continue;
                }

                if (Window(c, context.At) is { } closed)
                {
                    _skipped.Add(new SkippedPromotion(c.Id, c.Kind, c.Name, closed));
                    continue;
                }

                if (baseFen < c.MinSpend.Fen)
                {
                    Skip(c, "promo.skip.coupon_min_spend", Money.FromFen(c.MinSpend.Fen - baseFen), c.MinSpend);
                    continue;
                }

                usable.Add(c);
                var off = c.AmountOff is { } amount ? amount.Fen : Math.Min(baseFen * (c.PercentOff ?? 0) / 100, c.PercentCap?.Fen ?? long.MaxValue);
                off = Math.Min(off, baseFen);
                if (off > bestOff)
                {
                    (best, bestOff) = (c, off);
                }
            }

            foreach (var c in usable.Where(c => c != best))
            {
                Skip(c, "promo.skip.better_offer", best?.Name ?? "—");
            }

            if (best is not null)
            {
                var note = best.AmountOff is { } amount
                    ? new PromotionNote("promo.coupon.amount", amount, best.MinSpend)
                    : new PromotionNote("promo.coupon.percent", best.PercentOff ?? 0, Money.FromFen(bestOff));
                Take(best, note, all, Apportion(bestOff, _amount));
            }
        }

        public void Gift(Gift p, PricingContext context)
        {
            if (Excluded(p))
            {
                return;
            }

            if (Window(p, context.At) is { } closed)
            {
                _skipped.Add(new SkippedPromotion(p.Id, p.Kind, p.Name, closed));
                return;
            }

            var baseFen = Base;
            if (p.Trigger == GiftTrigger.SpendAtLeast && baseFen < (p.MinSpend?.Fen ?? 0))
            {
                Skip(p, "promo.skip.gift_short", Money.FromFen(p.MinSpend!.Value.Fen - baseFen), p.Name);
                return;
            }

            if (p.Trigger == GiftTrigger.FirstOrders && (context.OrderRank < 1 || context.OrderRank > (p.FirstOrders ?? 0)))
            {
                Skip(p, "promo.skip.gift_first_gone", p.FirstOrders ?? 0);
                return;
            }

            if (context.GiftStock.GetValueOrDefault(p.Id) < p.Quantity)
            {
                Skip(p, "promo.skip.gift_out", p.Name);
                return;
            }

            _gifts.Add(new GiftLine(p.Id, p.GiftSkuId, p.Quantity));
            _applied.Add((p, new PromotionNote("promo.gift", p.Name, p.Quantity)));
        }

        public PricedCart Result()
        {
            var byLine = new List<LineDiscount>[_lines.Length];
            for (var i = 0; i < byLine.Length; i++)
            {
                byLine[i] = [];
            }

            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (line, promotion, fen) in _discounts)
            {
                var existing = byLine[line].FindIndex(d => d.PromotionId == promotion);
                if (existing >= 0)
                {
                    byLine[line][existing] = byLine[line][existing] with { Amount = byLine[line][existing].Amount + Money.FromFen(fen) };
                }
                else
                {
                    byLine[line].Add(new LineDiscount(promotion, Money.FromFen(fen)));
                }

                totals[promotion] = totals.GetValueOrDefault(promotion) + fen;
            }

            var lines = new PricedLine[_lines.Length];
            for (var c = 0; c < _lines.Length; c++)
            {
                var l = _lines[c];
                lines[_canonical[c]] = new PricedLine(l.SkuId, l.Quantity, l.ListPrice, l.UnitPrice, Money.FromFen(_amount[c]), byLine[c]);
            }

            var subtotal = _input.Sum(l => l.UnitPrice.Fen * l.Quantity);
            var total = _amount.Sum();
            var applied = _applied.Select(a => new AppliedPromotion(a.Promotion.Id, a.Promotion.Kind, a.Promotion.Name, Money.FromFen(totals.GetValueOrDefault(a.Promotion.Id)), a.Note)).ToList();
            return new PricedCart(lines, Money.FromFen(subtotal), Money.FromFen(subtotal - total), Money.FromFen(total), applied, _skipped, _gifts);
        }
    }
}
