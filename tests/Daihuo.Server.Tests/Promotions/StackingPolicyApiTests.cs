using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;

namespace Daihuo.Server.Tests.Promotions;

/// <summary>The shop's stacking policy is data: a looping one is refused and changes nothing; a valid one changes how orders are priced.</summary>
public abstract class StackingPolicyApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_looping_policy_is_refused_and_a_coupon_first_policy_prices_the_next_quote_differently()
    {
        app.SkipIfUnavailable();
        var (staff, sessionId, offerId) = await app.LiveOfferAsync(units: 20, limit: 20, language: "en");
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        await owner.PostAsJsonAsync("/api/promotions", new { kind = "threshold", name = "满 100 减 10", sessionId, threshold = 10000, off = 1000 }, Ct);
        var coupon = await (await owner.PostAsJsonAsync("/api/promotions",
            new { kind = "coupon", name = "减 5", sessionId, amountOff = 500, minSpend = 0, totalQuantity = 10, perPerson = 1, endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var buyer = await app.BuyerAsync("13200132001", "en");
        await buyer.PostAsync($"/api/storefront/coupons/{coupon.GetProperty("id").GetGuid()}/claim", null, Ct);
        var before = await owner.GetStringAsync("/api/promotions/stacking", Ct);

        // 4 × 29.90 = 119.60: default → threshold (−10 = 109.60) → coupon (−5 = 104.60).
        Assert.Equal(10460, (await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/offers/{offerId}/quote?quantity=4", Ct)).GetProperty("total").GetInt64());

        var loop = new { steps = new object[] { new { kind = "Coupon", after = new[] { "Threshold" } }, new { kind = "Threshold", after = new[] { "Coupon" } } }, exclusions = Array.Empty<object>() };
        var refused = await owner.PutAsJsonAsync("/api/promotions/stacking", loop, Ct);
        var message = await ProblemAssert.NamesFieldAsync(refused, HttpStatusCode.BadRequest, "steps");
        Assert.Contains("loop", message, StringComparison.Ordinal);
        Assert.Equal(before, await owner.GetStringAsync("/api/promotions/stacking", Ct));

        // Add "115 minus 20". Default order would give 119.60 − 20 − 5 = 94.60; coupon first gives 119.60 − 5 = 114.60,
        // below 115, so only "100 minus 10" applies: 104.60.
        var couponFirst = new
        {
            steps = new object[] { new { kind = "Coupon", after = Array.Empty<string>() }, new { kind = "Threshold", after = new[] { "Coupon" } } },
            exclusions = Array.Empty<object>(),
        };
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync("/api/promotions/stacking", couponFirst, Ct)).StatusCode);
        await owner.PostAsJsonAsync("/api/promotions", new { kind = "threshold", name = "满 115 减 20", sessionId, threshold = 11500, off = 2000 }, Ct);
        var quote = await buyer.GetFromJsonAsync<JsonElement>($"/api/storefront/offers/{offerId}/quote?quantity=4", Ct);
        Assert.Equal(10460, quote.GetProperty("total").GetInt64());
        var order = await (await LiveSetup.OrderAsync(buyer, offerId, "policy-1", quantity: 4)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(10460, order.GetProperty("total").GetInt64());
        _ = staff;
    }
}

public sealed class SqliteStackingPolicyApiTests(DaihuoApp app) : StackingPolicyApiTests<DaihuoApp>(app);

public sealed class PostgresStackingPolicyApiTests(PostgresDaihuoApp app) : StackingPolicyApiTests<PostgresDaihuoApp>(app);
