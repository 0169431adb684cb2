using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Server.Account;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Live;

public sealed record SessionRequest(string? Title, DateTimeOffset? PlannedStart, int? PlannedMinutes, string? StreamUrl, string? BackupStreamUrl, string? HostName);

public sealed record OfferRequest(Guid? SkuId, long LivePrice, int Allocated, int? PerBuyerLimit);

public sealed record StageRequest(SessionStage? Stage, string? Reason);

public sealed record PriceRequest(long LivePrice, string? Reason, bool? OverrideFloor);

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

    private static async Task<Ok<SessionDetails>> MoveAsync(Guid id, StageRequest request, LiveStore live, HttpContext http, CancellationToken ct)
    {
        if (request.Stage is not { } stage)
        {
            throw new DomainValidationException(ErrorCodes.Required, "stage");
        }

        return TypedResults.Ok(await live.MoveAsync(id, stage, http.User.ToActor(), request.Reason, ct));
    }
}
