using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daihuo.Data;
using Daihuo.Data.Orders;
using Daihuo.Live.Orders;
using Daihuo.Server.Orders;
using Daihuo.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Daihuo.Server.Tests.Support.LiveSetup;

namespace Daihuo.Server.Tests.Promotions;

/// <summary>
/// A bag of two offers: priced together (the threshold and the coupon count the whole cart), placed as
/// one order per line, paid once; staff refund a line and get back exactly its apportioned share.
/// </summary>
public abstract class CheckoutApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Room(HttpClient Staff, Guid SessionId, string Name, Guid Mango, Guid Pastry);

    /// <summary>Mango slices at 29.90 and egg-yolk pastries at 19.90 in one live room, with 满 50 减 5 and a 3-yuan room coupon (min 20).</summary>
    private async Task<(Room Room, Guid CouponId)> DealsRoomAsync(int pastryUnits = 20)
    {
        var (staff, sessionId, mango) = await app.LiveOfferAsync(units: 20, limit: 5);
        var pastrySku = await SkuAsync(staff, "DH-F5004");
        var pastry = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId = pastrySku, livePrice = 1990, allocated = pastryUnits, perBuyerLimit = 5 }, Ct);
        Assert.Equal(HttpStatusCode.Created, pastry.StatusCode);
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        Assert.Equal(HttpStatusCode.Created,
            (await owner.PostAsJsonAsync("/api/promotions", new { kind = "threshold", name = "满 50 减 5", sessionId, threshold = 5000, off = 500 }, Ct)).StatusCode);
        var coupon = await owner.PostAsJsonAsync("/api/promotions",
            new { kind = "coupon", name = "直播间 3 元券", sessionId, amountOff = 300, minSpend = 2000, totalQuantity = 10, perPerson = 1, scope = "room", endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct);
        Assert.Equal(HttpStatusCode.Created, coupon.StatusCode);
        var room = new Room(staff, sessionId, await RoomAsync(staff, sessionId), mango, (await pastry.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        return (room, (await coupon.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }

    private static string Bag(params (Guid Offer, int Quantity)[] lines) =>
        JsonSerializer.Serialize(new
        {
            lines = lines.Select(l => new { offerId = l.Offer, quantity = l.Quantity }),
            shipName = "王小明",
            shipPhone = "13800138000",
            shipAddress = "上海市浦东新区世纪大道 100 号 8 楼",
        });

    private static Task<HttpResponseMessage> CheckoutAsync(HttpClient buyer, string room, string? key, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/storefront/rooms/{room}/checkouts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return buyer.SendAsync(request, Ct);
    }

    private async Task<DaihuoDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<DaihuoDbContext>>().CreateDbContextAsync(Ct);

    private Task<HttpResponseMessage> RefundAsync(HttpClient staff, Guid orderId, int units) =>
        staff.PostAsJsonAsync($"/api/orders/{orderId}/refunds", new { units, reason = "七天无理由" }, Ct);

    [Fact]
    public async Task A_bag_is_priced_as_one_cart_paid_once_and_each_line_refunds_its_apportioned_share()
    {
        app.SkipIfUnavailable();
        var (room, couponId) = await DealsRoomAsync();
        var buyer = await app.BuyerAsync("13300134001");
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync($"/api/storefront/coupons/{couponId}/claim", null, Ct)).StatusCode);

        // 29.90 + 2 × 19.90 = 69.70 − 5 − 3 = 61.70; every discount spread over the lines to the fen.
        var quote = await (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room.Name}/quote",
            new { lines = new[] { new { offerId = room.Mango, quantity = 1 }, new { offerId = room.Pastry, quantity = 2 } } }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((6970, 6170), (quote.GetProperty("subtotal").GetInt64(), quote.GetProperty("total").GetInt64()));
        var amounts = quote.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetInt64()).ToArray();
        Assert.Equal([2647, 3523], amounts);
        Assert.Contains(quote.GetProperty("breakdown").EnumerateArray(), l => l.GetString()!.Contains("满 ¥50.00 减 ¥5.00", StringComparison.Ordinal));

        var placed = await CheckoutAsync(buyer, room.Name, "bag-1", Bag((room.Mango, 1), (room.Pastry, 2)));
        var body = await placed.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var checkout = JsonDocument.Parse(body).RootElement;
        Assert.Equal(6170, checkout.GetProperty("total").GetInt64());
        var orders = checkout.GetProperty("orders").EnumerateArray().Select(o => (Id: o.GetProperty("orderId").GetGuid(), Total: o.GetProperty("total").GetInt64())).ToArray();
        Assert.Equal([2647, 3523], orders.Select(o => o.Total));
        Assert.Equal(body, await (await CheckoutAsync(buyer, room.Name, "bag-1", Bag((room.Mango, 1), (room.Pastry, 2)))).Content.ReadAsStringAsync(Ct));

        // The coupon was redeemed once, for the checkout; one payment covers both lines.
        var checkoutId = checkout.GetProperty("checkoutId").GetGuid();
        await using (var db = await DbAsync())
        {
            Assert.Equal(checkoutId, (await db.CouponClaims.AsNoTracking().SingleAsync(c => c.CouponId == couponId, Ct)).OrderId);
        }

        var start = await (await buyer.PostAsync($"/api/storefront/orders/{orders[1].Id}/payment", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(6170, start.GetProperty("amount").GetInt64());
        var payment = (await app.Services.GetRequiredService<PaymentService>().FindAsync(start.GetProperty("paymentId").GetGuid(), Ct))!;
        Assert.Equal(NoticeOutcome.Recorded, await app.Services.GetRequiredService<PaymentService>().HandleAsync(app.Services.GetRequiredService<LocalPaymentProvider>().Success(payment), Ct));

        // Staff refund the pastries: exactly their share, once; two refunds racing for the same units cannot both pass.
        var staff = await app.SignInAsync(DaihuoApp.OwnerEmail);
        Assert.Equal(3523, (await staff.GetFromJsonAsync<JsonElement>($"/api/orders/{orders[1].Id}/refund-quote?units=2", Ct)).GetProperty("amount").GetInt64());
        var racing = await Task.WhenAll(RefundAsync(staff, orders[1].Id, 2), RefundAsync(staff, orders[1].Id, 2));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.OK);
        var refund = await racing.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((3523, false), (refund.GetProperty("amount").GetInt64(), refund.GetProperty("couponReturned").GetBoolean()));
        await ProblemAssert.NamesFieldAsync(await RefundAsync(staff, orders[1].Id, 1), HttpStatusCode.BadRequest, "units");

        // The mango line in two steps is still exact; the last one gives the coupon back (nothing it discounted is kept).
        var last = await (await RefundAsync(staff, orders[0].Id, 1)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2647, true), (last.GetProperty("amount").GetInt64(), last.GetProperty("couponReturned").GetBoolean()));
        await using (var db = await DbAsync())
        {
            Assert.Null((await db.CouponClaims.AsNoTracking().SingleAsync(c => c.CouponId == couponId, Ct)).OrderId);
            Assert.Equal(6170, (await db.Refunds.AsNoTracking().Where(r => r.CheckoutId == checkoutId).Select(r => r.Amount).ToListAsync(Ct)).Sum(a => a.Fen));
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "order.refunded" && (a.EntityId == orders[0].Id.ToString() || a.EntityId == orders[1].Id.ToString()), Ct));
        }
    }

    [Fact]
    public async Task A_bag_with_a_sold_out_line_keeps_nothing_and_gives_the_stock_and_the_coupon_back()
    {
        app.SkipIfUnavailable();
        var (room, couponId) = await DealsRoomAsync(pastryUnits: 1);
        var first = await app.BuyerAsync("13300134002");
        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(first, room.Pastry, "last-pastry")).StatusCode);
        var buyer = await app.BuyerAsync("13300134003");
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync($"/api/storefront/coupons/{couponId}/claim", null, Ct)).StatusCode);

        var refused = await CheckoutAsync(buyer, room.Name, "bag-2", Bag((room.Mango, 2), (room.Pastry, 1)));
        await ProblemAssert.NamesFieldAsync(refused, HttpStatusCode.Conflict, "lines[1].quantity");

        // A retry with the same key stays refused (and keeps nothing); the mango stock is whole again, the coupon free.
        Assert.Equal(HttpStatusCode.Conflict, (await CheckoutAsync(buyer, room.Name, "bag-2", Bag((room.Mango, 2), (room.Pastry, 1)))).StatusCode);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var mango = await grains.Offer(room.Mango).GetSnapshotAsync();
        Assert.Equal(0, mango.Sold);
        await using var db = await DbAsync();
        Assert.DoesNotContain(await db.Orders.AsNoTracking().Where(o => o.BuyerId != null && o.OfferId == room.Mango).Select(o => o.Status).ToListAsync(Ct),
            s => s != OrderStatus.Cancelled);
        Assert.Null((await db.CouponClaims.AsNoTracking().SingleAsync(c => c.CouponId == couponId, Ct)).OrderId);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Bad_bags_are_refused_naming_the_line_and_nothing_is_placed(string language)
    {
        app.SkipIfUnavailable();
        var (room, _) = await DealsRoomAsync();
        var (_, _, elsewhere) = await app.LiveOfferAsync(units: 5, limit: 1);
        var buyer = await app.BuyerAsync(language == "en" ? "13300134005" : "13300134004", language);

        var empty = await CheckoutAsync(buyer, room.Name, "bad-1", Bag());
        var twice = await CheckoutAsync(buyer, room.Name, "bad-2", Bag((room.Mango, 1), (room.Mango, 1)));
        var foreign = await CheckoutAsync(buyer, room.Name, "bad-3", Bag((elsewhere, 1)));
        var zero = await CheckoutAsync(buyer, room.Name, "bad-4", Bag((room.Mango, 0)));
        var noKey = await CheckoutAsync(buyer, room.Name, null, Bag((room.Mango, 1)));

        var message = await ProblemAssert.NamesFieldAsync(empty, HttpStatusCode.BadRequest, "lines");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        await ProblemAssert.NamesFieldAsync(twice, HttpStatusCode.BadRequest, "lines[1].offerId");
        await ProblemAssert.NamesFieldAsync(foreign, HttpStatusCode.BadRequest, "lines[0].offerId");
        await ProblemAssert.NamesFieldAsync(zero, HttpStatusCode.BadRequest, "lines[0].quantity");
        await ProblemAssert.NamesFieldAsync(noKey, HttpStatusCode.BadRequest, "Idempotency-Key");
        await using var db = await DbAsync();
        Assert.False(await db.Orders.AnyAsync(o => o.SessionId == room.SessionId, Ct));
    }

    [Fact]
    public async Task A_gift_goes_with_orders_while_its_stock_lasts_and_a_cancelled_order_gives_it_back()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 20, limit: 5);
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var bag = await SkuAsync(staff, "DH-F5004");
        var created = await owner.PostAsJsonAsync("/api/promotions",
            new { kind = "gift", name = "下单送蛋黄酥", sessionId, giftSkuId = bag, quantity = 1, trigger = "everyOrder", stock = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var giftId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid().ToString("N");

        async Task<(Guid Id, IReadOnlyList<string> Gifts, string? Pricing)> OrderWithGiftAsync(string phone)
        {
            var buyer = await app.BuyerAsync(phone);
            var placed = await (await OrderAsync(buyer, offerId, "gift-" + phone)).Content.ReadFromJsonAsync<JsonElement>(Ct);
            var id = placed.GetProperty("orderId").GetGuid();
            await using var db = await DbAsync();
            var pricing = await db.Orders.Where(o => o.Id == id).Select(o => o.Pricing).SingleAsync(Ct);
            return (id, Daihuo.Data.Promotions.PricingJson.GiftIds(pricing), pricing);
        }

        var first = await OrderWithGiftAsync("13300134011");
        var second = await OrderWithGiftAsync("13300134012");
        Assert.Equal([giftId], first.Gifts);
        Assert.Empty(second.Gifts);
        Assert.Contains("promo.skip.gift_out", second.Pricing, StringComparison.Ordinal);

        // Staff cancel the first (unpaid) order: its bag goes back, and the next order gets it.
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync($"/api/orders/{first.Id}/cancel", new { reason = "买家拍错" }, Ct)).StatusCode);
        var third = await OrderWithGiftAsync("13300134013");
        Assert.Equal([giftId], third.Gifts);
        await using var check = await DbAsync();
        Assert.Equal(third.Id, (await check.GiftGrants.AsNoTracking().SingleAsync(g => g.GiftId == Guid.Parse(giftId), Ct)).ForId);
    }

    [Fact]
    public async Task A_new_follower_coupon_is_given_by_following_and_not_by_a_tap()
    {
        app.SkipIfUnavailable();
        var (room, _) = await DealsRoomAsync();
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var created = await owner.PostAsJsonAsync("/api/promotions",
            new { kind = "coupon", name = "关注有礼 2 元", sessionId = room.SessionId, amountOff = 200, minSpend = 0, totalQuantity = 50, perPerson = 1, scope = "newFollower", endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct);
        var couponId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var buyer = await app.BuyerAsync("13300134021");

        await ProblemAssert.NamesFieldAsync(await buyer.PostAsync($"/api/storefront/coupons/{couponId}/claim", null, Ct), HttpStatusCode.Conflict, "couponId");
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room.Name}/interactions", new { kind = "follow" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.PostAsJsonAsync($"/api/storefront/rooms/{room.Name}/interactions", new { kind = "follow" }, Ct)).StatusCode);

        var shown = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room.Name}/coupons", Ct);
        var coupon = shown.EnumerateArray().Single(c => c.GetProperty("couponId").GetGuid() == couponId);
        Assert.Equal(("newfollower", true), (coupon.GetProperty("scope").GetString(), coupon.GetProperty("held").GetBoolean()));
        await using var db = await DbAsync();
        Assert.Equal(1, await db.CouponClaims.CountAsync(c => c.CouponId == couponId, Ct));
    }
}

public sealed class SqliteCheckoutApiTests(DaihuoApp app) : CheckoutApiTests<DaihuoApp>(app);

public sealed class PostgresCheckoutApiTests(PostgresDaihuoApp app) : CheckoutApiTests<PostgresDaihuoApp>(app);
