using Daihuo.Data.Interaction;
using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Daihuo.Server.Account;
using Daihuo.Server.Team;

namespace Daihuo.Server.Interaction;

public sealed record BanRequest(string? ViewerId, string? Name, BanKind? Kind, int? Minutes);

public sealed record ReplyRequest(string? Text);

public sealed record GateRequest(Guid? SkuId, int Quantity, long Price, int? PerBuyerLimit, int? Minutes);

public sealed record TallyRequest(string? Prefix, string? Options, int? Goal, GateRequest? Gate);

public sealed record LotteryRequest(string? Prize, PrizeKind? Kind, long PrizeValue, int Quantity, Guid? CouponId, string? Keyword, bool? MustFollow,
    int? WatchMinutes, bool? MustHaveBought, int? DrawInMinutes, string? Terms)
{
    /// <summary>Goods prizes: the shelf offer each winner gets one unit of, as an order at no charge.</summary>
    public Guid? PrizeOfferId { get; init; }
}

public sealed record MilestoneCouponRequest(string? Name, long AmountOff, long MinSpend, int Quantity, int? Minutes);

public sealed record MilestoneRequest(int EveryLikes, MilestoneCouponRequest? Coupon, LotteryRequest? Lottery);

public sealed record AnswerRequest(string? Topic, IReadOnlyList<string>? Keywords, string? Answer);

/// <summary>The console's interaction API: moderation, replies, tallies, lotteries and prepared answers.</summary>
internal static class InteractionApi
{
    public static IEndpointRouteBuilder MapInteractionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/live").WithTags("Interaction").RequireAuthorization(Policies.LiveView).DisableAntiforgery();
        api.MapGet("/sessions/{id:guid}/moderation", async (Guid id, Interactions i, CancellationToken ct) => TypedResults.Ok(await i.ModerationAsync(id, ct)));
        api.MapPost("/sessions/{id:guid}/comments/{seq:long}/release", (Guid id, long seq, Interactions i, HttpContext http, CancellationToken ct) =>
            ModerateAsync(id, seq, true, i, http, ct)).RequireAuthorization(Policies.CommentsModerate);
        api.MapPost("/sessions/{id:guid}/comments/{seq:long}/delete", (Guid id, long seq, Interactions i, HttpContext http, CancellationToken ct) =>
            ModerateAsync(id, seq, false, i, http, ct)).RequireAuthorization(Policies.CommentsModerate);
        api.MapPost("/sessions/{id:guid}/bans", BanAsync).RequireAuthorization(Policies.CommentsModerate);
        api.MapDelete("/sessions/{id:guid}/bans/{banId:guid}", async (Guid id, Guid banId, Interactions i, HttpContext http, CancellationToken ct) =>
        {
            await i.LiftAsync(id, banId, http.User.ToActor(), ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.CommentsModerate);
        api.MapGet("/bans", async (InteractionStore store, CancellationToken ct) => TypedResults.Ok(await store.ActiveBansAsync(ct)));
        api.MapPost("/sessions/{id:guid}/replies", async (Guid id, ReplyRequest request, Interactions i, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await i.ReplyAsync(id, request.Text, http.User.ToActor(), ct))).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/tallies", TallyAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/tallies/stop", async (Guid id, Interactions i, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await i.StopTallyAsync(id, http.User.ToActor(), ct))).RequireAuthorization(Policies.LiveManage);
        api.MapGet("/sessions/{id:guid}/lotteries", async (Guid id, Interactions i, CancellationToken ct) => TypedResults.Ok(await i.LotteriesAsync(id, ct)));
        api.MapPost("/sessions/{id:guid}/lotteries", LotteryAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/lotteries/{lotteryId:guid}/draw", async (Guid lotteryId, Interactions i, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await i.DrawNowAsync(lotteryId, http.User.ToActor(), ct))).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/lotteries/{lotteryId:guid}/cancel", async (Guid lotteryId, Interactions i, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await i.CancelLotteryAsync(lotteryId, http.User.ToActor(), ct))).RequireAuthorization(Policies.LiveManage);

        api.MapGet("/sessions/{id:guid}/milestones", async (Guid id, Interactions i, CancellationToken ct) => TypedResults.Ok(await i.MilestonesAsync(id, ct)));
        api.MapPost("/sessions/{id:guid}/milestones", MilestoneAsync).RequireAuthorization(Policies.LiveManage);
        api.MapPost("/sessions/{id:guid}/milestones/{milestoneId:guid}/stop", async (Guid id, Guid milestoneId, Interactions i, HttpContext http, CancellationToken ct) =>
        {
            await i.StopMilestoneAsync(id, milestoneId, http.User.ToActor(), ct);
            return Results.NoContent();
        }).RequireAuthorization(Policies.LiveManage);

        var answers = app.MapGroup("/api/interaction/answers").WithTags("Interaction").RequireAuthorization(Policies.LiveView).DisableAntiforgery();
        answers.MapGet("/", async (InteractionStore store, CancellationToken ct) => TypedResults.Ok(await store.AnswersAsync(ct)));
        answers.MapPost("/", (AnswerRequest r, InteractionStore s, Interactions i, HttpContext h, CancellationToken ct) => SaveAnswerAsync(null, r, s, i, h, ct))
            .RequireAuthorization(Policies.LiveManage);
        answers.MapPut("/{answerId:guid}", (Guid answerId, AnswerRequest r, InteractionStore s, Interactions i, HttpContext h, CancellationToken ct) =>
            SaveAnswerAsync(answerId, r, s, i, h, ct)).RequireAuthorization(Policies.LiveManage);
        answers.MapDelete("/{answerId:guid}", async (Guid answerId, InteractionStore store, Interactions i, HttpContext http, CancellationToken ct) =>
        {
            await store.DeleteAnswerAsync(answerId, http.User.ToActor(), ct);
            i.AnswersChanged();
            return Results.NoContent();
        }).RequireAuthorization(Policies.LiveManage);
        answers.MapPost("/defaults", async (InteractionStore store, Interactions i, HttpContext http, CancellationToken ct) =>
        {
            await store.AddDefaultAnswersAsync(http.User.ToActor(), ct);
            i.AnswersChanged();
            return TypedResults.Ok(await store.AnswersAsync(ct));
        }).RequireAuthorization(Policies.LiveManage);
        return app;
    }

    private static async Task<IResult> ModerateAsync(Guid id, long seq, bool release, Interactions i, HttpContext http, CancellationToken ct) =>
        Results.Ok(await i.ModerateAsync(id, seq, release, http.User.ToActor(), ct));

    private static async Task<IResult> BanAsync(Guid id, BanRequest request, Interactions i, HttpContext http, CancellationToken ct)
    {
        var errors = new ValidationResult();
        if (string.IsNullOrWhiteSpace(request.ViewerId))
        {
            errors.Add(ErrorCodes.Required, "viewerId");
        }

        if (request.Kind is null)
        {
            errors.Add(ErrorCodes.Required, "kind");
        }

        errors.ThrowIfInvalid();
        return Results.Ok(await i.BanAsync(id, request.ViewerId!, request.Name, request.Kind!.Value, request.Minutes, http.User.ToActor(), ct));
    }

    private static async Task<IResult> TallyAsync(Guid id, TallyRequest request, Interactions i, HttpContext http, CancellationToken ct)
    {
        FlashGate? gate = null;
        if (request.Gate is { } g)
        {
            gate = new FlashGate(g.SkuId ?? throw new DomainValidationException(ErrorCodes.Required, "gate.skuId"), g.Quantity, g.Price, g.PerBuyerLimit ?? 1,
                g.Minutes ?? 10);
        }

        return Results.Ok(await i.StartTallyAsync(id, request.Prefix, KeywordTally.ParseOptions(request.Options), request.Goal, gate, http.User.ToActor(), ct));
    }

    private static LotteryDraft Draft(LotteryRequest r) => new(r.Prize, r.Kind ?? PrizeKind.Goods, Money.FromFen(r.PrizeValue), r.Quantity, r.CouponId,
        new Eligibility(r.Keyword, r.MustFollow ?? false, r.WatchMinutes ?? 0, r.MustHaveBought ?? false), r.DrawInMinutes ?? 0, r.Terms)
    {
        PrizeOfferId = r.PrizeOfferId,
    };

    private static async Task<IResult> MilestoneAsync(Guid id, MilestoneRequest r, Interactions i, HttpContext http, CancellationToken ct)
    {
        var coupon = r.Coupon is { } c ? new MilestoneCoupon(c.Name ?? string.Empty, c.AmountOff, c.MinSpend, c.Quantity, c.Minutes ?? 10) : null;
        return Results.Ok(await i.AddMilestoneAsync(id, r.EveryLikes, coupon, r.Lottery is { } l ? Draft(l) : null, http.User.ToActor(), ct));
    }

    private static async Task<IResult> LotteryAsync(Guid id, LotteryRequest r, Interactions i, HttpContext http, CancellationToken ct)
    {
        var draft = Draft(r);
        var lottery = await i.OpenLotteryAsync(id, draft, http.User.ToActor(), ct);
        return Results.Created($"/lottery/{lottery.Id}", lottery);
    }

    private static async Task<IResult> SaveAnswerAsync(Guid? id, AnswerRequest r, InteractionStore store, Interactions i, HttpContext http, CancellationToken ct)
    {
        var saved = await store.SaveAnswerAsync(id, r.Topic, r.Keywords ?? [], r.Answer, http.User.ToActor(), ct);
        i.AnswersChanged();
        return Results.Ok(saved);
    }
}
