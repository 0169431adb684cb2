using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Live.Orders;
using Daihuo.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Storefront;

public sealed record IdentifyRequest(string? Phone, string? Nickname);

public sealed record OrderRequest(int Quantity);

/// <summary>An accepted order, built only from what the journal holds, so a replay is byte for byte the same.</summary>
public sealed record OrderAccepted(Guid OrderId, Guid OfferId, int Quantity, long Total, string Status);

public sealed record RoomOffer(Guid OfferId, string Name, string SkuCode, string? Colour, string? Size, long Price, long ListPrice, int Allocated, int Remaining, int SoldPercent, int PerBuyerLimit, string? ImageUrl);

public sealed record RoomView(string Room, string Title, SessionStage Status, string? StreamUrl, string? BackupStreamUrl, IReadOnlyList<RoomOffer> Offers);

/// <summary>The viewer-facing API: identify, read a room, place an order (Idempotency-Key required).</summary>
internal static class StorefrontApi
{
    public const string KeyHeader = "Idempotency-Key";

    // Requests in flight on this server, by buyer and key: a second one with the same key is a 409.
    private static readonly ConcurrentDictionary<(string Buyer, string Key), byte> InFlight = new();

    public static IEndpointRouteBuilder MapStorefrontApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/storefront").WithTags("Storefront").AllowAnonymous().DisableAntiforgery();
        api.MapPost("/identify", Identify);
        api.MapGet("/rooms/{room}", GetRoomAsync);
        api.MapPost("/offers/{offerId:guid}/orders", PlaceOrderAsync);
        return app;
    }

    private static Ok<Buyer> Identify(IdentifyRequest request, BuyerIdentity buyers, HttpContext http) =>
        TypedResults.Ok(buyers.Identify(request.Phone, request.Nickname, http.Response));

    private static async Task<Results<Ok<RoomView>, NotFound>> GetRoomAsync(string room, LiveStore live, IGrainFactory grains, CancellationToken ct)
    {
        var session = await live.GetByRoomAsync(room, ct);
        return session is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(session, grains));
    }

    /// <summary>What a viewer sees of a room: listed offers with live stock from their grains.</summary>
    public static async Task<RoomView> ViewAsync(SessionDetails session, IGrainFactory grains)
    {
        var offers = new List<RoomOffer>();
        foreach (var o in session.Offers.Where(o => o.Listed))
        {
            // The grain's view is the current one; the row can lag a batch behind.
            var snapshot = await grains.GetGrain<IOfferGrain>(o.Id).GetSnapshotAsync();
            var remaining = snapshot.Allocated - snapshot.Sold;
            offers.Add(new RoomOffer(o.Id, o.ProductName, o.SkuCode, o.Colour, o.Size, o.Price.Fen, o.ListPrice.Fen, snapshot.Allocated, remaining,
                snapshot.Allocated == 0 ? 0 : snapshot.Sold * 100 / snapshot.Allocated, o.PerBuyerLimit,
                o.ImageFile is null ? null : Catalog.ImageStore.ThumbnailUrl(o.ImageFile)));
        }

        return new RoomView(session.Room, session.Title, session.Status, session.StreamUrl, session.BackupStreamUrl, offers);
    }

    private static async Task<IResult> PlaceOrderAsync(Guid offerId, HttpContext http, BuyerIdentity buyers, LiveStore live, IGrainFactory grains, CancellationToken ct)
    {
        var key = http.Request.Headers[KeyHeader].ToString();
        if (string.IsNullOrEmpty(key))
        {
            throw new DomainValidationException(ErrorCodes.IdempotencyKeyMissing, KeyHeader);
        }

        if (key.Length > 100 || key.Any(c => c is < '!' or > '~'))
        {
            throw new DomainValidationException(ErrorCodes.IdempotencyKeyFormat, KeyHeader);
        }

        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var hash = Convert.ToHexString(SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes($"POST {http.Request.Path}\n"), .. body]));
        OrderRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<OrderRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            throw new DomainValidationException(ErrorCodes.InvalidNumber, "quantity");
        }

        if (request is null || request.Quantity < 1)
        {
            throw new DomainValidationException(ErrorCodes.InvalidQuantity, "quantity");
        }

        var gate = await live.OfferSessionAsync(offerId, ct) ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
        if (gate.Stage != SessionStage.Live)
        {
            throw new ConflictException(ErrorCodes.SessionNotSelling, "offerId", gate.Stage.ToString());
        }

        if (!InFlight.TryAdd((buyer.Id, key), 0))
        {
            throw new ConflictException(ErrorCodes.IdempotencyInFlight, KeyHeader);
        }

        try
        {
            var offer = grains.GetGrain<IOfferGrain>(offerId);
            var result = await offer.PlaceOrderAsync(new PlaceOrder(buyer.Id, request.Quantity, key, hash));
            return result.Outcome switch
            {
                OrderOutcome.Accepted => Results.Json(
                    new OrderAccepted(result.OrderId!.Value, offerId, result.Quantity, result.TotalFen, "placed"),
                    statusCode: StatusCodes.Status201Created),
                OrderOutcome.KeyReused => throw ProblemException.KeyReused(),
                OrderOutcome.SoldOut => throw new ConflictException(ErrorCodes.SoldOut, "quantity"),
                OrderOutcome.NotEnoughStock => throw new ConflictException(ErrorCodes.NotEnoughStock, "quantity", result.Remaining),
                OrderOutcome.OverBuyerLimit => throw new ConflictException(ErrorCodes.OverBuyerLimit, "quantity", (await offer.GetSnapshotAsync()).PerBuyerLimit),
                OrderOutcome.InvalidQuantity => throw new DomainValidationException(ErrorCodes.InvalidQuantity, "quantity"),
                _ => throw ProblemException.RetryLater(),
            };
        }
        finally
        {
            InFlight.TryRemove((buyer.Id, key), out _);
        }
    }
}
