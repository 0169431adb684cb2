using System.Text.RegularExpressions;
using Daihuo.Data;
using Daihuo.Data.Audit;
using Daihuo.Data.Live;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Promotions;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Daihuo.E2E.Promotions;

/// <summary>
/// Staff set up a threshold discount on the promotions page and issue a room coupon from the live
/// page; a viewer on a phone claims the coupon, sees the breakdown at checkout and pays the priced total.
/// A bag of two products is priced as one cart, and staff refund one line: the amount is its apportioned share.
/// </summary>
public sealed class PromotionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Both() => new(["zh-CN", "en"]);

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });

    /// <summary>The viewer taps "claim", identifies in the sheet that opens, and claims the room's coupon.</summary>
    private static async Task ClaimAsync(IPage phone, string number, string nickname)
    {
        await phone.ClickAsync("[data-testid=coupon-claim]");
        await phone.FillAsync("[data-testid=buyer-phone]", number);
        await phone.FillAsync("[data-testid=buyer-nickname]", nickname);
        await phone.ClickAsync("[data-testid=buy-submit]");
        await phone.WaitForFunctionAsync("() => document.getElementById('sheet').hidden");
        await phone.ClickAsync("[data-testid=coupon-claim]");
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=coupon-claim]')?.disabled");
    }

    /// <summary>Submits the sheet and pays on the provider's page, which must ask for <paramref name="amount"/>.</summary>
    private static async Task SubmitAndPayAsync(IPage phone, string amount)
    {
        await phone.ClickAsync("[data-testid=buy-submit]");
        await phone.Locator(".sheet-message.ok").WaitForAsync();
        await phone.ClickAsync("[data-testid=pay-link]");
        await phone.WaitForURLAsync(new Regex("/pay/local/"));
        Assert.Contains(amount, await phone.InnerTextAsync("[data-testid=pay-amount]"), StringComparison.Ordinal);
        await phone.ClickAsync("[data-testid=pay-confirm]");
        await phone.Locator("[data-testid=pay-done]").WaitForAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_threshold_and_a_room_coupon_price_the_phone_checkout(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var (sessionId, room) = await browser.LiveSessionAsync(chinese ? "满减专场" : "Deals night");
        var console = await browser.SignedInPageAsync(language, "controller@daihuo.local");

        // A threshold for the whole shop on the promotions page: 满 50 减 5.
        await NewThresholdAsync(console, chinese ? "满 50 减 5" : "5 off 50", session: null);

        // 5 off 50 is 10 %: the planning advice warns, and the planner may still save.
        Assert.Contains(chinese ? "低于建议的 30%" : "below the advised 30%", await console.InnerTextAsync("[data-testid=advice]"), StringComparison.Ordinal);
        await ShotAsync(console, $"promotion-advice-{language}");
        await console.ClickAsync("[data-testid=promo-submit]");
        await console.Locator("[data-testid=promotion-terms]", new() { HasTextString = "50.00" }).First.WaitForAsync();
        await ShotAsync(console, $"promotions-{language}");

        // A room coupon issued from the live page appears on the phone without a reload.
        var phone = await browser.PhonePageAsync(language);
        await phone.GotoAsync("/live/" + room);
        await phone.Locator("[data-testid=offer]").First.WaitForAsync();
        await IssueRoomCouponAsync(console, sessionId, chinese ? "直播间 3 元券" : "Room coupon 3");
        await phone.Locator("[data-testid=coupon]").WaitForAsync();

        // The viewer identifies, claims the coupon and checks out two bags: 59.80 − 5 − 3 = 51.80.
        await ClaimAsync(phone, chinese ? "13800138011" : "13900139011", chinese ? "小鹿粉丝" : "Fan");
        await phone.Locator("[data-testid=offer-buy]").First.ClickAsync();
        await phone.FillAsync("[data-testid=buy-quantity]", "2");
        await phone.FillAsync("[data-testid=ship-name]", chinese ? "王小明" : "Ming Wang");
        await phone.FillAsync("[data-testid=ship-phone]", "13800138011");
        await phone.FillAsync("[data-testid=ship-address]", chinese ? "上海市浦东新区世纪大道 100 号" : "100 Century Avenue, Shanghai");
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=quote-total]')?.innerText.includes('51.80')");
        var lines = string.Join("\n", await phone.Locator("[data-testid=quote-line]").AllInnerTextsAsync());
        Assert.Contains(chinese ? "满 ¥50.00 减 ¥5.00" : "¥50.00 minus ¥5.00", lines, StringComparison.Ordinal);
        Assert.Contains(chinese ? "优惠券减 ¥3.00" : "Coupon: ¥3.00 off", lines, StringComparison.Ordinal);
        await ShotAsync(phone, $"storefront-promotions-{language}");
        await SubmitAndPayAsync(phone, "51.80");

        // The promotions page counts the paid order: the coupon's cost and the order's GMV.
        await console.GotoAsync("/promotions");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.Locator("[data-testid=promotion-stats]", new() { HasTextString = "51.80" }).First.WaitForAsync();
        await ShotAsync(console, $"promotions-stats-{language}");
        await phone.Context.CloseAsync();
        await console.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_bag_is_priced_as_one_cart_and_staff_refund_one_line_its_apportioned_share(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var title = chinese ? "凑单专场" : "Bundle night";
        var (sessionId, room) = await browser.LiveSessionAsync(title);
        var services = browser.App.Services;
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await services.GetRequiredService<IDbContextFactory<DaihuoDbContext>>().CreateDbContextAsync(ct))
        {
            var pastry = await db.Skus.Where(k => k.Code == "DH-F5004").Select(k => k.Id).SingleAsync(ct);
            await services.GetRequiredService<LiveStore>().AddOfferAsync(sessionId, new OfferDraft(pastry, Money.FromFen(1990), 30, 5), Actor.System, ct);
        }

        // Staff set up 满 50 减 5 for this session on the promotions page and issue a 3-yuan room coupon from the live page.
        var console = await browser.SignedInPageAsync(language, "controller@daihuo.local");
        await NewThresholdAsync(console, chinese ? "凑单满 50 减 5" : "Bag: 5 off 50", title);
        await console.ClickAsync("[data-testid=promo-submit]");
        await console.Locator("tr", new() { HasTextString = title }).First.WaitForAsync();
        await IssueRoomCouponAsync(console, sessionId, chinese ? "直播间 3 元券" : "Room coupon 3");
        await console.Locator(".mud-snackbar").First.WaitForAsync();

        // The viewer claims the coupon (identifying first), then puts one bag of mango slices and two boxes of pastries in the bag.
        var phone = await browser.PhonePageAsync(language);
        await phone.GotoAsync("/live/" + room);
        await phone.Locator("[data-testid=coupon]").WaitForAsync();
        await ClaimAsync(phone, chinese ? "13800138021" : "13900139021", chinese ? "凑单达人" : "Bargain fan");
        await phone.Locator("[data-testid=offer-buy]").Nth(0).ClickAsync();
        await phone.ClickAsync("[data-testid=bag-add]");
        await phone.Locator("[data-testid=offer-buy]").Nth(1).ClickAsync();
        await phone.FillAsync("[data-testid=buy-quantity]", "2");
        await phone.ClickAsync("[data-testid=bag-add]");
        await phone.Locator("[data-testid=bag-count]", new() { HasTextString = "3" }).WaitForAsync();

        // 29.90 + 39.80 = 69.70 − 5 − 3 = 61.70, spread over the lines: 26.47 and 35.23.
        await phone.ClickAsync("[data-testid=bag-open]");
        await phone.FillAsync("[data-testid=ship-name]", chinese ? "李小红" : "Hong Li");
        await phone.FillAsync("[data-testid=ship-phone]", "13800138021");
        await phone.FillAsync("[data-testid=ship-address]", chinese ? "杭州市西湖区文三路 90 号" : "90 Wensan Road, Hangzhou");
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=quote-total]')?.innerText.includes('61.70')");
        Assert.Equal(["¥26.47", "¥35.23"], await phone.Locator("[data-testid=bag-line-amount]").AllInnerTextsAsync());
        var lines = string.Join("\n", await phone.Locator("[data-testid=quote-line]").AllInnerTextsAsync());
        Assert.Contains(chinese ? "满 ¥50.00 减 ¥5.00" : "¥50.00 minus ¥5.00", lines, StringComparison.Ordinal);
        Assert.Contains(chinese ? "优惠券减 ¥3.00" : "Coupon: ¥3.00 off", lines, StringComparison.Ordinal);
        await ShotAsync(phone, $"storefront-bag-{language}");
        await SubmitAndPayAsync(phone, "61.70");

        // Staff refund the pastries on the orders page: the dialog offers exactly their share, and the row shows it refunded.
        await console.GotoAsync($"/orders?session={sessionId}");
        await BrowserFixture.WaitForConsoleAsync(console);
        var row = console.Locator("tr", new() { HasTextString = "DH-F5004" });
        await row.Locator("[data-testid=order-refund]").ClickAsync();
        await console.Locator("[data-testid=refund-amount]", new() { HasTextString = "35.23" }).WaitForAsync();
        await console.FillAsync("[data-testid=refund-reason]", chinese ? "七天无理由退货" : "Returned within 7 days");
        await ShotAsync(console, $"orders-refund-{language}");
        await console.ClickAsync("[data-testid=refund-submit]");
        await row.Locator("[data-testid=order-refunded]", new() { HasTextString = "35.23" }).WaitForAsync();
        Assert.Equal(0, await row.Locator("[data-testid=order-refund]").CountAsync());
        await ShotAsync(console, $"orders-refunded-{language}");
        await phone.Context.CloseAsync();
        await console.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task Planners_create_rank_tiers_and_gifts_and_change_the_stacking_rules(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var session = chinese ? "阶梯价专场" : "Tiers night";
        await browser.LiveSessionAsync(session);
        var console = await browser.SignedInPageAsync(language, "planner@daihuo.local");
        await console.GotoAsync("/promotions");
        await BrowserFixture.WaitForConsoleAsync(console);

        // Rank tiers on the mango slices: ¥5 off the first 100 orders, ¥2 off up to the 300th.
        await console.ClickAsync("[data-testid=new-promotion]");
        await console.ClickAsync("[data-testid=promo-kind]");
        await console.Locator(".mud-popover-open .mud-list-item").GetByText(chinese ? "阶梯价" : "Rank tiers", new() { Exact = true }).ClickAsync();
        await console.FillAsync("[data-testid=promo-name]", chinese ? "前 100 单立减 5 元" : "First 100 orders ¥5 off");
        await PickSessionAsync(console, session);
        await PickSkuAsync(console, "promo-sku", "DH-F5003");
        await console.FillAsync("[data-testid=promo-tier-rank-0]", "100");
        await console.FillAsync("[data-testid=promo-tier-off-0]", "5");
        await console.ClickAsync("[data-testid=promo-tier-add]");
        await console.FillAsync("[data-testid=promo-tier-rank-1]", "300");
        await console.FillAsync("[data-testid=promo-tier-off-1]", "2");
        await ShotAsync(console, $"promotion-rank-{language}");
        await console.ClickAsync("[data-testid=promo-submit]");
        var rankName = chinese ? "前 100 单立减 5 元" : "First 100 orders ¥5 off";
        await console.Locator("tr", new() { HasTextString = rankName }).Locator("[data-testid=promotion-terms]", new() { HasTextString = chinese ? "前 100 单减 ¥5.00" : "first 100: ¥5.00 off" })
            .WaitForAsync();

        // A gift above a spend, with its own stock: the planner sees it in the list with what is given so far.
        await console.ClickAsync("[data-testid=new-promotion]");
        await console.ClickAsync("[data-testid=promo-kind]");
        await console.Locator(".mud-popover-open .mud-list-item").GetByText(chinese ? "赠品" : "Gift", new() { Exact = true }).ClickAsync();
        await console.FillAsync("[data-testid=promo-name]", chinese ? "满 99 送蛋黄酥" : "Pastry above ¥99");
        await PickSessionAsync(console, session);
        await PickSkuAsync(console, "promo-gift", "DH-F5004");
        await console.FillAsync("[data-testid=promo-gift-stock]", "200");
        await console.ClickAsync("[data-testid=promo-trigger]");
        await console.Locator(".mud-popover-open .mud-list-item").GetByText(chinese ? "满额赠" : "Above a spend", new() { Exact = true }).ClickAsync();
        await console.FillAsync("[data-testid=promo-minspend]", "99");
        await console.ClickAsync("[data-testid=promo-submit]");
        await console.Locator("tr", new() { HasTextString = chinese ? "满 99 送蛋黄酥" : "Pastry above ¥99" })
            .Locator("[data-testid=promotion-uses]", new() { HasTextString = chinese ? "已送 0 / 200" : "0 of 200 given" }).WaitForAsync();
        await ShotAsync(console, $"promotions-kinds-{language}");

        // The stacking rules: gifts switched off; the order shown follows, and the saved policy no longer has them.
        await console.ClickAsync("[data-testid=promotion-settings]");
        var gifts = console.Locator("[data-testid=stacking-row][data-kind=Gift]");
        await gifts.WaitForAsync();
        await ShotAsync(console, $"promotion-stacking-{language}");
        await gifts.Locator(".mud-switch").ClickAsync();
        await console.WaitForFunctionAsync($"() => !document.querySelector('[data-testid=stacking-order]').innerText.includes('{(chinese ? "赠品" : "Gift")}')");
        await console.ClickAsync("[data-testid=settings-save]");
        await console.Locator(".mud-snackbar").WaitForAsync();
        var policy = await browser.App.Services.GetRequiredService<PromotionStore>().PolicyAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(policy.Steps, s => s.Kind == PromotionKind.Gift);
        await browser.App.Services.GetRequiredService<PromotionStore>().SetPolicyAsync(StackingPolicy.Default, Actor.System, TestContext.Current.CancellationToken);
        await console.Context.CloseAsync();
    }

    /// <summary>Opens the new-promotion dialog and types 满 50 减 5 (the default kind), for the shop or one session; the advice shows.</summary>
    private static async Task NewThresholdAsync(IPage console, string name, string? session)
    {
        await console.GotoAsync("/promotions");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.ClickAsync("[data-testid=new-promotion]");
        await console.FillAsync("[data-testid=promo-name]", name);
        if (session is not null)
        {
            await PickSessionAsync(console, session);
        }

        await console.FillAsync("[data-testid=promo-threshold]", "50");
        await console.FillAsync("[data-testid=promo-off]", "5");
        await console.Locator("[data-testid=advice]").WaitForAsync();
    }

    /// <summary>Issues a 3-yuan room coupon (minimum spend 20) from the session's live page.</summary>
    private static async Task IssueRoomCouponAsync(IPage console, Guid sessionId, string name)
    {
        await console.GotoAsync($"/live/{sessionId}");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.ClickAsync("[data-testid=coupon-open]");
        await console.FillAsync("[data-testid=promo-name]", name);
        await console.FillAsync("[data-testid=promo-amount]", "3");
        await console.FillAsync("[data-testid=promo-minspend]", "20");
        await console.ClickAsync("[data-testid=promo-submit]");
    }

    /// <summary>Scopes the promotion being created to one session (the others in this class price their own rooms).</summary>
    private static async Task PickSessionAsync(IPage console, string title)
    {
        await console.ClickAsync("[data-testid=promo-session]");
        await console.Locator(".mud-popover-open .mud-list-item").GetByText(title, new() { Exact = true }).ClickAsync();
    }

    private static async Task PickSkuAsync(IPage console, string picker, string code)
    {
        await console.ClickAsync($"[data-testid={picker}-product]");
        await console.FillAsync($"[data-testid={picker}-product]", code);
        await console.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = code }).First.ClickAsync();
        await console.Locator($"[data-testid={picker}-sku]").WaitForAsync();
    }
}

