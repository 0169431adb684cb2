using Daihuo.Domain.Common;

namespace Daihuo.Domain.Catalog;

/// <summary>
/// Builds the colour × size SKU matrix an editor starts from. Existing SKUs of the same colour and
/// size keep their code and prices; new cells take the template's prices and a generated code.
/// </summary>
public static class SkuMatrix
{
    public static IReadOnlyList<SkuDraft> Generate(
        string productCode,
        IReadOnlyList<string> colours,
        IReadOnlyList<string> sizes,
        SkuDraft template,
        IReadOnlyList<SkuDraft>? existing = null)
    {
        var colourAxis = Distinct(colours);
        var sizeAxis = Distinct(sizes);
        if (colourAxis.Count == 0)
        {
            colourAxis.Add(string.Empty);
        }

        if (sizeAxis.Count == 0)
        {
            sizeAxis.Add(string.Empty);
        }

        var byVariant = (existing ?? [])
            .GroupBy(s => (Key(s.Colour), Key(s.Size)))
            .ToDictionary(g => g.Key, g => g.First());
        var usedCodes = new HashSet<string>((existing ?? []).Select(s => s.Code), StringComparer.OrdinalIgnoreCase);
        var result = new List<SkuDraft>(colourAxis.Count * sizeAxis.Count);
        var baseCode = string.IsNullOrWhiteSpace(productCode) ? "SKU" : productCode.Trim();

        for (var c = 0; c < colourAxis.Count; c++)
        {
            foreach (var size in sizeAxis)
            {
                var colour = colourAxis[c];
                if (byVariant.TryGetValue((Key(colour), Key(size)), out var kept))
                {
                    result.Add(kept);
                    continue;
                }

                var code = UniqueCode(BuildCode(baseCode, colour.Length == 0 ? -1 : c + 1, size), usedCodes);
                result.Add(template with
                {
                    Code = code,
                    Colour = colour.Length == 0 ? null : colour,
                    Size = size.Length == 0 ? null : size,
                });
            }
        }

        return result;
    }

    private static string BuildCode(string baseCode, int colourNumber, string size)
    {
        var code = baseCode;
        if (colourNumber > 0)
        {
            code += "-" + colourNumber.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        }

        var sizePart = new string(size.Where(ch => char.IsAsciiLetterOrDigit(ch)).ToArray()).ToUpperInvariant();
        if (sizePart.Length > 0)
        {
            code += "-" + sizePart;
        }

        return code.Length > ProductRules.MaxCodeLength ? code[..ProductRules.MaxCodeLength] : code;
    }

    private static string UniqueCode(string code, HashSet<string> used)
    {
        var candidate = code;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{code}-{n}";
        }

        return candidate;
    }

    private static List<string> Distinct(IReadOnlyList<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string Key(string? value) => value?.Trim().ToUpperInvariant() ?? string.Empty;

    /// <summary>A template carrying only prices, for the matrix's new cells.</summary>
    public static SkuDraft PriceTemplate(Money list, Money live, Money floor, Money cost) =>
        new(string.Empty, null, null, null, list, live, floor, cost);
}
