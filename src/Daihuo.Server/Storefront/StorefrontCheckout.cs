using System.Security.Cryptography;
using System.Text;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Live.Orders;
using Daihuo.Server.Common;
using Daihuo.Server.Promotions;

namespace Daihuo.Server.Storefront;

public sealed record CartLineRequest(Guid? OfferId, int Quantity);

public sealed record CartQuoteRequest(IReadOnlyList<CartLineRequest>? Lines);

public sealed record CheckoutRequest(IReadOnlyList<CartLineRequest>? Lines, string? ShipName, string? ShipPhone, string? ShipAddress);

/// <summary>An accepted checkout: one order per line (each offer's journal wrote its own), built only from what the journals hold.</summary>
public sealed record CheckoutAccepted(Guid CheckoutId, long Total, IReadOnlyList<OrderAccepted> Orders);

/// <summary>
/// The buyer's bag: several offers of one room bought together, so threshold discounts and coupons
/// count the whole cart. Each line is an order of its own offer (the offer grain stays the only
/// place its stock is decided), all sharing a checkout id; order-level discounts are apportioned
/// over the lines, so a line refunds exactly its share. Either every line is placed, or none is kept:
/// lines accepted before another was refused are cancelled at once and their stock goes back.
/// </summary>
internal static class StorefrontCheckout
{
    public const int MaxLines = 20;

    public static IEndpointRouteBuilder MapStorefrontCheckout(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/storefront/rooms/{room}").WithTags("Storefront").AllowAnonymous().DisableAntiforgery();
        api.MapPost("/quote", QuoteAsync);
        api.MapPost("/checkouts", CheckoutAsync);
        return app;
    }

    private static async Task<IResult> QuoteAsync(string room, CartQuoteRequest request, BuyerIdentity buyers, LiveStore live, Checkout checkout,
        HttpContext http, CancellationToken ct)
    {
        var session = await StorefrontApi.OpenRoomAsync(room, live, ct);
        var picks = Picks(session, request.Lines);
        return Results.Ok(await checkout.QuoteCartAsync(session.Id, picks, buyers.Current(http.Request)?.Id, session.Status == SessionStage.Rehearsal, ct));
    }

    /// <summary>Checks a bag against the room's shelf: 1 to 20 lines, each a listed offer of this room once, with a quantity the limits allow.</summary>
    private static List<CartPick> Picks(SessionDetails session, IReadOnlyList<CartLineRequest>? lines)
    {
        if (lines is not { Count: > 0 })
        {
            throw new DomainValidationException(ErrorCodes.Required, "lines");
        }

        if (lines.Count > MaxLines)
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "lines", 1, MaxLines);
        }

        var errors = new ValidationResult();
        var picks = new List<CartPick>(lines.Count);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var offer = line.OfferId is { } id ? session.Offers.FirstOrDefault(o => o.Id == id) : null;
            if (offer is null)
            {
                errors.Add(line.OfferId is null ? ErrorCodes.Required : ErrorCodes.CheckoutOtherRoom, $"lines[{i}].offerId");
                continue;
            }

            if (!offer.Listed)
            {
                throw new ConflictException(ErrorCodes.OfferUnlisted, $"lines[{i}].offerId");
            }

            if (!seen.Add(offer.Id))
            {
                errors.Add(ErrorCodes.CheckoutDuplicateOffer, $"lines[{i}].offerId");
            }

            if (line.Quantity is < 1 or > ShelfRules.MaxPerBuyerLimit)
            {
                errors.Add(ErrorCodes.OutOfRange, $"lines[{i}].quantity", 1, ShelfRules.MaxPerBuyerLimit);
            }

            picks.Add(new CartPick(offer.Id, offer.SkuId, offer.ListPrice, line.Quantity));
        }

        errors.ThrowIfInvalid();
        return picks;
    }

    private static async Task<IResult> CheckoutAsync(string room, HttpContext http, BuyerIdentity buyers, LiveStore live, IGrainFactory grains, Checkout checkout,
        Data.Orders.OrderStore orders, CancellationToken ct)
    {
        var (key, hash, request) = await StorefrontApi.ReadKeyedAsync<CheckoutRequest>(http, "lines", ct);
        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        var contact = ShipTo.Validate(new OrderRequest(1, request?.ShipName, request?.ShipPhone, request?.ShipAddress), buyer);
        var session = await StorefrontApi.OpenRoomAsync(room, live, ct);
        if (!SessionLifecycle.TakesOrders(session.Status))
        {
            throw new ConflictException(ErrorCodes.SessionNotSelling, "room", session.Status.ToString());
        }

        var picks = Picks(session, request?.Lines);
        using var held = StorefrontApi.Hold(buyer.Id, key);
        var test = session.Status == SessionStage.Rehearsal;

        // The same buyer and key always make the same checkout: a retry finds the lines that were placed and places the rest.
        var checkoutId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"checkout\n{buyer.Id}\n{key}")).AsSpan(0, 16));
        var cart = await checkout.PrepareCartAsync(session.Id, picks, buyer.Id, checkoutId, test, ct);
        var priced = cart.Priced;
        var offers = picks.Select(p => grains.Offer(p.OfferId, test)).ToList();
        // If this fails midway the answers are unknown: a retry with the same key finds what was placed (the coupon stays with the checkout).
        var results = await Task.WhenAll(picks.Select((p, i) => offers[i].PlaceOrderAsync(new PlaceOrder(buyer.Id, p.Quantity, key, hash)
        {
            Contact = contact,
            Pricing = cart.Prepared.Pricing,
            OrderId = Guid.CreateVersion7(),
            Cart = new CartTerms(checkoutId, cart.Items, i, priced.Total.Fen, priced.Lines[i].Amount.Fen),
        })));

        var refused = Array.FindIndex(results, r => r.Outcome != OrderOutcome.Accepted);
        if (refused < 0 && !await AbandonedAsync(orders, checkoutId, ct))
        {
            return Results.Json(
                new CheckoutAccepted(checkoutId, results.Sum(r => r.TotalFen),
                    [.. results.Select((r, i) => new OrderAccepted(r.OrderId!.Value, picks[i].OfferId, r.Quantity, r.TotalFen, test ? "test" : "placed"))]),
                statusCode: StatusCodes.Status201Created);
        }

        // Not every line was placed: the others are cancelled now (their units go back), and so is the coupon's redemption.
        var system = new StaffAct(Data.Audit.Actor.System.UserId, Data.Audit.Actor.System.Name, "checkout_incomplete");
        await Task.WhenAll(results.Select((r, i) => r.Outcome == OrderOutcome.Accepted ? offers[i].CancelUnpaidAsync(r.OrderId!.Value, system) : Task.FromResult(false)));
        await checkout.AbandonAsync(cart.Prepared);

        if (refused < 0)
        {
            throw new ConflictException(ErrorCodes.CheckoutAbandoned, "lines");
        }

        throw await StorefrontApi.RefusalAsync(results[refused], offers[refused], $"lines[{refused}].quantity", $"lines[{refused}].offerId");
    }

    /// <summary>A replay of a checkout that was abandoned before (a line refused, the rest cancelled): it stays abandoned.</summary>
    private static async Task<bool> AbandonedAsync(Data.Orders.OrderStore orders, Guid checkoutId, CancellationToken ct) =>
        (await orders.CheckoutAsync(checkoutId, ct)).Any(o => o.Status == Data.Orders.OrderStatus.Cancelled && o.PaidAt is null);
}
