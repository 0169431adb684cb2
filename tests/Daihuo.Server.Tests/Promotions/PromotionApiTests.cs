using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Daihuo.Server.Tests.Support.LiveSetup;

namespace Daihuo.Server.Tests.Promotions;

/// <summary>Staff plan a threshold discount and a coupon; a buyer claims the coupon, sees the breakdown at checkout and pays the priced total.</summary>
public abstract class PromotionApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Bad_promotions_are_refused_with_the_field_and_nothing_is_stored(string language)
    {
        app.SkipIfUnavailable();
        var planner = await app.SignInAsync("planner@daihuo.local", language: language);
        var before = (await planner.GetFromJsonAsync<JsonElement>("/api/promotions", Ct)).GetArrayLength();
        var end = DateTimeOffset.UtcNow.AddDays(1);

        var percent = await planner.PostAsJsonAsync("/api/promotions", new { kind = "multibuy", name = "3 件", minItems = 3, percentOff = 120 }, Ct);
        var zero = await planner.PostAsJsonAsync("/api/promotions", new { kind = "threshold", name = "满减", threshold = 0, off = 3000 }, Ct);
        var noEnd = await planner.PostAsJsonAsync("/api/promotions", new { kind = "coupon", name = "券", amountOff = 500, minSpend = 0, totalQuantity = 10, perPerson = 1 }, Ct);
        var overlap = await planner.PostAsJsonAsync("/api/promotions",
            new { kind = "rank", name = "阶梯", skuId = Guid.NewGuid(), tiers = new[] { new { upToRank = 100, offPerUnit = 5000 }, new { upToRank = 50, offPerUnit = 3000 } } }, Ct);
        var unknown = await planner.PostAsJsonAsync("/api/promotions", new { kind = "lottery", name = "x", endsAt = end }, Ct);
        var host = await (await app.SignInAsync("host@daihuo.local")).PostAsJsonAsync("/api/promotions", new { kind = "threshold", name = "满减", threshold = 29900, off = 3000 }, Ct);

        var message = await ProblemAssert.NamesFieldAsync(percent, HttpStatusCode.BadRequest, "percentOff");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        await ProblemAssert.NamesFieldAsync(zero, HttpStatusCode.BadRequest, "threshold");
        await ProblemAssert.NamesFieldAsync(noEnd, HttpStatusCode.BadRequest, "endsAt");
        await ProblemAssert.NamesFieldAsync(overlap, HttpStatusCode.BadRequest, "tiers[1].upToRank");
        await ProblemAssert.NamesFieldAsync(unknown, HttpStatusCode.BadRequest, "kind");
        Assert.Equal(HttpStatusCode.Forbidden, host.StatusCode);
        Assert.Equal(before, (await planner.GetFromJsonAsync<JsonElement>("/api/promotions", Ct)).GetArrayLength());
    }

    [Fact]
    public async Task A_threshold_and_a_claimed_coupon_price_the_order_once_and_the_breakdown_says_why()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 20, limit: 5);
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var threshold = await owner.PostAsJsonAsync("/api/promotions", new { kind = "threshold", name = "满 50 减 5", sessionId, threshold = 5000, off = 500 }, Ct);
        var coupon = await owner.PostAsJsonAsync("/api/promotions",
            new { kind = "coupon", name = "直播间专享 3 元券", sessionId, amountOff = 300, minSpend = 2000, totalQuantity = 1, perPerson = 1, scope = "room", endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct);
        Assert.Equal(HttpStatusCode.Created, threshold.StatusCode);
        Assert.Equal(HttpStatusCode.Created, coupon.StatusCode);
        var couponId = (await coupon.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var room = await RoomAsync(staff, sessionId);
        var buyer = await app.BuyerAsync("13300133001");
        var other = await app.BuyerAsync("13300133002");

        // One coupon in all: the buyer claims it; a second claim and another buyer are refused.
        var shown = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}/coupons", Ct);
        Assert.Equal((1, false), (shown[0].GetProperty("remaining").GetInt32(), shown[0].GetProperty("held").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync($"/api/storefront/coupons/{couponId}/claim", null, Ct)).StatusCode);
        await ProblemAssert.NamesFieldAsync(await buyer.PostAsync($"/api/storefront/coupons/{couponId}/claim", null, Ct), HttpStatusCode.Conflict, "couponId");
        await ProblemAssert.NamesFieldAsync(await other.PostAsync($"/api/storefront/coupons/{couponId}/claim", null, Ct), HttpStatusCode.Conflict, "couponId");

        // The quote: 2 × 29.90 = 59.80 − 5 (threshold) − 3 (coupon) = 51.80, with the reasons.
        var quote = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/offers/{offerId}/quote?quantity=2", Ct);
        Assert.Equal((5980, 5180), (quote.GetProperty("subtotal").GetInt64(), quote.GetProperty("total").GetInt64()));
        Assert.Contains(quote.GetProperty("breakdown").EnumerateArray(), l => l.GetString()!.Contains("满 ¥50.00 减 ¥5.00", StringComparison.Ordinal));
        var single = await other.GetFromJsonAsync<JsonElement>($"/api/storefront/offers/{offerId}/quote?quantity=1", Ct);
        Assert.Contains(single.GetProperty("breakdown").EnumerateArray(), l => l.GetString()!.Contains("再买 ¥20.10 可享满 ¥50.00 减 ¥5.00", StringComparison.Ordinal));

        var first = await OrderAsync(buyer, offerId, "promo-1", quantity: 2);
        var body = await first.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(5180, JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt64());
        var replay = await OrderAsync(buyer, offerId, "promo-1", quantity: 2);
        Assert.Equal(body, await replay.Content.ReadAsStringAsync(Ct));

        // The coupon is spent: the next order gets the threshold only.
        var second = await (await OrderAsync(buyer, offerId, "promo-2", quantity: 2)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(5480, second.GetProperty("total").GetInt64());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<Daihuo.Data.DaihuoDbContext>>().CreateDbContextAsync(Ct);
        var claim = await db.CouponClaims.AsNoTracking().SingleAsync(c => c.CouponId == couponId, Ct);
        var orderId = JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetGuid();
        Assert.Equal(orderId, claim.OrderId);
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, Ct);
        Assert.Equal((5980, couponId), (order.Gross.Fen, order.CouponId));
        Assert.Contains("promo.coupon.amount", order.Pricing, StringComparison.Ordinal);
    }
}

public sealed class SqlitePromotionApiTests(DaihuoApp app) : PromotionApiTests<DaihuoApp>(app);

public sealed class PostgresPromotionApiTests(PostgresDaihuoApp app) : PromotionApiTests<PostgresDaihuoApp>(app);
