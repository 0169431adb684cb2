using System.Globalization;

namespace Daihuo.Domain.Common;

/// <summary>
/// An amount of Chinese yuan (CNY) held as whole fen (1 yuan = 100 fen). Daihuo sells in one
/// currency, so there is nothing to mix; no floating point is ever involved: yuan text is parsed
/// digit by digit and arithmetic is on <see cref="long"/> with overflow checks.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const int FenPerYuan = 100;

    public Money(long fen) => Fen = fen;

    public long Fen { get; }

    public static Money Zero => default;

    public static Money FromFen(long fen) => new(fen);

    public static Money FromYuan(long yuan) => new(checked(yuan * FenPerYuan));

    public bool IsNegative => Fen < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static Money operator -(Money a) => new(checked(-a.Fen));

    public static Money operator *(Money a, int quantity) => new(checked(a.Fen * quantity));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public static Money Max(Money a, Money b) => a >= b ? a : b;

    /// <summary>Yuan with two decimals and no symbol, invariant: "1299.00", "-0.50".</summary>
    public string ToYuanString()
    {
        var sign = Fen < 0 ? "-" : string.Empty;
        var abs = Fen == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(Fen);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / FenPerYuan}.{abs % FenPerYuan:00}");
    }

    /// <summary>"¥1,299.00": how staff and buyers see a price.</summary>
    public string ToDisplayString()
    {
        var sign = Fen < 0 ? "-" : string.Empty;
        var abs = (ulong)Math.Abs(Fen);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}¥{abs / FenPerYuan:#,0}.{abs % FenPerYuan:00}");
    }

    public override string ToString() => ToDisplayString();

    /// <summary>
    /// Parses yuan as people write it in spreadsheets and forms: "12", "12.5", "12.50", "¥1,299.00",
    /// "1299元". More than two decimals is refused rather than rounded: a price is never silently changed.
    /// </summary>
    public static bool TryParseYuan(string? text, out Money money)
    {
        money = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith('¥') || s.StartsWith('￥'))
        {
            s = s[1..].TrimStart();
        }

        if (s.EndsWith('元'))
        {
            s = s[..^1].TrimEnd();
        }

        var negative = false;
        if (s.StartsWith('-'))
        {
            negative = true;
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        long whole = 0;
        long fraction = 0;
        var fractionDigits = -1;
        var digits = 0;
        foreach (var c in s)
        {
            if (c == ',' && fractionDigits < 0)
            {
                continue;
            }

            if (c == '.' && fractionDigits < 0)
            {
                fractionDigits = 0;
                continue;
            }

            if (c is < '0' or > '9')
            {
                return false;
            }

            if (fractionDigits >= 0)
            {
                if (++fractionDigits > 2)
                {
                    return false;
                }

                fraction = (fraction * 10) + (c - '0');
            }
            else
            {
                if (++digits > 13)
                {
                    return false;
                }

                whole = (whole * 10) + (c - '0');
            }
        }

        if (digits == 0 && fractionDigits <= 0)
        {
            return false;
        }

        if (fractionDigits == 1)
        {
            fraction *= 10;
        }

        var fen = (whole * FenPerYuan) + fraction;
        money = new Money(negative ? -fen : fen);
        return true;
    }
}
