using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Tests.Catalog;

/// <summary>The catalog's store, written once and run against each provider (see the subclasses below).</summary>
public abstract class CatalogStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    private static readonly Actor Planner = new("u-planner", "策划 周雯");

    private CatalogStore Store
    {
        get
        {
            fixture.SkipIfUnavailable();
            return fixture.Catalog;
        }
    }

    private static string Code(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}".ToUpperInvariant();

    private static SkuDraft Sku(string code, string size, long live = 23900, string colour = "奶油白") =>
        new(code, colour, size, null, Money.FromFen(39900), Money.FromFen(live), Money.FromFen(Math.Min(19900, live)), Money.FromFen(9600));

    private static ProductDraft Dress(string code, params SkuDraft[] skus) => new(
        code, "法式方领连衣裙", "apparel-women", "予棠", "予棠供应链", ProductRole.Hit, SpecialCategory.None, "三醋酸面料",
        ["垂感好", "收腰显瘦"], new Fabe("三醋酸", "不易皱", "通勤约会", "检测报告"),
        skus.Length > 0 ? skus : [Sku(code + "-S", "S"), Sku(code + "-M", "M")]);

    private async Task<int> CountAsync<T>()
        where T : class
    {
        await using var db = fixture.CreateDbContext();
        return await db.Set<T>().CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_created_product_reads_back_with_every_field_and_exact_prices()
    {
        var store = Store;
        var code = Code("DH");
        var created = await store.CreateAsync(Dress(code), Planner, TestContext.Current.CancellationToken);
        var read = await store.GetAsync(created.Id, TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal(code, read.Code);
        Assert.Equal(["垂感好", "收腰显瘦"], read.SellingPoints);
        Assert.Equal("检测报告", read.Fabe.Evidence);
        Assert.Equal([code + "-S", code + "-M"], read.Skus.Select(s => s.Code));
        Assert.Equal(Money.FromFen(23900), read.Skus[0].LivePrice);
        Assert.Equal(fixture.Clock.GetUtcNow(), read.CreatedAt);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task Creating_a_product_writes_its_audit_entry_in_the_same_transaction()
    {
        var store = Store;
        var created = await store.CreateAsync(Dress(Code("AU")), Planner, TestContext.Current.CancellationToken);
        var page = await fixture.Audit.SearchAsync(new AuditQuery(Search: created.Id.ToString()), TestContext.Current.CancellationToken);

        var entry = Assert.Single(page.Items);
        Assert.Equal("catalog.product.created", entry.Action);
        Assert.Equal(Planner.Name, entry.ActorName);
        Assert.Null(entry.Before);
        Assert.Contains("239.00", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_product_changes_nothing()
    {
        var store = Store;
        var products = await CountAsync<Product>();
        var audits = await CountAsync<AuditEntry>();
        var bad = Dress(Code("BAD"), Sku("X-1", "S", live: 50000));

        var ex = await Assert.ThrowsAsync<DomainValidationException>(() => store.CreateAsync(bad, Planner, TestContext.Current.CancellationToken));

        Assert.Contains(ex.Errors, e => e is { Field: "skus[0].livePrice", Code: ErrorCodes.LiveAboveList });
        Assert.Equal(products, await CountAsync<Product>());
        Assert.Equal(audits, await CountAsync<AuditEntry>());
    }

    [Fact]
    public async Task Product_codes_and_sku_codes_are_unique_across_the_catalog()
    {
        var store = Store;
        var first = await store.CreateAsync(Dress(Code("U")), Planner, TestContext.Current.CancellationToken);

        var sameCode = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.CreateAsync(Dress(first.Code, Sku(Code("X"), "S")), Planner, TestContext.Current.CancellationToken));
        Assert.Contains(sameCode.Errors, e => e is { Field: "code", Code: ErrorCodes.ProductCodeTaken });

        var takenSku = await Assert.ThrowsAsync<DomainValidationException>(() =>
            store.CreateAsync(Dress(Code("V"), Sku(Code("Y"), "S"), Sku(first.Skus[1].Code, "M")), Planner, TestContext.Current.CancellationToken));
        Assert.Contains(takenSku.Errors, e => e is { Field: "skus[1].code", Code: ErrorCodes.SkuCodeTaken });
    }

    [Fact]
    public async Task An_edit_keeps_sku_identity_by_code_and_refuses_a_stale_version()
    {
        var store = Store;
        var code = Code("ED");
        var created = await store.CreateAsync(Dress(code), Planner, TestContext.Current.CancellationToken);
        var draft = created.ToDraft() with
        {
            Name = "法式连衣裙（新版）",
            Skus = [created.Skus[1].ToDraft() with { LivePrice = Money.FromFen(21900) }, Sku(code + "-L", "L")],
        };

        var updated = await store.UpdateAsync(created.Id, created.Version, draft, Planner, TestContext.Current.CancellationToken);

        Assert.Equal(2, updated.Version);
        Assert.Equal([code + "-M", code + "-L"], updated.Skus.Select(s => s.Code));
        Assert.Equal(created.Skus[1].Id, updated.Skus[0].Id);
        Assert.Equal(Money.FromFen(21900), updated.Skus[0].LivePrice);
        var stale = await Assert.ThrowsAsync<ConflictException>(() => store.UpdateAsync(created.Id, created.Version, draft, Planner, TestContext.Current.CancellationToken));
        Assert.Equal(ErrorCodes.ProductStale, stale.Error.Code);
    }

    [Fact]
    public async Task Search_pages_filters_and_sorts_on_the_server()
    {
        var store = Store;
        var brand = "B" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 5; i++)
        {
            var code = Code("S" + i);
            await store.CreateAsync(Dress(code, Sku(code + "-M", "M", live: 10000 + (i * 1000))) with { Brand = brand }, Planner, TestContext.Current.CancellationToken);
        }

        var firstPage = await store.SearchAsync(new ProductQuery(brand, Sort: ProductSort.LivePrice, Descending: false, Page: 0, PageSize: 2), TestContext.Current.CancellationToken);
        var lastPage = await store.SearchAsync(new ProductQuery(brand, Sort: ProductSort.LivePrice, Descending: false, Page: 2, PageSize: 2), TestContext.Current.CancellationToken);

        Assert.Equal(5, firstPage.Total);
        Assert.Equal([Money.FromFen(10000), Money.FromFen(11000)], firstPage.Items.Select(r => r.MinLivePrice));
        Assert.Equal(Money.FromFen(14000), Assert.Single(lastPage.Items).MinLivePrice);

        var bySku = await store.SearchAsync(new ProductQuery(firstPage.Items[0].Code.ToLowerInvariant() + "-m"), TestContext.Current.CancellationToken);
        Assert.Equal(firstPage.Items[0].Id, Assert.Single(bySku.Items).Id);
        var food = await store.SearchAsync(new ProductQuery(brand, CategoryCode: "food-snacks"), TestContext.Current.CancellationToken);
        Assert.Empty(food.Items);
    }

    [Fact]
    public async Task Archiving_hides_a_product_from_the_active_list_and_is_audited_with_the_reason()
    {
        var store = Store;
        var created = await store.CreateAsync(Dress(Code("AR")), Planner, TestContext.Current.CancellationToken);

        await store.ArchiveAsync(created.Id, Planner, "季末下架", TestContext.Current.CancellationToken);

        var active = await store.SearchAsync(new ProductQuery(created.Code), TestContext.Current.CancellationToken);
        var archived = await store.SearchAsync(new ProductQuery(created.Code, Status: ProductStatus.Archived), TestContext.Current.CancellationToken);
        Assert.Empty(active.Items);
        Assert.Single(archived.Items);
        var audit = await fixture.Audit.SearchAsync(new AuditQuery(Action: "catalog.product.archived", Search: created.Id.ToString()), TestContext.Current.CancellationToken);
        Assert.Equal("季末下架", Assert.Single(audit.Items).Reason);
    }

    [Fact]
    public async Task An_import_with_one_bad_row_applies_nothing_and_a_clean_one_applies_everything()
    {
        var store = Store;
        var products = await CountAsync<Product>();
        var good = Code("IMA");
        var bad = Code("IMB");
        CatalogImportProduct Item(ProductDraft draft, int firstRow) => new(
            draft,
            draft.Skus.Select((_, i) => firstRow + i).ToList(),
            e => new CatalogImportError(firstRow, e.Field, e));

        var refused = await store.ImportAsync(new CatalogImportBatch("a.csv",
            [Item(Dress(good), 2), Item(Dress(bad, Sku(bad + "-S", "S", live: 99900)), 4)], []), Planner, TestContext.Current.CancellationToken);

        Assert.False(refused.Applied);
        var error = Assert.Single(refused.Errors);
        Assert.Equal(4, error.Row);
        Assert.Equal(ErrorCodes.LiveAboveList, error.Error.Code);
        Assert.Equal(products, await CountAsync<Product>());

        var applied = await store.ImportAsync(new CatalogImportBatch("b.csv",
            [Item(Dress(good), 2), Item(Dress(bad, Sku(bad + "-S", "S")), 4)], []), Planner, TestContext.Current.CancellationToken);

        Assert.True(applied.Applied);
        Assert.Equal(2, applied.Created);
        Assert.Equal(products + 2, await CountAsync<Product>());

        var again = await store.ImportAsync(new CatalogImportBatch("c.csv", [Item(Dress(good) with { Name = "改名了" }, 2)], []), Planner, TestContext.Current.CancellationToken);
        Assert.Equal((0, 1), (again.Created, again.Updated));
    }
}

public sealed class SqliteCatalogStoreTests(SqliteFixture fixture) : CatalogStoreTests<SqliteFixture>(fixture);

public sealed class PostgresCatalogStoreTests(PostgresFixture fixture) : CatalogStoreTests<PostgresFixture>(fixture);
