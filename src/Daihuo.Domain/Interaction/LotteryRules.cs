using Daihuo.Domain.Common;

namespace Daihuo.Domain.Interaction;

/// <summary>What a lottery gives: a coupon (granted to the winner's account) or goods (a prize order shipped to the winner).</summary>
public enum PrizeKind
{
    Coupon = 0,
    Goods = 1,
}

public enum LotteryStatus
{
    /// <summary>Committed and taking entries until the draw.</summary>
    Open = 0,
    Drawn = 1,
    Cancelled = 2,
}

/// <summary>Who may win: every condition set must hold (identified viewers only: a prize needs an account).</summary>
public sealed record Eligibility(string? Keyword, bool MustFollow, int WatchMinutes, bool MustHaveBought);

/// <summary>A lottery as the console plans it. Published before the draw, as 《规范促销行为暂行规定》 Art. 13 asks.</summary>
public sealed record LotteryDraft(string? Prize, PrizeKind Kind, Money PrizeValue, int Quantity, Guid? CouponId, Eligibility Eligibility, int DrawInMinutes, string? Terms)
{
    /// <summary>Goods prizes: the shelf offer each winner gets one unit of, as an order at no charge (taken from its stock like any order).</summary>
    public Guid? PrizeOfferId { get; init; }
}

public static class LotteryRules
{
    public const int MaxQuantity = 1_000;
    public const int MaxDrawMinutes = 24 * 60;

    /// <summary>The law's cap on a draw's top prize (反不正当竞争法: ¥50,000).</summary>
    public static readonly Money MaxPrizeValue = Money.FromYuan(50_000);

    public static ValidationResult Validate(LotteryDraft draft)
    {
        var errors = new ValidationResult();
        var prize = draft.Prize?.Trim() ?? string.Empty;
        if (prize.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "prize");
        }
        else if (prize.Length > 40)
        {
            errors.Add(ErrorCodes.TooLong, "prize", 40);
        }

        if (draft.PrizeValue.Fen < 0)
        {
            errors.Add(ErrorCodes.MoneyNegative, "prizeValue");
        }
        else if (draft.PrizeValue > MaxPrizeValue)
        {
            errors.Add(ErrorCodes.LotteryPrizeCap, "prizeValue", MaxPrizeValue.ToDisplayString());
        }

        if (draft.Quantity is < 1 or > MaxQuantity)
        {
            errors.Add(ErrorCodes.OutOfRange, "quantity", 1, MaxQuantity);
        }

        if (draft.Kind == PrizeKind.Coupon && draft.CouponId is null)
        {
            errors.Add(ErrorCodes.Required, "couponId");
        }

        if (!Enum.IsDefined(draft.Kind))
        {
            errors.Add(ErrorCodes.InvalidChoice, "kind");
        }

        if (draft.DrawInMinutes is < 1 or > MaxDrawMinutes)
        {
            errors.Add(ErrorCodes.OutOfRange, "drawInMinutes", 1, MaxDrawMinutes);
        }

        var keyword = draft.Eligibility.Keyword?.Trim();
        if (keyword is { Length: > 20 })
        {
            errors.Add(ErrorCodes.TooLong, "eligibility.keyword", 20);
        }
        else if (keyword is { Length: > 0 } && Compliance.TextFold.Apply(keyword).Length == 0)
        {
            errors.Add(ErrorCodes.Required, "eligibility.keyword");
        }

        if (draft.Eligibility.WatchMinutes is < 0 or > 600)
        {
            errors.Add(ErrorCodes.OutOfRange, "eligibility.watchMinutes", 0, 600);
        }

        if (draft.Terms?.Trim() is { Length: > 500 })
        {
            errors.Add(ErrorCodes.TooLong, "terms", 500);
        }

        return errors;
    }

    /// <summary>Whether a comment enters a keyword lottery: the keyword appears in it, read through the same folding as the scanner.</summary>
    public static bool MatchesKeyword(string keyword, string comment)
    {
        var k = Compliance.TextFold.Apply(keyword);
        return k.Length > 0 && Compliance.TextFold.Apply(comment).Contains(k, StringComparison.Ordinal);
    }
}

/// <summary>What a like milestone does each time the room's likes pass another multiple of its step.</summary>
public enum MilestoneAction
{
    /// <summary>Issues a room coupon for a few minutes (like the console's "issue coupon").</summary>
    Coupon = 0,

    /// <summary>Opens a lottery with the planned rules (its commitment is shown at once).</summary>
    Lottery = 1,
}

/// <summary>A coupon a milestone issues: an amount off above a minimum spend, a quantity, valid for some minutes.</summary>
public sealed record MilestoneCoupon(string Name, long AmountOffFen, long MinSpendFen, int Quantity, int Minutes);

/// <summary>A lottery a milestone opens (the rules a lottery draft carries, in fen).</summary>
public sealed record MilestoneLottery(string Prize, PrizeKind Kind, long PrizeValueFen, int Quantity, Guid? CouponId, string? Keyword, bool MustFollow, int WatchMinutes,
    bool MustHaveBought, int DrawInMinutes, string? Terms)
{
    public Guid? PrizeOfferId { get; init; }

    public LotteryDraft ToDraft() =>
        new(Prize, Kind, Money.FromFen(PrizeValueFen), Quantity, CouponId, new Eligibility(Keyword, MustFollow, WatchMinutes, MustHaveBought), DrawInMinutes, Terms)
        {
            PrizeOfferId = PrizeOfferId,
        };

    public static MilestoneLottery From(LotteryDraft d) => new(d.Prize?.Trim() ?? string.Empty, d.Kind, d.PrizeValue.Fen, d.Quantity, d.CouponId, d.Eligibility.Keyword,
        d.Eligibility.MustFollow, d.Eligibility.WatchMinutes, d.Eligibility.MustHaveBought, d.DrawInMinutes, d.Terms) { PrizeOfferId = d.PrizeOfferId };
}

public static class MilestoneRules
{
    public const int MinStep = 10;

    /// <summary>How many times a milestone of <paramref name="step"/> likes has been reached at <paramref name="likes"/>.</summary>
    public static long Reached(long likes, int step) => step <= 0 ? 0 : likes / step;

    public static ValidationResult Validate(int everyLikes, MilestoneCoupon? coupon, LotteryDraft? lottery)
    {
        var errors = new ValidationResult();
        if (everyLikes is < MinStep or > 100_000_000)
        {
            errors.Add(ErrorCodes.OutOfRange, "everyLikes", MinStep, 100_000_000);
        }

        if (coupon is not null)
        {
            if (coupon.Name.Trim().Length is 0 or > 40)
            {
                errors.Add(coupon.Name.Trim().Length == 0 ? ErrorCodes.Required : ErrorCodes.TooLong, "coupon.name", 40);
            }

            if (coupon.AmountOffFen <= 0)
            {
                errors.Add(ErrorCodes.MoneyZero, "coupon.amountOff");
            }
            else if (coupon.MinSpendFen > 0 && coupon.AmountOffFen >= coupon.MinSpendFen)
            {
                errors.Add(ErrorCodes.PromoOffAboveThreshold, "coupon.amountOff");
            }

            if (coupon.Quantity is < 1 or > 100_000)
            {
                errors.Add(ErrorCodes.OutOfRange, "coupon.quantity", 1, 100_000);
            }

            if (coupon.Minutes is < 1 or > 24 * 60)
            {
                errors.Add(ErrorCodes.OutOfRange, "coupon.minutes", 1, 24 * 60);
            }
        }

        if (lottery is not null)
        {
            errors.AddRange(LotteryRules.Validate(lottery).Errors);
        }

        if (coupon is null && lottery is null)
        {
            errors.Add(ErrorCodes.Required, "action");
        }

        return errors;
    }
}
