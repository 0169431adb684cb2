using System.Security.Claims;
using Daihuo.Data.Audit;
using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Domain.Team;
using Daihuo.Live.Orders;
using Daihuo.Live.Rooms;
using Daihuo.Server.Account;
using Daihuo.Server.Common;

namespace Daihuo.Server.Live;

/// <summary>
/// The console's controls that need an offer's grain as well as its row: top-ups and staff
/// cancellations go through the grain (the journal writes and audits them); the session's stage and
/// an offer's listing are written to the row and then told to the offers' grains, which refuse
/// orders on their own gate; flash sales are planned in the store and sold by a grain of their own;
/// the live numbers come from the room grain.
/// </summary>
public sealed class LiveControls(LiveStore live, IGrainFactory grains, Storefront.RoomFeed feed)
{
    /// <summary>Moves the session to another stage; every offer's grain (real and rehearsal twin) learns it before this answers.</summary>
    /// <remarks>A failure after the row changed answers an error; moving again to the same stage tells the grains again.</remarks>
    public async Task<SessionDetails> MoveAsync(Guid sessionId, SessionStage to, Actor actor, string? reason, CancellationToken ct = default)
    {
        var session = await live.MoveAsync(sessionId, to, actor, reason, ct);
        await RefreshAsync(session.Offers.Select(o => o.Id));
        feed.Poke(session.Id);
        return session;
    }

    /// <summary>Lists or unlists an offer; its grains stop (or start) taking orders before this answers.</summary>
    public async Task<SessionDetails> SetListedAsync(Guid offerId, bool listed, Actor actor, CancellationToken ct = default)
    {
        var session = await live.SetListedAsync(offerId, listed, actor, ct);
        await RefreshAsync([offerId]);
        feed.Poke(session.Id);
        return session;
    }

    /// <summary>Pins the offer being presented (which lists it), or unpins.</summary>
    public async Task<SessionDetails> PinAsync(Guid sessionId, Guid? offerId, Actor actor, CancellationToken ct = default)
    {
        var session = await live.PinAsync(sessionId, offerId, actor, ct);
        await RefreshAsync(offerId is { } id ? [id] : []);
        feed.Poke(session.Id);
        return session;
    }

    private Task RefreshAsync(IEnumerable<Guid> offerIds) =>
        Task.WhenAll(offerIds.SelectMany(id => new[] { grains.Offer(id).RefreshTermsAsync(), grains.Offer(id, test: true).RefreshTermsAsync() }));

    public async Task<OfferSnapshot> TopUpAsync(Guid offerId, int units, string? reason, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var gate = await live.OfferSessionAsync(offerId, ct) ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
        if (!SessionLifecycle.ShelfEditable(gate.Stage))
        {
            throw new ConflictException(ErrorCodes.SessionClosed, "offerId");
        }

        var offer = grains.Offer(offerId);
        ShelfRules.ValidateTopUp(units, (await offer.GetSnapshotAsync()).Allocated, reason).ThrowIfInvalid();
        var actor = user.ToActor();
        if (!await offer.TopUpAsync(units, new StaffAct(actor.UserId, actor.Name, reason?.Trim())))
        {
            throw ProblemException.RetryLater();
        }

        // The rehearsal's twin sells the same allocation: let it follow.
        await grains.Offer(offerId, test: true).RefreshTermsAsync();
        return await offer.GetSnapshotAsync();
    }

    public Task<OfferDetails> StartFlashSaleAsync(Guid sessionId, FlashSaleDraft draft, bool overrideFloor, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (overrideFloor && !user.IsInRole(StaffRoles.Owner))
        {
            throw new DomainValidationException(ErrorCodes.OwnerOnly, "overrideFloor");
        }

        return live.AddFlashSaleAsync(sessionId, draft, overrideFloor, user.ToActor(), ct);
    }

    public async Task CancelOrderAsync(Guid orderId, string? reason, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var order = await live.OrderAsync(orderId, ct) ?? throw new NotFoundException(ErrorCodes.OrderNotFound, "orderId", orderId);
        var actor = user.ToActor();
        if (order.Status != OrderStatus.Placed
            || !await grains.Offer(order.OfferId, order.IsTest).CancelUnpaidAsync(orderId, new StaffAct(actor.UserId, actor.Name, reason?.Trim())))
        {
            throw new ConflictException(ErrorCodes.OrderNotCancellable, "orderId");
        }
    }

    /// <summary>The room's numbers: a rehearsal shows its own test figures, a live or ended session the real ones.</summary>
    public Task<RoomState> RoomAsync(Guid sessionId, SessionStage stage) =>
        grains.Room(sessionId, test: stage == SessionStage.Rehearsal).GetStateAsync();

    /// <summary>Stock as the grain sees it (the row lags a batch behind), in the session's mode.</summary>
    public Task<OfferSnapshot> StockAsync(Guid offerId, SessionStage stage) =>
        grains.Offer(offerId, test: stage == SessionStage.Rehearsal).GetSnapshotAsync();
}
