using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Server.Orders;
using Daihuo.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Server.Tests.Live;

/// <summary>The local provider behaves like a real one: signed notifications, verified; forged, stale, wrong or resent ones change nothing.</summary>
public abstract class PaymentTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Buyer, Guid OrderId, JsonElement Payment)> PlacedOrderAsync(string phone)
    {
        var staff = await app.SignInAsync("host@daihuo.local");
        var products = await staff.GetFromJsonAsync<JsonElement>("/api/catalog/products?search=DH-F5004", Ct);
        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{products.GetProperty("items")[0].GetProperty("id").GetString()}", Ct);
        var session = await (await staff.PostAsJsonAsync("/api/live/sessions", new { title = "支付测试" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var sessionId = session.GetProperty("id").GetGuid();
        var offer = await (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers",
            new { skuId = product.GetProperty("skus")[0].GetProperty("id").GetGuid(), livePrice = 1990, allocated = 10, perBuyerLimit = 3 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Scheduled" }, Ct);
        await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Live" }, Ct);

        var buyer = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        await buyer.PostAsJsonAsync("/api/storefront/identify", new { phone, nickname = "付款测试" }, Ct);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/storefront/offers/{offer.GetProperty("id").GetGuid()}/orders")
        {
            Content = new StringContent(OrderBody.Json(2), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var order = await (await buyer.SendAsync(request, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var orderId = order.GetProperty("orderId").GetGuid();
        var payment = await (await buyer.PostAsync($"/api/storefront/orders/{orderId}/payment", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(3980, payment.GetProperty("amount").GetInt64());
        return (buyer, orderId, payment);
    }

    private Task<HttpResponseMessage> NotifyAsync(SignedNotification n)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/local/notify") { Content = new StringContent(n.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(LocalPaymentProvider.TimestampHeader, n.Timestamp);
        request.Headers.Add(LocalPaymentProvider.NonceHeader, n.Nonce);
        request.Headers.Add(LocalPaymentProvider.SignatureHeader, n.Signature);
        return app.CreateClient().SendAsync(request, Ct);
    }

    private async Task<OrderStatus> StatusAsync(Guid orderId) =>
        (await app.Services.GetRequiredService<LiveStore>().OrderAsync(orderId, Ct))!.Status;

    [Fact]
    public async Task A_signed_notification_pays_the_order_once_and_a_resend_changes_nothing()
    {
        app.SkipIfUnavailable();
        var (_, orderId, start) = await PlacedOrderAsync("13600136001");
        var provider = app.Services.GetRequiredService<LocalPaymentProvider>();
        var payment = (await app.Services.GetRequiredService<PaymentService>().FindAsync(start.GetProperty("paymentId").GetGuid(), Ct))!;
        var notification = provider.Success(payment);

        var first = await NotifyAsync(notification);
        var resent = await NotifyAsync(provider.Sign(notification.Body));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resent.StatusCode);
        Assert.Equal(OrderStatus.Paid, await StatusAsync(orderId));
    }

    [Fact]
    public async Task Forged_stale_and_wrong_amount_notifications_are_refused_and_change_nothing()
    {
        app.SkipIfUnavailable();
        var (_, orderId, start) = await PlacedOrderAsync("13600136002");
        var provider = app.Services.GetRequiredService<LocalPaymentProvider>();
        var payment = (await app.Services.GetRequiredService<PaymentService>().FindAsync(start.GetProperty("paymentId").GetGuid(), Ct))!;
        var genuine = provider.Success(payment);

        var tampered = await NotifyAsync(genuine with { Body = genuine.Body.Replace("3980", "1", StringComparison.Ordinal) });
        var unsigned = await NotifyAsync(genuine with { Signature = Convert.ToBase64String(new byte[32]) });
        var stale = await NotifyAsync(genuine with { Timestamp = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var wrongAmount = await NotifyAsync(provider.Sign(genuine.Body.Replace("3980", "100", StringComparison.Ordinal)));

        await ProblemAssert.NamesFieldAsync(tampered, HttpStatusCode.Unauthorized, "notification");
        await ProblemAssert.NamesFieldAsync(unsigned, HttpStatusCode.Unauthorized, "notification");
        await ProblemAssert.NamesFieldAsync(stale, HttpStatusCode.Unauthorized, "notification");
        await ProblemAssert.NamesFieldAsync(wrongAmount, HttpStatusCode.BadRequest, "notification");
        Assert.Equal(OrderStatus.Placed, await StatusAsync(orderId));
        Assert.Equal(PaymentStatus.Pending, (await app.Services.GetRequiredService<PaymentService>().FindAsync(payment.Id, Ct))!.Status);
    }

    [Fact]
    public async Task The_buyer_pays_on_the_providers_page_and_only_their_own_orders()
    {
        app.SkipIfUnavailable();
        var (buyer, orderId, start) = await PlacedOrderAsync("13600136003");
        var payUrl = start.GetProperty("payUrl").GetString()!;
        var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await stranger.PostAsJsonAsync("/api/storefront/identify", new { phone = "13600136099", nickname = "路人" }, Ct);

        var page = await buyer.GetStringAsync(payUrl, Ct);
        var confirm = await buyer.PostAsync(payUrl + "/confirm", null, Ct);
        var notTheirs = await stranger.PostAsync($"/api/storefront/orders/{orderId}/payment", null, Ct);

        Assert.Contains("39.80", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(OrderStatus.Paid, await StatusAsync(orderId));
        Assert.Contains("pay-done", await buyer.GetStringAsync(payUrl, Ct), StringComparison.Ordinal);
        await ProblemAssert.NamesFieldAsync(notTheirs, HttpStatusCode.NotFound, "orderId");
    }
}

public sealed class SqlitePaymentTests(DaihuoApp app) : PaymentTests<DaihuoApp>(app);

public sealed class PostgresPaymentTests(PostgresDaihuoApp app) : PaymentTests<PostgresDaihuoApp>(app);
