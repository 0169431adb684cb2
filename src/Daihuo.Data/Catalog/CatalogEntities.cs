using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Data.Catalog;

public sealed class Category
{
    public required string Code { get; set; }

    public required string NameZh { get; set; }

    public required string NameEn { get; set; }

    /// <summary>Apparel lives on sizes: every SKU of such a category needs one.</summary>
    public bool RequiresSize { get; set; }

    public SpecialCategory DefaultSpecialCategory { get; set; }

    public int SortOrder { get; set; }

    public CategoryFacts ToFacts() => new(Code, RequiresSize);
}

public sealed class Product
{
    public Guid Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string CategoryCode { get; set; }

    public Category? Category { get; set; }

    public string? Brand { get; set; }

    public string? Supplier { get; set; }

    public ProductRole Role { get; set; }

    public SpecialCategory SpecialCategory { get; set; }

    public string? Description { get; set; }

    public List<string> SellingPoints { get; set; } = [];

    public string? FabeFeature { get; set; }

    public string? FabeAdvantage { get; set; }

    public string? FabeBenefit { get; set; }

    public string? FabeEvidence { get; set; }

    public ProductStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: an edit names the version it started from.</summary>
    public int Version { get; set; }

    public List<Sku> Skus { get; set; } = [];

    public List<ProductImage> Images { get; set; } = [];
}

public sealed class Sku
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    public required string Code { get; set; }

    public string? Colour { get; set; }

    public string? Size { get; set; }

    public string? Spec { get; set; }

    public Money ListPrice { get; set; }

    public Money LivePrice { get; set; }

    public Money FloorPrice { get; set; }

    public Money Cost { get; set; }

    public int SortOrder { get; set; }
}

public sealed class ProductImage
{
    public Guid Id { get; set; }

    public Guid ProductId { get; set; }

    /// <summary>File name (no folders) under the data folder's images directory.</summary>
    public required string FileName { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public int SortOrder { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
