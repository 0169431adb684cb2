using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;

namespace Daihuo.Server.Tests.Common;

/// <summary>The whole server on PostgreSQL: its migration set, Identity, seed and the catalog API.</summary>
public sealed class PostgresHostTests(PostgresDaihuoApp app) : IClassFixture<PostgresDaihuoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_server_runs_on_postgres_with_the_same_behaviour()
    {
        if (string.IsNullOrWhiteSpace(DaihuoApp.PostgresServer))
        {
            Assert.Skip("PostgreSQL suite off: set DAIHUO_TEST_POSTGRES to a connection string (CI sets it).");
        }

        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        var products = await client.GetFromJsonAsync<JsonElement>("/api/catalog/products?search=DH-W&sort=LivePrice&desc=false", Ct);
        Assert.True(products.GetProperty("total").GetInt32() >= 5);

        var bad = await client.PostAsJsonAsync("/api/catalog/products", new { code = "PG-1", name = "x", categoryCode = "food-snacks", skus = new[] { new { code = "PG-1", listPrice = 100, livePrice = 200, floorPrice = 0, cost = 0 } } }, Ct);
        await ProblemAssert.NamesFieldAsync(bad, HttpStatusCode.BadRequest, "skus[0].livePrice");
    }
}
