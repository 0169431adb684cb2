using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daihuo.Data.Orders;
using Daihuo.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Server.Tests.Live;

/// <summary>
/// The server as a real process, killed at the worst moments: <c>kill -9</c> in the middle of a
/// flash sale driven over HTTP, and the journal's fault hook dying right before and right after a
/// commit. After every restart: each order a buyer was told "accepted" is there, nothing is
/// oversold, and a retry with the same key answers the first acceptance or places the order once.
/// </summary>
public abstract class CrashTests(bool postgres)
{
    private const int FaultIterations = 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void SkipIfUnavailable()
    {
        if (postgres && string.IsNullOrWhiteSpace(DaihuoApp.PostgresServer))
        {
            Assert.Skip("Set DAIHUO_TEST_POSTGRES to run the PostgreSQL crash tests.");
        }
    }

    private static async Task<(Guid SessionId, string Room, Guid OfferId)> LiveSessionAsync(HttpClient staff, int units)
    {
        var skuId = await LiveSetup.SkuAsync(staff, "DH-F5003");
        var session = await (await staff.PostAsJsonAsync("/api/live/sessions", new { title = "零点秒杀" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var sessionId = session.GetProperty("id").GetGuid();
        var offer = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/offers", new { skuId, livePrice = 2990, allocated = units }, Ct);
        Assert.Equal(HttpStatusCode.Created, offer.StatusCode);
        await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Scheduled" }, Ct);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/stage", new { stage = "Live" }, Ct)).StatusCode);
        return (sessionId, session.GetProperty("room").GetString()!, (await offer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }

    private static async Task<HttpClient> BuyerAsync(ServerProcess server, int n)
    {
        var buyer = server.Client();
        var identified = await buyer.PostAsJsonAsync("/api/storefront/identify", new { phone = $"135{n:D8}", nickname = $"买家{n}" }, Ct);
        Assert.Equal(HttpStatusCode.OK, identified.StatusCode);
        return buyer;
    }

    private static async Task<(HttpStatusCode Status, string Body)> OrderAsync(HttpClient buyer, Guid offerId, string key, int quantity = 1)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/storefront/offers/{offerId}/orders")
        {
            Content = new StringContent(OrderBody.Json(quantity), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await buyer.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Guid OrderId(string body) => JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetGuid();

    private static async Task<List<Order>> OrdersAsync(ServerProcess server, Guid offerId)
    {
        await using var db = await server.Database.CreateDbContextAsync(Ct);
        return await db.Orders.AsNoTracking().Where(o => o.OfferId == offerId).ToListAsync(Ct);
    }

    [Fact]
    public async Task Killed_with_kill_9_mid_flash_sale_it_keeps_every_accepted_order_and_oversells_nothing()
    {
        SkipIfUnavailable();
        await using var server = await ServerProcess.CreateAsync(postgres);
        await server.StartAsync();
        var staff = await server.SignInAsync("host@daihuo.local");
        var (sessionId, room, _) = await LiveSessionAsync(staff, units: 50);
        var skuId = await LiveSetup.SkuAsync(staff, "DH-F5003");
        var flash = await staff.PostAsJsonAsync($"/api/live/sessions/{sessionId}/flash-sales", new { skuId, quantity = 200, price = 2590, perBuyerLimit = 2, minutes = 30 }, Ct);
        Assert.Equal(HttpStatusCode.Created, flash.StatusCode);
        var offerId = (await flash.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var buyers = await Task.WhenAll(Enumerable.Range(0, 120).Select(n => BuyerAsync(server, n)));

        // 120 buyers with a limit of 2 want 240 of the 200 units; the process is killed once 100 are accepted.
        var accepted = new ConcurrentDictionary<string, (int Buyer, string Body)>();
        var killed = 0;
        async Task BuyUntilRefusedAsync(int b, string round)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var key = $"{round}-{b}-{attempt}";
                try
                {
                    var (status, body) = await OrderAsync(buyers[b], offerId, key);
                    if (status == HttpStatusCode.Created)
                    {
                        accepted[key] = (b, body);
                        if (accepted.Count >= 100 && Interlocked.Exchange(ref killed, 1) == 0)
                        {
                            await server.KillAsync();
                        }
                    }
                    else if (status != HttpStatusCode.ServiceUnavailable)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    return;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, buyers.Length).Select(b => BuyUntilRefusedAsync(b, "before")));
        Assert.Equal(1, killed);
        Assert.False(server.IsRunning);

        // Restarted: every acknowledged order is in the database, and the stock agrees with the orders.
        await server.StartAsync();
        var orders = await OrdersAsync(server, offerId);
        var ids = orders.Select(o => o.Id).ToHashSet();
        Assert.All(accepted.Values, a => Assert.Contains(OrderId(a.Body), ids));
        await using (var db = await server.Database.CreateDbContextAsync(Ct))
        {
            var row = await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offerId, Ct);
            Assert.Equal(orders.Sum(o => o.Quantity), row.Sold);
            Assert.True(row.Sold <= row.Allocated);
        }

        var view = await server.Client().GetFromJsonAsync<JsonElement>($"/api/storefront/rooms/{room}", Ct);
        var shown = view.GetProperty("offers").EnumerateArray().Single(o => o.GetProperty("offerId").GetGuid() == offerId);
        Assert.Equal(200 - orders.Sum(o => o.Quantity), shown.GetProperty("remaining").GetInt32());

        // A retried click after the crash answers the first acceptance, byte for byte.
        var (firstKey, first) = accepted.First();
        var replay = await OrderAsync(buyers[first.Buyer], offerId, firstKey);
        Assert.Equal((HttpStatusCode.Created, first.Body), replay);

        // The sale goes on to sell out exactly: 200 units, nobody above the limit, across the crash.
        await Task.WhenAll(Enumerable.Range(0, buyers.Length).Select(b => BuyUntilRefusedAsync(b, "after")));
        orders = await OrdersAsync(server, offerId);
        Assert.Equal(200, orders.Sum(o => o.Quantity));
        Assert.True(orders.GroupBy(o => o.BuyerId).All(g => g.Sum(o => o.Quantity) <= 2), "a buyer got more than the limit");
        Assert.Equal(orders.Count, orders.Select(o => (o.BuyerId, o.IdempotencyKey)).Distinct().Count());
    }

    [Theory]
    [InlineData("before-commit")]
    [InlineData("after-commit")]
    public async Task Dying_at_a_commit_then_retrying_the_same_key_places_the_order_exactly_once(string point)
    {
        SkipIfUnavailable();
        await using var server = await ServerProcess.CreateAsync(postgres);
        await server.StartAsync();
        var staff = await server.SignInAsync("host@daihuo.local");
        var (_, _, offerId) = await LiveSessionAsync(staff, units: 1000);
        var buyer = await BuyerAsync(server, 1);
        await server.KillAsync();

        var answers = new Dictionary<string, string>();
        string? dying = null;
        var sequence = 0;
        for (var i = 0; i <= FaultIterations; i++)
        {
            var last = i == FaultIterations;
            var round = 2 + (i % 3);
            await server.StartAsync(last ? null : $"{point}:{round}");
            if (dying is not null)
            {
                // The request that never got an answer: committed (after-commit) or not (before-commit) when the process died.
                var before = (await OrdersAsync(server, offerId)).Count(o => o.IdempotencyKey == dying);
                Assert.Equal(point == "after-commit" ? 1 : 0, before);
                var (status, body) = await OrderAsync(buyer, offerId, dying, quantity: 2);
                Assert.Equal(HttpStatusCode.Created, status);
                answers[dying] = body;
                dying = null;
            }

            while (!last)
            {
                var key = $"fault-{point}-{++sequence}";
                try
                {
                    var (status, body) = await OrderAsync(buyer, offerId, key, quantity: 2);
                    Assert.Equal(HttpStatusCode.Created, status);
                    answers[key] = body;
                }
                catch (HttpRequestException)
                {
                    dying = key;
                    break;
                }
            }

            if (!last)
            {
                await server.WaitForDeathAsync(TimeSpan.FromSeconds(30));
            }
        }

        // Every key placed exactly one order; every answer replays byte for byte; the stock row agrees.
        var orders = await OrdersAsync(server, offerId);
        Assert.Equal(answers.Count, orders.Count);
        Assert.Equal(answers.Keys.Order(), orders.Select(o => o.IdempotencyKey).Order());
        foreach (var (key, body) in answers)
        {
            Assert.Equal((HttpStatusCode.Created, body), await OrderAsync(buyer, offerId, key, quantity: 2));
        }

        await using var db = await server.Database.CreateDbContextAsync(Ct);
        Assert.Equal(orders.Sum(o => o.Quantity), (await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offerId, Ct)).Sold);
        Assert.True(answers.Count >= FaultIterations * 2, $"only {answers.Count} orders: the fault hook did not fire as planned");
    }
}

public sealed class SqliteCrashTests() : CrashTests(postgres: false);

public sealed class PostgresCrashTests() : CrashTests(postgres: true);
