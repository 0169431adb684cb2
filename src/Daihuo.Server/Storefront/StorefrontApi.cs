using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Live.Orders;
using Daihuo.Live.Rooms;
using Daihuo.Server.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Storefront;

public sealed record IdentifyRequest(string? Phone, string? Nickname);

public sealed record OrderRequest(int Quantity, string? ShipName, string? ShipPhone, string? ShipAddress);

public sealed record InteractionRequest(string? Kind, int? Count, Guid? OfferId, string? Source);

public sealed record CommentRequest(string? Text);

/// <summary>A comment taken: its number in the room (every comment taken is moderated and kept).</summary>
public sealed record CommentAccepted(long Seq);

public sealed record RoomCoupon(Guid CouponId, string Name, long? AmountOff, int? PercentOff, long MinSpend, DateTimeOffset? EndsAt, int Remaining, bool Held)
{
    /// <summary>"shop", "room" or "newfollower" (given by following the room, not by a tap).</summary>
    public string Scope { get; init; } = "shop";
}

public sealed record MyOrder(Guid OrderId, string Name, string? Variant, int Quantity, long Total, string Status, bool Test, DateTimeOffset PlacedAt)
{
    /// <summary>The checkout the order is a line of (its lines are paid together), and what was refunded of it.</summary>
    public Guid? CheckoutId { get; init; }

    public long Refunded { get; init; }
}

/// <summary>An accepted order, built only from what the journal holds, so a replay is byte for byte the same.</summary>
public sealed record OrderAccepted(Guid OrderId, Guid OfferId, int Quantity, long Total, string Status);

public sealed record RoomOffer(
    Guid OfferId, Guid ProductId, string Name, string SkuCode, string? Colour, string? Size, long Price, long ListPrice, int Allocated, int Remaining,
    int SoldPercent, int PerBuyerLimit, string? ImageUrl, DateTimeOffset? FlashStartsAt, DateTimeOffset? FlashEndsAt);

public sealed record RoomCounts(int Online, long Likes, int Followers);

public sealed record RoomView(
    string Room, string Title, SessionStage Status, bool Test, string? StreamUrl, string? BackupStreamUrl, bool OnBackupStream, Guid? PinnedOfferId,
    IReadOnlyList<RoomOffer> Offers, RoomCounts Counts, IReadOnlyList<Daihuo.Live.Rooms.RoomComment> Comments, DateTimeOffset Now)
{
    /// <summary>The coupons viewers can claim now and how many are left; a coupon issued live appears here within a second.</summary>
    public IReadOnlyList<RoomCouponState> Coupons { get; init; } = [];

    /// <summary>The room's lotteries (open ones with their commitment, drawn ones with their winners), newest first.</summary>
    public IReadOnlyList<PublicLottery> Lotteries { get; init; } = [];
}

public sealed record RoomCouponState(Guid CouponId, int Remaining);

/// <summary>A winner as the public sees them: the entry code and a masked nickname.</summary>
public sealed record PublicWinner(int Rank, string Code, string Name);

/// <summary>
/// A lottery as anyone may see it: the rules published before the draw (《规范促销行为暂行规定》 Art. 13)
/// and the commitment; after the draw also the seed, the entry list and the winners, to check.
/// </summary>
public sealed record PublicLottery(
    Guid Id, string Prize, string Kind, long PrizeValue, int Quantity, string? Keyword, bool MustFollow, int WatchMinutes, bool MustHaveBought, string? Terms,
    DateTimeOffset OpenedAt, DateTimeOffset DrawAt, string Status, string Commitment, string? Seed, IReadOnlyList<string>? Entries, DateTimeOffset? DrawnAt,
    IReadOnlyList<PublicWinner> Winners)
{
    public static PublicLottery From(Data.Interaction.LotteryDetails l, bool withEntries) => new(
        l.Id, l.Prize, l.Kind.ToString().ToLowerInvariant(), l.PrizeValue.Fen, l.Quantity, l.Eligibility.Keyword, l.Eligibility.MustFollow, l.Eligibility.WatchMinutes,
        l.Eligibility.MustHaveBought, l.Terms, l.OpenedAt, l.DrawAt, l.Status.ToString().ToLowerInvariant(), l.Commitment, l.Seed, withEntries ? l.Entries : null, l.DrawnAt,
        [.. l.Winners.Select(w => new PublicWinner(w.Rank, w.Code, Mask(w.Name)))]);

    /// <summary>"小芒果" → "小**": enough for a winner to recognise themselves, not enough to expose them.</summary>
    public static string Mask(string? name) => string.IsNullOrEmpty(name) ? "***" : name[..1] + new string('*', Math.Clamp(name.Length - 1, 2, 4));
}

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
        api.MapPost("/rooms/{room}/interactions", InteractAsync);
        api.MapPost("/rooms/{room}/comments", CommentAsync);
        api.MapGet("/rooms/{room}/orders", MyOrdersAsync);
        api.MapGet("/offers/{offerId:guid}/quote", QuoteAsync);
        api.MapGet("/rooms/{room}/coupons", CouponsAsync);
        api.MapPost("/coupons/{couponId:guid}/claim", ClaimAsync);
        api.MapGet("/lotteries/{lotteryId:guid}", LotteryAsync);
        api.MapGet("/lotteries/{lotteryId:guid}/me", MyEntryAsync);
        return app;
    }

    private static Ok<Buyer> Identify(IdentifyRequest request, BuyerIdentity buyers, HttpContext http) =>
        TypedResults.Ok(buyers.Identify(request.Phone, request.Nickname, http.Response));

    private static async Task<Results<Ok<RoomView>, NotFound>> GetRoomAsync(string room, LiveStore live, Data.Promotions.PromotionStore promotions,
        Data.Interaction.InteractionStore interactions, IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        var session = await live.GetByRoomAsync(room, ct);
        return session is null ? TypedResults.NotFound() : TypedResults.Ok(await ViewAsync(session, promotions, interactions, grains, clock, ct));
    }

    /// <summary>
    /// What a viewer sees of a room: listed offers with live stock from their grains (the pinned one
    /// first), the room's counts and latest comments. A rehearsal shows its test stock and figures.
    /// </summary>
    public static async Task<RoomView> ViewAsync(SessionDetails session, Data.Promotions.PromotionStore promotions, Data.Interaction.InteractionStore interactions,
        IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        var test = session.Status == SessionStage.Rehearsal;
        var listed = session.Offers.Where(o => o.Listed).ToList();
        var snapshots = await Task.WhenAll(listed.Select(o => grains.Offer(o.Id, test).GetSnapshotAsync()));
        var offers = new List<RoomOffer>(listed.Count);
        for (var i = 0; i < listed.Count; i++)
        {
            // The grain's view is the current one; the row can lag a batch behind.
            var (o, snapshot) = (listed[i], snapshots[i]);
            var remaining = snapshot.Allocated - snapshot.Sold;
            offers.Add(new RoomOffer(o.Id, o.ProductId, o.ProductName, o.SkuCode, o.Colour, o.Size, o.Price.Fen, o.ListPrice.Fen, snapshot.Allocated, remaining,
                snapshot.Allocated == 0 ? 0 : snapshot.Sold * 100 / snapshot.Allocated, o.PerBuyerLimit,
                o.ImageFile is null ? null : Catalog.ImageStore.ThumbnailUrl(o.ImageFile), o.FlashStartsAt, o.FlashEndsAt));
        }

        var room = await grains.Room(session.Id, test).GetStateAsync();
        var now = clock.GetUtcNow();
        var coupons = new List<RoomCouponState>();
        foreach (var c in (await promotions.ActiveForAsync(session.Id, ct)).OfType<Domain.Promotions.Coupon>().Where(c => c.ActiveAt(now)))
        {
            var id = Guid.Parse(c.Id);
            coupons.Add(new RoomCouponState(id, await grains.GetGrain<Daihuo.Live.Promotions.ICouponGrain>(id).RemainingAsync()));
        }

        return new RoomView(session.Room, session.Title, session.Status, test, session.StreamUrl, session.BackupStreamUrl, session.OnBackupStream,
            session.PinnedOfferId, offers, new RoomCounts(room.Numbers.Online, room.Numbers.Likes, room.Numbers.Followers), room.Comments, now)
        {
            Coupons = coupons,
            Lotteries = [.. (await interactions.LotteriesAsync(session.Id, test, ct)).Where(l => l.Status != Domain.Interaction.LotteryStatus.Cancelled).Take(3)
                .Select(l => PublicLottery.From(l, withEntries: false))],
        };
    }

    private static async Task<IResult> LotteryAsync(Guid lotteryId, Data.Interaction.InteractionStore interactions, CancellationToken ct) =>
        await interactions.LotteryAsync(lotteryId, ct) is { } l ? Results.Ok(PublicLottery.From(l, withEntries: true))
            : throw new NotFoundException(ErrorCodes.LotteryNotFound, "lotteryId", lotteryId);

    /// <summary>The viewer's own entry code in a lottery (to find themselves in the published list), and whether they won.</summary>
    private static async Task<IResult> MyEntryAsync(Guid lotteryId, BuyerIdentity buyers, Data.Interaction.InteractionStore interactions, HttpContext http,
        CancellationToken ct)
    {
        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        var lottery = await interactions.LotteryAsync(lotteryId, ct) ?? throw new NotFoundException(ErrorCodes.LotteryNotFound, "lotteryId", lotteryId);
        var code = Domain.Interaction.LotteryDraw.EntryCode(lottery.Id, buyer.Id);
        return Results.Ok(new { code, entered = lottery.Entries?.Contains(code), won = lottery.Winners.Any(w => w.BuyerId == buyer.Id) });
    }

    /// <summary>Likes (batched by the page: a count per request), follows, product clicks and shares.</summary>
    private static async Task<IResult> InteractAsync(string room, InteractionRequest request, ViewerIdentity viewers, BuyerIdentity buyers, RoomDirectory rooms,
        Data.Promotions.PromotionStore promotions, IGrainFactory grains, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var kind = request.Kind switch
        {
            "like" => RoomEventKind.Like,
            "follow" => RoomEventKind.Follow,
            "click" => RoomEventKind.ProductClick,
            "share" => RoomEventKind.Share,
            _ => throw new DomainValidationException(ErrorCodes.RoomEventKind, "kind"),
        };
        var count = request.Count ?? 1;
        if (count is < 1 or > 100)
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "count", 1, 100);
        }

        var session = await rooms.OpenAsync(room, ct);
        var viewer = viewers.Current(http);
        viewers.Throttle(viewer.Id, "interact", perTenSeconds: 30);
        var source = request.Source?.Trim();
        await grains.Room(session.Id, session.Status == SessionStage.Rehearsal).AppendAsync(
            [new RoomEventData(kind, viewer.Id, viewer.Name, request.OfferId, kind == RoomEventKind.Like ? count : 0, source?.Length > 40 ? source[..40] : source, clock.GetUtcNow())]);
        if (kind == RoomEventKind.Follow && session.Status != SessionStage.Rehearsal && buyers.Current(http.Request) is { } buyer)
        {
            // New-follower coupons are given by following (once per person, as the coupon's limits say).
            var now = clock.GetUtcNow();
            foreach (var coupon in (await promotions.ActiveForAsync(session.Id, ct)).OfType<Domain.Promotions.Coupon>()
                .Where(c => c.Scope == Domain.Promotions.CouponScope.NewFollower && c.ActiveAt(now)))
            {
                await grains.GetGrain<Daihuo.Live.Promotions.ICouponGrain>(Guid.Parse(coupon.Id)).ClaimForFollowAsync(buyer.Id);
            }
        }

        return Results.NoContent();
    }

    /// <summary>
    /// A viewer's comment; identified viewers only (the nickname is shown), five in ten seconds.
    /// Scanned and moderated before anyone else can see it (SPEC.md section 5).
    /// </summary>
    private static async Task<IResult> CommentAsync(string room, CommentRequest request, ViewerIdentity viewers, RoomDirectory rooms, Interaction.Interactions interactions,
        HttpContext http, CancellationToken ct)
    {
        var text = request.Text?.Trim() ?? string.Empty;
        var errors = new ValidationResult();
        if (text.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "text");
        }
        else if (text.Length > Domain.Interaction.CommentRules.MaxLength)
        {
            errors.Add(ErrorCodes.TooLong, "text", Domain.Interaction.CommentRules.MaxLength);
        }

        errors.ThrowIfInvalid();
        var session = await rooms.OpenAsync(room, ct);
        var viewer = viewers.Current(http);
        if (viewer.Name is null)
        {
            throw ProblemException.BuyerRequired();
        }

        viewers.Throttle(viewer.Id, "comment", perTenSeconds: 5);

        // The answer does not say what became of the comment: a hidden or held one looks sent to its writer (their page shows it to them alone).
        var outcome = await interactions.PostAsync(session, viewer.Id, viewer.Name, text, ct);
        return Results.Ok(new CommentAccepted(outcome.Seq));
    }

    /// <summary>The identified buyer's orders in this room, newest first.</summary>
    private static async Task<IResult> MyOrdersAsync(string room, BuyerIdentity buyers, LiveStore live, Data.Orders.OrderStore orders, HttpContext http, CancellationToken ct)
    {
        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        var session = await live.GetByRoomAsync(room, ct) ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "room", room);
        var page = await orders.ListAsync(new Data.Orders.OrderFilter(session.Id, IncludeTest: true, PageSize: 50) { BuyerId = buyer.Id }, ct);
        return Results.Ok(page.Items.Select(o => new MyOrder(o.Id, o.ProductName, string.Join(" · ", new[] { o.Colour, o.Size }.Where(v => !string.IsNullOrEmpty(v))),
            o.Quantity, o.Total.Fen, o.Status.ToString().ToLowerInvariant(), o.IsTest, o.PlacedAt) { CheckoutId = o.CheckoutId, Refunded = o.Refunded.Fen }));
    }

    /// <summary>The price of a line at checkout, with the breakdown in the buyer's language ("再买 ¥41.00 可享满 ¥299.00 减 ¥30.00").</summary>
    private static async Task<IResult> QuoteAsync(Guid offerId, int? quantity, BuyerIdentity buyers, LiveStore live, Promotions.Checkout checkout, HttpContext http, CancellationToken ct)
    {
        if (quantity is not (>= 1 and <= ShelfRules.MaxPerBuyerLimit))
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "quantity", 1, ShelfRules.MaxPerBuyerLimit);
        }

        var gate = await live.OfferSessionAsync(offerId, ct) ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
        return Results.Ok(await checkout.QuoteAsync(gate.SessionId, offerId, gate.SkuId, gate.ListPrice, quantity.Value, buyers.Current(http.Request)?.Id,
            gate.Stage == SessionStage.Rehearsal, ct));
    }

    /// <summary>The coupons a viewer can claim in this room: what they take off, how many are left, and whether this buyer holds one.</summary>
    private static async Task<IResult> CouponsAsync(string room, BuyerIdentity buyers, LiveStore live, Promotions.Checkout checkout, IGrainFactory grains, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var session = await live.GetByRoomAsync(room, ct) ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "room", room);
        var (active, held) = await checkout.ForBuyerAsync(session.Id, buyers.Current(http.Request)?.Id, ct);
        var coupons = new List<RoomCoupon>();
        foreach (var c in active.OfType<Domain.Promotions.Coupon>().Where(c => c.ActiveAt(clock.GetUtcNow())))
        {
            var id = Guid.Parse(c.Id);
            coupons.Add(new RoomCoupon(id, c.Name, c.AmountOff?.Fen, c.PercentOff, c.MinSpend.Fen, c.EndsAt,
                await grains.GetGrain<Daihuo.Live.Promotions.ICouponGrain>(id).RemainingAsync(), held.Contains(c.Id)) { Scope = c.Scope.ToString().ToLowerInvariant() });
        }

        return Results.Ok(coupons);
    }

    private static async Task<IResult> ClaimAsync(Guid couponId, BuyerIdentity buyers, IGrainFactory grains, HttpContext http)
    {
        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        var result = await grains.GetGrain<Daihuo.Live.Promotions.ICouponGrain>(couponId).ClaimAsync(buyer.Id);
        return result.Outcome switch
        {
            Daihuo.Live.Promotions.ClaimOutcome.Claimed => Results.Ok(result),
            Daihuo.Live.Promotions.ClaimOutcome.AllClaimed => throw new ConflictException(ErrorCodes.PromoCouponGone, "couponId"),
            Daihuo.Live.Promotions.ClaimOutcome.PersonLimit => throw new ConflictException(ErrorCodes.PromoCouponHeld, "couponId"),
            Daihuo.Live.Promotions.ClaimOutcome.NotAvailable => throw new ConflictException(ErrorCodes.PromoCouponUnavailable, "couponId"),
            _ => throw ProblemException.RetryLater(),
        };
    }

    internal static async Task<SessionDetails> OpenRoomAsync(string room, LiveStore live, CancellationToken ct) =>
        Open(await live.GetByRoomAsync(room, ct), room);

    /// <summary>The room's session if it takes interactions and orders (not ended): 404 without one, 409 once ended.</summary>
    internal static SessionDetails Open(SessionDetails? session, string room) =>
        session is null ? throw new NotFoundException(ErrorCodes.SessionNotFound, "room", room)
        : session.Status == SessionStage.Ended ? throw new ConflictException(ErrorCodes.SessionClosed, "room")
        : session;

    /// <summary>
    /// Reads a request that carries an Idempotency-Key: the key (checked), the hash of the method, path
    /// and body (the same key with another body is refused), and the body.
    /// </summary>
    internal static async Task<(string Key, string Hash, T? Request)> ReadKeyedAsync<T>(HttpContext http, string field, CancellationToken ct)
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

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"POST {http.Request.Path}\n"));
        sha.AppendData(body);
        var hash = Convert.ToHexString(sha.GetHashAndReset());
        try
        {
            return (key, hash, JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web));
        }
        catch (JsonException)
        {
            throw new DomainValidationException(ErrorCodes.InvalidNumber, field);
        }
    }

    /// <summary>Marks a buyer's key as in flight on this server for the duration (a second request with it is a 409).</summary>
    internal static IDisposable Hold(string buyerId, string key) =>
        InFlight.TryAdd((buyerId, key), 0) ? new Release(buyerId, key) : throw new ConflictException(ErrorCodes.IdempotencyInFlight, KeyHeader);

    private sealed class Release(string buyerId, string key) : IDisposable
    {
        public void Dispose() => InFlight.TryRemove((buyerId, key), out _);
    }

    private static async Task<IResult> PlaceOrderAsync(Guid offerId, HttpContext http, BuyerIdentity buyers, OfferDirectory directory, Promotions.Checkout checkout,
        TimeProvider clock, CancellationToken ct)
    {
        var (key, hash, request) = await ReadKeyedAsync<OrderRequest>(http, "quantity", ct);
        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        if (request is null || request.Quantity < 1)
        {
            throw new DomainValidationException(ErrorCodes.InvalidQuantity, "quantity");
        }

        var contact = ShipTo.Validate(request, buyer);
        var gate = await directory.GateAsync(offerId, fresh: false, ct) ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
        if (!OfferDirectory.Sells(gate))
        {
            // The last second's read says no: look again before saying so (the room may have just gone live).
            gate = await directory.GateAsync(offerId, fresh: true, ct) ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
            if (!OfferDirectory.Sells(gate))
            {
                throw NotSelling(gate.Stage, gate.Listed);
            }
        }

        using (Hold(buyer.Id, key))
        {
            var (result, test) = await PlaceAsync(gate);
            if (result.Outcome is OrderOutcome.NotSelling or OrderOutcome.Unlisted)
            {
                // The grain's gate and the read disagree: the stage or listing changed in the last second. Read it fresh;
                // if it sells after all, the grain missed the change (it re-reads) or the stage moved to the other grain.
                gate = await directory.GateAsync(offerId, fresh: true, ct) ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
                if (!OfferDirectory.Sells(gate))
                {
                    throw NotSelling(gate.Stage, gate.Listed);
                }

                if ((gate.Stage == SessionStage.Rehearsal) == test)
                {
                    await directory.Grain(offerId, test).RefreshTermsAsync();
                }

                (result, test) = await PlaceAsync(gate);
            }

            return result.Outcome switch
            {
                OrderOutcome.Accepted => Results.Json(
                    new OrderAccepted(result.OrderId!.Value, offerId, result.Quantity, result.TotalFen, test ? "test" : "placed"),
                    statusCode: StatusCodes.Status201Created),
                _ => throw await RefusalAsync(result, directory.Grain(offerId, test), "quantity", "offerId"),
            };
        }

        async Task<(OrderResult Result, bool Test)> PlaceAsync(OfferGate gate)
        {
            // A rehearsal sells the same shelf as test orders, on the offer's test twin (with promotions, without real coupons).
            var test = gate.Stage == SessionStage.Rehearsal;
            var orderId = Guid.CreateVersion7(clock.GetUtcNow());
            var prepared = await checkout.PrepareAsync(gate.SessionId, new Promotions.CartPick(offerId, gate.SkuId, gate.ListPrice, request.Quantity), buyer.Id, orderId, test, ct);
            OrderResult result;
            try
            {
                result = await directory.Grain(offerId, test).PlaceOrderAsync(new PlaceOrder(buyer.Id, request.Quantity, key, hash) { Contact = contact, Pricing = prepared.Pricing, OrderId = orderId });
            }
            catch
            {
                await checkout.AbandonAsync(prepared);
                throw;
            }

            await checkout.SettleAsync(prepared, result);
            return (result, test);
        }
    }

    /// <summary>The refusal for an offer whose session does not take orders now, or that is off the shelf.</summary>
    private static ConflictException NotSelling(SessionStage stage, bool listed) =>
        SessionLifecycle.TakesOrders(stage) && !listed
            ? new ConflictException(ErrorCodes.OfferUnlisted, "offerId")
            : new ConflictException(ErrorCodes.SessionNotSelling, "offerId", stage.ToString());

    /// <summary>The problem a refused order answers with, naming the request's fields.</summary>
    internal static async Task<Exception> RefusalAsync(OrderResult result, IOfferGrain offer, string quantityField, string offerField) => result.Outcome switch
    {
        OrderOutcome.KeyReused => ProblemException.KeyReused(),
        OrderOutcome.SoldOut => new ConflictException(ErrorCodes.SoldOut, quantityField),
        OrderOutcome.NotEnoughStock => new ConflictException(ErrorCodes.NotEnoughStock, quantityField, result.Remaining),
        OrderOutcome.OverBuyerLimit => new ConflictException(ErrorCodes.OverBuyerLimit, quantityField, (await offer.GetSnapshotAsync()).PerBuyerLimit),
        OrderOutcome.InvalidQuantity => new DomainValidationException(ErrorCodes.InvalidQuantity, quantityField),
        OrderOutcome.NotStarted => new ConflictException(ErrorCodes.FlashNotStarted, offerField),
        OrderOutcome.Ended => new ConflictException(ErrorCodes.FlashEnded, offerField),
        OrderOutcome.PriceChanged => new ConflictException(ErrorCodes.CheckoutPriceChanged, offerField),
        OrderOutcome.NotSelling => new ConflictException(ErrorCodes.SessionNotSelling, offerField, result.Stage.ToString()),
        OrderOutcome.Unlisted => new ConflictException(ErrorCodes.OfferUnlisted, offerField),
        _ => ProblemException.RetryLater(),
    };
}
