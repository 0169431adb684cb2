using Daihuo.Data.Audit;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Interaction;

public sealed record BanDetails(Guid Id, string ViewerId, string? ViewerName, BanKind Kind, DateTimeOffset? Until, DateTimeOffset At, string ByName);

public sealed record TallyDetails(Guid Id, Guid SessionId, bool IsTest, string? Prefix, IReadOnlyList<string> Options, int? Goal, string? GatedFlash,
    Actor? GateActor, DateTimeOffset? GateFiredAt, DateTimeOffset StartedAt, DateTimeOffset? ClosedAt, IReadOnlyList<int>? FinalCounts);

public sealed record MilestoneDetails(Guid Id, Guid SessionId, bool IsTest, int EveryLikes, MilestoneAction Action, MilestoneCoupon? Coupon, MilestoneLottery? Lottery,
    long Fired, bool Active, Actor CreatedBy);

public sealed record WinnerDetails(int Rank, string Code, string BuyerId, string? Name, Guid? CouponClaimId)
{
    public Guid? OrderId { get; init; }
}

public sealed record LotteryDetails(
    Guid Id, Guid SessionId, bool IsTest, string Prize, PrizeKind Kind, Money PrizeValue, int Quantity, Guid? CouponId, Eligibility Eligibility, string? Terms,
    DateTimeOffset OpenedAt, DateTimeOffset DrawAt, LotteryStatus Status, string Commitment, string? Seed, IReadOnlyList<string>? Entries, DateTimeOffset? DrawnAt,
    IReadOnlyList<WinnerDetails> Winners, string CreatedBy)
{
    public Guid? PrizeOfferId { get; init; }
}

/// <summary>
/// Moderation, prepared answers, tallies and lotteries: what the room grain keeps live is rebuilt
/// from here and from the room events. Every staff action is audited (SPEC.md section 11: hiding or
/// deleting comments must leave a record).
/// </summary>
public sealed class InteractionStore(IDbContextFactory<DaihuoDbContext> contexts, TimeProvider clock)
{
    // ---- Bans ----

    public async Task<BanDetails> BanAsync(string viewerId, string? viewerName, BanKind kind, int? minutes, Actor actor, CancellationToken ct = default)
    {
        if (minutes is < 1 or > 60 * 24 * 30)
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "minutes", 1, 60 * 24 * 30);
        }

        if (string.IsNullOrWhiteSpace(viewerId) || viewerId.Length > 64)
        {
            throw new DomainValidationException(ErrorCodes.Required, "viewerId");
        }

        var now = clock.GetUtcNow();
        var ban = new ViewerBan
        {
            Id = Guid.CreateVersion7(now),
            ViewerId = viewerId,
            ViewerName = viewerName is { Length: > 20 } ? viewerName[..20] : viewerName,
            Kind = kind,
            Until = kind == BanKind.Mute && minutes is { } m ? now.AddMinutes(m) : null,
            At = now,
            ByName = actor.Name,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ViewerBans.Add(ban);
        AuditLog.Record(db, clock, actor, kind == BanKind.Mute ? "comment.viewer.muted" : "comment.viewer.blocked", "viewer", viewerId, null,
            new { ban.ViewerName, ban.Until });
        await db.SaveChangesAsync(ct);
        return Details(ban);
    }

    public async Task<BanDetails?> LiftAsync(Guid banId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ban = await db.ViewerBans.SingleOrDefaultAsync(b => b.Id == banId, ct);
        if (ban is null || ban.LiftedAt is not null)
        {
            return null;
        }

        ban.LiftedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, actor, "comment.viewer.unbanned", "viewer", ban.ViewerId, new { ban.Kind, ban.Until }, null);
        await db.SaveChangesAsync(ct);
        return Details(ban);
    }

    public async Task<IReadOnlyList<BanDetails>> ActiveBansAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.ViewerBans.AsNoTracking().Where(b => b.LiftedAt == null).ToListAsync(ct);
        return [.. rows.Where(b => b.ActiveAt(now)).OrderByDescending(b => b.At).Select(Details)];
    }

    private static BanDetails Details(ViewerBan b) => new(b.Id, b.ViewerId, b.ViewerName, b.Kind, b.Until, b.At, b.ByName);

    /// <summary>Records a release or deletion of a held comment in the audit log (the room event is the grain's).</summary>
    public async Task AuditModerationAsync(Guid sessionId, long seq, bool released, string? viewerName, string text, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        AuditLog.Record(db, clock, actor, released ? "comment.released" : "comment.deleted", "session", sessionId.ToString(), new { seq, viewerName, text }, null);
        await db.SaveChangesAsync(ct);
    }

    // ---- Prepared answers ----

    public async Task<IReadOnlyList<PreparedAnswer>> AnswersAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Answers.AsNoTracking().ToListAsync(ct);
        return [.. rows.OrderBy(a => AnswerTopics.All.ToList().IndexOf(a.Topic)).ThenBy(a => a.UpdatedAt).Select(a => a.ToDomain())];
    }

    public async Task<PreparedAnswer> SaveAnswerAsync(Guid? id, string? topic, IReadOnlyList<string> keywords, string? answer, Actor actor, CancellationToken ct = default)
    {
        var words = keywords.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct().ToList();
        AnswerBook.Validate(topic, words, answer).ThrowIfInvalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = id is { } existing
            ? await db.Answers.SingleOrDefaultAsync(a => a.Id == existing, ct) ?? throw new NotFoundException(ErrorCodes.AnswerNotFound, "id", existing)
            : null;
        var before = row?.ToDomain();
        if (row is null)
        {
            row = new AnswerRow { Id = Guid.CreateVersion7(clock.GetUtcNow()), Topic = topic!, Keywords = string.Empty, Answer = string.Empty };
            db.Answers.Add(row);
        }

        row.Topic = topic!;
        row.Keywords = string.Join('\n', words);
        row.Answer = answer!.Trim();
        row.UpdatedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, actor, "interaction.answer.saved", "answer", row.Id.ToString(), before, row.ToDomain());
        await db.SaveChangesAsync(ct);
        return row.ToDomain();
    }

    public async Task DeleteAnswerAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Answers.SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException(ErrorCodes.AnswerNotFound, "id", id);
        db.Answers.Remove(row);
        AuditLog.Record(db, clock, actor, "interaction.answer.deleted", "answer", id.ToString(), row.ToDomain(), null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the usual five (price, shipping, size, authenticity, after-sales) for a shop starting out.</summary>
    public async Task AddDefaultAnswersAsync(Actor actor, CancellationToken ct = default)
    {
        foreach (var a in AnswerBook.Defaults())
        {
            await SaveAnswerAsync(null, a.Topic, a.Keywords, a.Answer, actor, ct);
        }
    }

    // ---- Tallies ----

    public async Task<TallyDetails> StartTallyAsync(Guid sessionId, bool test, string? prefix, IReadOnlyList<string> options, int? goal, string? gatedFlash,
        Actor actor, CancellationToken ct = default)
    {
        KeywordTally.Validate(prefix, options, goal).ThrowIfInvalid();
        if (gatedFlash is not null && goal is null)
        {
            throw new DomainValidationException(ErrorCodes.Required, "goal");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await SellingSessionAsync(db, sessionId, ct);
        var now = clock.GetUtcNow();

        // One tally at a time in a room: starting one closes the last.
        foreach (var open in await db.Tallies.Where(t => t.SessionId == sessionId && t.IsTest == test && t.ClosedAt == null).ToListAsync(ct))
        {
            open.ClosedAt = now;
        }

        var row = new TallyRow
        {
            Id = Guid.CreateVersion7(now),
            SessionId = sessionId,
            IsTest = test,
            Prefix = string.IsNullOrWhiteSpace(prefix) ? null : prefix.Trim(),
            Options = string.Join('\n', options),
            Goal = goal,
            GatedFlash = gatedFlash,
            GateActorId = gatedFlash is null ? null : actor.UserId,
            GateActorName = gatedFlash is null ? null : actor.Name,
            StartedAt = now,
        };
        db.Tallies.Add(row);
        AuditLog.Record(db, clock, actor, "interaction.tally.started", "session", sessionId.ToString(), null, new { row.Id, row.Prefix, options, goal, Gated = gatedFlash is not null });
        await db.SaveChangesAsync(ct);
        return Details(row);
    }

    public async Task<TallyDetails?> CloseTallyAsync(Guid tallyId, IReadOnlyList<int> counts, Actor? actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Tallies.SingleOrDefaultAsync(t => t.Id == tallyId, ct);
        if (row is null)
        {
            return null;
        }

        row.ClosedAt ??= clock.GetUtcNow();
        row.FinalCounts = string.Join('\n', counts);
        if (actor is not null)
        {
            AuditLog.Record(db, clock, actor, "interaction.tally.closed", "session", row.SessionId.ToString(), null, new { row.Id, counts });
        }

        await db.SaveChangesAsync(ct);
        return Details(row);
    }

    /// <summary>Marks a gate fired; false if it had fired already (another node, or a retry): the flash sale starts once.</summary>
    public async Task<bool> FireGateAsync(Guid tallyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        return await db.Tallies.Where(t => t.Id == tallyId && t.GateFiredAt == null && t.GatedFlash != null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.GateFiredAt, now), ct) == 1;
    }

    public async Task<TallyDetails?> OpenTallyAsync(Guid sessionId, bool test, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Tallies.AsNoTracking().Where(t => t.SessionId == sessionId && t.IsTest == test && t.ClosedAt == null)
            .OrderByDescending(t => t.StartedAt).FirstOrDefaultAsync(ct);
        return row is null ? null : Details(row);
    }

    public async Task<IReadOnlyList<TallyDetails>> TalliesAsync(Guid sessionId, bool test, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Tallies.AsNoTracking().Where(t => t.SessionId == sessionId && t.IsTest == test).ToListAsync(ct);
        return [.. rows.OrderByDescending(t => t.StartedAt).Select(Details)];
    }

    private static TallyDetails Details(TallyRow t) => new(t.Id, t.SessionId, t.IsTest, t.Prefix, t.Options.Split('\n'), t.Goal, t.GatedFlash,
        t.GateActorId is null ? null : new Actor(t.GateActorId, t.GateActorName ?? string.Empty), t.GateFiredAt, t.StartedAt, t.ClosedAt,
        t.FinalCounts?.Split('\n').Select(int.Parse).ToList());

    private static async Task<LiveSession> SellingSessionAsync(DaihuoDbContext db, Guid sessionId, CancellationToken ct)
    {
        var session = await db.LiveSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", sessionId);
        return session.Status is SessionStage.Live or SessionStage.Rehearsal ? session : throw new ConflictException(ErrorCodes.SessionNotSelling, "sessionId");
    }

    // ---- Like milestones ----

    public async Task<MilestoneDetails> AddMilestoneAsync(Guid sessionId, int everyLikes, MilestoneCoupon? coupon, LotteryDraft? lottery, Actor actor,
        CancellationToken ct = default)
    {
        MilestoneRules.Validate(everyLikes, coupon, lottery).ThrowIfInvalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SellingSessionAsync(db, sessionId, ct);
        var now = clock.GetUtcNow();
        var row = new MilestoneRow
        {
            Id = Guid.CreateVersion7(now),
            SessionId = sessionId,
            IsTest = session.Status == SessionStage.Rehearsal,
            EveryLikes = everyLikes,
            Action = coupon is not null ? MilestoneAction.Coupon : MilestoneAction.Lottery,
            Payload = coupon is not null
                ? System.Text.Json.JsonSerializer.Serialize(coupon with { Name = coupon.Name.Trim() }, System.Text.Json.JsonSerializerOptions.Web)
                : System.Text.Json.JsonSerializer.Serialize(MilestoneLottery.From(lottery!), System.Text.Json.JsonSerializerOptions.Web),
            CreatedBy = actor.Name,
            CreatedById = actor.UserId,
            CreatedAt = now,
        };

        // Multiples already passed do not fire: a milestone set at 12,000 likes for every 10,000 fires first at 20,000.
        row.Fired = MilestoneRules.Reached(await db.RoomEvents.Where(e => e.SessionId == sessionId && e.IsTest == row.IsTest && e.Kind == RoomEventKind.Like)
            .SumAsync(e => (long?)e.Amount, ct) ?? 0, everyLikes);
        db.Milestones.Add(row);
        AuditLog.Record(db, clock, actor, "interaction.milestone.added", "session", sessionId.ToString(), null, new { row.Id, row.EveryLikes, row.Action, row.Payload });
        await db.SaveChangesAsync(ct);
        return Details(row);
    }

    public async Task<IReadOnlyList<MilestoneDetails>> MilestonesAsync(Guid sessionId, bool test, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Milestones.AsNoTracking().Where(m => m.SessionId == sessionId && m.IsTest == test).ToListAsync(ct);
        return [.. rows.OrderBy(m => m.CreatedAt).Select(Details)];
    }

    public async Task<bool> StopMilestoneAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Milestones.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (row is null || !row.Active)
        {
            return false;
        }

        row.Active = false;
        AuditLog.Record(db, clock, actor, "interaction.milestone.stopped", "session", row.SessionId.ToString(), null, new { row.Id });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Marks a milestone's multiple as fired; false if it had been (another node, or a retry): each multiple fires once.</summary>
    public async Task<bool> FireMilestoneAsync(Guid id, long reached, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Milestones.Where(m => m.Id == id && m.Active && m.Fired < reached)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Fired, reached), ct) == 1;
    }

    private static MilestoneDetails Details(MilestoneRow m) => new(m.Id, m.SessionId, m.IsTest, m.EveryLikes, m.Action,
        m.Action == MilestoneAction.Coupon ? System.Text.Json.JsonSerializer.Deserialize<MilestoneCoupon>(m.Payload, System.Text.Json.JsonSerializerOptions.Web) : null,
        m.Action == MilestoneAction.Lottery ? System.Text.Json.JsonSerializer.Deserialize<MilestoneLottery>(m.Payload, System.Text.Json.JsonSerializerOptions.Web) : null,
        m.Fired, m.Active, new Actor(m.CreatedById ?? "system", m.CreatedBy));

    // ---- Lotteries ----

    /// <summary>Opens a lottery: a secret seed is drawn and only its commitment is shown until the draw.</summary>
    public async Task<LotteryDetails> OpenLotteryAsync(Guid sessionId, LotteryDraft draft, Actor actor, CancellationToken ct = default)
    {
        LotteryRules.Validate(draft).ThrowIfInvalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await SellingSessionAsync(db, sessionId, ct);
        if (draft.Kind == PrizeKind.Coupon
            && !await db.Promotions.AnyAsync(p => p.Id == draft.CouponId && p.Kind == Domain.Promotions.PromotionKind.Coupon && (p.SessionId == null || p.SessionId == sessionId), ct))
        {
            throw new DomainValidationException(ErrorCodes.PromoCouponUnavailable, "couponId");
        }

        if (draft.Kind == PrizeKind.Goods && draft.PrizeOfferId is { } prizeOffer && !await db.Offers.AnyAsync(o => o.Id == prizeOffer && o.SessionId == sessionId, ct))
        {
            throw new DomainValidationException(ErrorCodes.OfferNotFound, "prizeOfferId");
        }

        var now = clock.GetUtcNow();
        var seed = LotteryDraw.NewSeed();
        var keyword = draft.Eligibility.Keyword?.Trim();
        var row = new LotteryRow
        {
            Id = Guid.CreateVersion7(now),
            SessionId = sessionId,
            IsTest = session.Status == SessionStage.Rehearsal,
            Prize = draft.Prize!.Trim(),
            Kind = draft.Kind,
            PrizeValue = draft.PrizeValue,
            Quantity = draft.Quantity,
            CouponId = draft.Kind == PrizeKind.Coupon ? draft.CouponId : null,
            PrizeOfferId = draft.Kind == PrizeKind.Goods ? draft.PrizeOfferId : null,
            Keyword = string.IsNullOrEmpty(keyword) ? null : keyword,
            MustFollow = draft.Eligibility.MustFollow,
            WatchMinutes = draft.Eligibility.WatchMinutes,
            MustHaveBought = draft.Eligibility.MustHaveBought,
            Terms = string.IsNullOrWhiteSpace(draft.Terms) ? null : draft.Terms.Trim(),
            OpenedAt = now,
            DrawAt = now.AddMinutes(draft.DrawInMinutes),
            Status = LotteryStatus.Open,
            Seed = seed,
            Commitment = LotteryDraw.Commitment(seed),
            CreatedBy = actor.Name,
        };
        db.Lotteries.Add(row);
        AuditLog.Record(db, clock, actor, "interaction.lottery.opened", "session", sessionId.ToString(), null,
            new { row.Id, row.Prize, row.Kind, PrizeValue = row.PrizeValue.ToYuanString(), row.Quantity, row.Keyword, row.MustFollow, row.WatchMinutes, row.MustHaveBought, row.DrawAt, row.Commitment });
        await db.SaveChangesAsync(ct);
        return Details(row, reveal: false);
    }

    public async Task<LotteryDetails?> LotteryAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Lotteries.AsNoTracking().Include(l => l.Winners).SingleOrDefaultAsync(l => l.Id == id, ct);
        return row is null ? null : Details(row, reveal: row.Status == LotteryStatus.Drawn);
    }

    public async Task<IReadOnlyList<LotteryDetails>> LotteriesAsync(Guid sessionId, bool test, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Lotteries.AsNoTracking().Include(l => l.Winners).Where(l => l.SessionId == sessionId && l.IsTest == test).ToListAsync(ct);
        return [.. rows.OrderByDescending(l => l.OpenedAt).Select(l => Details(l, reveal: l.Status == LotteryStatus.Drawn))];
    }

    /// <summary>Open lotteries whose draw time has come (any room).</summary>
    public async Task<IReadOnlyList<Guid>> DueLotteriesAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var open = await db.Lotteries.AsNoTracking().Where(l => l.Status == LotteryStatus.Open).Select(l => new { l.Id, l.DrawAt }).ToListAsync(ct);
        return [.. open.Where(l => l.DrawAt <= now).Select(l => l.Id)];
    }

    public async Task<LotteryDetails?> CancelLotteryAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Lotteries.Include(l => l.Winners).SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException(ErrorCodes.LotteryNotFound, "id", id);
        if (row.Status != LotteryStatus.Open)
        {
            throw new ConflictException(ErrorCodes.LotteryNotOpen, "id");
        }

        row.Status = LotteryStatus.Cancelled;
        row.Version++;
        AuditLog.Record(db, clock, actor, "interaction.lottery.cancelled", "session", row.SessionId.ToString(), null, new { row.Id, row.Prize });
        await db.SaveChangesAsync(ct);
        return Details(row, reveal: false);
    }

    /// <summary>
    /// Draws an open lottery now: fixes the eligible entries from the room's events, picks the winners
    /// with the committed seed, and records both in one transaction (a concurrent draw of the same
    /// lottery on another node loses on the version and changes nothing). Null if it was not open.
    /// </summary>
    public async Task<LotteryDetails?> DrawAsync(Guid id, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Lotteries.Include(l => l.Winners).SingleOrDefaultAsync(l => l.Id == id, ct) ?? throw new NotFoundException(ErrorCodes.LotteryNotFound, "id", id);
        if (row.Status != LotteryStatus.Open)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var eligible = await EligibleAsync(db, row, now < row.DrawAt ? now : row.DrawAt, ct);
        var codes = eligible.Values.ToDictionary(e => LotteryDraw.EntryCode(row.Id, e.BuyerId), StringComparer.Ordinal);
        var entries = LotteryDraw.Canonical(codes.Keys);
        var winners = LotteryDraw.Winners(row.Seed, entries, row.Quantity);
        row.Status = LotteryStatus.Drawn;
        row.DrawnAt = now;
        row.Entries = string.Join('\n', entries);
        row.Version++;
        for (var i = 0; i < winners.Count; i++)
        {
            var (buyer, name) = codes[winners[i]];
            row.Winners.Add(new LotteryWinner { LotteryId = row.Id, Rank = i + 1, Code = winners[i], BuyerId = buyer, Name = name });
        }

        AuditLog.Record(db, clock, actor, "interaction.lottery.drawn", "session", row.SessionId.ToString(), null,
            new { row.Id, row.Prize, Entries = entries.Count, Winners = row.Winners.Select(w => new { w.Rank, w.Code, w.BuyerId }) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        return Details(row, reveal: true);
    }

    public async Task RecordPrizeOrderAsync(Guid lotteryId, int rank, Guid orderId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.LotteryWinners.Where(w => w.LotteryId == lotteryId && w.Rank == rank && w.OrderId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.OrderId, orderId), ct);
    }

    public async Task RecordPrizeAsync(Guid lotteryId, int rank, Guid claimId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.LotteryWinners.Where(w => w.LotteryId == lotteryId && w.Rank == rank && w.CouponClaimId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.CouponClaimId, claimId), ct);
    }

    /// <summary>
    /// Who may win, from the room's own record: identified viewers (buyer ids) who entered the room,
    /// meeting every condition the lottery set, not blocked, and not already winners of another draw
    /// in this session (one win per person). Name by buyer id.
    /// </summary>
    private static async Task<Dictionary<string, (string BuyerId, string? Name)>> EligibleAsync(DaihuoDbContext db, LotteryRow lottery, DateTimeOffset until,
        CancellationToken ct)
    {
        var events = db.RoomEvents.AsNoTracking().Where(e => e.SessionId == lottery.SessionId && e.IsTest == lottery.IsTest && e.ViewerId != null && e.At <= until);
        var entered = await events.Where(e => e.Kind == RoomEventKind.Entry && e.ViewerName != null)
            .GroupBy(e => e.ViewerId!).Select(g => new { Id = g.Key, Name = g.Max(e => e.ViewerName) }).ToListAsync(ct);
        var set = entered.Where(e => !e.Id.StartsWith("v_", StringComparison.Ordinal)).ToDictionary(e => e.Id, e => e.Name, StringComparer.Ordinal);

        if (lottery.Keyword is { } keyword)
        {
            var comments = await events.Where(e => e.Kind == RoomEventKind.Comment && e.At >= lottery.OpenedAt)
                .Select(e => new { e.ViewerId, e.ViewerName, e.Text, e.Verdict, e.CommentSeq }).ToListAsync(ct);
            var released = (await events.Where(e => e.Kind == RoomEventKind.CommentReleased).Select(e => e.CommentSeq).ToListAsync(ct)).ToHashSet();
            var said = comments.Where(c => (c.Verdict is null or CommentVerdict.Published || released.Contains(c.CommentSeq)) && LotteryRules.MatchesKeyword(keyword, c.Text ?? string.Empty))
                .ToList();
            foreach (var c in said)
            {
                set.TryAdd(c.ViewerId!, c.ViewerName);   // commenting is entering
            }

            set = set.Where(kv => said.Any(c => c.ViewerId == kv.Key)).ToDictionary(StringComparer.Ordinal);
        }

        if (lottery.MustFollow)
        {
            var followers = (await events.Where(e => e.Kind == RoomEventKind.Follow).Select(e => e.ViewerId!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            set = set.Where(kv => followers.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
        }

        if (lottery.MustHaveBought)
        {
            var payers = (await events.Where(e => e.Kind == RoomEventKind.OrderPaid).Select(e => e.ViewerId!).Distinct().ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            set = set.Where(kv => payers.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
        }

        if (lottery.WatchMinutes > 0)
        {
            var ids = set.Keys.ToList();
            var visits = await events.Where(e => (e.Kind == RoomEventKind.Entry || e.Kind == RoomEventKind.Exit) && ids.Contains(e.ViewerId!))
                .OrderBy(e => e.Id).Select(e => new { e.ViewerId, e.Kind, e.At }).ToListAsync(ct);
            var watched = new Dictionary<string, (int Open, DateTimeOffset Since, TimeSpan Total)>(StringComparer.Ordinal);
            foreach (var v in visits)
            {
                var w = watched.GetValueOrDefault(v.ViewerId!);
                if (v.Kind == RoomEventKind.Entry)
                {
                    w = w.Open == 0 ? (1, v.At, w.Total) : (w.Open + 1, w.Since, w.Total);
                }
                else if (w.Open > 0)
                {
                    w = w.Open == 1 ? (0, default, w.Total + (v.At - w.Since)) : (w.Open - 1, w.Since, w.Total);
                }

                watched[v.ViewerId!] = w;
            }

            var need = TimeSpan.FromMinutes(lottery.WatchMinutes);
            set = set.Where(kv => watched.TryGetValue(kv.Key, out var w) && w.Total + (w.Open > 0 ? until - w.Since : TimeSpan.Zero) >= need)
                .ToDictionary(StringComparer.Ordinal);
        }

        var blocked = (await db.ViewerBans.AsNoTracking().Where(b => b.Kind == BanKind.Block && b.LiftedAt == null).Select(b => b.ViewerId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var won = (await db.LotteryWinners.AsNoTracking()
            .Where(w => db.Lotteries.Any(l => l.Id == w.LotteryId && l.SessionId == lottery.SessionId && l.IsTest == lottery.IsTest && l.Id != lottery.Id))
            .Select(w => w.BuyerId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, (string BuyerId, string? Name)>(StringComparer.Ordinal);
        foreach (var (buyer, name) in set.Where(kv => !blocked.Contains(kv.Key) && !won.Contains(kv.Key)))
        {
            result[buyer] = (buyer, name);
        }

        return result;
    }

    private static LotteryDetails Details(LotteryRow l, bool reveal) => new(
        l.Id, l.SessionId, l.IsTest, l.Prize, l.Kind, l.PrizeValue, l.Quantity, l.CouponId, new Eligibility(l.Keyword, l.MustFollow, l.WatchMinutes, l.MustHaveBought),
        l.Terms, l.OpenedAt, l.DrawAt, l.Status, l.Commitment, reveal ? l.Seed : null, reveal ? l.Entries?.Split('\n', StringSplitOptions.RemoveEmptyEntries) : null,
        l.DrawnAt, [.. l.Winners.OrderBy(w => w.Rank).Select(w => new WinnerDetails(w.Rank, w.Code, w.BuyerId, w.Name, w.CouponClaimId) { OrderId = w.OrderId })], l.CreatedBy)
    {
        PrizeOfferId = l.PrizeOfferId,
    };
}
