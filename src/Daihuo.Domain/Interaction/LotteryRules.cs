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
public sealed record LotteryDraft(string? Prize, PrizeKind Kind, Money PrizeValue, int Quantity, Guid? CouponId, Eligibility Eligibility, int DrawInMinutes, string? Terms);

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
