using System.Text.Json;
using Daihuo.Data.Audit;
using Daihuo.Data.Interaction;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Live;
using Daihuo.Live.Interaction;
using Daihuo.Live.Rooms;
using Daihuo.Server.Compliance;

namespace Daihuo.Server.Interaction;

/// <summary>
/// The comment pipeline's server half and the console's interaction controls. A comment is scanned
/// here (on whichever server took it, in parallel), matched to a prepared answer, and handed to the
/// room grain, which applies mutes and keeps the room's order. The console's actions (release,
/// delete, mute, block, replies, tallies, lotteries) go through here to the store and the grain.
/// </summary>
public sealed class Interactions(
    ComplianceScanners scanners, InteractionStore store, LiveStore live, IGrainFactory grains, LotteryDrawer drawer, TimeProvider clock)
{
    private static readonly TimeSpan AnswersRecheck = TimeSpan.FromSeconds(30);
    private volatile AnswerSnapshot? _answers;

    private sealed record AnswerSnapshot(AnswerBook Book, DateTimeOffset LoadedAt);

    /// <summary>Scans a viewer's comment and posts it to the room; refuses a blocked viewer (403).</summary>
    public async Task<CommentOutcome> PostAsync(SessionDetails session, string viewerId, string name, string text, CancellationToken ct = default)
    {
        var scanner = await scanners.CurrentAsync(ct);
        var decision = CommentRules.Decide(scanner.Scan(text), muted: false);   // a clean comment scans to an empty list, allocating nothing
        var answer = (await AnswersAsync(ct)).Match(text);
        var note = decision.Term is { } term ? $"{term.Category.ToString().ToLowerInvariant()}:{text.Substring(decision.Start, decision.Length)}" : null;
        var outcome = await Room(session).PostCommentAsync(
            new CommentIn(viewerId, name, text, clock.GetUtcNow(), decision.Verdict, decision.Negative, note, answer?.Id, answer?.Topic));
        return outcome.Blocked ? throw Common.ProblemException.Blocked() : outcome;
    }

    public async ValueTask<AnswerBook> AnswersAsync(CancellationToken ct = default)
    {
        if (_answers is { } a && clock.GetUtcNow() - a.LoadedAt < AnswersRecheck)
        {
            return a.Book;
        }

        var book = new AnswerBook(await store.AnswersAsync(ct));
        _answers = new AnswerSnapshot(book, clock.GetUtcNow());
        return book;
    }

    public async Task AddDefaultAnswersAsync(Actor actor, CancellationToken ct = default)
    {
        await store.AddDefaultAnswersAsync(actor, ct);
        AnswersChanged();
    }

    /// <summary>Forget the cached answers (after the console saves one): the next comment reads them again.</summary>
    public void AnswersChanged() => _answers = null;

    public async Task<ModerationState> ModerationAsync(Guid sessionId, CancellationToken ct = default) =>
        await Room(await SessionAsync(sessionId, ct)).GetModerationAsync();

    public async Task<ConsoleComment> ModerateAsync(Guid sessionId, long seq, bool release, Actor actor, CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        var done = await Room(session).ModerateAsync(seq, release) ?? throw new ConflictException(ErrorCodes.CommentNotHeld, "seq");
        await store.AuditModerationAsync(sessionId, seq, release, done.Name, done.Text, actor, ct);
        return done;
    }

    public async Task<BanDetails> BanAsync(Guid sessionId, string viewerId, string? name, BanKind kind, int? minutes, Actor actor, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainValidationException(ErrorCodes.InvalidChoice, "kind");
        }

        if (kind == BanKind.Mute && minutes is null)
        {
            throw new DomainValidationException(ErrorCodes.Required, "minutes");
        }

        var session = await SessionAsync(sessionId, ct);
        var ban = await store.BanAsync(viewerId, name, kind, kind == BanKind.Mute ? minutes : null, actor, ct);
        await Room(session).ApplyBanAsync(new RoomBan(ban.ViewerId, ban.Kind == BanKind.Block, ban.Until));
        return ban;
    }

    public async Task LiftAsync(Guid sessionId, Guid banId, Actor actor, CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        if (await store.LiftAsync(banId, actor, ct) is { } lifted)
        {
            await Room(session).LiftBanAsync(lifted.ViewerId);
        }
    }

    /// <summary>Sends a reply into the room as the shop (a prepared answer, or the assistant's own words), published and marked as staff.</summary>
    public async Task<CommentOutcome> ReplyAsync(Guid sessionId, string? text, Actor actor, CancellationToken ct = default)
    {
        var reply = text?.Trim() ?? string.Empty;
        var errors = new ValidationResult();
        if (reply.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "text");
        }
        else if (reply.Length > CommentRules.MaxLength)
        {
            errors.Add(ErrorCodes.TooLong, "text", CommentRules.MaxLength);
        }

        errors.ThrowIfInvalid();
        var session = await SessionAsync(sessionId, ct);
        var name = actor.Name.Length > 20 ? actor.Name[..20] : actor.Name;
        return await Room(session).PostCommentAsync(
            new CommentIn("staff:" + actor.UserId, name, reply, clock.GetUtcNow(), CommentVerdict.Published, false, null, null, null) { Staff = true });
    }

    public async Task<TallyState?> StartTallyAsync(Guid sessionId, string? prefix, IReadOnlyList<string> options, int? goal, FlashGate? gate, Actor actor,
        CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        if (gate is not null)
        {
            // Checked now with the SKU's real prices (floor included), so a gate cannot fail when it fires.
            await live.CheckFlashSaleAsync(sessionId, gate.ToDraft(), floorOverride: false, ct);
        }

        var room = Room(session);
        await room.StopTallyAsync();
        var tally = await store.StartTallyAsync(sessionId, Test(session), prefix, options, goal,
            gate is null ? null : JsonSerializer.Serialize(gate, JsonSerializerOptions.Web), actor, ct);
        return await room.StartTallyAsync(tally.Id);
    }

    public async Task<TallyState?> StopTallyAsync(Guid sessionId, Actor actor, CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        var state = await Room(session).StopTallyAsync();
        if (state is not null)
        {
            await store.CloseTallyAsync(state.Id, state.Viewers, actor, ct);
        }

        return state;
    }

    public async Task<LotteryDetails> OpenLotteryAsync(Guid sessionId, LotteryDraft draft, Actor actor, CancellationToken ct = default) =>
        await store.OpenLotteryAsync(sessionId, draft, actor, ct);

    public async Task<LotteryDetails> DrawNowAsync(Guid lotteryId, Actor actor, CancellationToken ct = default)
    {
        _ = await store.LotteryAsync(lotteryId, ct) ?? throw new NotFoundException(ErrorCodes.LotteryNotFound, "id", lotteryId);
        return await drawer.DrawAsync(lotteryId, actor, ct) ?? throw new ConflictException(ErrorCodes.LotteryNotOpen, "id");
    }

    public Task<LotteryDetails?> CancelLotteryAsync(Guid lotteryId, Actor actor, CancellationToken ct = default) => store.CancelLotteryAsync(lotteryId, actor, ct);

    public async Task<IReadOnlyList<LotteryDetails>> LotteriesAsync(Guid sessionId, CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        return await store.LotteriesAsync(sessionId, Test(session), ct);
    }

    public async Task<MilestoneDetails> AddMilestoneAsync(Guid sessionId, int everyLikes, MilestoneCoupon? coupon, LotteryDraft? lottery, Actor actor,
        CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        var added = await store.AddMilestoneAsync(sessionId, everyLikes, coupon, lottery, actor, ct);
        await Room(session).ReloadMilestonesAsync();
        return added;
    }

    public async Task StopMilestoneAsync(Guid sessionId, Guid milestoneId, Actor actor, CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        await store.StopMilestoneAsync(milestoneId, actor, ct);
        await Room(session).ReloadMilestonesAsync();
    }

    public async Task<IReadOnlyList<MilestoneDetails>> MilestonesAsync(Guid sessionId, CancellationToken ct = default)
    {
        var session = await SessionAsync(sessionId, ct);
        return await store.MilestonesAsync(sessionId, Test(session), ct);
    }

    private async Task<SessionDetails> SessionAsync(Guid sessionId, CancellationToken ct) =>
        await live.GetAsync(sessionId, ct) ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", sessionId);

    private static bool Test(SessionDetails session) => session.Status == SessionStage.Rehearsal;

    private IRoomGrain Room(SessionDetails session) => grains.Room(session.Id, Test(session));
}
