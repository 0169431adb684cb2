using Microsoft.AspNetCore.SignalR;
using System.Text.Json;
using Daihuo.Baseline;

// The baselines of the flash-sale comparison (issue 9, docs/benchmarks.md): Daihuo's buy endpoint, same
// path, headers, cookie, body and answers, with only the stock-and-order path different.
//   dotnet Daihuo.Baseline.dll --urls http://127.0.0.1:5393 --store rowlock --postgres "Host=...;Database=..."
//     one transaction per order: UPDATE offers SET sold = sold + q WHERE id = @id AND sold + q <= allocated,
//     then INSERT the order; synchronous_commit on (PostgreSQL's default).
//   dotnet Daihuo.Baseline.dll --urls http://127.0.0.1:5393 --store redis --redis 127.0.0.1:6390
//     one Lua script per order: check and decrement the stock, append the order (the server's appendfsync decides durability).
//   dotnet Daihuo.Baseline.dll --urls http://127.0.0.1:5393 --store hub
//     the fan-out baseline: an ASP.NET Core SignalR hub (/hub/room) that broadcasts each room update POSTed to
//     /bench/broadcast to every connection, and sends the latest one to a connection that joins.
// Loopback only; it holds nothing a shop would keep and is not part of Daihuo.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (builder.Configuration["store"] == "hub")
{
    builder.Services.AddSignalR();
    var hub = builder.Build();
    hub.MapGet("/health", () => "ok");
    hub.MapHub<RoomHub>("/hub/room");
    hub.MapPost("/bench/broadcast", async (HttpContext http, Microsoft.AspNetCore.SignalR.IHubContext<RoomHub> rooms) =>
    {
        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync();
        RoomHub.Latest = json;
        await rooms.Clients.All.SendAsync("room", json);
        return Results.NoContent();
    });
    await hub.RunAsync();
    return;
}

var store = builder.Configuration["store"] switch
{
    "rowlock" => (IBaselineStore)await RowLockStore.CreateAsync(builder.Configuration["postgres"] ?? throw new ArgumentException("--postgres is required")),
    "redis" => await RedisLuaStore.CreateAsync(builder.Configuration["redis"] ?? throw new ArgumentException("--redis is required")),
    _ => throw new ArgumentException("--store rowlock|redis|hub"),
};
builder.Services.AddSingleton(store);
var app = builder.Build();

app.MapGet("/health", () => "ok");

// Buyers: the same identify call as the storefront; the cookie names the buyer.
app.MapPost("/api/storefront/identify", async (HttpContext http) =>
{
    var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
    var phone = body.TryGetProperty("phone", out var p) ? p.GetString() : null;
    if (string.IsNullOrEmpty(phone))
    {
        return Results.Problem(statusCode: 400, title: "phone is required", extensions: new Dictionary<string, object?> { ["code"] = "required" });
    }

    http.Response.Headers.Append("Set-Cookie", $"daihuo.buyer=b{phone}; path=/; httponly");
    return Results.Ok(new { buyer = "b" + phone });
});

app.MapPost("/api/storefront/offers/{offerId:guid}/orders", async (Guid offerId, HttpContext http, IBaselineStore store) =>
{
    var buyer = http.Request.Cookies["daihuo.buyer"];
    var key = http.Request.Headers["Idempotency-Key"].ToString();
    if (string.IsNullOrEmpty(buyer))
    {
        return Results.Problem(statusCode: 401, title: "identify first", extensions: new Dictionary<string, object?> { ["code"] = "buyer_required" });
    }

    if (string.IsNullOrEmpty(key) || key.Length > 100)
    {
        return Results.Problem(statusCode: 400, title: "Idempotency-Key", extensions: new Dictionary<string, object?> { ["code"] = "idempotency_key_missing" });
    }

    var request = await JsonSerializer.DeserializeAsync<OrderRequest>(http.Request.Body, JsonSerializerOptions.Web);
    if (request is null || request.Quantity < 1 || string.IsNullOrWhiteSpace(request.ShipName) || string.IsNullOrWhiteSpace(request.ShipAddress))
    {
        return Results.Problem(statusCode: 400, title: "quantity", extensions: new Dictionary<string, object?> { ["code"] = "invalid_quantity" });
    }

    var placed = await store.PlaceAsync(offerId, buyer, key, request);
    return placed switch
    {
        null => Results.Problem(statusCode: 409, title: "Sold out", extensions: new Dictionary<string, object?> { ["code"] = "order_sold_out" }),
        { } order => Results.Json(new { orderId = order.OrderId, offerId, quantity = order.Quantity, total = order.TotalFen, status = "placed" }, statusCode: 201),
    };
});

// Set-up and reconciliation for the load tool.
app.MapPost("/bench/offers", async (OffersRequest request, IBaselineStore store) =>
    Results.Ok(await store.CreateOffersAsync(request.Count, request.Units, request.PriceFen)));
app.MapGet("/bench/offers/{offerId:guid}", async (Guid offerId, IBaselineStore store) => Results.Ok(await store.ReconcileAsync(offerId)));

await app.RunAsync();
