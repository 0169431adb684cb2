using Daihuo.Data.Audit;
using Daihuo.Data.Compliance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Daihuo.E2E.Compliance;

/// <summary>The risk officer tries a disguised sentence on the compliance page, then adds the shop's own exception and sees it apply at once.</summary>
public sealed class ComplianceJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Both() => new(["zh-CN", "en"]);

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_disguised_claim_is_explained_and_a_shop_exception_applies_at_once(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var page = await browser.SignedInPageAsync(language, "risk@daihuo.local");
        await page.GotoAsync("/compliance");
        await BrowserFixture.WaitForConsoleAsync(page);

        await page.FillAsync("[data-testid=compliance-sample]", "全網最低價！加 V 私聊");
        await page.Locator("[data-testid=compliance-finding]").Nth(1).WaitForAsync();
        var findings = string.Join("\n", await page.Locator("[data-testid=compliance-finding]").AllInnerTextsAsync());
        Assert.Contains("全網最低價", findings, StringComparison.Ordinal);
        Assert.Contains(chinese ? "站外引流" : "Diversion off the platform", findings, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"compliance-{language}.png"), FullPage = true });

        // "最好看的" is flagged by default; the shop decides it is no claim.
        await page.FillAsync("[data-testid=compliance-sample]", "这件是最好看的");
        await page.Locator("[data-testid=compliance-finding]", new() { HasTextString = "最好" }).WaitForAsync();
        await page.FillAsync("[data-testid=compliance-tsv]", "allow\t-\t-\t最好看的\t-");
        await page.Locator("[data-testid=compliance-tsv]").BlurAsync();
        await page.ClickAsync("[data-testid=compliance-save]");
        await page.Locator("[data-testid=compliance-counts]", new() { HasTextString = chinese ? "1 条例外" : "1 exceptions" }).WaitForAsync();
        await page.Locator("[data-testid=compliance-clean]").WaitForAsync();

        // Back to Daihuo's list alone, through the service that keeps the compiled scanner.
        var scanners = browser.App.Services.GetRequiredService<Daihuo.Server.Compliance.ComplianceScanners>();
        var store = browser.App.Services.GetRequiredService<ComplianceStore>();
        await scanners.SaveAsync(string.Empty, (await store.GetAsync(TestContext.Current.CancellationToken)).Version, Actor.System, TestContext.Current.CancellationToken);
        await page.Context.CloseAsync();
    }
}
