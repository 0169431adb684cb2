using Daihuo.Data.Promotions;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Server.Account;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Promotions;

public sealed record RankTierRequest(int UpToRank, long OffPerUnit);

/// <summary>
/// A promotion as the console or the API sends it: the kind, a name, an optional session and window,
/// and the fields of that kind (money in fen, percentages as whole numbers).
/// </summary>
public sealed record PromotionRequest(
    string? Kind,
    string? Name,
    Guid? SessionId,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    Guid? SkuId = null,
    IReadOnlyList<Guid>? SkuIds = null,
    long? Price = null,
    int? MinTier = null,
    IReadOnlyList<RankTierRequest>? Tiers = null,
    int? MinItems = null,
    int? PercentOff = null,
    long? Threshold = null,
    long? Off = null,
    bool? Repeatable = null,
    long? MaxOff = null,
    long? AmountOff = null,
    long? PercentCap = null,
    long? MinSpend = null,
    int? TotalQuantity = null,
    int? PerPerson = null,
    string? Scope = null,
    Guid? GiftSkuId = null,
    int? Quantity = null,
    string? Trigger = null,
    int? FirstOrders = null,
    int? Stock = null)
{
    /// <summary>The Domain record; an unknown kind or a missing field of the kind is a validation error naming it.</summary>
    public Promotion ToPromotion()
    {
        var name = Name ?? string.Empty;
        static Money M(long? fen) => Money.FromFen(fen ?? 0);
        Guid Need(Guid? id, string field) => id ?? throw new DomainValidationException(ErrorCodes.Required, field);
        Promotion promotion = Kind?.ToLowerInvariant() switch
        {
            "flashprice" or "flash" => new FlashPrice(string.Empty, name, Need(SkuId, "skuId"), M(Price)),
            "memberprice" or "member" => new MemberPrice(string.Empty, name, Need(SkuId, "skuId"), MinTier ?? 0, M(Price)),
            "ranktier" or "rank" => new RankTierPrice(string.Empty, name, Need(SkuId, "skuId"), [.. (Tiers ?? []).Select(t => new RankTier(t.UpToRank, Money.FromFen(t.OffPerUnit)))]),
            "multibuy" => new MultiBuy(string.Empty, name, SkuIds ?? [], MinItems ?? 0, PercentOff ?? 0),
            "bundle" => new BundlePrice(string.Empty, name, SkuIds ?? [], M(Price)),
            "threshold" => new ThresholdDiscount(string.Empty, name, M(Threshold), M(Off), Repeatable == true, MaxOff is null ? null : M(MaxOff)),
            "coupon" => new Coupon(string.Empty, name, AmountOff is null ? null : M(AmountOff), PercentOff, PercentCap is null ? null : M(PercentCap), M(MinSpend),
                TotalQuantity ?? 0, PerPerson ?? 1)
            {
                Scope = Enum.TryParse<CouponScope>(Scope ?? nameof(CouponScope.Shop), ignoreCase: true, out var scope) && Enum.IsDefined(scope)
                    ? scope
                    : throw new DomainValidationException(ErrorCodes.InvalidChoice, "scope", Scope ?? string.Empty),
            },
            "gift" => new Gift(string.Empty, name, Need(GiftSkuId, "giftSkuId"), Quantity ?? 0,
                Enum.TryParse<GiftTrigger>(Trigger ?? nameof(GiftTrigger.EveryOrder), ignoreCase: true, out var trigger) && Enum.IsDefined(trigger)
                    ? trigger
                    : throw new DomainValidationException(ErrorCodes.InvalidChoice, "trigger", Trigger ?? string.Empty),
                MinSpend is null ? null : M(MinSpend), FirstOrders) { Stock = Stock ?? 0 },
            _ => throw new DomainValidationException(ErrorCodes.InvalidChoice, "kind", Kind ?? string.Empty),
        };
        return promotion with { StartsAt = StartsAt?.ToUniversalTime(), EndsAt = EndsAt?.ToUniversalTime() };
    }
}

/// <summary>Staff plan promotions for the shop or a session; each is validated and audited; the list shows claims and uses.</summary>
internal static class PromotionsApi
{
    public static IEndpointRouteBuilder MapPromotionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/promotions").WithTags("Promotions").RequireAuthorization(Policies.LiveView).DisableAntiforgery();
        api.MapGet("/", async (Guid? sessionId, PromotionStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(sessionId, ct)));
        api.MapPost("/", CreateAsync).RequireAuthorization(Policies.PromotionsManage);
        api.MapGet("/stacking", async (PromotionStore store, CancellationToken ct) => TypedResults.Ok(await store.PolicyAsync(ct)));
        api.MapPut("/stacking", async (StackingPolicy? policy, PromotionStore store, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await store.SetPolicyAsync(policy ?? throw new DomainValidationException(ErrorCodes.Required, "steps"), http.User.ToActor(), ct)))
            .RequireAuthorization(Policies.PromotionsManage);
        api.MapGet("/advice", async (PromotionStore store, CancellationToken ct) => TypedResults.Ok(await store.AdviceAsync(ct)));
        api.MapPut("/advice", async (AdviceThresholds? thresholds, PromotionStore store, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await store.SetAdviceAsync(thresholds ?? throw new DomainValidationException(ErrorCodes.Required, "minDiscountPercent"), http.User.ToActor(), ct)))
            .RequireAuthorization(Policies.PromotionsManage);
        return app;
    }

    private static async Task<Created<PromotionDetails>> CreateAsync(PromotionRequest request, PromotionStore store, HttpContext http, CancellationToken ct)
    {
        var created = await store.CreateAsync(request.ToPromotion(), request.SessionId, http.User.ToActor(), ct);
        return TypedResults.Created($"/api/promotions/{created.Id}", created);
    }
}
