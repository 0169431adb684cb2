using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;
using static Daihuo.Server.Tests.Support.LiveSetup;

namespace Daihuo.Server.Tests.Live;

/// <summary>
/// The console's controls over HTTP (list, pin, reorder, top up, flash sale, backup line), the
/// rehearsal's test orders, the viewers' interactions and the live numbers, and staff's orders.
/// </summary>
public abstract class LiveControlApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> ViewAsync(HttpClient client, string room) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}", Ct);

    private static JsonElement? Offer(JsonElement view, Guid offerId) =>
        view.GetProperty("offers").EnumerateArray().Where(o => o.GetProperty("offerId").GetGuid() == offerId).Select(o => (JsonElement?)o).FirstOrDefault();

    [Fact]
    public async Task A_rehearsal_takes_test_orders_that_leave_real_stock_and_figures_alone()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 5, limit: 0, stage: "Rehearsal");
        var room = await RoomAsync(staff, sessionId);
        var buyer = await app.BuyerAsync("13600136001");

        var test = await OrderAsync(buyer, offerId, "rehearse-1", quantity: 2);
        Assert.Equal(HttpStatusCode.Created, test.StatusCode);
        Assert.Equal("test", (await test.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var view = await ViewAsync(buyer, room);
        Assert.True(view.GetProperty("test").GetBoolean());
        Assert.Equal(3, Offer(view, offerId)!.Value.GetProperty("remaining").GetInt32());
        Assert.Equal(1, (await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/numbers", Ct)).GetProperty("numbers").GetProperty("orders").GetInt64());

        // Live: the whole allocation is there, the real figures start at zero, and staff lists hide test orders unless asked.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Live" }, Ct)).StatusCode);
        Assert.Equal(5, Offer(await ViewAsync(buyer, room), offerId)!.Value.GetProperty("remaining").GetInt32());
        var numbers = await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/numbers", Ct);
        Assert.Equal(0, numbers.GetProperty("numbers").GetProperty("orders").GetInt64());
        Assert.False(numbers.GetProperty("test").GetBoolean());
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        Assert.Equal(0, (await owner.GetFromJsonAsync<JsonElement>($"/api/orders?sessionId={sessionId}", Ct)).GetProperty("total").GetInt32());
        var withTest = await owner.GetFromJsonAsync<JsonElement>($"/api/orders?sessionId={sessionId}&includeTest=true", Ct);
        Assert.True(withTest.GetProperty("items")[0].GetProperty("isTest").GetBoolean());
    }

    [Fact]
    public async Task A_simulated_audience_is_for_rehearsals_only_and_its_rates_are_bounded()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, _) = await app.LiveOfferAsync(units: 5, limit: 0);

        // Rates out of range are named, and nothing starts.
        var tooMany = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/audience", new { viewers = 0, ordersPerSecond = 1000 }, Ct);
        await ProblemAssert.NamesFieldAsync(tooMany, HttpStatusCode.BadRequest, "viewers");
        Assert.Contains("ordersPerSecond", await tooMany.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A live session never gets simulated buyers: their orders would be real.
        var live = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/audience", new { viewers = 10 }, Ct);
        await ProblemAssert.NamesFieldAsync(live, HttpStatusCode.Conflict, "sessionId");
        Assert.Contains("live_audience_rehearsal_only", await live.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.GetAsync($"/api/live/sessions/{sessionId}/audience", Ct)).StatusCode);
    }

    [Fact]
    public async Task List_pin_reorder_and_switch_lines_reach_the_viewers_room()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 10, limit: 0, backupStreamUrl: "https://backup.example.cn/a.m3u8");
        var second = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId = await SkuAsync(staff, "DH-F5004"), livePrice = 1990, allocated = 5 }, Ct);
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var room = await RoomAsync(staff, sessionId);
        var viewer = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/pin", new { offerId = secondId }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/live/sessions/{sessionId}/shelf", new { offerIds = new[] { secondId, offerId } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stream", new { backup = true }, Ct)).StatusCode);
        var view = await ViewAsync(viewer, room);
        Assert.Equal(secondId, view.GetProperty("pinnedOfferId").GetGuid());
        Assert.Equal(secondId, view.GetProperty("offers")[0].GetProperty("offerId").GetGuid());
        Assert.True(view.GetProperty("onBackupStream").GetBoolean());

        // Unlisted: gone from the room, unpinned, and no order gets through.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/offers/{secondId}/listing", new { listed = false }, Ct)).StatusCode);
        view = await ViewAsync(viewer, room);
        Assert.Null(Offer(view, secondId));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("pinnedOfferId").ValueKind);
        var buyer = await app.BuyerAsync("13600136002", "en");
        await ProblemAssert.NamesFieldAsync(await OrderAsync(buyer, secondId, "unlisted-1"), HttpStatusCode.Conflict, "offerId");

        // Bad requests change nothing.
        await ProblemAssert.NamesFieldAsync(await staff.PutAsJsonAsync($"/api/live/sessions/{sessionId}/shelf", new { offerIds = new[] { offerId } }, Ct), HttpStatusCode.BadRequest, "offerIds");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/pin", new { offerId = Guid.NewGuid() }, Ct), HttpStatusCode.NotFound, "offerId");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/offers/{offerId}/listing", new { }, Ct), HttpStatusCode.BadRequest, "listed");
        var shelf = await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}", Ct);
        Assert.Equal(secondId, shelf.GetProperty("offers")[0].GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_flash_sale_sells_its_own_units_in_its_window_and_bad_plans_are_refused(string language)
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 10, limit: 0, language);
        var skuId = await SkuAsync(staff, "DH-F5003");
        var room = await RoomAsync(staff, sessionId);
        var path = $"/api/live/sessions/{sessionId}/flash-sales";

        var noMinutes = await staff.PostAsJsonAsync(path, new { skuId, quantity = 5, price = 1990, minutes = 0 }, Ct);
        var zeroPrice = await staff.PostAsJsonAsync(path, new { skuId, quantity = 5, price = 0 }, Ct);
        var noUnits = await staff.PostAsJsonAsync(path, new { skuId, quantity = 0, price = 1990 }, Ct);
        var offShelf = await staff.PostAsJsonAsync(path, new { skuId = Guid.NewGuid(), quantity = 5, price = 1990 }, Ct);
        var past = await staff.PostAsJsonAsync(path, new { skuId, quantity = 5, price = 1990, startsAt = DateTimeOffset.UtcNow.AddHours(-1) }, Ct);
        var message = await ProblemAssert.NamesFieldAsync(noMinutes, HttpStatusCode.BadRequest, "minutes");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        await ProblemAssert.NamesFieldAsync(zeroPrice, HttpStatusCode.BadRequest, "price");
        await ProblemAssert.NamesFieldAsync(noUnits, HttpStatusCode.BadRequest, "quantity");
        await ProblemAssert.NamesFieldAsync(offShelf, HttpStatusCode.BadRequest, "skuId");
        await ProblemAssert.NamesFieldAsync(past, HttpStatusCode.BadRequest, "startsAt");
        Assert.Single((await ViewAsync(staff, room)).GetProperty("offers").EnumerateArray());

        var later = await staff.PostAsJsonAsync(path, new { skuId, quantity = 3, price = 2590, perBuyerLimit = 1, startsAt = DateTimeOffset.UtcNow.AddMinutes(10), minutes = 45 }, Ct);
        var now = await staff.PostAsJsonAsync(path, new { skuId, quantity = 2, price = 2590, perBuyerLimit = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Equal(HttpStatusCode.Created, now.StatusCode);
        var laterId = (await later.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var nowOffer = await now.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var nowId = nowOffer.GetProperty("id").GetGuid();
        var ends = nowOffer.GetProperty("flashEndsAt").GetDateTimeOffset() - nowOffer.GetProperty("flashStartsAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(30), ends);

        var view = await ViewAsync(staff, room);
        Assert.Equal(nowId, view.GetProperty("pinnedOfferId").GetGuid());
        var buyer = await app.BuyerAsync("13600136003", language);
        await ProblemAssert.NamesFieldAsync(await OrderAsync(buyer, laterId, "early-1"), HttpStatusCode.Conflict, "offerId");
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(buyer, nowId, "flash-1")).StatusCode);
        await ProblemAssert.NamesFieldAsync(await OrderAsync(buyer, nowId, "flash-2"), HttpStatusCode.Conflict, "quantity");
        Assert.Equal(1, Offer(await ViewAsync(staff, room), nowId)!.Value.GetProperty("remaining").GetInt32());
        Assert.Equal(10, Offer(await ViewAsync(staff, room), offerId)!.Value.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task A_top_up_adds_units_to_the_live_shelf_and_a_bad_one_changes_nothing()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 1, limit: 0);
        var room = await RoomAsync(staff, sessionId);
        var buyer = await app.BuyerAsync("13600136004");
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(buyer, offerId, "top-1")).StatusCode);
        await ProblemAssert.NamesFieldAsync(await OrderAsync(buyer, offerId, "top-2"), HttpStatusCode.Conflict, "quantity");

        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync($"/api/live/offers/{offerId}/top-up", new { units = 0 }, Ct), HttpStatusCode.BadRequest, "units");
        var topped = await staff.PostAsJsonAsync($"/api/live/offers/{offerId}/top-up", new { units = 4, reason = "仓库补货" }, Ct);
        Assert.Equal(HttpStatusCode.OK, topped.StatusCode);
        Assert.Equal(5, (await topped.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("allocated").GetInt32());
        Assert.Equal(4, Offer(await ViewAsync(buyer, room), offerId)!.Value.GetProperty("remaining").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(buyer, offerId, "top-3", quantity: 4)).StatusCode);
    }

    [Fact]
    public async Task Viewers_entries_likes_follows_and_comments_move_the_numbers_and_bad_ones_are_refused()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 10, limit: 0);
        var room = await RoomAsync(staff, sessionId);
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var buyer = await app.BuyerAsync("13600136005", nickname: "看客");

        await ProblemAssert.NamesFieldAsync(await anonymous.PostAsJsonAsync($"/api/storefront/rooms/{room}/comments", new { text = "有优惠吗" }, Ct), HttpStatusCode.Unauthorized, "buyer");
        await ProblemAssert.NamesFieldAsync(await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/comments", new { text = " " }, Ct), HttpStatusCode.BadRequest, "text");
        await ProblemAssert.NamesFieldAsync(await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "dance" }, Ct), HttpStatusCode.BadRequest, "kind");
        await ProblemAssert.NamesFieldAsync(await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "like", count = 0 }, Ct), HttpStatusCode.BadRequest, "count");

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "like", count = 7 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "like", count = 3 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "follow" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/interactions", new { kind = "follow" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room}/comments", new { text = "M 码还有吗" }, Ct)).StatusCode);
        var placed = await (await OrderAsync(buyer, offerId, "num-1", quantity: 2)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var numbers = (await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/numbers", Ct)).GetProperty("numbers");
        Assert.Equal(10, numbers.GetProperty("likes").GetInt64());
        Assert.Equal(1, numbers.GetProperty("followers").GetInt32());
        Assert.Equal(1, numbers.GetProperty("comments").GetInt64());
        for (var i = 0; i < 40 && (await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/numbers", Ct)).GetProperty("numbers").GetProperty("orders").GetInt64() != 1; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(1, (await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/numbers", Ct)).GetProperty("numbers").GetProperty("orders").GetInt64());
        var view = await ViewAsync(anonymous, room);
        Assert.Equal("M 码还有吗", view.GetProperty("comments")[0].GetProperty("text").GetString());
        Assert.Equal("看客", view.GetProperty("comments")[0].GetProperty("name").GetString());
        var mine = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}/orders", Ct);
        Assert.Equal(placed.GetProperty("orderId").GetGuid(), mine[0].GetProperty("orderId").GetGuid());
        Assert.Equal("placed", mine[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Staff_find_orders_by_session_status_and_buyer_and_cancel_only_an_unpaid_one()
    {
        app.SkipIfUnavailable();
        var (_, sessionId, offerId) = await app.LiveOfferAsync(units: 10, limit: 0);
        var buyer = await app.BuyerAsync("13600136006", nickname: "阿花");
        var order = await (await OrderAsync(buyer, offerId, "staff-1", quantity: 3)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var orderId = order.GetProperty("orderId").GetGuid();
        var service = await app.SignInAsync("service@daihuo.local");
        var host = await app.SignInAsync("host@daihuo.local");

        var found = await service.GetFromJsonAsync<JsonElement>($"/api/orders?sessionId={sessionId}&status=placed&buyer=阿花", Ct);
        Assert.Equal(orderId, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal("136****6006", found.GetProperty("items")[0].GetProperty("buyerPhone").GetString());
        Assert.Equal(0, (await service.GetFromJsonAsync<JsonElement>($"/api/orders?sessionId={sessionId}&status=paid", Ct)).GetProperty("total").GetInt32());
        await ProblemAssert.NamesFieldAsync(await service.GetAsync("/api/orders?status=shipped", Ct), HttpStatusCode.BadRequest, "status");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await service.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { reason = "买家要求" }, Ct)).StatusCode);
        await ProblemAssert.NamesFieldAsync(await service.PostAsJsonAsync($"/api/orders/{orderId}/cancel", new { }, Ct), HttpStatusCode.Conflict, "orderId");
        await ProblemAssert.NamesFieldAsync(await service.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/cancel", new { }, Ct), HttpStatusCode.NotFound, "orderId");
        var cancelled = await service.GetFromJsonAsync<JsonElement>($"/api/orders?sessionId={sessionId}", Ct);
        Assert.Equal("Cancelled", cancelled.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(buyer, offerId, "staff-2", quantity: 10)).StatusCode);
    }

    [Fact]
    public async Task An_order_without_a_delivery_address_is_refused_and_takes_nothing()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 2, limit: 0, language: "en");
        var buyer = await app.BuyerAsync("13600136007", "en");
        var noAddress = await OrderAsync(buyer, offerId, "addr-1", body: """{"quantity":1,"shipName":"Li","shipPhone":"12345"}""");
        var problem = await noAddress.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noAddress.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("shipAddress", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("shipPhone", out _));
        Assert.Equal(2, Offer(await ViewAsync(buyer, await RoomAsync(staff, sessionId)), offerId)!.Value.GetProperty("remaining").GetInt32());
    }
}

public sealed class SqliteLiveControlApiTests(DaihuoApp app) : LiveControlApiTests<DaihuoApp>(app);

public sealed class PostgresLiveControlApiTests(PostgresDaihuoApp app) : LiveControlApiTests<PostgresDaihuoApp>(app);
