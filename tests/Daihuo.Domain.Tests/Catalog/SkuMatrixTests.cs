using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Domain.Tests.Catalog;

public sealed class SkuMatrixTests
{
    private static readonly SkuDraft Template = SkuMatrix.PriceTemplate(Money.FromYuan(399), Money.FromYuan(239), Money.FromYuan(199), Money.FromYuan(96));

    [Fact]
    public void Colours_times_sizes_gives_one_sku_per_cell_with_unique_codes()
    {
        var skus = SkuMatrix.Generate("DH-W1", ["奶油白", "雾霾蓝"], ["S", "M", "L"], Template);
        Assert.Equal(6, skus.Count);
        Assert.Equal(6, skus.Select(s => s.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(["DH-W1-01-S", "DH-W1-01-M", "DH-W1-01-L", "DH-W1-02-S", "DH-W1-02-M", "DH-W1-02-L"], skus.Select(s => s.Code));
        Assert.All(skus, s => Assert.Equal(Money.FromYuan(239), s.LivePrice));
        Assert.True(ProductRules.Validate(new ProductDraft("DH-W1", "裙", "apparel", null, null, ProductRole.Hit, SpecialCategory.None, null, [], Fabe.Empty, skus), new CategoryFacts("apparel", true)).IsValid);
    }

    [Fact]
    public void Regenerating_keeps_existing_cells_and_their_prices()
    {
        var first = SkuMatrix.Generate("P", ["红"], ["M"], Template);
        var edited = new[] { first[0] with { LivePrice = Money.FromYuan(199) } };
        var again = SkuMatrix.Generate("P", ["红", "蓝"], ["M"], Template, edited);
        Assert.Equal(2, again.Count);
        Assert.Equal(Money.FromYuan(199), again.Single(s => s.Colour == "红").LivePrice);
        Assert.Equal(first[0].Code, again.Single(s => s.Colour == "红").Code);
    }

    [Fact]
    public void Blank_and_repeated_axis_values_are_ignored()
    {
        var skus = SkuMatrix.Generate("P", [" ", "黑", "黑"], ["", "XL", "xl"], Template);
        Assert.Single(skus);
        Assert.Equal("P-01-XL", skus[0].Code);
    }

    [Fact]
    public void No_axes_gives_a_single_sku()
    {
        var skus = SkuMatrix.Generate("FOOD1", [], [], Template);
        Assert.Equal("FOOD1", Assert.Single(skus).Code);
    }
}
