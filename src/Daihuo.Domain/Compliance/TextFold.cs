namespace Daihuo.Domain.Compliance;

/// <summary>
/// Evasion normalisation as one table lookup per character: full-width to half-width, upper to
/// lower case, traditional to simplified Chinese, common homoglyphs (Cyrillic and Greek letters
/// that look Latin, circled and full-width digits, Chinese numerals) to their plain form; zero-width,
/// control, space and punctuation characters fold to 0 and are skipped, so "最 低/价" and "最\u200B低价"
/// read as "最低价". Terms are folded the same way, so a dictionary entry matches every disguise of it.
/// </summary>
public static class TextFold
{
    /// <summary>0: skip the character; otherwise the character it reads as.</summary>
    private static readonly char[] Table = Build();

    public static char Fold(char c) => Table[c];

    /// <summary>A string folded, skipped characters dropped (for terms and tests; scanning folds in place).</summary>
    public static string Apply(string text)
    {
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (Table[c] is var f and not '\0')
            {
                buffer[n++] = f;
            }
        }

        return new string(buffer[..n]);
    }

    private static char[] Build()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            table[i] = char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
        }

        // Full-width ASCII (！ to ～) reads as ASCII; the full-width space is skipped like any space.
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            var ascii = (char)(c - 0xFEE0);
            table[c] = char.IsLetterOrDigit(ascii) ? char.ToLowerInvariant(ascii) : '\0';
        }

        // Characters people put between the letters of a term: they must not break a match.
        foreach (var c in "\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\u206A\u206B\u206C\u206D\u206E\u206F\u3164\uFEFF\uFFA0")
        {
            table[c] = '\0';
        }

        // Plus signs stand for "add" in "+V" and "➕微": they read as 加.
        foreach (var c in "+＋➕﹢")
        {
            table[c] = '加';
        }

        // Letters from other scripts that look Latin.
        const string lookalikes = "аaеeоoрpсcхxуyіiјjѕsԁdԛqԝwνvοoαaτtκkιiυuᴠvⅴvⅤv";
        for (var i = 0; i < lookalikes.Length; i += 2)
        {
            table[lookalikes[i]] = lookalikes[i + 1];
            table[char.ToUpperInvariant(lookalikes[i])] = lookalikes[i + 1];
        }

        // Letters in circles and brackets: ⓥⓧ, Ⓥ, ⒱.
        for (var k = 0; k < 26; k++)
        {
            table['\u24D0' + k] = (char)('a' + k);
            table['\u24B6' + k] = (char)('a' + k);
            table['\u249C' + k] = (char)('a' + k);
        }

        // Digits in disguise: circled, parenthesised, full stop, superscript, Chinese numerals (upper and lower case).
        Digits(table, "⓪①②③④⑤⑥⑦⑧⑨");
        Digits(table, "⓿❶❷❸❹❺❻❼❽❾");
        Digits(table, "零一二三四五六七八九");
        Digits(table, "〇壹贰叁肆伍陆柒捌玖");
        Digits(table, "⁰¹²³⁴⁵⁶⁷⁸⁹");
        Digits(table, "₀₁₂₃₄₅₆₇₈₉");
        foreach (var (from, to) in new[] { ('⑴', '1'), ('⑵', '2'), ('⑶', '3'), ('⑷', '4'), ('⑸', '5'), ('⑹', '6'), ('⑺', '7'), ('⑻', '8'), ('⑼', '9') })
        {
            table[from] = to;
        }

        // Traditional Chinese reads as simplified (after the numerals, so 貳 and 參 become digits too).
        var pairs = TraditionalChinese.Pairs;
        for (var i = 0; i + 1 < pairs.Length; i++)
        {
            if (char.IsWhiteSpace(pairs[i]))
            {
                continue;
            }

            var simplified = pairs[i + 1];
            table[pairs[i]] = table[simplified] is var f and not '\0' ? f : simplified;
            i++;
        }

        return table;
    }

    private static void Digits(char[] table, string digits)
    {
        for (var d = 0; d < 10; d++)
        {
            table[digits[d]] = (char)('0' + d);
        }
    }
}
