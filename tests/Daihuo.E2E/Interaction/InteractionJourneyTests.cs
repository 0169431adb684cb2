using Daihuo.Data;
using Daihuo.Data.Audit;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Daihuo.E2E.Interaction;

/// <summary>
/// Two phones in one room and the room controller's console: a comment with disguised contact
/// details is never shown on the other phone, a held comment appears there only once the controller
/// releases it, and a lottery is committed, drawn and verified on its public page.
/// </summary>
public sealed class InteractionJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> Both() => new(["zh-CN", "en"]);

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });

    /// <summary>A phone in the room, identified (the comment box asks once), ready to comment.</summary>
    private async Task<IPage> ViewerAsync(string language, string room, string phoneNumber, string nickname)
    {
        var phone = await browser.PhonePageAsync(language);
        await phone.GotoAsync("/live/" + room);
        await phone.Locator("[data-testid=offer]").First.WaitForAsync();
        await phone.FillAsync("[data-testid=comment-input]", "hi");
        await phone.ClickAsync("[data-testid=comment-send]");
        await phone.FillAsync("[data-testid=buyer-phone]", phoneNumber);
        await phone.FillAsync("[data-testid=buyer-nickname]", nickname);
        await phone.ClickAsync("[data-testid=buy-submit]");
        await phone.WaitForFunctionAsync("() => document.getElementById('sheet').hidden");
        await phone.FillAsync("[data-testid=comment-input]", "");
        return phone;
    }

    private static async Task SayAsync(IPage phone, string text)
    {
        await phone.FillAsync("[data-testid=comment-input]", text);
        await phone.ClickAsync("[data-testid=comment-send]");
        await phone.Locator("[data-testid=comment]", new() { HasTextString = text }).WaitForAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_disguised_contact_never_reaches_another_viewer_and_the_controller_releases_a_held_comment(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var (sessionId, room) = await browser.LiveSessionAsync(chinese ? "互动专场" : "Chat night");
        var writer = await ViewerAsync(language, room, chinese ? "13800138021" : "13900139021", chinese ? "阿杰" : "Jay");
        var other = await ViewerAsync(language, room, chinese ? "13800138022" : "13900139022", chinese ? "小美" : "May");

        // The writer sees their own comments at once, including the disguised WeChat id and the cure claim.
        var disguised = chinese ? "加我 V❤信 aj888 便宜" : "add my ｗｅｉｘｉｎ aj888";
        var claim = chinese ? "用了一周根治湿疹" : "用了一周根治湿疹 really";
        var ordinary = chinese ? "主播今天好美" : "love this colour";
        await SayAsync(writer, disguised);
        await SayAsync(writer, claim);
        await SayAsync(writer, ordinary);
        await ShotAsync(writer, $"comments-writer-{language}");

        // The other phone gets the ordinary comment, posted last, and never the two before it.
        await other.Locator("[data-testid=comment]", new() { HasTextString = ordinary }).WaitForAsync();
        var seen = string.Join("\n", await other.Locator("[data-testid=comment]").AllInnerTextsAsync());
        Assert.DoesNotContain("aj888", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("湿疹", seen, StringComparison.Ordinal);

        // The controller sees the held comment with its reason and releases it; now the other phone shows it.
        var console = await browser.SignedInPageAsync(language, "controller@daihuo.local");
        await console.GotoAsync($"/live/{sessionId}");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.Locator(".mud-tab", new() { HasTextString = chinese ? "待审" : "Held" }).ClickAsync();
        var held = console.Locator("[data-testid=held-comment]", new() { HasTextString = "湿疹" });
        await held.WaitForAsync();
        Assert.Contains(chinese ? "医疗" : "edical", await held.InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(console, $"moderation-held-{language}");
        await held.Locator("[data-testid=release]").ClickAsync();
        await other.Locator("[data-testid=comment]", new() { HasTextString = "湿疹" }).WaitForAsync();
        seen = string.Join("\n", await other.Locator("[data-testid=comment]").AllInnerTextsAsync());
        Assert.DoesNotContain("aj888", seen, StringComparison.Ordinal);

        // The stream tab shows every verdict, the hidden one with its reason.
        await console.Locator(".mud-tab", new() { HasTextString = chinese ? "评论流" : "Stream" }).ClickAsync();
        await console.Locator("[data-testid=console-comment][data-verdict=Hidden]", new() { HasTextString = "aj888" }).WaitForAsync();
        await ShotAsync(console, $"moderation-stream-{language}");

        // A price question: the questions tab counts it and suggests the prepared answer; sent, every phone shows the shop's reply.
        await SayAsync(other, chinese ? "这个多少钱呀" : "how much is it, 多少钱");
        await console.Locator(".mud-tab", new() { HasTextString = chinese ? "问答" : "Questions" }).ClickAsync();
        await console.Locator("[data-testid=asked-topic]").First.WaitForAsync();
        await ShotAsync(console, $"moderation-questions-{language}");
        await console.Locator("[data-testid=send-answer]").First.ClickAsync();
        await writer.Locator("[data-testid=comment].staff").WaitForAsync();
        await ShotAsync(other, $"comments-other-{language}");

        // The answers page lists the shop's prepared answers.
        await console.GotoAsync("/answers");
        await BrowserFixture.WaitForConsoleAsync(console);
        await console.Locator("[data-testid=answer-row]").First.WaitForAsync();
        await ShotAsync(console, $"answers-{language}");
        await writer.Context.CloseAsync();
        await other.Context.CloseAsync();
        await console.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_lottery_is_committed_drawn_and_verified_on_its_public_page(string language)
    {
        if (browser.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var chinese = language == "zh-CN";
        var (sessionId, room) = await browser.LiveSessionAsync(chinese ? "抽奖专场" : "Lucky draw night");
        var keyword = chinese ? "抽奖" : "lucky";
        var console = await browser.SignedInPageAsync(language, "host@daihuo.local");
        await console.GotoAsync($"/live/{sessionId}");
        await BrowserFixture.WaitForConsoleAsync(console);

        // The host publishes the rules: one lipstick, comment the keyword, draw in five minutes.
        await console.Locator(".mud-tab", new() { HasTextString = chinese ? "抽奖" : "Lottery" }).ClickAsync();
        await console.ClickAsync("[data-testid=lottery-new]");
        await console.FillAsync("[data-testid=lottery-prize]", chinese ? "正装口红" : "Full-size lipstick");
        await console.FillAsync("[data-testid=lottery-value]", "199");
        await console.FillAsync("[data-testid=lottery-keyword]", keyword);
        await console.ClickAsync("[data-testid=lottery-open]");
        var card = console.Locator("[data-testid=console-lottery]").First;
        await card.WaitForAsync();
        await ShotAsync(console, $"lottery-open-{language}");

        // Two phones see the commitment at once and enter by commenting the keyword.
        var first = await ViewerAsync(language, room, chinese ? "13800138031" : "13900139031", chinese ? "幸运星" : "Lucky");
        var second = await ViewerAsync(language, room, chinese ? "13800138032" : "13900139032", chinese ? "路过" : "Passer");
        var commitment = System.Text.RegularExpressions.Regex.Match(await first.Locator("[data-testid=lottery-commitment]").InnerTextAsync(), "[0-9a-f]{16}").Value;
        Assert.Equal(16, commitment.Length);
        await SayAsync(first, (chinese ? "我要" : "I feel ") + keyword);
        await SayAsync(second, keyword + "!");
        await ShotAsync(first, $"lottery-phone-open-{language}");

        // Drawn now: the console lists the winner, the phones announce it.
        await card.Locator("[data-testid=lottery-draw]").ClickAsync();
        await console.Locator("[data-testid=console-lottery][data-status=Drawn]").WaitForAsync();
        await console.Locator("[data-testid=console-winners] li").First.WaitForAsync();
        await console.Locator("[data-testid=prize-order]").WaitForAsync();   // the prize is an order of the shelf's mango slices, at no charge
        await ShotAsync(console, $"lottery-drawn-{language}");
        await first.Locator("[data-testid=lottery][data-status=drawn]").WaitForAsync();
        await ShotAsync(first, $"lottery-phone-drawn-{language}");

        // The public page recomputes the draw in the browser: the seed matches the commitment and gives the same winner.
        var verify = await browser.PhonePageAsync(language);
        await verify.GotoAsync(await first.Locator("[data-testid=lottery-verify]").GetAttributeAsync("href") ?? "/");
        await verify.Locator("[data-testid=lottery-check][data-state=verified]").WaitForAsync();
        Assert.Equal(2, await verify.Locator("[data-testid=lottery-entries] li").CountAsync());
        Assert.Equal(1, await verify.Locator("[data-testid=lottery-winner]").CountAsync());
        Assert.StartsWith(commitment, await verify.InnerTextAsync("[data-testid=lottery-commitment]"), StringComparison.Ordinal);
        await ShotAsync(verify, $"lottery-verified-{language}");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
        await verify.Context.CloseAsync();
        await console.Context.CloseAsync();
    }
}
