using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Daihuo.Data.Orders;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Live;

public sealed record SessionRow(Guid Id, string Title, string Room, SessionStage Status, DateTimeOffset? PlannedStart, int PlannedMinutes, string? HostName, int Offers, DateTimeOffset CreatedAt);

public sealed record OfferDetails(
    Guid Id, Guid ProductId, Guid SkuId, string ProductName, string SkuCode, string? Colour, string? Size, Money Price, Money ListPrice, Money FloorPrice,
    int Allocated, int Sold, int PerBuyerLimit, int ShelfOrder, bool Listed, string? ImageFile, DateTimeOffset? FlashStartsAt, DateTimeOffset? FlashEndsAt)
{
    public bool IsFlashSale => FlashStartsAt is not null;
}

public sealed record SessionDetails(
    Guid Id, string Title, string Room, SessionStage Status, DateTimeOffset? PlannedStart, int PlannedMinutes, string? StreamUrl, string? BackupStreamUrl,
    string? HostName, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, Guid? PinnedOfferId, bool OnBackupStream,
    IReadOnlyList<OfferDetails> Offers);

/// <summary>What the order path checks before it asks the offer's grain: the session's stage and whether the offer is on the shelf.</summary>
public sealed record OfferGate(Guid SessionId, SessionStage Stage, bool Listed)
{
    public Guid SkuId { get; init; }

    public Money ListPrice { get; init; }
}

/// <summary>Sessions and their shelves: planning, lifecycle and the read side of the live room.</summary>
public sealed class LiveStore(IDbContextFactory<DaihuoDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<SessionRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.LiveSessions.AsNoTracking()
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionRow(s.Id, s.Title, s.Room, s.Status, s.PlannedStart, s.PlannedMinutes, s.HostName,
                db.Offers.Count(o => o.SessionId == s.Id), s.CreatedAt))
            .ToListAsync(ct);
    }

    public async Task<SessionDetails?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        return session is null ? null : await DetailsAsync(db, session, ct);
    }

    public async Task<SessionDetails?> GetByRoomAsync(string room, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.LiveSessions.AsNoTracking()
            .Where(s => s.Room == room)
            .OrderByDescending(s => s.CreatedAt)
            .FirstOrDefaultAsync(ct);
        return session is null ? null : await DetailsAsync(db, session, ct);
    }

    public async Task<SessionDetails> CreateAsync(SessionDraft draft, Actor actor, CancellationToken ct = default)
    {
        ShelfRules.Validate(draft).ThrowIfInvalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var session = new LiveSession
        {
            Id = id,
            Title = draft.Title!.Trim(),
            Room = RoomName(id),
            Status = SessionStage.Draft,
            PlannedStart = draft.PlannedStart,
            PlannedMinutes = draft.PlannedMinutes,
            StreamUrl = Clean(draft.StreamUrl),
            BackupStreamUrl = Clean(draft.BackupStreamUrl),
            HostName = Clean(draft.HostName),
            CreatedAt = now,
        };
        db.LiveSessions.Add(session);
        AuditLog.Record(db, clock, actor, "live.session.created", "session", id.ToString(), null, new { session.Title, session.Room, session.PlannedStart, session.PlannedMinutes });
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, session, ct);
    }

    public async Task<OfferDetails> AddOfferAsync(Guid sessionId, OfferDraft draft, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.LiveSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", sessionId);
        if (!SessionLifecycle.ShelfEditable(session.Status))
        {
            throw new ConflictException(ErrorCodes.SessionClosed, "sessionId");
        }

        var sku = await db.Skus.AsNoTracking().Where(s => s.Id == draft.SkuId)
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s.ListPrice, s.FloorPrice, p.Status })
            .SingleOrDefaultAsync(ct);
        var result = ShelfRules.Validate(draft, sku is null ? null : new SkuFacts(sku.ListPrice, sku.FloorPrice, sku.Status == ProductStatus.Active));
        if (sku is not null && await db.Offers.AnyAsync(o => o.SessionId == sessionId && o.SkuId == draft.SkuId, ct))
        {
            result.Add(ErrorCodes.OfferDuplicate, "skuId");
        }

        result.ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var offer = new Offer
        {
            Id = Guid.CreateVersion7(now),
            SessionId = sessionId,
            SkuId = draft.SkuId,
            Price = draft.LivePrice,
            Allocated = draft.Allocated,
            PerBuyerLimit = draft.PerBuyerLimit,
            ShelfOrder = await db.Offers.CountAsync(o => o.SessionId == sessionId, ct),
            CreatedAt = now,
        };
        db.Offers.Add(offer);
        AuditLog.Record(db, clock, actor, "live.offer.added", "session", sessionId.ToString(), null,
            new { offer.Id, offer.SkuId, LivePrice = draft.LivePrice.ToYuanString(), draft.Allocated, draft.PerBuyerLimit });
        await db.SaveChangesAsync(ct);
        return (await DetailsAsync(db, session, ct)).Offers.Single(o => o.Id == offer.Id);
    }

    public async Task<SessionDetails> MoveAsync(Guid sessionId, SessionStage to, Actor actor, string? reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.LiveSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", sessionId);
        var from = session.Status;
        if (from == to)
        {
            return await DetailsAsync(db, session, ct);
        }

        if (!SessionLifecycle.CanMove(from, to))
        {
            throw new DomainValidationException(ErrorCodes.SessionStageMove, "stage", from.ToString(), to.ToString());
        }

        var now = clock.GetUtcNow();
        session.Status = to;
        if (to == SessionStage.Live)
        {
            session.StartedAt ??= now;
        }
        else if (to == SessionStage.Ended)
        {
            session.EndedAt = now;
        }

        AuditLog.Record(db, clock, actor, "live.session.moved", "session", sessionId.ToString(), new { Status = from.ToString() }, new { Status = to.ToString() }, reason);
        await db.SaveChangesAsync(ct);
        return await DetailsAsync(db, session, ct);
    }

    /// <summary>
    /// Changes an offer's live price, audited with the old and new price and the reason; below the
    /// floor only when <paramref name="floorOverride"/> (the caller checks the owner's role), and that
    /// override is named in the audit entry.
    /// </summary>
    public async Task<OfferDetails> ChangePriceAsync(Guid offerId, Money newPrice, string? reason, bool floorOverride, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId, ct)
            ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
        var session = await db.LiveSessions.AsNoTracking().SingleAsync(s => s.Id == offer.SessionId, ct);
        if (!SessionLifecycle.ShelfEditable(session.Status))
        {
            throw new ConflictException(ErrorCodes.SessionClosed, "offerId");
        }

        var sku = await db.Skus.AsNoTracking().Where(k => k.Id == offer.SkuId).Select(k => new SkuFacts(k.ListPrice, k.FloorPrice, true)).SingleAsync(ct);
        ShelfRules.ValidatePriceChange(newPrice, reason, sku, floorOverride).ThrowIfInvalid();
        var old = offer.Price;
        offer.Price = newPrice;
        var belowFloor = newPrice < sku.FloorPrice;
        AuditLog.Record(db, clock, actor, belowFloor ? "live.price.override" : "live.price.changed", "offer", offerId.ToString(),
            new { Price = old.ToYuanString() },
            new { Price = newPrice.ToYuanString(), Floor = sku.FloorPrice.ToYuanString(), BelowFloor = belowFloor },
            reason);
        await db.SaveChangesAsync(ct);
        return (await DetailsAsync(db, session, ct)).Offers.Single(o => o.Id == offerId);
    }

    /// <summary>The session an offer belongs to, its stage and the offer's listing, for the order path's gate.</summary>
    public async Task<OfferGate?> OfferSessionAsync(Guid offerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Offers.AsNoTracking().Where(o => o.Id == offerId)
            .Join(db.LiveSessions, o => o.SessionId, s => s.Id, (o, s) => new { o, s })
            .Join(db.Skus, x => x.o.SkuId, k => k.Id, (x, k) => new OfferGate(x.s.Id, x.s.Status, x.o.Listed) { SkuId = k.Id, ListPrice = k.ListPrice })
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Lists or unlists an offer: an unlisted one disappears from viewers' shelves and takes no orders.</summary>
    public async Task<SessionDetails> SetListedAsync(Guid offerId, bool listed, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (offer, session) = await EditableOfferAsync(db, offerId, ct);
        if (offer.Listed != listed)
        {
            offer.Listed = listed;
            if (!listed && session.PinnedOfferId == offerId)
            {
                session.PinnedOfferId = null;
            }

            AuditLog.Record(db, clock, actor, listed ? "live.offer.listed" : "live.offer.unlisted", "offer", offerId.ToString(), new { Listed = !listed }, new { Listed = listed });
            ShelfChanged(db, session, offerId, listed ? "listed" : "unlisted");
            await db.SaveChangesAsync(ct);
        }

        return await DetailsAsync(db, session, ct);
    }

    /// <summary>Pins the offer being presented (讲解中), or unpins with null. A pinned offer is listed.</summary>
    public async Task<SessionDetails> PinAsync(Guid sessionId, Guid? offerId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await EditableSessionAsync(db, sessionId, ct);
        if (offerId is { } id)
        {
            var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == id && o.SessionId == sessionId, ct)
                ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", id);
            offer.Listed = true;
        }

        if (session.PinnedOfferId != offerId)
        {
            AuditLog.Record(db, clock, actor, "live.offer.pinned", "session", sessionId.ToString(), new { Pinned = session.PinnedOfferId }, new { Pinned = offerId });
            session.PinnedOfferId = offerId;
            ShelfChanged(db, session, offerId, offerId is null ? "unpinned" : "pinned");
            await db.SaveChangesAsync(ct);
        }

        return await DetailsAsync(db, session, ct);
    }

    /// <summary>Puts the shelf in the given order; the list must name every offer of the session exactly once.</summary>
    public async Task<SessionDetails> ReorderAsync(Guid sessionId, IReadOnlyList<Guid> offerIds, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await EditableSessionAsync(db, sessionId, ct);
        var offers = await db.Offers.Where(o => o.SessionId == sessionId).ToListAsync(ct);
        if (offerIds.Count != offers.Count || offerIds.Distinct().Count() != offers.Count || offers.Any(o => !offerIds.Contains(o.Id)))
        {
            throw new DomainValidationException(ErrorCodes.ShelfOrder, "offerIds");
        }

        var before = offers.OrderBy(o => o.ShelfOrder).ThenBy(o => o.Id).Select(o => o.Id).ToList();
        if (!before.SequenceEqual(offerIds))
        {
            var position = offerIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            foreach (var offer in offers)
            {
                offer.ShelfOrder = position[offer.Id];
            }

            AuditLog.Record(db, clock, actor, "live.shelf.reordered", "session", sessionId.ToString(), before, offerIds);
            ShelfChanged(db, session, null, "reordered");
            await db.SaveChangesAsync(ct);
        }

        return await DetailsAsync(db, session, ct);
    }

    /// <summary>Sends every viewer to the backup stream line, or back to the primary one.</summary>
    public async Task<SessionDetails> SwitchStreamAsync(Guid sessionId, bool backup, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await EditableSessionAsync(db, sessionId, ct);
        if (backup && string.IsNullOrEmpty(session.BackupStreamUrl))
        {
            throw new DomainValidationException(ErrorCodes.Required, "backupStreamUrl");
        }

        if (session.OnBackupStream != backup)
        {
            session.OnBackupStream = backup;
            AuditLog.Record(db, clock, actor, "live.stream.switched", "session", sessionId.ToString(), new { Backup = !backup }, new { Backup = backup });
            await db.SaveChangesAsync(ct);
        }

        return await DetailsAsync(db, session, ct);
    }

    /// <summary>
    /// Starts a flash sale: a new offer of a SKU already on the shelf, with its own units, price and
    /// limit, selling from its start for the countdown's minutes; it goes to the top and is pinned.
    /// </summary>
    /// <summary>Refuses a flash sale the session could not start (as <see cref="AddFlashSaleAsync"/> would), starting nothing: for a sale planned to start later.</summary>
    public async Task CheckFlashSaleAsync(Guid sessionId, FlashSaleDraft draft, bool floorOverride, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await EditableSessionAsync(db, sessionId, ct);
        ShelfRules.Validate(draft, await FlashFactsAsync(db, sessionId, draft.SkuId, ct), clock.GetUtcNow(), floorOverride).ThrowIfInvalid();
    }

    public async Task<OfferDetails> AddFlashSaleAsync(Guid sessionId, FlashSaleDraft draft, bool floorOverride, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await EditableSessionAsync(db, sessionId, ct);
        var sku = await FlashFactsAsync(db, sessionId, draft.SkuId, ct);
        var now = clock.GetUtcNow();
        ShelfRules.Validate(draft, sku, now, floorOverride).ThrowIfInvalid();
        var start = draft.StartsAt is { } at && at > now ? at : now;
        var offer = new Offer
        {
            Id = Guid.CreateVersion7(now),
            SessionId = sessionId,
            SkuId = draft.SkuId,
            Price = draft.Price,
            Allocated = draft.Quantity,
            PerBuyerLimit = draft.PerBuyerLimit,
            ShelfOrder = -1,
            FlashStartsAt = start,
            FlashEndsAt = start + TimeSpan.FromMinutes(draft.Minutes),
            CreatedAt = now,
        };
        db.Offers.Add(offer);
        session.PinnedOfferId = offer.Id;
        var belowFloor = draft.Price < sku!.FloorPrice;
        AuditLog.Record(db, clock, actor, belowFloor ? "live.flash.override" : "live.flash.started", "session", sessionId.ToString(), null,
            new { offer.Id, offer.SkuId, Price = draft.Price.ToYuanString(), draft.Quantity, draft.PerBuyerLimit, offer.FlashStartsAt, offer.FlashEndsAt, BelowFloor = belowFloor });
        ShelfChanged(db, session, offer.Id, "flash sale");
        await db.SaveChangesAsync(ct);
        return (await DetailsAsync(db, session, ct)).Offers.Single(o => o.Id == offer.Id);
    }

    /// <summary>A flash sale's SKU facts, if the SKU is on the session's shelf (a flash sale sells only what the shelf has).</summary>
    private static async Task<SkuFacts?> FlashFactsAsync(DaihuoDbContext db, Guid sessionId, Guid skuId, CancellationToken ct) =>
        await db.Offers.AnyAsync(o => o.SessionId == sessionId && o.SkuId == skuId, ct)
            ? await db.Skus.AsNoTracking().Where(k => k.Id == skuId).Select(k => new SkuFacts(k.ListPrice, k.FloorPrice, true)).SingleAsync(ct)
            : null;

    private static async Task<LiveSession> EditableSessionAsync(DaihuoDbContext db, Guid sessionId, CancellationToken ct)
    {
        var session = await db.LiveSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", sessionId);
        return SessionLifecycle.ShelfEditable(session.Status) ? session : throw new ConflictException(ErrorCodes.SessionClosed, "sessionId");
    }

    private static async Task<(Offer Offer, LiveSession Session)> EditableOfferAsync(DaihuoDbContext db, Guid offerId, CancellationToken ct)
    {
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId, ct)
            ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", offerId);
        return (offer, await EditableSessionAsync(db, offer.SessionId, ct));
    }

    /// <summary>Shelf changes go to the room's event table in the change's own transaction.</summary>
    private void ShelfChanged(DaihuoDbContext db, LiveSession session, Guid? offerId, string what) =>
        db.RoomEvents.Add(new RoomEvent
        {
            SessionId = session.Id,
            Kind = RoomEventKind.ShelfChange,
            IsTest = session.Status != SessionStage.Live,
            OfferId = offerId,
            Text = what,
            At = clock.GetUtcNow(),
        });

    /// <summary>The storefront room an offer is sold in, for links back to it.</summary>
    public async Task<string?> RoomOfOfferAsync(Guid offerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Offers.AsNoTracking().Where(o => o.Id == offerId)
            .Join(db.LiveSessions, o => o.SessionId, s => s.Id, (o, s) => s.Room)
            .SingleOrDefaultAsync(ct);
    }

    public async Task<Order?> OrderAsync(Guid orderId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct);
    }

    private static async Task<SessionDetails> DetailsAsync(DaihuoDbContext db, LiveSession s, CancellationToken ct)
    {
        var offers = await db.Offers.AsNoTracking().Where(o => o.SessionId == s.Id)
            .Join(db.Skus, o => o.SkuId, k => k.Id, (o, k) => new { o, k })
            .Join(db.Products, x => x.k.ProductId, p => p.Id, (x, p) => new OfferDetails(
                x.o.Id, p.Id, x.k.Id, p.Name, x.k.Code, x.k.Colour, x.k.Size, x.o.Price, x.k.ListPrice, x.k.FloorPrice, x.o.Allocated, x.o.Sold,
                x.o.PerBuyerLimit, x.o.ShelfOrder, x.o.Listed, p.Images.OrderBy(i => i.SortOrder).Select(i => i.FileName).FirstOrDefault(),
                x.o.FlashStartsAt, x.o.FlashEndsAt))
            .ToListAsync(ct);
        return new SessionDetails(s.Id, s.Title, s.Room, s.Status, s.PlannedStart, s.PlannedMinutes, s.StreamUrl, s.BackupStreamUrl, s.HostName,
            s.CreatedAt, s.StartedAt, s.EndedAt, s.PinnedOfferId, s.OnBackupStream, offers.OrderBy(o => o.ShelfOrder).ThenBy(o => o.Id).ToList());
    }

    /// <summary>A short public room name from the session id: lower-case, no look-alike letters.</summary>
    private static string RoomName(Guid id)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var bytes = id.ToByteArray();
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[bytes[15 - i] % alphabet.Length];
        }

        return new string(chars);
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
