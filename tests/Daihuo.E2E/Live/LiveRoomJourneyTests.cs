using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Daihuo.E2E.Live;

/// <summary>
/// Staff plan a session in the console, put a product on the shelf and go live; a viewer on a
/// phone-sized page buys, and the console's numbers and the viewer's stock move without a reload.
/// </summary>
public sealed class LiveRoomJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Both() => new(["zh-CN", "en"]);

    private static async Task ShotAsync(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = fullPage });

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Plan_go_live_and_sell_to_a_phone(string language)
    {
        if (BrowserFixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var console = await browser.SignedInPageAsync(language, chinese ? "host@daihuo.local" : "controller@daihuo.local");
        await console.GotoAsync("/live");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.ClickAsync("[data-testid=new-session]");
        await console.FillAsync("[data-testid=session-title]", chinese ? "今晚 8 点 零食专场" : "Snack night 8 pm");
        await console.ClickAsync("[data-testid=session-create]");
        await console.WaitForURLAsync(new Regex("/live/[0-9a-f-]{36}$"));
        await BrowserFixture.WaitForConsoleAsync(console);

        await console.ClickAsync("[data-testid=shelf-product]");
        await console.FillAsync("[data-testid=shelf-product]", "DH-F5003");
        await console.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = "DH-F5003" }).First.ClickAsync();
        await console.Locator("[data-testid=shelf-price]").WaitForAsync();
        await console.FillAsync("[data-testid=shelf-allocated]", "20");
        await console.ClickAsync("[data-testid=shelf-add]");
        await console.Locator("[data-testid=shelf-row]").First.WaitForAsync();
        await console.ClickAsync("[data-testid=stage-Scheduled]");
        await console.ClickAsync("[data-testid=stage-Live]");
        await console.Locator(".dh-stage-Live").First.WaitForAsync();
        var room = (await console.GetAttributeAsync("[data-testid=storefront-link]", "href"))!;

        var phone = await browser.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            BaseURL = browser.BaseUrl,
        });
        phone.SetDefaultTimeout(45_000);
        await phone.GotoAsync(room);
        await phone.Locator("[data-testid=offer]").First.WaitForAsync();
        Assert.Equal("20", await phone.GetAttributeAsync("[data-testid=offer-remaining]", "data-remaining"));

        await phone.ClickAsync("[data-testid=offer-buy]");
        await phone.FillAsync("[data-testid=buyer-phone]", chinese ? "13800138000" : "13900139000");
        await phone.FillAsync("[data-testid=buyer-nickname]", chinese ? "小鹿粉丝" : "Fan");
        await phone.FillAsync("[data-testid=buy-quantity]", "2");
        await phone.ClickAsync("[data-testid=buy-submit]");
        await phone.Locator(".sheet-message.ok").WaitForAsync();
        Assert.Contains(chinese ? "下单成功" : "Order accepted", await phone.InnerTextAsync("[data-testid=buy-message]"), StringComparison.Ordinal);
        await ShotAsync(phone, $"storefront-checkout-{language}");

        // Both pages move without a reload: the viewer's stock through SSE, the console's numbers through its circuit.
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=offer-remaining]')?.dataset.remaining === '18'");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=shelf-sold]')?.innerText.trim() === '2'");

        // A price change in the console reaches the open phone page without a reload (the sheet stays open on top).
        await console.ClickAsync("[data-testid=change-price]");
        await console.FillAsync("[data-testid=price-input]", "26.8");
        await console.FillAsync("[data-testid=price-reason]", chinese ? "限时福利" : "Flash deal");
        await console.ClickAsync("[data-testid=price-submit]");
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=offer-price]')?.innerText.includes('26.80')");
        await ShotAsync(phone, $"storefront-{language}");
        await ShotAsync(console, $"live-console-{language}", fullPage: true);

        // Pay on the provider's page; the signed notification marks the order paid.
        await phone.ClickAsync("[data-testid=pay-link]");
        await phone.WaitForURLAsync(new Regex("/pay/local/"));
        Assert.Contains("59.80", await phone.InnerTextAsync("[data-testid=pay-amount]"), StringComparison.Ordinal);
        await phone.ClickAsync("[data-testid=pay-confirm]");
        await phone.Locator("[data-testid=pay-done]").WaitForAsync();
        await ShotAsync(phone, $"storefront-paid-{language}");
        await phone.Context.CloseAsync();
        await console.Context.CloseAsync();
    }
}
