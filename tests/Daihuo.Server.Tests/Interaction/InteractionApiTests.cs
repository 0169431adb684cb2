using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Domain.Interaction;
using Daihuo.Server.Tests.Support;
using static Daihuo.Server.Tests.Support.LiveSetup;

namespace Daihuo.Server.Tests.Interaction;

/// <summary>
/// The comment pipeline, moderation, tallies and lotteries over real HTTP: what a viewer posts is
/// scanned before anyone else can see it; the controller's actions are refused with a named field
/// when wrong; a lottery's published seed and list reproduce its winners and only eligible viewers win.
/// </summary>
public abstract class InteractionApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ModerationAsync(HttpClient staff, Guid sessionId) =>
        await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/moderation", Ct);

    private static async Task<string[]> VisibleAsync(HttpClient client, string room) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}", Ct)).GetProperty("comments").EnumerateArray().Select(c => c.GetProperty("text").GetString()!)];

    private static async Task<long> CommentAsync(HttpClient buyer, string room, string text)
    {
        var response = await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/comments", new { text }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("seq").GetInt64();
    }

    [Fact]
    public async Task Disguised_contact_details_never_reach_other_viewers_and_the_controller_moderates_the_rest()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, _) = await app.LiveOfferAsync(units: 10, limit: 0);
        var room = await RoomAsync(staff, sessionId);
        var writer = await app.BuyerAsync("13700137001", nickname: "阿杰");
        var fan = await app.BuyerAsync("13700137002", nickname: "小美");
        var other = app.CreateClient();

        // Every disguise of a phone number or a WeChat id is hidden; a cure claim is held; an ordinary comment is published.
        string[] disguised = ["加我 V❤信 aj888", "一三八 零零一三 八零零零", "１３８-0013-8000 私聊", "加 ｗｅｉｘｉｎ aj888"];
        foreach (var text in disguised)
        {
            await CommentAsync(writer, room, text);
        }

        var held = await CommentAsync(fan, room, "用了一周根治湿疹");
        await CommentAsync(fan, room, "主播今天的口红色号好看");
        Assert.Equal(["主播今天的口红色号好看"], await VisibleAsync(other, room));
        var moderation = await ModerationAsync(staff, sessionId);
        Assert.Equal(held, Assert.Single(moderation.GetProperty("held").EnumerateArray()).GetProperty("seq").GetInt64());
        Assert.Equal(4, moderation.GetProperty("totals").GetProperty("hidden").GetInt64());

        // Release: everyone sees it; a second release of the same comment is a named conflict; a delete of an unknown one too.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/live/sessions/{sessionId}/comments/{held}/release", null, Ct)).StatusCode);
        Assert.Contains("用了一周根治湿疹", await VisibleAsync(other, room));
        await ProblemAssert.NamesFieldAsync(await staff.PostAsync($"/api/live/sessions/{sessionId}/comments/{held}/release", null, Ct), HttpStatusCode.Conflict, "seq");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsync($"/api/live/sessions/{sessionId}/comments/999/delete", null, Ct), HttpStatusCode.Conflict, "seq");

        // Mute for ten minutes: the viewer's comments are hidden from others. Block: refused with a reason.
        var talker = await app.BuyerAsync("13700137003", nickname: "话痨");
        await CommentAsync(talker, room, "来了");
        var talkerId = (await ModerationAsync(staff, sessionId)).GetProperty("latest")[0].GetProperty("viewerId").GetString();
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/bans", new { viewerId = talkerId, kind = "Mute" }, Ct),
            HttpStatusCode.BadRequest, "minutes");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/bans", new { viewerId = talkerId, name = "话痨", kind = "Mute", minutes = 10 }, Ct)).StatusCode);
        await CommentAsync(talker, room, "我又来了");
        Assert.DoesNotContain("我又来了", await VisibleAsync(other, room));
        var ban = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/bans", new { viewerId = talkerId, name = "话痨", kind = "Block" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ban.StatusCode);
        await ProblemAssert.NamesFieldAsync(await talker.PostAsJsonAsync($"/api/storefront/rooms/{room}/comments", new { text = "还能说话吗" }, Ct), HttpStatusCode.Forbidden, "text");

        // Lifting the block lets them speak again (the mute is still on: hidden).
        var banId = (await ban.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/live/sessions/{sessionId}/bans/{banId}", Ct)).StatusCode);
        await CommentAsync(talker, room, "谢谢");
        Assert.DoesNotContain("谢谢", await VisibleAsync(other, room));
        Assert.Equal(["主播今天的口红色号好看", "用了一周根治湿疹", "来了"], await VisibleAsync(other, room));
    }

    [Fact]
    public async Task A_tally_counts_distinct_viewers_per_option_and_its_gate_starts_the_flash_sale_once()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, _) = await app.LiveOfferAsync(units: 10, limit: 0);
        var room = await RoomAsync(staff, sessionId);
        var skuId = await SkuAsync(staff, "DH-F5004");
        await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId, livePrice = 1990, allocated = 5 }, Ct);

        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/tallies", new { prefix = "尺码", options = "M m" }, Ct),
            HttpStatusCode.BadRequest, "options");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/tallies",
            new { prefix = "尺码", options = "S M L", gate = new { skuId, quantity = 3, price = 1800, minutes = 5 } }, Ct), HttpStatusCode.BadRequest, "goal");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/tallies",
            new { prefix = "尺码", options = "S M L", goal = 3, gate = new { skuId, quantity = 3, price = 100, minutes = 5 } }, Ct), HttpStatusCode.BadRequest, "price");
        var started = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/tallies",
            new { prefix = "尺码", options = "S M L", goal = 3, gate = new { skuId, quantity = 3, price = 1800, minutes = 5 } }, Ct);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var a = await app.BuyerAsync("13700137011", nickname: "A");
        var b = await app.BuyerAsync("13700137012", nickname: "B");
        var c = await app.BuyerAsync("13700137013", nickname: "C");
        await CommentAsync(a, room, "M");
        await CommentAsync(a, room, "尺码 M");        // the same viewer twice: counted once
        await CommentAsync(b, room, "m码");
        await CommentAsync(b, room, "有优惠吗");      // not an answer
        var tally = (await ModerationAsync(staff, sessionId)).GetProperty("tally");
        Assert.Equal([0, 2, 0], tally.GetProperty("viewers").EnumerateArray().Select(v => v.GetInt32()));
        Assert.False(tally.GetProperty("gateFired").GetBoolean());

        await CommentAsync(c, room, "L");
        tally = (await ModerationAsync(staff, sessionId)).GetProperty("tally");
        Assert.Equal(3, tally.GetProperty("total").GetInt32());
        Assert.True(tally.GetProperty("gateFired").GetBoolean());

        // The gated flash sale started exactly once, as the staff member who set the gate.
        JsonElement session = default;
        for (var i = 0; i < 50; i++)
        {
            session = await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}", Ct);
            if (session.GetProperty("offers").EnumerateArray().Any(o => o.GetProperty("flashStartsAt").ValueKind != JsonValueKind.Null))
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        var flash = Assert.Single(session.GetProperty("offers").EnumerateArray(), o => o.GetProperty("flashStartsAt").ValueKind != JsonValueKind.Null);
        Assert.Equal(1800, flash.GetProperty("price").GetProperty("fen").GetInt64());
        var d = await app.BuyerAsync("13700137014", nickname: "D");
        await CommentAsync(d, room, "S");
        await Task.Delay(300, Ct);
        Assert.Single((await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}", Ct)).GetProperty("offers").EnumerateArray(),
            o => o.GetProperty("flashStartsAt").ValueKind != JsonValueKind.Null);

        var stopped = await (await staff.PostAsync($"/api/live/sessions/{sessionId}/tallies/stop", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([1, 2, 1], stopped.GetProperty("viewers").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public async Task A_lottery_draws_only_eligible_viewers_once_each_and_its_published_seed_and_list_reproduce_the_winners()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 10, limit: 0);
        var room = await RoomAsync(staff, sessionId);
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var coupon = await owner.PostAsJsonAsync("/api/promotions",
            new { kind = "coupon", name = "抽奖 20 元券", sessionId, amountOff = 2000, minSpend = 0, totalQuantity = 10, perPerson = 1, scope = "room", endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct);
        var couponId = (await coupon.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        // Refusals name their field: a prize worth more than the law allows, no coupon for a coupon prize.
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/lotteries",
            new { prize = "汽车", kind = "Goods", prizeValue = 5_000_001, quantity = 1, drawInMinutes = 5 }, Ct), HttpStatusCode.BadRequest, "prizeValue");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/lotteries",
            new { prize = "券", kind = "Coupon", prizeValue = 2000, quantity = 1, drawInMinutes = 5 }, Ct), HttpStatusCode.BadRequest, "couponId");

        var opened = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/lotteries",
            new { prize = "20 元券", kind = "Coupon", couponId, prizeValue = 2000, quantity = 3, keyword = "抽奖", drawInMinutes = 10 }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var lottery = await opened.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var lotteryId = lottery.GetProperty("id").GetGuid();
        var commitment = lottery.GetProperty("commitment").GetString()!;

        // Before the draw the public sees the commitment and never the seed.
        var before = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/storefront/lotteries/{lotteryId}", Ct);
        Assert.Equal(commitment, before.GetProperty("commitment").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("seed").ValueKind);

        // Five viewers say the keyword (one in traditional characters), one says something else, one is muted: five are eligible.
        var entrants = new List<HttpClient>();
        for (var i = 0; i < 5; i++)
        {
            var buyer = await app.BuyerAsync("1370013710" + i, nickname: "抽奖人" + i);
            await CommentAsync(buyer, room, i == 4 ? "我要抽獎" : "抽奖抽奖");
            entrants.Add(buyer);
        }

        var bystander = await app.BuyerAsync("13700137199", nickname: "路人");
        await CommentAsync(bystander, room, "主播好");
        var muted = await app.BuyerAsync("13700137198", nickname: "被禁言");
        await CommentAsync(muted, room, "hi");
        var mutedId = (await ModerationAsync(staff, sessionId)).GetProperty("latest")[0].GetProperty("viewerId").GetString();
        await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/bans", new { viewerId = mutedId, kind = "Mute", minutes = 10 }, Ct);
        await CommentAsync(muted, room, "抽奖");

        var drawn = await staff.PostAsync($"/api/live/lotteries/{lotteryId}/draw", null, Ct);
        Assert.Equal(HttpStatusCode.OK, drawn.StatusCode);
        await ProblemAssert.NamesFieldAsync(await staff.PostAsync($"/api/live/lotteries/{lotteryId}/draw", null, Ct), HttpStatusCode.Conflict, "id");

        var published = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/storefront/lotteries/{lotteryId}", Ct);
        var seed = published.GetProperty("seed").GetString()!;
        var entries = published.GetProperty("entries").EnumerateArray().Select(e => e.GetString()!).ToList();
        var winners = published.GetProperty("winners").EnumerateArray().Select(w => w.GetProperty("code").GetString()!).ToList();
        Assert.Equal(5, entries.Count);
        Assert.Equal(3, winners.Count);
        Assert.Equal(3, winners.Distinct().Count());
        var check = LotteryDraw.Verify(commitment, seed, entries, 3, winners);
        Assert.True(check.SeedMatchesCommitment && check.WinnersMatch);

        // Each entrant finds their own code in the list; the bystander and the muted viewer are not in it; winners hold the coupon.
        foreach (var buyer in entrants)
        {
            var me = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/lotteries/{lotteryId}/me", Ct);
            Assert.Contains(me.GetProperty("code").GetString(), entries);
            var coupons = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}/coupons", Ct);
            var holds = coupons.EnumerateArray().Any(x => x.GetProperty("couponId").GetGuid() == couponId && x.GetProperty("held").GetBoolean());
            Assert.Equal(me.GetProperty("won").GetBoolean(), holds);
        }

        foreach (var outsider in new[] { bystander, muted })
        {
            Assert.DoesNotContain((await outsider.GetFromJsonAsync<JsonElement>($"/api/storefront/lotteries/{lotteryId}/me", Ct)).GetProperty("code").GetString(), entries);
        }

        // A second lottery in the same session: the first one's winners cannot win again.
        var second = await (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/lotteries",
            new { prize = "芒果干", kind = "Goods", prizeOfferId = offerId, prizeValue = 2990, quantity = 5, keyword = "抽奖", drawInMinutes = 10 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        foreach (var buyer in entrants)
        {
            await Task.Delay(2100, Ct);   // the comment rate limit is per viewer; these are new comments after the second lottery opened
            await CommentAsync(buyer, room, "抽奖");
        }

        var again = await (await staff.PostAsync($"/api/live/lotteries/{second.GetProperty("id").GetGuid()}/draw", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, again.GetProperty("winners").GetArrayLength());
        Assert.Empty(again.GetProperty("winners").EnumerateArray().Select(w => w.GetProperty("code").GetString()).Intersect(winners));

        // Goods prizes are orders of the shelf offer at no charge, paid, taken from its stock: 10 units, 2 won.
        Assert.All(again.GetProperty("winners").EnumerateArray(), w => Assert.NotEqual(JsonValueKind.Null, w.GetProperty("orderId").ValueKind));
        var room2 = await staff.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}", Ct);
        Assert.Equal(8, room2.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("offerId").GetGuid() == offerId).GetProperty("remaining").GetInt32());
        var prizeOrders = 0;
        foreach (var buyer in entrants)
        {
            var mine = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}/orders", Ct);
            foreach (var o in mine.EnumerateArray())
            {
                Assert.Equal(("paid", 0L), (o.GetProperty("status").GetString(), o.GetProperty("total").GetInt64()));
                prizeOrders++;
            }
        }

        Assert.Equal(2, prizeOrders);
    }

    [Fact]
    public async Task Like_milestones_issue_a_coupon_and_open_a_lottery_once_per_multiple_and_negative_comments_raise_the_surge_alert()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, _) = await app.LiveOfferAsync(units: 10, limit: 0);
        var room = await RoomAsync(staff, sessionId);
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/milestones",
            new { everyLikes = 5, coupon = new { name = "点赞券", amountOff = 300, minSpend = 2000, quantity = 50 } }, Ct), HttpStatusCode.BadRequest, "everyLikes");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/milestones",
            new { everyLikes = 100, coupon = new { name = "点赞券", amountOff = 3000, minSpend = 2000, quantity = 50 } }, Ct), HttpStatusCode.BadRequest, "coupon.amountOff");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/milestones",
            new { everyLikes = 100, coupon = new { name = "点赞券", amountOff = 300, minSpend = 2000, quantity = 50, minutes = 10 } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/milestones",
            new { everyLikes = 200, lottery = new { prize = "点赞福袋", kind = "Goods", prizeValue = 9900, quantity = 2, drawInMinutes = 5 } }, Ct)).StatusCode);

        var fans = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        async Task LikeAsync(int count) =>
            Assert.Equal(HttpStatusCode.NoContent, (await fans.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "like", count }, Ct)).StatusCode);
        async Task<int> CouponsAsync() => (await fans.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}", Ct)).GetProperty("coupons").GetArrayLength();
        async Task<int> LotteriesAsync() => (await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/lotteries", Ct)).GetArrayLength();
        async Task WaitAsync(Func<Task<int>> count, int expected)
        {
            for (var i = 0; i < 50 && await count() != expected; i++)
            {
                await Task.Delay(100, Ct);
            }

            Assert.Equal(expected, await count());
        }

        await LikeAsync(60);
        await Task.Delay(300, Ct);
        Assert.Equal(0, await CouponsAsync());
        await LikeAsync(50);          // 110: the first hundred
        await WaitAsync(CouponsAsync, 1);
        await LikeAsync(80);          // 190: nothing new
        await Task.Delay(300, Ct);
        Assert.Equal(1, await CouponsAsync());
        await LikeAsync(20);          // 210: the second hundred and the first two hundred
        await WaitAsync(CouponsAsync, 2);
        await WaitAsync(LotteriesAsync, 1);
        var milestones = await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/milestones", Ct);
        Assert.Equal([2L, 1L], milestones.EnumerateArray().Select(m => m.GetProperty("fired").GetInt64()));

        // Ten complaints from three viewers within a minute, a majority of the room's comments: the alert is raised.
        Assert.Equal(JsonValueKind.Null, (await ModerationAsync(staff, sessionId)).GetProperty("surge").ValueKind);
        for (var v = 0; v < 3; v++)
        {
            var angry = await app.BuyerAsync("1370013730" + v, nickname: "不满" + v);
            for (var i = 0; i < (v == 2 ? 2 : 4); i++)
            {
                await CommentAsync(angry, room, i % 2 == 0 ? "骗子，退款！" : "假货吧这是");
            }
        }

        var surge = (await ModerationAsync(staff, sessionId)).GetProperty("surge");
        Assert.Equal(10, surge.GetProperty("negative").GetInt32());
    }
}

public sealed class SqliteInteractionApiTests(DaihuoApp app) : InteractionApiTests<DaihuoApp>(app);

public sealed class PostgresInteractionApiTests(PostgresDaihuoApp app) : InteractionApiTests<PostgresDaihuoApp>(app);
