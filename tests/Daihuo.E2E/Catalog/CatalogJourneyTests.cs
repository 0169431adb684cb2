using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Daihuo.E2E.Catalog;

/// <summary>
/// What a planner does with the catalog, clicked through in a real browser in each language: sign in,
/// create a product from a colour × size matrix, import a CSV with a bad row and then fixed, export
/// to Excel, switch the language and back.
/// </summary>
public sealed class CatalogJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Languages = ["zh-CN", "en"];

    public static TheoryData<string> Both() => new(Languages);

    private static bool Chinese(string language) => language == "zh-CN";

    private void SkipIfOff()
    {
        if (BrowserFixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static async Task ShotAsync(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = fullPage });

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Sign_in_and_see_the_catalog_grid(string language)
    {
        SkipIfOff();
        var page = await browser.SignedInPageAsync(language);

        await page.GotoAsync("/catalog");
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.Locator(".dh-product-name").First.WaitForAsync();

        Assert.True(await page.Locator(".dh-product-name").CountAsync() >= 10);
        Assert.Equal(Chinese(language) ? "zh-CN" : "en", await page.GetAttributeAsync("html", "lang"));
        await Expect(page.Locator("h1, .dh-title").First, Chinese(language) ? "商品库" : "Products");
        await ShotAsync(page, $"catalog-grid-{language}");

        // Dark mode is remembered by the browser; a tablet gets the drawer as an overlay.
        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.WaitForFunctionAsync("() => document.cookie.includes('daihuo.theme=dark')");
        await page.ReloadAsync();
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.Locator(".dh-product-name").First.WaitForAsync();
        await ShotAsync(page, $"catalog-grid-dark-{language}");
        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.SetViewportSizeAsync(820, 1180);
        await ShotAsync(page, $"catalog-grid-tablet-{language}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Create_a_product_with_a_colour_by_size_sku_matrix(string language)
    {
        SkipIfOff();
        var page = await browser.SignedInPageAsync(language);
        var code = "E2E-" + language[..2].ToUpperInvariant() + "-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        await page.GotoAsync("/catalog");
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.ClickAsync("[data-testid=new-product]");
        await page.WaitForURLAsync("**/catalog/new");
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.FillAsync("[data-testid=field-code]", code);
        await page.FillAsync("[data-testid=field-name]", Chinese(language) ? "针织连衣裙 E2E" : "Knit dress E2E");
        await page.ClickAsync("[data-testid=field-category]");
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(Chinese(language) ? "女装" : "Women's apparel", new() { Exact = true }).ClickAsync();
        await page.FillAsync("[data-testid=field-description]", Chinese(language) ? "柔软亲肤，全網最低價" : "Soft knit. 全網最低價");
        await page.FillAsync("[data-testid=matrix-colours]", Chinese(language) ? "黑色, 杏色" : "Black, Apricot");
        await page.FillAsync("[data-testid=matrix-sizes]", "S, M, L");
        await page.FillAsync("[data-testid=matrix-list]", "399");
        await page.FillAsync("[data-testid=matrix-live]", "239");
        await page.FillAsync("[data-testid=matrix-floor]", "199");
        await page.FillAsync("[data-testid=matrix-cost]", "96");
        await page.ClickAsync("[data-testid=matrix-generate]");
        await page.Locator("[data-testid=sku-row]").Nth(5).WaitForAsync();
        Assert.Equal(6, await page.Locator("[data-testid=sku-row]").CountAsync());
        await ShotAsync(page, $"product-editor-{language}", fullPage: true);

        await page.ClickAsync("[data-testid=save-product]");

        await page.WaitForURLAsync(new Regex("/catalog/[0-9a-f-]{36}$"));
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.Locator("[data-testid=editor-title]").WaitForAsync();
        Assert.Equal(6, await page.Locator("[data-testid=sku-row]").CountAsync());
        Assert.Equal($"{code}-01-S", await page.Locator("[data-testid=sku-row] input").First.InputValueAsync());

        // Saved, with the copy's compliance findings as warnings (a disguised absolute price claim).
        var warning = await page.Locator("[data-testid=compliance-warning]").First.InnerTextAsync();
        Assert.Contains("全網最低價", warning, StringComparison.Ordinal);
        Assert.Contains(Chinese(language) ? "价格说法须有依据" : "state their source", warning, StringComparison.Ordinal);
        await ShotAsync(page, $"product-editor-saved-{language}", fullPage: true);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Import_a_csv_with_a_bad_row_then_the_fixed_file_then_export_to_excel(string language)
    {
        SkipIfOff();
        var page = await browser.SignedInPageAsync(language);
        var code = "IMP-" + language[..2].ToUpperInvariant() + "-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string Csv(string live) =>
            "商品编码,商品名称,类目编码,角色,SKU编码,颜色,尺码,划线价(元),直播价(元),底价(元),成本(元)\n" +
            $"{code},导入测试裙,apparel-women,爆款,{code}-S,白,S,399,239,199,96\n" +
            $"{code},导入测试裙,apparel-women,爆款,{code}-M,白,M,399,{live},199,96\n";

        await page.GotoAsync("/catalog/import");
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.SetInputFilesAsync("[data-testid=import-file] input[type=file], input[type=file]", new FilePayload
        {
            Name = "catalog-bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv("499")),
        });

        await page.Locator("[data-testid=import-failed]").WaitForAsync();
        var row = page.Locator("[data-testid=report-row]");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal("3", (await row.Locator("td").First.InnerTextAsync()).Trim());
        Assert.Contains(Chinese(language) ? "划线价" : "list price", await row.InnerTextAsync(), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-report]"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        await ShotAsync(page, $"catalog-import-report-{language}");
        Assert.Equal(0, await CountInCatalogAsync(page, code));

        await page.SetInputFilesAsync("input[type=file]", new FilePayload
        {
            Name = "catalog-fixed.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv("239")),
        });
        await page.Locator("[data-testid=import-success]").WaitForAsync();
        Assert.Equal(1, await CountInCatalogAsync(page, code));

        await page.GotoAsync("/catalog");
        await BrowserFixture.WaitForConsoleAsync(page);
        await page.ClickAsync("[data-testid=export-button]");
        var excel = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-xlsx]"));
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
        await excel.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        File.Delete(path);
        Assert.True(bytes.Length > 1000);
        Assert.Equal("PK", Encoding.ASCII.GetString(bytes, 0, 2));
        Assert.EndsWith(".xlsx", excel.SuggestedFilename, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Switch_the_language_and_back(string language)
    {
        SkipIfOff();

        // The choice is remembered on the member, so each language uses a member of its own here.
        var page = await browser.SignedInPageAsync(language, Chinese(language) ? "operator@daihuo.local" : "planner@daihuo.local");
        var other = Chinese(language) ? "en" : "zh-CN";

        await page.GotoAsync("/catalog");
        await BrowserFixture.WaitForConsoleAsync(page);
        await SwitchAsync(page, other);
        Assert.Equal(other, await page.GetAttributeAsync("html", "lang"));
        await Expect(page.Locator(".dh-title").First, Chinese(other) ? "商品库" : "Products");
        Assert.EndsWith("/catalog", page.Url, StringComparison.Ordinal);

        await page.ReloadAsync();
        await BrowserFixture.WaitForConsoleAsync(page);
        Assert.Equal(other, await page.GetAttributeAsync("html", "lang"));

        await SwitchAsync(page, language);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await page.Context.CloseAsync();
    }

    private static async Task SwitchAsync(IPage page, string culture)
    {
        await page.ClickAsync("[data-testid=language-button]");
        await page.ClickAsync(culture == "en" ? "[data-testid=lang-en]" : "[data-testid=lang-zh]");
        await page.WaitForFunctionAsync($"() => document.documentElement.lang === '{culture}'");
        await BrowserFixture.WaitForConsoleAsync(page);
    }

    private static async Task<int> CountInCatalogAsync(IPage page, string code)
    {
        var response = await page.APIRequest.GetAsync($"/api/catalog/products?search={code}");
        var json = await response.JsonAsync();
        return json!.Value.GetProperty("total").GetInt32();
    }

    private static async Task Expect(ILocator locator, string text) =>
        Assert.Contains(text, await locator.InnerTextAsync(), StringComparison.Ordinal);
}
