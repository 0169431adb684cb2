using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Domain.Compliance;

namespace Daihuo.Domain.Tests.Compliance;

public sealed class ProductCopyTests
{
    private static ProductDraft Draft(SpecialCategory category, string? description, params string[] sellingPoints) =>
        new("HF-1", "鱼油软胶囊", "health", "海之源", null, ProductRole.Profit, category, description, sellingPoints,
            new Fabe(Benefit: "三天见效"), [new SkuDraft("HF-1-1", null, null, null, Money.FromYuan(199), Money.FromYuan(99), Money.FromYuan(89), Money.FromYuan(40))]);

    [Fact]
    public void Every_field_a_buyer_reads_is_scanned_and_named()
    {
        var findings = ProductCopy.Check(Draft(SpecialCategory.Food, "深海鱼油，降血脂", "央视推荐", "顶级品质"), ComplianceScanner.Default);
        Assert.Equal(
            [("description", "降血脂"), ("sellingPoints[0]", "央视推荐"), ("sellingPoints[1]", "顶级")],
            findings.Where(f => f.Field != "fabe.benefit").Select(f => (f.Field, f.Matched)));
    }

    [Fact]
    public void Health_food_must_carry_its_mandatory_statement()
    {
        Assert.Contains(ProductCopy.Check(Draft(SpecialCategory.HealthFood, "每日两粒"), ComplianceScanner.Default), f => f.Term.Rule == "ad-law-18");
        Assert.DoesNotContain(ProductCopy.Check(Draft(SpecialCategory.HealthFood, "每日两粒。本品不能代替药物。"), ComplianceScanner.Default), f => f.Term.Rule == "ad-law-18");
        Assert.DoesNotContain(ProductCopy.Check(Draft(SpecialCategory.Food, "每日两粒"), ComplianceScanner.Default), f => f.Term.Rule == "ad-law-18");
    }

    [Fact]
    public void Complaint_words_are_for_comments_not_for_copy()
    {
        Assert.DoesNotContain(ProductCopy.Check(Draft(SpecialCategory.Food, "不满意可退款"), ComplianceScanner.Default), f => f.Term.Category == TermCategory.Negative);
    }
}
