using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Daihuo.E2E.Live;

/// <summary>
/// Staff plan a session in the console, put products on the shelf, rehearse and go live; a viewer on a
/// phone-sized page buys, and the console's numbers and the viewer's stock move without a reload.
/// </summary>
public abstract class LiveRoomJourneyTests<TFixture>(TFixture browser) : IClassFixture<TFixture>
    where TFixture : BrowserFixture
{
    public static TheoryData<string> Both() => new(["zh-CN", "en"]);

    // The PostgreSQL run saves its own set beside the SQLite one.
    private async Task ShotAsync(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + (browser is PostgresBrowserFixture ? "-pg" : string.Empty) + ".png"),
            FullPage = fullPage,
        });

    private static async Task AddToShelfAsync(IPage console, string code, string units)
    {
        await console.ClickAsync("[data-testid=shelf-product]");
        await console.FillAsync("[data-testid=shelf-product]", code);
        await console.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = code }).First.ClickAsync();
        await console.Locator("[data-testid=shelf-price]").WaitForAsync();
        await console.FillAsync("[data-testid=shelf-allocated]", units);
        var rows = await console.Locator("[data-testid=shelf-row]").CountAsync();
        await console.ClickAsync("[data-testid=shelf-add]");
        await console.WaitForFunctionAsync($"() => document.querySelectorAll('[data-testid=shelf-row]').length === {rows + 1}");
    }

    private static Task WaitForTextAsync(IPage page, string selector, string text) =>
        page.WaitForFunctionAsync("([s, t]) => [...document.querySelectorAll(s)].some(e => e.innerText.includes(t))", new[] { selector, text });

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Plan_rehearse_go_live_and_sell_to_a_phone(string language)
    {
        if (browser.Unavailable is { } reason)
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
        // The console moves to the new session in the page (no load event to wait for): wait for its shelf.
        await console.Locator("[data-testid=add-to-shelf]").WaitForAsync();
        Assert.Matches(new Regex("/live/[0-9a-f-]{36}$"), console.Url);
        await BrowserFixture.WaitForConsoleAsync(console);
        await AddToShelfAsync(console, "DH-F5003", "20");
        await AddToShelfAsync(console, "DH-F5004", "10");

        // Rehearsal: the storefront works end to end, but the order is a test order on test stock.
        await console.ClickAsync("[data-testid=stage-Scheduled]");
        await console.Locator(".dh-stage-Scheduled").First.WaitForAsync();
        await console.ClickAsync("[data-testid=stage-Rehearsal]");
        await console.Locator("[data-testid=rehearsal-banner]").WaitForAsync();
        var room = (await console.GetAttributeAsync("[data-testid=storefront-link]", "href"))!;
        var phone = await browser.PhonePageAsync(language);
        await phone.GotoAsync(room + "?src=wechat");
        await phone.Locator("[data-testid=test-banner]:visible").WaitForAsync();
        await phone.Locator("[data-testid=offer]").Nth(1).WaitForAsync();
        await phone.Locator("[data-testid=offer-buy]").First.ClickAsync();
        await phone.FillAsync("[data-testid=buyer-phone]", chinese ? "13800138000" : "13900139000");
        await phone.FillAsync("[data-testid=buyer-nickname]", chinese ? "小鹿粉丝" : "Fan");
        await phone.FillAsync("[data-testid=ship-address]", chinese ? "上海市浦东新区世纪大道 100 号" : "100 Century Avenue, Pudong, Shanghai");
        await phone.ClickAsync("[data-testid=buy-submit]");
        await phone.Locator(".sheet-message.ok").WaitForAsync();
        Assert.Contains(chinese ? "测试单" : "Test", await phone.InnerTextAsync("[data-testid=buy-message]"), StringComparison.Ordinal);
        await ShotAsync(phone, $"storefront-rehearsal-{language}");
        await phone.ClickAsync("#sheet-cancel");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=n-orders-value]')?.innerText.trim() === '1'");

        // Live: real stock is whole again, the real figures start from zero.
        await console.ClickAsync("[data-testid=stage-Live]");
        await console.Locator(".dh-stage-Live").First.WaitForAsync();
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=room-status]').dataset.status === 'Live'");
        Assert.False(await phone.IsVisibleAsync("[data-testid=test-banner]"));
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=offer-remaining]')?.dataset.remaining === '20'");
        await phone.Locator("[data-testid=offer-buy]").First.ClickAsync();
        await phone.FillAsync("[data-testid=buy-quantity]", "2");
        await phone.ClickAsync("[data-testid=buy-submit]");
        await phone.Locator(".sheet-message.ok").WaitForAsync();
        Assert.Contains(chinese ? "下单成功" : "Order accepted", await phone.InnerTextAsync("[data-testid=buy-message]"), StringComparison.Ordinal);
        await ShotAsync(phone, $"storefront-checkout-{language}");

        // Both pages move without a reload: the viewer's stock through SSE, the console's numbers through its circuit.
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=offer-remaining]')?.dataset.remaining === '18'");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=shelf-sold]')?.innerText.trim() === '2'");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=n-orders-value]')?.innerText.trim() === '1'");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=n-viewers-value]')?.innerText.trim() === '1'");

        // A price change and a pin in the console reach the open phone page without a reload (the sheet stays open on top).
        await console.Locator("[data-testid=change-price]").First.ClickAsync();
        await console.FillAsync("[data-testid=price-input]", "26.8");
        await console.FillAsync("[data-testid=price-reason]", chinese ? "限时福利" : "Flash deal");
        await console.ClickAsync("[data-testid=price-submit]");
        await phone.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=offer-price]')].some(e => e.innerText.includes('26.80'))");
        await console.Locator("[data-testid=pin]").Nth(1).ClickAsync();
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=offer]')?.dataset.pinned === 'true' && document.querySelector('[data-testid=offer] h3')?.innerText.length > 0");
        Assert.Contains(chinese ? "蛋黄酥" : "蛋黄酥", await phone.InnerTextAsync("[data-testid=offer][data-pinned=true] h3"), StringComparison.Ordinal);

        // A flash sale: its countdown runs on the phone and in the console.
        await console.ClickAsync("[data-testid=flash-open]");
        await console.FillAsync("[data-testid=flash-price]", "25.9");
        await console.FillAsync("[data-testid=flash-quantity]", "50");
        await console.ClickAsync("[data-testid=flash-submit]");
        await phone.Locator("[data-testid=countdown]").WaitForAsync();
        var first = await phone.InnerTextAsync("[data-testid=countdown]");
        await phone.WaitForFunctionAsync("t => document.querySelector('[data-testid=countdown]')?.innerText !== t", first);
        Assert.Matches(new Regex(@"\d\d:\d\d"), await phone.InnerTextAsync("[data-testid=countdown]"));
        await console.Locator("[data-testid=console-countdown]").WaitForAsync();
        var consoleFirst = await console.InnerTextAsync("[data-testid=console-countdown]");
        await console.WaitForFunctionAsync("t => document.querySelector('[data-testid=console-countdown]')?.innerText !== t", consoleFirst);

        // The viewer closes the sheet, likes and comments: the console's numbers and comments move.
        await phone.ClickAsync("#sheet-cancel");
        await phone.ClickAsync("[data-testid=like]");
        await phone.ClickAsync("[data-testid=like]");
        await phone.FillAsync("[data-testid=comment-input]", chinese ? "M 码还有吗" : "Any size M left?");
        await phone.ClickAsync("[data-testid=comment-send]");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=n-likes-value]')?.innerText.trim() === '2'");
        await WaitForTextAsync(console, "[data-testid=console-comments]", chinese ? "M 码还有吗" : "Any size M left?");
        await WaitForTextAsync(phone, "[data-testid=comments]", chinese ? "M 码还有吗" : "Any size M left?");
        await ShotAsync(phone, $"storefront-{language}");
        await ShotAsync(console, $"live-console-{language}", fullPage: true);

        // Pay from "my orders" on the provider's page; the signed notification marks the order paid; the viewer sees it.
        await phone.ClickAsync("[data-testid=my-orders]");
        await phone.Locator("[data-testid=my-order][data-test=false][data-status=placed] button.pay").ClickAsync();
        await phone.WaitForURLAsync(new Regex("/pay/local/"));
        Assert.Contains("59.80", await phone.InnerTextAsync("[data-testid=pay-amount]"), StringComparison.Ordinal);
        await phone.ClickAsync("[data-testid=pay-confirm]");
        await phone.Locator("[data-testid=pay-done]").WaitForAsync();
        await ShotAsync(phone, $"storefront-paid-{language}");
        await phone.Locator("a.button").ClickAsync();
        await phone.Locator("[data-testid=offer]").First.WaitForAsync();
        await phone.ClickAsync("[data-testid=my-orders]");
        await phone.Locator("[data-testid=my-order][data-test=false][data-status=paid]").WaitForAsync();
        await ShotAsync(phone, $"storefront-orders-{language}");
        await console.WaitForFunctionAsync("() => document.querySelector('[data-testid=n-gmv-value]')?.innerText.includes('59.80')");

        // Staff find the buyer's orders: the paid one, and the rehearsal's test order only when asked for.
        var sessionUrl = console.Url;
        await console.GotoAsync("/orders?session=" + sessionUrl[(sessionUrl.LastIndexOf('/') + 1)..]);
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.Locator("[data-testid=order-status]").First.WaitForAsync();
        Assert.Equal(1, await console.Locator("[data-testid=order-status]").CountAsync());
        await console.ClickAsync("[data-testid=orders-test]");
        await console.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=order-status]').length === 2");
        await ShotAsync(console, $"orders-{language}");
        await phone.Context.CloseAsync();
        await console.Context.CloseAsync();
    }
}

public sealed class SqliteLiveRoomJourneyTests(BrowserFixture browser) : LiveRoomJourneyTests<BrowserFixture>(browser);

public sealed class PostgresLiveRoomJourneyTests(PostgresBrowserFixture browser) : LiveRoomJourneyTests<PostgresBrowserFixture>(browser);
