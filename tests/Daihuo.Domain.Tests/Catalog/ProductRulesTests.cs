using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Domain.Tests.Catalog;

public sealed class ProductRulesTests
{
    private static readonly CategoryFacts Apparel = new("apparel-women", RequiresSize: true);
    private static readonly CategoryFacts Food = new("food-snacks", RequiresSize: false);

    internal static SkuDraft Sku(string code, long list = 19900, long live = 12900, long floor = 9900, long cost = 5000, string? size = "M", string? colour = "白") =>
        new(code, colour, size, null, Money.FromFen(list), Money.FromFen(live), Money.FromFen(floor), Money.FromFen(cost));

    internal static ProductDraft Product(params SkuDraft[] skus) => new(
        "DH-T1", "法式连衣裙", "apparel-women", "予棠", null, ProductRole.Hit, SpecialCategory.None, null, ["垂感好"], Fabe.Empty,
        skus.Length == 0 ? [Sku("DH-T1-M")] : skus);

    private static IEnumerable<(string Field, string Code)> Errors(ProductDraft draft, CategoryFacts? category) =>
        ProductRules.Validate(draft, category).Errors.Select(e => (e.Field, e.Code));

    [Fact]
    public void A_complete_product_passes() => Assert.True(ProductRules.Validate(Product(), Apparel).IsValid);

    [Fact]
    public void Floor_price_above_live_price_is_refused_on_that_sku() =>
        Assert.Contains(("skus[1].floorPrice", ErrorCodes.FloorAboveLive), Errors(Product(Sku("A"), Sku("B", size: "L", floor: 13000)), Apparel));

    [Fact]
    public void Live_price_above_list_price_is_refused() =>
        Assert.Contains(("skus[0].livePrice", ErrorCodes.LiveAboveList), Errors(Product(Sku("A", list: 100, live: 200, floor: 50)), Apparel));

    [Theory]
    [InlineData(-1, 100, 50, 10, "skus[0].listPrice", ErrorCodes.MoneyNegative)]
    [InlineData(200, 0, 0, 10, "skus[0].livePrice", ErrorCodes.MoneyZero)]
    [InlineData(200, 100, -5, 10, "skus[0].floorPrice", ErrorCodes.MoneyNegative)]
    [InlineData(200, 100, 50, -10, "skus[0].cost", ErrorCodes.MoneyNegative)]
    [InlineData(2_000_000_000L, 100, 50, 10, "skus[0].listPrice", ErrorCodes.MoneyTooLarge)]
    public void Amounts_out_of_range_are_refused(long list, long live, long floor, long cost, string field, string code) =>
        Assert.Contains((field, code), Errors(Product(Sku("A", list, live, floor, cost)), Apparel));

    [Fact]
    public void Floor_equal_to_live_equal_to_list_is_allowed() =>
        Assert.True(ProductRules.Validate(Product(Sku("A", 100, 100, 100, 0)), Apparel).IsValid);

    [Fact]
    public void A_sku_code_used_twice_in_one_product_is_refused() =>
        Assert.Contains(("skus[1].code", ErrorCodes.SkuCodeDuplicate), Errors(Product(Sku("A", size: "M"), Sku("a", size: "L")), Apparel));

    [Fact]
    public void The_same_colour_and_size_twice_is_refused() =>
        Assert.Contains(("skus[1].size", ErrorCodes.SkuVariantDuplicate), Errors(Product(Sku("A"), Sku("B")), Apparel));

    [Fact]
    public void Apparel_lives_on_sizes_but_food_does_not()
    {
        var noSize = Product(Sku("A", size: null));
        Assert.Contains(("skus[0].size", ErrorCodes.Required), Errors(noSize, Apparel));
        Assert.True(ProductRules.Validate(noSize with { CategoryCode = "food-snacks" }, Food).IsValid);
    }

    [Fact]
    public void An_unknown_category_and_a_missing_name_are_both_reported()
    {
        var errors = Errors(Product() with { Name = " ", CategoryCode = "nope" }, null).ToList();
        Assert.Contains(("name", ErrorCodes.Required), errors);
        Assert.Contains(("categoryCode", ErrorCodes.CategoryUnknown), errors);
    }

    [Theory]
    [InlineData("", ErrorCodes.Required)]
    [InlineData("DH 01", ErrorCodes.CodeFormat)]
    [InlineData("商品01", ErrorCodes.CodeFormat)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", ErrorCodes.TooLong)]
    public void Product_codes_are_short_plain_identifiers(string code, string error) =>
        Assert.Contains(("code", error), Errors(Product() with { Code = code }, Apparel));

    [Fact]
    public void A_product_needs_at_least_one_sku() =>
        Assert.Contains(("skus", ErrorCodes.SkuRequired), Errors(Product() with { Skus = [] }, Apparel));

    [Fact]
    public void Every_broken_rule_is_reported_not_only_the_first()
    {
        var draft = Product(Sku("A", list: 100, live: 200, floor: 50), Sku("A", size: "L", floor: 99999)) with { Name = "" };
        Assert.True(ProductRules.Validate(draft, Apparel).Errors.Count >= 4);
    }
}
