using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Live.Rooms;
using Daihuo.Server.Account;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Live;

public sealed record SessionRequest(string? Title, DateTimeOffset? PlannedStart, int? PlannedMinutes, string? StreamUrl, string? BackupStreamUrl, string? HostName);

public sealed record OfferRequest(Guid? SkuId, long LivePrice, int Allocated, int? PerBuyerLimit);

public sealed record StageRequest(SessionStage? Stage, string? Reason);

public sealed record PriceRequest(long LivePrice, string? Reason, bool? OverrideFloor);

public sealed record ListingRequest(bool? Listed);

public sealed record PinRequest(Guid? OfferId);

public sealed record ShelfOrderRequest(IReadOnlyList<Guid>? OfferIds);

public sealed record TopUpRequest(int Units, string? Reason);

public sealed record FlashSaleRequest(Guid? SkuId, int Quantity, long Price, int? PerBuyerLimit, DateTimeOffset? StartsAt, int? Minutes, bool? OverrideFloor);

public sealed record StreamRequest(bool? Backup);

public sealed record RoomNumbersResponse(SessionStage Stage, bool Test, RoomNumbers Numbers, int ConversionBasisPoints);

/// <summary>The staff side of live sessions: plan a session, put SKUs on its shelf, move it through its lifecycle.</summary>
internal static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/live").WithTags("Live").RequireAuthorization(Policies.LiveView).DisableAntiforgery();
        api.MapGet("/sessions", async (LiveStore live, CancellationToken ct) => TypedResults.Ok(await live.ListAsync(ct)));
        api.MapGet("/sessions/{id:guid}", GetAsync);
        api.MapPost("/sessions", CreateAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/offers", AddOfferAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/stage", MoveAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/offers/{offerId:guid}/price", ChangePriceAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/offers/{offerId:guid}/listing", ListAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/offers/{offerId:guid}/top-up", TopUpAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/pin", PinAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPut("/sessions/{id:guid}/shelf", ReorderAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/flash-sales", FlashSaleAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/stream", StreamAsync).RequireAuthorization(Policies.LiveManage);
        api.MapGet("/sessions/{id:guid}/numbers", NumbersAsync);
        return app;
    }

    private static async Task<Results<Ok<SessionDetails>, NotFound>> GetAsync(Guid id, LiveStore live, CancellationToken ct) =>
        await live.GetAsync(id, ct) is { } session ? TypedResults.Ok(session) : TypedResults.NotFound();

    private static async Task<Created<SessionDetails>> CreateAsync(SessionRequest request, LiveStore live, HttpContext http, CancellationToken ct)
    {
        var session = await live.CreateAsync(
            new SessionDraft(request.Title, request.PlannedStart, request.PlannedMinutes ?? 120, request.StreamUrl, request.BackupStreamUrl, request.HostName),
            http.User.ToActor(), ct);
        return TypedResults.Created($"/api/live/sessions/{session.Id}", session);
    }

    private static async Task<Created<OfferDetails>> AddOfferAsync(Guid id, OfferRequest request, LiveStore live, HttpContext http, CancellationToken ct)
    {
        if (request.SkuId is not { } skuId)
        {
            throw new DomainValidationException(ErrorCodes.Required, "skuId");
        }

        var offer = await live.AddOfferAsync(id, new OfferDraft(skuId, Money.FromFen(request.LivePrice), request.Allocated, request.PerBuyerLimit ?? 0), http.User.ToActor(), ct);
        return TypedResults.Created($"/api/live/sessions/{id}", offer);
    }

    private static async Task<Ok<OfferDetails>> ChangePriceAsync(Guid offerId, PriceRequest request, LivePricing pricing, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await pricing.ChangeAsync(offerId, Money.FromFen(request.LivePrice), request.Reason, request.OverrideFloor == true, http.User, ct));

    private static async Task<Ok<SessionDetails>> MoveAsync(Guid id, StageRequest request, LiveControls live, HttpContext http, CancellationToken ct)
    {
        if (request.Stage is not { } stage)
        {
            throw new DomainValidationException(ErrorCodes.Required, "stage");
        }

        return TypedResults.Ok(await live.MoveAsync(id, stage, http.User.ToActor(), request.Reason, ct));
    }

    private static async Task<Ok<SessionDetails>> ListAsync(Guid offerId, ListingRequest request, LiveControls live, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await live.SetListedAsync(offerId, request.Listed ?? throw new DomainValidationException(ErrorCodes.Required, "listed"), http.User.ToActor(), ct));

    private static async Task<Ok<Daihuo.Live.Orders.OfferSnapshot>> TopUpAsync(Guid offerId, TopUpRequest request, LiveControls controls, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await controls.TopUpAsync(offerId, request.Units, request.Reason, http.User, ct));

    private static async Task<Ok<SessionDetails>> PinAsync(Guid id, PinRequest request, LiveControls live, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await live.PinAsync(id, request.OfferId, http.User.ToActor(), ct));

    private static async Task<Ok<SessionDetails>> ReorderAsync(Guid id, ShelfOrderRequest request, LiveStore live, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await live.ReorderAsync(id, request.OfferIds ?? throw new DomainValidationException(ErrorCodes.Required, "offerIds"), http.User.ToActor(), ct));

    private static async Task<Created<OfferDetails>> FlashSaleAsync(Guid id, FlashSaleRequest request, LiveControls controls, HttpContext http, CancellationToken ct)
    {
        if (request.SkuId is not { } skuId)
        {
            throw new DomainValidationException(ErrorCodes.Required, "skuId");
        }

        var draft = new FlashSaleDraft(skuId, request.Quantity, Money.FromFen(request.Price), request.PerBuyerLimit ?? 1, request.StartsAt,
            request.Minutes ?? ShelfRules.DefaultFlashMinutes);
        var offer = await controls.StartFlashSaleAsync(id, draft, request.OverrideFloor == true, http.User, ct);
        return TypedResults.Created($"/api/live/sessions/{id}", offer);
    }

    private static async Task<Ok<SessionDetails>> StreamAsync(Guid id, StreamRequest request, LiveStore live, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await live.SwitchStreamAsync(id, request.Backup ?? throw new DomainValidationException(ErrorCodes.Required, "backup"), http.User.ToActor(), ct));

    private static async Task<Results<Ok<RoomNumbersResponse>, NotFound>> NumbersAsync(Guid id, LiveStore live, LiveControls controls, CancellationToken ct)
    {
        if (await live.GetAsync(id, ct) is not { } session)
        {
            return TypedResults.NotFound();
        }

        var numbers = (await controls.RoomAsync(id, session.Status)).Numbers;
        return TypedResults.Ok(new RoomNumbersResponse(session.Status, session.Status == SessionStage.Rehearsal, numbers, numbers.ConversionBasisPoints));
    }
}
