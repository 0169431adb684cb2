using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daihuo.Server.Tests.Support;
using static Daihuo.Server.Tests.Support.LiveSetup;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Daihuo.Server.Tests.Live;

/// <summary>A session planned by staff, taken live, and bought from over HTTP with Idempotency-Key semantics.</summary>
public abstract class LiveOrderApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_byte_for_byte_and_another_body_is_422()
    {
        app.SkipIfUnavailable();
        var (_, _, offerId) = await app.LiveOfferAsync(units: 50, limit: 5);
        var buyer = await app.BuyerAsync("13800138001");

        var first = await OrderAsync(buyer, offerId, "click-1");
        var replay = await OrderAsync(buyer, offerId, "click-1");
        var other = await OrderAsync(buyer, offerId, "click-1", quantity: 2);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Ct), await replay.Content.ReadAsByteArrayAsync(Ct));
        await ProblemAssert.NamesFieldAsync(other, HttpStatusCode.UnprocessableEntity, "Idempotency-Key");
        var room = await RoomOfferAsync(buyer, offerId);
        Assert.Equal(49, room.GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Twenty_parallel_requests_with_one_key_place_one_order()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 50, limit: 5);
        var buyer = await app.BuyerAsync("13800138002");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => OrderAsync(buyer, offerId, "double-tap")));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var ids = new HashSet<string>();
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("orderId").GetString()!);
        }

        Assert.Single(ids);
        Assert.Equal(49, (await RoomOfferAsync(buyer, offerId)).GetProperty("remaining").GetInt32());
        _ = staff;
        _ = sessionId;
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Bad_orders_get_a_clear_problem_and_take_nothing(string language)
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 3, limit: 2, language);
        var buyer = await app.BuyerAsync("13900139000", language);
        var stranger = app.CreateClient();

        var missingKey = await OrderAsync(buyer, offerId, null);
        var badKey = await OrderAsync(buyer, offerId, "has spaces in it");
        var zero = await OrderAsync(buyer, offerId, "q0", quantity: 0);
        var overLimit = await OrderAsync(buyer, offerId, "q3", quantity: 3);
        var unknownOffer = await OrderAsync(buyer, Guid.NewGuid(), "x1");
        var anonymous = await OrderAsync(stranger, offerId, "anon");

        var message = await ProblemAssert.NamesFieldAsync(missingKey, HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        await ProblemAssert.NamesFieldAsync(badKey, HttpStatusCode.BadRequest, "Idempotency-Key");
        await ProblemAssert.NamesFieldAsync(zero, HttpStatusCode.BadRequest, "quantity");
        await ProblemAssert.NamesFieldAsync(overLimit, HttpStatusCode.Conflict, "quantity");
        await ProblemAssert.NamesFieldAsync(unknownOffer, HttpStatusCode.NotFound, "offerId");
        await ProblemAssert.NamesFieldAsync(anonymous, HttpStatusCode.Unauthorized, "buyer");
        Assert.Equal(3, (await RoomOfferAsync(buyer, offerId)).GetProperty("remaining").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Ended" }, Ct)).StatusCode);
        var afterEnd = await OrderAsync(buyer, offerId, "late");
        await ProblemAssert.NamesFieldAsync(afterEnd, HttpStatusCode.Conflict, "offerId");
        Assert.Equal(3, (await RoomOfferAsync(buyer, offerId)).GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task The_shelf_refuses_a_price_below_floor_an_unknown_sku_and_an_impossible_stage()
    {
        app.SkipIfUnavailable();
        var staff = await app.SignInAsync("host@daihuo.local", language: "en");
        var session = await (await staff.PostAsJsonAsync("/api/live/sessions", new { title = "Test" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var sessionId = session.GetProperty("id").GetGuid();
        var products = await staff.GetFromJsonAsync<JsonElement>("/api/catalog/products?search=DH-F5003", Ct);
        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{products.GetProperty("items")[0].GetProperty("id").GetString()}", Ct);
        var skuId = product.GetProperty("skus")[0].GetProperty("id").GetGuid();

        var belowFloor = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId, livePrice = 100, allocated = 10 }, Ct);
        var unknownSku = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId = Guid.NewGuid(), livePrice = 2990, allocated = 10 }, Ct);
        var noUnits = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId, livePrice = 2990, allocated = 0 }, Ct);
        var draftToEnded = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Ended" }, Ct);
        var noTitle = await staff.PostAsJsonAsync("/api/live/sessions", new { title = " ", streamUrl = "rtmp://x" }, Ct);

        var floor = await ProblemAssert.NamesFieldAsync(belowFloor, HttpStatusCode.BadRequest, "livePrice");
        Assert.Contains("floor", floor, StringComparison.Ordinal);
        await ProblemAssert.NamesFieldAsync(unknownSku, HttpStatusCode.BadRequest, "skuId");
        await ProblemAssert.NamesFieldAsync(noUnits, HttpStatusCode.BadRequest, "allocated");
        await ProblemAssert.NamesFieldAsync(draftToEnded, HttpStatusCode.BadRequest, "stage");
        await ProblemAssert.NamesFieldAsync(noTitle, HttpStatusCode.BadRequest, "title");
        await ProblemAssert.NamesFieldAsync(await staff.PostAsJsonAsync("/api/live/sessions", new { title = "x", streamUrl = "rtmp://x" }, Ct), HttpStatusCode.BadRequest, "streamUrl");
        var details = await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}", Ct);
        Assert.Equal(0, details.GetProperty("offers").GetArrayLength());
        Assert.Equal("Draft", details.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_price_change_is_audited_refused_below_floor_unless_the_owner_overrides_and_charged_from_the_next_order()
    {
        app.SkipIfUnavailable();
        var (host, _, offerId) = await app.LiveOfferAsync(units: 20, limit: 5, language: "en");
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        var buyer = await app.BuyerAsync("13700137000", "en");
        var before = await (await OrderAsync(buyer, offerId, "p1")).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var noReason = await host.PostAsJsonAsync($"/api/live/offers/{offerId}/price", new { livePrice = 2690 }, Ct);
        var belowFloor = await host.PostAsJsonAsync($"/api/live/offers/{offerId}/price", new { livePrice = 1000, reason = "清库存" }, Ct);
        var hostOverride = await host.PostAsJsonAsync($"/api/live/offers/{offerId}/price", new { livePrice = 1000, reason = "清库存", overrideFloor = true }, Ct);
        var changed = await host.PostAsJsonAsync($"/api/live/offers/{offerId}/price", new { livePrice = 2690, reason = "限时福利" }, Ct);
        var after = await (await OrderAsync(buyer, offerId, "p2")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var ownerOverride = await owner.PostAsJsonAsync($"/api/live/offers/{offerId}/price", new { livePrice = 1000, reason = "老板特批", overrideFloor = true }, Ct);

        await ProblemAssert.NamesFieldAsync(noReason, HttpStatusCode.BadRequest, "reason");
        await ProblemAssert.NamesFieldAsync(belowFloor, HttpStatusCode.BadRequest, "livePrice");
        await ProblemAssert.NamesFieldAsync(hostOverride, HttpStatusCode.BadRequest, "overrideFloor");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2990, before.GetProperty("total").GetInt64());
        Assert.Equal(2690, after.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, ownerOverride.StatusCode);
        Assert.Equal(1000, (await RoomOfferAsync(buyer, offerId)).GetProperty("price").GetInt64());

        var audit = await owner.GetFromJsonAsync<JsonElement>($"/api/audit?search={offerId}", Ct);
        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        var overrideEntry = entries.Single(e => e.GetProperty("action").GetString() == "live.price.override");
        Assert.Equal("老板特批", overrideEntry.GetProperty("reason").GetString());
        Assert.Contains("26.90", overrideEntry.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("10.00", overrideEntry.GetProperty("after").GetString(), StringComparison.Ordinal);
        var change = entries.Single(e => e.GetProperty("action").GetString() == "live.price.changed");
        Assert.Equal("主播 小鹿", change.GetProperty("actorName").GetString());
        Assert.Equal("限时福利", change.GetProperty("reason").GetString());
    }

    private async Task<JsonElement> RoomOfferAsync(HttpClient client, Guid offerId)
    {
        var staff = await app.SignInAsync("host@daihuo.local");
        var sessions = await staff.GetFromJsonAsync<JsonElement>("/api/live/sessions", Ct);
        foreach (var s in sessions.EnumerateArray())
        {
            var room = await client.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{s.GetProperty("room").GetString()}", Ct);
            foreach (var o in room.GetProperty("offers").EnumerateArray())
            {
                if (o.GetProperty("offerId").GetGuid() == offerId)
                {
                    return o;
                }
            }
        }

        throw new InvalidOperationException("Offer not in any room.");
    }
}

public sealed class SqliteLiveOrderApiTests(DaihuoApp app) : LiveOrderApiTests<DaihuoApp>(app);

public sealed class PostgresLiveOrderApiTests(PostgresDaihuoApp app) : LiveOrderApiTests<PostgresDaihuoApp>(app);
