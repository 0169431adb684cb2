using System.Buffers;
using Daihuo.Domain.Common;

namespace Daihuo.Domain.Catalog;

/// <summary>
/// The catalog's rules. Every check runs and every broken rule is reported, so an editor or an
/// import report shows all that is wrong at once. Field names are the API's (camelCase, SKU fields
/// as <c>skus[i].livePrice</c>).
/// </summary>
public static class ProductRules
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 60;
    public const int MaxBrandLength = 40;
    public const int MaxSupplierLength = 60;
    public const int MaxDescriptionLength = 2000;
    public const int MaxSellingPoints = 10;
    public const int MaxSellingPointLength = 60;
    public const int MaxFabeLength = 300;
    public const int MaxSkus = 200;
    public const int MaxAttributeLength = 20;

    /// <summary>Largest price accepted: ten million yuan. Protects against a fen/yuan mix-up in an import.</summary>
    public static readonly Money MaxPrice = Money.FromYuan(10_000_000);

    private static readonly SearchValues<char> CodeChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <param name="category">The category named by the draft, or null when no such category exists.</param>
    public static ValidationResult Validate(ProductDraft draft, CategoryFacts? category)
    {
        var result = new ValidationResult();
        CheckCode(result, draft.Code, "code");
        CheckText(result, draft.Name, "name", MaxNameLength, required: true);
        CheckText(result, draft.Brand, "brand", MaxBrandLength, required: false);
        CheckText(result, draft.Supplier, "supplier", MaxSupplierLength, required: false);
        CheckText(result, draft.Description, "description", MaxDescriptionLength, required: false);
        CheckText(result, draft.Fabe.Feature, "fabe.feature", MaxFabeLength, required: false);
        CheckText(result, draft.Fabe.Advantage, "fabe.advantage", MaxFabeLength, required: false);
        CheckText(result, draft.Fabe.Benefit, "fabe.benefit", MaxFabeLength, required: false);
        CheckText(result, draft.Fabe.Evidence, "fabe.evidence", MaxFabeLength, required: false);

        if (string.IsNullOrWhiteSpace(draft.CategoryCode))
        {
            result.Add(ErrorCodes.Required, "categoryCode");
        }
        else if (category is null)
        {
            result.Add(ErrorCodes.CategoryUnknown, "categoryCode", draft.CategoryCode);
        }

        if (!Enum.IsDefined(draft.Role))
        {
            result.Add(ErrorCodes.InvalidChoice, "role");
        }

        if (!Enum.IsDefined(draft.SpecialCategory))
        {
            result.Add(ErrorCodes.InvalidChoice, "specialCategory");
        }

        if (draft.SellingPoints.Count > MaxSellingPoints)
        {
            result.Add(ErrorCodes.TooMany, "sellingPoints", MaxSellingPoints);
        }

        for (var i = 0; i < draft.SellingPoints.Count; i++)
        {
            CheckText(result, draft.SellingPoints[i], $"sellingPoints[{i}]", MaxSellingPointLength, required: true);
        }

        CheckSkus(result, draft.Skus, category);
        return result;
    }

    /// <summary>Floor ≤ live ≤ list, all non-negative, list and live above zero, within <see cref="MaxPrice"/>.</summary>
    public static void CheckPrices(ValidationResult result, Money list, Money live, Money floor, Money cost, string prefix)
    {
        var ok = CheckAmount(result, list, prefix + "listPrice", allowZero: false)
            & CheckAmount(result, live, prefix + "livePrice", allowZero: false)
            & CheckAmount(result, floor, prefix + "floorPrice", allowZero: true)
            & CheckAmount(result, cost, prefix + "cost", allowZero: true);
        if (!ok)
        {
            return;
        }

        if (live > list)
        {
            result.Add(ErrorCodes.LiveAboveList, prefix + "livePrice", live.ToYuanString(), list.ToYuanString());
        }

        if (floor > live)
        {
            result.Add(ErrorCodes.FloorAboveLive, prefix + "floorPrice", floor.ToYuanString(), live.ToYuanString());
        }
    }

    private static void CheckSkus(ValidationResult result, IReadOnlyList<SkuDraft> skus, CategoryFacts? category)
    {
        if (skus.Count == 0)
        {
            result.Add(ErrorCodes.SkuRequired, "skus");
            return;
        }

        if (skus.Count > MaxSkus)
        {
            result.Add(ErrorCodes.TooMany, "skus", MaxSkus);
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var variants = new HashSet<(string, string, string)>();
        for (var i = 0; i < skus.Count; i++)
        {
            var sku = skus[i];
            var prefix = $"skus[{i}].";
            if (CheckCode(result, sku.Code, prefix + "code") && !codes.Add(sku.Code.Trim()))
            {
                result.Add(ErrorCodes.SkuCodeDuplicate, prefix + "code", sku.Code);
            }

            CheckText(result, sku.Colour, prefix + "colour", MaxAttributeLength, required: false);
            CheckText(result, sku.Size, prefix + "size", MaxAttributeLength, required: category?.RequiresSize == true);
            CheckText(result, sku.Spec, prefix + "spec", MaxAttributeLength, required: false);

            var variant = (Norm(sku.Colour), Norm(sku.Size), Norm(sku.Spec));
            if (!variants.Add(variant))
            {
                result.Add(ErrorCodes.SkuVariantDuplicate, prefix + "size", string.Join(" / ", new[] { sku.Colour, sku.Size, sku.Spec }.Where(s => !string.IsNullOrWhiteSpace(s))));
            }

            CheckPrices(result, sku.ListPrice, sku.LivePrice, sku.FloorPrice, sku.Cost, prefix);
        }
    }

    private static string Norm(string? s) => s?.Trim().ToUpperInvariant() ?? string.Empty;

    private static bool CheckAmount(ValidationResult result, Money amount, string field, bool allowZero)
    {
        if (amount.IsNegative)
        {
            result.Add(ErrorCodes.MoneyNegative, field);
            return false;
        }

        if (!allowZero && amount == Money.Zero)
        {
            result.Add(ErrorCodes.MoneyZero, field);
            return false;
        }

        if (amount > MaxPrice)
        {
            result.Add(ErrorCodes.MoneyTooLarge, field, MaxPrice.ToYuanString());
            return false;
        }

        return true;
    }

    private static bool CheckCode(ValidationResult result, string? code, string field)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            result.Add(ErrorCodes.Required, field);
            return false;
        }

        var trimmed = code.Trim();
        if (trimmed.Length > MaxCodeLength)
        {
            result.Add(ErrorCodes.TooLong, field, MaxCodeLength);
            return false;
        }

        if (trimmed.AsSpan().ContainsAnyExcept(CodeChars))
        {
            result.Add(ErrorCodes.CodeFormat, field);
            return false;
        }

        return true;
    }

    private static void CheckText(ValidationResult result, string? value, string field, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                result.Add(ErrorCodes.Required, field);
            }

            return;
        }

        if (value.Trim().Length > max)
        {
            result.Add(ErrorCodes.TooLong, field, max);
        }
    }
}
