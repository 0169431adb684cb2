using Daihuo.Data.Catalog;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Server.Catalog;

// The catalog API's shapes. Amounts are integers in fen (¥12.50 = 1250), as payment APIs use them.
public sealed record SkuRequest(string? Code, string? Colour, string? Size, string? Spec, long ListPrice, long LivePrice, long FloorPrice, long Cost);

public sealed record FabeRequest(string? Feature, string? Advantage, string? Benefit, string? Evidence);

public sealed record ProductRequest(
    string? Code,
    string? Name,
    string? CategoryCode,
    string? Brand,
    string? Supplier,
    ProductRole? Role,
    SpecialCategory? SpecialCategory,
    string? Description,
    IReadOnlyList<string>? SellingPoints,
    FabeRequest? Fabe,
    IReadOnlyList<SkuRequest>? Skus,
    int? Version)
{
    public ProductDraft ToDraft() => new(
        Code ?? string.Empty,
        Name ?? string.Empty,
        CategoryCode ?? string.Empty,
        Brand,
        Supplier,
        Role ?? ProductRole.Profit,
        SpecialCategory ?? Domain.Catalog.SpecialCategory.None,
        Description,
        SellingPoints ?? [],
        Fabe is null ? Domain.Catalog.Fabe.Empty : new Fabe(Fabe.Feature, Fabe.Advantage, Fabe.Benefit, Fabe.Evidence),
        (Skus ?? []).Select(s => new SkuDraft(
            s.Code ?? string.Empty, s.Colour, s.Size, s.Spec,
            Money.FromFen(s.ListPrice), Money.FromFen(s.LivePrice), Money.FromFen(s.FloorPrice), Money.FromFen(s.Cost))).ToList());
}

public sealed record ReasonRequest(string? Reason);

public sealed record SkuMatrixRequest(string? ProductCode, IReadOnlyList<string>? Colours, IReadOnlyList<string>? Sizes, long ListPrice, long LivePrice, long FloorPrice, long Cost);

public sealed record SkuResponse(Guid? Id, string Code, string? Colour, string? Size, string? Spec, long ListPrice, long LivePrice, long FloorPrice, long Cost);

public sealed record ImageResponse(Guid Id, string Url, string ThumbnailUrl, int Width, int Height);

public sealed record ProductResponse(
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
    FabeRequest Fabe,
    ProductStatus Status,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SkuResponse> Skus,
    IReadOnlyList<ImageResponse> Images)
{
    /// <summary>What the compliance scan found in the copy: warnings, never a refusal.</summary>
    public IReadOnlyList<Compliance.CopyWarning> Warnings { get; init; } = [];

    public static ProductResponse From(ProductDetails p) => new(
        p.Id, p.Code, p.Name, p.CategoryCode, p.Brand, p.Supplier, p.Role, p.SpecialCategory, p.Description, p.SellingPoints,
        new FabeRequest(p.Fabe.Feature, p.Fabe.Advantage, p.Fabe.Benefit, p.Fabe.Evidence),
        p.Status, p.Version, p.CreatedAt, p.UpdatedAt,
        p.Skus.Select(s => new SkuResponse(s.Id, s.Code, s.Colour, s.Size, s.Spec, s.ListPrice.Fen, s.LivePrice.Fen, s.FloorPrice.Fen, s.Cost.Fen)).ToList(),
        p.Images.Select(i => new ImageResponse(i.Id, ImageStore.Url(i.FileName), ImageStore.ThumbnailUrl(i.FileName), i.Width, i.Height)).ToList());
}

public sealed record ProductRowResponse(
    Guid Id, string Code, string Name, string CategoryCode, string? Brand, ProductRole Role, SpecialCategory SpecialCategory,
    ProductStatus Status, int SkuCount, long MinLivePrice, long MaxLivePrice, long MinListPrice, string? ThumbnailUrl, DateTimeOffset UpdatedAt)
{
    public static ProductRowResponse From(ProductRow r) => new(
        r.Id, r.Code, r.Name, r.CategoryCode, r.Brand, r.Role, r.SpecialCategory, r.Status, r.SkuCount,
        r.MinLivePrice.Fen, r.MaxLivePrice.Fen, r.MinListPrice.Fen, r.ThumbnailFile is null ? null : ImageStore.ThumbnailUrl(r.ThumbnailFile), r.UpdatedAt);
}

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record ImportRowError(int Row, string Column, string Field, string Code, string Message);

public sealed record ImportResponse(bool Applied, int Created, int Updated, IReadOnlyList<ImportRowError> Errors);
