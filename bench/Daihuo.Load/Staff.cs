using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Daihuo.Load;

/// <summary>A staff member's session with the console API: signs in like the browser does, and sets up a live room to load.</summary>
public sealed partial class Staff(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public static async Task<Staff> SignInAsync(Uri server, string email, string password, CancellationToken ct)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = server,
        };
        var page = await client.GetStringAsync("/account/login", ct);
        var token = Antiforgery().Match(page).Groups[1].Value;
        using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed ({(int)response.StatusCode} {response.Headers.Location}).");
        }

        return new Staff(client);
    }

    /// <summary>A live session with one product on its shelf: its id and its room code.</summary>
    public async Task<(Guid SessionId, string Room)> LiveRoomAsync(string title, string skuCode, CancellationToken ct) =>
        (await LiveOfferAsync(title, skuCode, 1000, 5, ct)) is var (session, room, _) ? (session, room) : default;

    /// <summary>A live session with one offer of <paramref name="units"/> units (per-buyer limit 0: none): the session, its room and the offer.</summary>
    public async Task<(Guid SessionId, string Room, Guid OfferId)> LiveOfferAsync(string title, string skuCode, int units, int perBuyerLimit, CancellationToken ct)
    {
        var products = await Client.GetFromJsonAsync<JsonElement>($"/api/catalog/products?search={skuCode}", ct);
        var product = await Client.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{products.GetProperty("items")[0].GetProperty("id").GetString()}", ct);
        var skuId = product.GetProperty("skus")[0].GetProperty("id").GetGuid();
        var created = await Ok(await Client.PostAsJsonAsync("/api/live/sessions", new { title, plannedMinutes = 120 }, ct), ct);
        var sessionId = created.GetProperty("id").GetGuid();
        var offer = await Ok(await Client.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId, livePrice = 2990, allocated = units, perBuyerLimit }, ct), ct);
        await Ok(await Client.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Scheduled" }, ct), ct);
        var live = await Ok(await Client.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Live" }, ct), ct);
        return (sessionId, live.GetProperty("room").GetString()!, offer.GetProperty("id").GetGuid());
    }

    /// <summary>
    /// A live session with <paramref name="count"/> offers of <paramref name="units"/> units each, one per SKU of a
    /// product made for it (a product has at most 200 SKUs).
    /// </summary>
    public async Task<(Guid SessionId, string Room, IReadOnlyList<Guid> OfferIds)> LiveOffersAsync(string title, int count, int units, CancellationToken ct)
    {
        var code = "LOAD" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var product = await Ok(await Client.PostAsJsonAsync("/api/catalog/products", new
        {
            code,
            name = "压测商品 " + code,
            categoryCode = "food-snacks",
            skus = Enumerable.Range(1, count).Select(i => new { code = $"{code}-{i:D3}", spec = $"No.{i}", listPrice = 5990, livePrice = 2990, floorPrice = 1000, cost = 800 }),
        }, ct), ct);
        var created = await Ok(await Client.PostAsJsonAsync("/api/live/sessions", new { title, plannedMinutes = 120 }, ct), ct);
        var sessionId = created.GetProperty("id").GetGuid();
        var offers = new List<Guid>(count);
        foreach (var sku in product.GetProperty("skus").EnumerateArray())
        {
            var offer = await Ok(await Client.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers",
                new { skuId = sku.GetProperty("id").GetGuid(), livePrice = 2990, allocated = units, perBuyerLimit = 0 }, ct), ct);
            offers.Add(offer.GetProperty("id").GetGuid());
        }

        await Ok(await Client.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Scheduled" }, ct), ct);
        var live = await Ok(await Client.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Live" }, ct), ct);
        return (sessionId, live.GetProperty("room").GetString()!, offers);
    }

    public async Task<JsonElement> ModerationAsync(Guid sessionId, CancellationToken ct) =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/live/sessions/{sessionId}/moderation", ct);

    private static async Task<JsonElement> Ok(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        }
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
