using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>A kind of promotion and the kinds that must have applied before it.</summary>
public sealed record StackingStep(PromotionKind Kind, IReadOnlyList<PromotionKind> After);

/// <summary>Two kinds that never both apply to the same order (item-level kinds: to the same line; the lower price wins).</summary>
public sealed record Exclusion(PromotionKind A, PromotionKind B);

/// <summary>
/// How promotions combine, as data: which kinds are on (a kind without a step never applies), in
/// which order they apply (each step names the kinds it comes after; a loop is refused), and which
/// exclude each other. <see cref="Default"/> follows common platform practice: item-level prices
/// first (flash, member and rank prices exclude each other, the buyer gets the lowest), then
/// multi-buy or bundle (not both), then the spend threshold, then one coupon, then gifts on what is
/// left to pay.
/// </summary>
public sealed record StackingPolicy(IReadOnlyList<StackingStep> Steps, IReadOnlyList<Exclusion> Exclusions)
{
    private static readonly PromotionKind[] ItemKinds = [PromotionKind.FlashPrice, PromotionKind.MemberPrice, PromotionKind.RankTier];

    public static StackingPolicy Default { get; } = new(
        [
            new(PromotionKind.FlashPrice, []),
            new(PromotionKind.MemberPrice, []),
            new(PromotionKind.RankTier, []),
            new(PromotionKind.MultiBuy, ItemKinds),
            new(PromotionKind.Bundle, ItemKinds),
            new(PromotionKind.Threshold, [PromotionKind.MultiBuy, PromotionKind.Bundle]),
            new(PromotionKind.Coupon, [PromotionKind.Threshold]),
            new(PromotionKind.Gift, [PromotionKind.Coupon]),
        ],
        [
            new(PromotionKind.FlashPrice, PromotionKind.MemberPrice),
            new(PromotionKind.FlashPrice, PromotionKind.RankTier),
            new(PromotionKind.MemberPrice, PromotionKind.RankTier),
            new(PromotionKind.MultiBuy, PromotionKind.Bundle),
        ]);

    public bool Excludes(PromotionKind a, PromotionKind b)
    {
        foreach (var e in Exclusions)
        {
            if ((e.A == a && e.B == b) || (e.A == b && e.B == a))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each kind once, every "after" a kind with a step, no kind excluded from itself, and no loop.</summary>
    public ValidationResult Validate()
    {
        var result = new ValidationResult();
        var kinds = new HashSet<PromotionKind>();
        for (var i = 0; i < Steps.Count; i++)
        {
            if (!Enum.IsDefined(Steps[i].Kind) || !kinds.Add(Steps[i].Kind))
            {
                result.Add(ErrorCodes.PromoStackingKind, $"steps[{i}].kind", Steps[i].Kind.ToString());
            }
        }

        for (var i = 0; i < Steps.Count; i++)
        {
            foreach (var after in Steps[i].After)
            {
                if (!kinds.Contains(after) || after == Steps[i].Kind)
                {
                    result.Add(ErrorCodes.PromoStackingKind, $"steps[{i}].after", after.ToString());
                }
            }
        }

        for (var i = 0; i < Exclusions.Count; i++)
        {
            if (Exclusions[i].A == Exclusions[i].B)
            {
                result.Add(ErrorCodes.PromoStackingKind, $"exclusions[{i}]", Exclusions[i].A.ToString());
            }
        }

        if (result.IsValid && Order() is null)
        {
            result.Add(ErrorCodes.PromoStackingLoop, "steps");
        }

        return result;
    }

    /// <summary>The kinds in the order they apply (ties by kind), or null when the steps loop.</summary>
    public IReadOnlyList<PromotionKind>? Order()
    {
        var pending = Steps.ToDictionary(s => s.Kind, s => s.After.Where(a => a != s.Kind).ToHashSet());
        var order = new List<PromotionKind>(pending.Count);
        while (pending.Count > 0)
        {
            var ready = pending.Where(p => p.Value.All(a => !pending.ContainsKey(a))).Select(p => p.Key).Order().FirstOrDefault((PromotionKind)(-1));
            if ((int)ready < 0)
            {
                return null;
            }

            order.Add(ready);
            pending.Remove(ready);
        }

        return order;
    }
}
