using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>
/// The planning thresholds of SPEC.md section 4, configurable per shop: a discount under 30 % (50 %
/// for apparel) is a weak stimulus; a gift worth outside 15–25 % of the item, or costing above 30 %
/// of its gross margin; a bundle above 85 % of its items' sum; a countdown outside 30–90 minutes.
/// </summary>
public sealed record AdviceThresholds(
    int MinDiscountPercent = 30,
    int MinApparelDiscountPercent = 50,
    int GiftValueMinPercent = 15,
    int GiftValueMaxPercent = 25,
    int GiftCostMaxMarginPercent = 30,
    int BundleMaxPercentOfSum = 85,
    int CountdownMinMinutes = 30,
    int CountdownMaxMinutes = 90)
{
    /// <summary>Percentages from 0 to 100, each range's low end not above its high end, countdowns from 1 minute to a day.</summary>
    public ValidationResult Validate()
    {
        var result = new ValidationResult();
        void Percent(int value, string field)
        {
            if (value is < 0 or > 100)
            {
                result.Add(ErrorCodes.OutOfRange, field, 0, 100);
            }
        }

        Percent(MinDiscountPercent, "minDiscountPercent");
        Percent(MinApparelDiscountPercent, "minApparelDiscountPercent");
        Percent(GiftValueMinPercent, "giftValueMinPercent");
        Percent(GiftValueMaxPercent, "giftValueMaxPercent");
        Percent(GiftCostMaxMarginPercent, "giftCostMaxMarginPercent");
        Percent(BundleMaxPercentOfSum, "bundleMaxPercentOfSum");
        if (GiftValueMaxPercent < GiftValueMinPercent)
        {
            result.Add(ErrorCodes.OutOfRange, "giftValueMaxPercent", GiftValueMinPercent, 100);
        }

        if (CountdownMinMinutes is < 1 or > 1440)
        {
            result.Add(ErrorCodes.OutOfRange, "countdownMinMinutes", 1, 1440);
        }

        if (CountdownMaxMinutes < CountdownMinMinutes || CountdownMaxMinutes > 1440)
        {
            result.Add(ErrorCodes.OutOfRange, "countdownMaxMinutes", CountdownMinMinutes, 1440);
        }

        return result;
    }
}

/// <summary>A piece of advice: a text key and its arguments. Advice warns; the planner may go ahead.</summary>
public sealed record PromotionWarning(string Code, params object[] Args);

/// <summary>Planning advice, shown as warnings the user can override (never a refusal).</summary>
public static class PromotionAdvice
{
    /// <summary>A promotional price against the list price: under the minimum discount is a weak stimulus.</summary>
    public static PromotionWarning? Discount(Money listPrice, Money price, bool apparel, AdviceThresholds? thresholds = null)
    {
        var t = thresholds ?? new AdviceThresholds();
        if (listPrice <= Money.Zero || price >= listPrice)
        {
            return listPrice > Money.Zero ? new PromotionWarning("advice.weak_discount", 0, apparel ? t.MinApparelDiscountPercent : t.MinDiscountPercent) : null;
        }

        var percent = (int)((listPrice.Fen - price.Fen) * 100 / listPrice.Fen);
        var minimum = apparel ? t.MinApparelDiscountPercent : t.MinDiscountPercent;
        return percent < minimum ? new PromotionWarning("advice.weak_discount", percent, minimum) : null;
    }

    /// <summary>An amount off a spend ("299 minus 30" is 10 %): the same weak-stimulus rule as a price.</summary>
    public static PromotionWarning? Threshold(Money threshold, Money off, AdviceThresholds? thresholds = null) =>
        threshold <= Money.Zero ? null : Discount(threshold, threshold - off, apparel: false, thresholds);

    public static IReadOnlyList<PromotionWarning> Gift(Money giftValue, Money giftCost, Money itemPrice, Money itemGrossMargin, AdviceThresholds? thresholds = null)
    {
        var t = thresholds ?? new AdviceThresholds();
        var warnings = new List<PromotionWarning>();
        if (itemPrice > Money.Zero)
        {
            var percent = (int)(giftValue.Fen * 100 / itemPrice.Fen);
            if (percent < t.GiftValueMinPercent || percent > t.GiftValueMaxPercent)
            {
                warnings.Add(new PromotionWarning("advice.gift_value", percent, t.GiftValueMinPercent, t.GiftValueMaxPercent));
            }
        }

        if (itemGrossMargin > Money.Zero && giftCost.Fen * 100 > itemGrossMargin.Fen * t.GiftCostMaxMarginPercent)
        {
            warnings.Add(new PromotionWarning("advice.gift_cost", (int)(giftCost.Fen * 100 / itemGrossMargin.Fen), t.GiftCostMaxMarginPercent));
        }

        return warnings;
    }

    public static PromotionWarning? Bundle(Money bundlePrice, Money itemsSum, AdviceThresholds? thresholds = null)
    {
        var t = thresholds ?? new AdviceThresholds();
        return itemsSum > Money.Zero && bundlePrice.Fen * 100 > itemsSum.Fen * t.BundleMaxPercentOfSum
            ? new PromotionWarning("advice.bundle", (int)(bundlePrice.Fen * 100 / itemsSum.Fen), t.BundleMaxPercentOfSum)
            : null;
    }

    public static PromotionWarning? Countdown(int minutes, AdviceThresholds? thresholds = null)
    {
        var t = thresholds ?? new AdviceThresholds();
        return minutes < t.CountdownMinMinutes || minutes > t.CountdownMaxMinutes
            ? new PromotionWarning("advice.countdown", minutes, t.CountdownMinMinutes, t.CountdownMaxMinutes)
            : null;
    }
}
