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
    Guid Id, Guid SkuId, string ProductName, string SkuCode, string? Colour, string? Size, Money Price, Money ListPrice, Money FloorPrice,
    int Allocated, int Sold, int PerBuyerLimit, int ShelfOrder, bool Listed, string? ImageFile);

public sealed record SessionDetails(
    Guid Id, string Title, string Room, SessionStage Status, DateTimeOffset? PlannedStart, int PlannedMinutes, string? StreamUrl, string? BackupStreamUrl,
    string? HostName, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<OfferDetails> Offers);

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

    /// <summary>The session an offer belongs to and its stage, for the order path's gate.</summary>
    public async Task<(Guid SessionId, SessionStage Stage)?> OfferSessionAsync(Guid offerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Offers.AsNoTracking().Where(o => o.Id == offerId)
            .Join(db.LiveSessions, o => o.SessionId, s => s.Id, (o, s) => new { s.Id, s.Status })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.Status);
    }

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
                x.o.Id, x.k.Id, p.Name, x.k.Code, x.k.Colour, x.k.Size, x.o.Price, x.k.ListPrice, x.k.FloorPrice, x.o.Allocated, x.o.Sold,
                x.o.PerBuyerLimit, x.o.ShelfOrder, x.o.Listed, p.Images.OrderBy(i => i.SortOrder).Select(i => i.FileName).FirstOrDefault()))
            .ToListAsync(ct);
        return new SessionDetails(s.Id, s.Title, s.Room, s.Status, s.PlannedStart, s.PlannedMinutes, s.StreamUrl, s.BackupStreamUrl, s.HostName,
            s.CreatedAt, s.StartedAt, s.EndedAt, offers.OrderBy(o => o.ShelfOrder).ToList());
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
