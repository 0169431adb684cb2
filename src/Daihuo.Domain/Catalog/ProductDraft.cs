using Daihuo.Domain.Common;

namespace Daihuo.Domain.Catalog;

/// <summary>FABE: the structure hosts present a product in (Feature, Advantage, Benefit, Evidence).</summary>
public sealed record Fabe(string? Feature = null, string? Advantage = null, string? Benefit = null, string? Evidence = null)
{
    public static Fabe Empty { get; } = new();
}

/// <summary>One sellable variant. Prices are per SKU: a larger size or another spec may cost more.</summary>
public sealed record SkuDraft(
    string Code,
    string? Colour,
    string? Size,
    string? Spec,
    Money ListPrice,
    Money LivePrice,
    Money FloorPrice,
    Money Cost);

/// <summary>A product as a command proposes it (create, edit or import); checked by <see cref="ProductRules"/>.</summary>
public sealed record ProductDraft(
    string Code,
    string Name,
    string CategoryCode,
    string? Brand,
    string? Supplier,
    ProductRole Role,
    SpecialCategory SpecialCategory,
    string? Description,
    IReadOnlyList<string> SellingPoints,
    Fabe Fabe,
    IReadOnlyList<SkuDraft> Skus);

/// <summary>What the rules need to know about a category.</summary>
public sealed record CategoryFacts(string Code, bool RequiresSize);
