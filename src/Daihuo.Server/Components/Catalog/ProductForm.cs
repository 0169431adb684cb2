using Daihuo.Data.Catalog;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Server.Components.Catalog;

/// <summary>The editor's mutable copy of a product; prices as the yuan text the user typed.</summary>
public sealed class ProductForm
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? CategoryCode { get; set; }

    public string? Brand { get; set; }

    public string? Supplier { get; set; }

    public ProductRole Role { get; set; } = ProductRole.Profit;

    public SpecialCategory SpecialCategory { get; set; }

    public string? Description { get; set; }

    public List<string> SellingPoints { get; set; } = [];

    public string? Feature { get; set; }

    public string? Advantage { get; set; }

    public string? Benefit { get; set; }

    public string? Evidence { get; set; }

    public List<SkuForm> Skus { get; set; } = [];

    public static ProductForm From(ProductDetails p) => new()
    {
        Code = p.Code,
        Name = p.Name,
        CategoryCode = p.CategoryCode,
        Brand = p.Brand,
        Supplier = p.Supplier,
        Role = p.Role,
        SpecialCategory = p.SpecialCategory,
        Description = p.Description,
        SellingPoints = p.SellingPoints.ToList(),
        Feature = p.Fabe.Feature,
        Advantage = p.Fabe.Advantage,
        Benefit = p.Fabe.Benefit,
        Evidence = p.Fabe.Evidence,
        Skus = p.Skus.Select(s => SkuForm.From(s.ToDraft())).ToList(),
    };

    /// <summary>The draft to send, and any price the user typed that is not an amount.</summary>
    public (ProductDraft Draft, IReadOnlyList<DomainError> Errors) ToDraft()
    {
        var errors = new List<DomainError>();
        var skus = new List<SkuDraft>();
        for (var i = 0; i < Skus.Count; i++)
        {
            var s = Skus[i];
            Money Parse(string? text, string field, bool optional)
            {
                if (optional && string.IsNullOrWhiteSpace(text))
                {
                    return Money.Zero;
                }

                if (Money.TryParseYuan(text, out var m))
                {
                    return m;
                }

                errors.Add(new DomainError(string.IsNullOrWhiteSpace(text) ? ErrorCodes.Required : ErrorCodes.MoneyFormat, $"skus[{i}].{field}", text ?? string.Empty));
                return Money.Zero;
            }

            skus.Add(new SkuDraft(s.Code, s.Colour, s.Size, s.Spec,
                Parse(s.ListPrice, "listPrice", false), Parse(s.LivePrice, "livePrice", false),
                Parse(s.FloorPrice, "floorPrice", true), Parse(s.Cost, "cost", true)));
        }

        var draft = new ProductDraft(Code, Name, CategoryCode ?? string.Empty, Brand, Supplier, Role, SpecialCategory, Description,
            SellingPoints, new Fabe(Feature, Advantage, Benefit, Evidence), skus);
        return (draft, errors);
    }
}

public sealed class SkuForm
{
    public string Code { get; set; } = string.Empty;

    public string? Colour { get; set; }

    public string? Size { get; set; }

    public string? Spec { get; set; }

    public string? ListPrice { get; set; }

    public string? LivePrice { get; set; }

    public string? FloorPrice { get; set; }

    public string? Cost { get; set; }

    public static SkuForm From(SkuDraft s) => new()
    {
        Code = s.Code,
        Colour = s.Colour,
        Size = s.Size,
        Spec = s.Spec,
        ListPrice = s.ListPrice.ToYuanString(),
        LivePrice = s.LivePrice.ToYuanString(),
        FloorPrice = s.FloorPrice.ToYuanString(),
        Cost = s.Cost.ToYuanString(),
    };
}
