using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Daihuo.Server.Tests.Support;

/// <summary>A session with one offer of the demo's mango slices, moved to a stage, and identified buyers, all over HTTP.</summary>
public static class LiveSetup
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpClient Staff, Guid SessionId, Guid OfferId)> LiveOfferAsync(
        this DaihuoApp app, int units, int limit, string language = "zh-CN", string stage = "Live", string? backupStreamUrl = null)
    {
        var staff = await app.SignInAsync("host@daihuo.local", language: language);
        var skuId = await SkuAsync(staff, "DH-F5003");
        var session = await (await staff.PostAsJsonAsync("/api/live/sessions",
                new { title = "芒果干专场", plannedMinutes = 90, streamUrl = "https://live.example.cn/a.m3u8", backupStreamUrl }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var sessionId = session.GetProperty("id").GetGuid();
        var offer = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId, livePrice = 2990, allocated = units, perBuyerLimit = limit }, Ct);
        Assert.Equal(HttpStatusCode.Created, offer.StatusCode);
        var offerId = (await offer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Scheduled" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage }, Ct)).StatusCode);
        return (staff, sessionId, offerId);
    }

    public static async Task<Guid> SkuAsync(HttpClient staff, string code)
    {
        var products = await staff.GetFromJsonAsync<JsonElement>($"/api/catalog/products?search={code}", Ct);
        var product = await staff.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{products.GetProperty("items")[0].GetProperty("id").GetString()}", Ct);
        return product.GetProperty("skus")[0].GetProperty("id").GetGuid();
    }

    public static async Task<HttpClient> BuyerAsync(this DaihuoApp app, string phone, string language = "zh-CN", string nickname = "小王")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = app.ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var identified = await client.PostAsJsonAsync("/api/storefront/identify", new { phone, nickname }, Ct);
        Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
        return client;
    }

    public static Task<HttpResponseMessage> OrderAsync(HttpClient buyer, Guid offerId, string? key, int quantity = 1, string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/storefront/offers/{offerId}/orders")
        {
            Content = new StringContent(body ?? OrderBody.Json(quantity), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return buyer.SendAsync(request, Ct);
    }

    public static async Task<string> RoomAsync(HttpClient staff, Guid sessionId) =>
        (await staff.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}", Ct)).GetProperty("room").GetString()!;
}
