using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Data.Catalog;

public enum ProductSort
{
    UpdatedAt,
    Name,
    Code,
    LivePrice,
    SkuCount,
    Category,
}

public sealed record ProductQuery(
    string? Search = null,
    string? CategoryCode = null,
    ProductRole? Role = null,
    ProductStatus? Status = ProductStatus.Active,
    ProductSort Sort = ProductSort.UpdatedAt,
    bool Descending = true,
    int Page = 0,
    int PageSize = 20)
{
    public const int MaxPageSize = 200;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public sealed record ProductRow(
    Guid Id,
    string Code,
    string Name,
    string CategoryCode,
    string? Brand,
    ProductRole Role,
    SpecialCategory SpecialCategory,
    ProductStatus Status,
    int SkuCount,
    Money MinLivePrice,
    Money MaxLivePrice,
    Money MinListPrice,
    string? ThumbnailFile,
    DateTimeOffset UpdatedAt);

public sealed record SkuDetails(
    Guid Id,
    string Code,
    string? Colour,
    string? Size,
    string? Spec,
    Money ListPrice,
    Money LivePrice,
    Money FloorPrice,
    Money Cost)
{
    public SkuDraft ToDraft() => new(Code, Colour, Size, Spec, ListPrice, LivePrice, FloorPrice, Cost);
}

public sealed record ImageDetails(Guid Id, string FileName, int Width, int Height, int SortOrder);

public sealed record ProductDetails(
    Guid Id,
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
    ProductStatus Status,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SkuDetails> Skus,
    IReadOnlyList<ImageDetails> Images)
{
    public ProductDraft ToDraft() => new(
        Code, Name, CategoryCode, Brand, Supplier, Role, SpecialCategory, Description, SellingPoints, Fabe,
        Skus.Select(s => s.ToDraft()).ToList());
}

public sealed record CategoryDetails(string Code, string NameZh, string NameEn, bool RequiresSize, SpecialCategory DefaultSpecialCategory);

public sealed record CatalogSummary(int Active, int Archived, int Skus, IReadOnlyList<(string CategoryCode, int Count)> ByCategory);
