using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>What a promotion must say before it can be saved: bad terms are refused with the field and the reason.</summary>
public static class PromotionRules
{
    public const int MaxNameLength = 40;

    public static ValidationResult Validate(Promotion promotion)
    {
        var result = new ValidationResult();
        if (string.IsNullOrWhiteSpace(promotion.Name))
        {
            result.Add(ErrorCodes.Required, "name");
        }
        else if (promotion.Name.Trim().Length > MaxNameLength)
        {
            result.Add(ErrorCodes.TooLong, "name", MaxNameLength);
        }

        if (promotion.StartsAt is { } start && promotion.EndsAt is { } end && end <= start)
        {
            result.Add(ErrorCodes.PromoWindow, "endsAt");
        }

        switch (promotion)
        {
            case FlashPrice f:
                Positive(result, f.Price, "price");
                if (f.StartsAt is null || f.EndsAt is null)
                {
                    result.Add(ErrorCodes.Required, f.StartsAt is null ? "startsAt" : "endsAt");
                }

                break;
            case MemberPrice m:
                Positive(result, m.Price, "price");
                Range(result, m.MinTier, 1, 10, "minTier");
                break;
            case RankTierPrice r:
                Tiers(result, r.Tiers);
                break;
            case MultiBuy b:
                Range(result, b.MinItems, 2, 99, "minItems");
                Range(result, b.PercentOff, 1, 100, "percentOff");
                break;
            case BundlePrice b:
                Positive(result, b.Price, "price");
                if (b.SkuIds.Count < 2)
                {
                    result.Add(ErrorCodes.OutOfRange, "skuIds", 2, 20);
                }

                break;
            case ThresholdDiscount t:
                Positive(result, t.Threshold, "threshold");
                Positive(result, t.Off, "off");
                if (t.Off > Money.Zero && t.Threshold > Money.Zero && t.Off >= t.Threshold)
                {
                    result.Add(ErrorCodes.PromoOffAboveThreshold, "off", t.Off.ToYuanString(), t.Threshold.ToYuanString());
                }

                if (t.MaxOff is { } cap && cap < t.Off)
                {
                    result.Add(ErrorCodes.OutOfRange, "maxOff", t.Off.ToYuanString(), "∞");
                }

                break;
            case Coupon c:
                CouponTerms(result, c);
                break;
            case Gift g:
                Range(result, g.Quantity, 1, 99, "quantity");
                Range(result, g.Stock, Math.Max(1, g.Quantity), Gift.MaxStock, "stock");
                if (g.Trigger == GiftTrigger.SpendAtLeast && (g.MinSpend is not { } spend || spend <= Money.Zero))
                {
                    result.Add(ErrorCodes.MoneyZero, "minSpend");
                }

                if (g.Trigger == GiftTrigger.FirstOrders && g.FirstOrders is not > 0)
                {
                    result.Add(ErrorCodes.OutOfRange, "firstOrders", 1, 1_000_000);
                }

                break;
        }

        return result;
    }

    private static void CouponTerms(ValidationResult result, Coupon c)
    {
        if ((c.AmountOff is null) == (c.PercentOff is null))
        {
            result.Add(ErrorCodes.PromoCouponValue, "amountOff");
        }
        else if (c.AmountOff is { } amount)
        {
            Positive(result, amount, "amountOff");
            if (c.MinSpend > Money.Zero && amount > c.MinSpend)
            {
                result.Add(ErrorCodes.PromoOffAboveThreshold, "amountOff", amount.ToYuanString(), c.MinSpend.ToYuanString());
            }
        }
        else
        {
            Range(result, c.PercentOff!.Value, 1, 100, "percentOff");
            if (c.PercentCap is { } cap)
            {
                Positive(result, cap, "percentCap");
            }
        }

        if (c.MinSpend < Money.Zero)
        {
            result.Add(ErrorCodes.MoneyNegative, "minSpend");
        }

        if (c.EndsAt is null)
        {
            result.Add(ErrorCodes.Required, "endsAt");
        }

        Range(result, c.TotalQuantity, 1, 10_000_000, "totalQuantity");
        Range(result, c.PerPerson, 1, Math.Max(1, c.TotalQuantity), "perPerson");
    }

    private static void Tiers(ValidationResult result, IReadOnlyList<RankTier> tiers)
    {
        if (tiers.Count is < 1 or > RankTierPrice.MaxTiers)
        {
            result.Add(ErrorCodes.OutOfRange, "tiers", 1, RankTierPrice.MaxTiers);
            return;
        }

        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].UpToRank < 1)
            {
                result.Add(ErrorCodes.OutOfRange, $"tiers[{i}].upToRank", 1, 1_000_000);
            }

            Positive(result, tiers[i].OffPerUnit, $"tiers[{i}].offPerUnit");
            if (i > 0 && tiers[i].UpToRank <= tiers[i - 1].UpToRank)
            {
                result.Add(ErrorCodes.PromoTiersOverlap, $"tiers[{i}].upToRank", tiers[i - 1].UpToRank, tiers[i].UpToRank);
            }
        }
    }

    private static void Positive(ValidationResult result, Money money, string field)
    {
        if (money <= Money.Zero)
        {
            result.Add(ErrorCodes.MoneyZero, field);
        }
    }

    private static void Range(ValidationResult result, int value, int min, int max, string field)
    {
        if (value < min || value > max)
        {
            result.Add(ErrorCodes.OutOfRange, field, min, max);
        }
    }
}
