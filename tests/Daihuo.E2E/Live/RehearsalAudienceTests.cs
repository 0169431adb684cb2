using Daihuo.Data;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Daihuo.E2E.Live;

/// <summary>
/// A rehearsal with a simulated audience, from the console: the team sets the rates, starts it, and
/// watches phones come in, comment and buy (test orders on test stock) until they stop it.
/// </summary>
public abstract class RehearsalAudienceTests<TFixture>(TFixture browser) : IClassFixture<TFixture>
    where TFixture : BrowserFixture
{
    public static TheoryData<string> Both() => new(["zh-CN", "en"]);

    private static async Task<int> NumberAsync(IPage page, string testId) =>
        int.Parse((await page.InnerTextAsync($"[data-testid={testId}]")).Replace(",", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_simulated_audience_fills_a_rehearsal_with_viewers_comments_and_test_orders_only(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var (sessionId, _) = await browser.LiveSessionAsync(chinese ? "彩排：秒杀演练" : "Rehearsal: flash-sale drill", SessionStage.Rehearsal);
        var console = await browser.SignedInPageAsync(language);
        await console.GotoAsync($"/live/{sessionId}");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.Locator("[data-testid=audience-panel]").WaitForAsync();

        await console.FillAsync("[data-testid=audience-viewers]", "30");
        await console.FillAsync("[data-testid=audience-comments]", "3");
        await console.FillAsync("[data-testid=audience-likes]", "20");
        await console.FillAsync("[data-testid=audience-orders]", "4");
        await console.FillAsync("[data-testid=audience-minutes]", "2");
        await console.ClickAsync("[data-testid=audience-start]");
        await console.Locator("[data-testid=audience-running]").WaitForAsync();

        // Phones come in, comment and buy: the panel counts them and the console's own numbers move.
        await console.WaitForFunctionAsync(
            "() => ['audience-test-orders', 'audience-sent-comments', 'audience-connected'].every(id => parseInt((document.querySelector(`[data-testid=${id}]`)?.innerText ?? '0').replace(/,/g, '')) >= 3)",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await console.WaitForFunctionAsync("() => parseInt(document.querySelector('[data-testid=n-orders-value]')?.innerText.replace(/,/g, '') ?? '0') >= 1",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        await console.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"rehearsal-audience-{language}{(browser is PostgresBrowserFixture ? "-pg" : string.Empty)}.png"),
            FullPage = true,
        });

        await console.ClickAsync("[data-testid=audience-stop]");
        await console.Locator("[data-testid=audience-start]").WaitForAsync();
        var placed = await NumberAsync(console, "audience-test-orders");
        Assert.True(placed >= 3);

        // Test orders only: every order of the session is a test order, and the real offer sold nothing.
        var ct = TestContext.Current.CancellationToken;
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<DaihuoDbContext>>().CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.SessionId == sessionId).Select(o => o.IsTest).ToListAsync(ct);
        Assert.NotEmpty(orders);
        Assert.All(orders, Assert.True);
        Assert.Equal(0, await db.Offers.Where(o => o.SessionId == sessionId).Select(o => o.Sold).SingleAsync(ct));
        await console.Context.CloseAsync();
    }
}

public sealed class SqliteRehearsalAudienceTests(BrowserFixture browser) : RehearsalAudienceTests<BrowserFixture>(browser);

public sealed class PostgresRehearsalAudienceTests(PostgresBrowserFixture browser) : RehearsalAudienceTests<PostgresBrowserFixture>(browser);
