using System.Text.Json;
using Daihuo.Data.Audit;
using Daihuo.Data.Live;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Daihuo.Live.Rooms;

/// <summary>
/// The room's comment pipeline after the scan: mutes and blocks, numbering, held comments waiting
/// for the controller, the surge alert, the most-asked topics and the keyword tally. Every comment
/// passes one grain turn, so counts and the held list are exact however many servers take comments;
/// its row is queued for the event table in that turn, and the room is rebuilt from those rows.
/// </summary>
public sealed partial class RoomGrain
{
    private const int KeptLatest = 60;
    private static readonly TimeSpan AskedWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BansRecheck = TimeSpan.FromSeconds(30);

    private readonly Dictionary<long, ConsoleComment> _held = [];
    private readonly Queue<ConsoleComment> _latest = new();
    private readonly Queue<(DateTimeOffset At, Guid AnswerId, string Topic, string Text)> _asked = new();
    private readonly Dictionary<string, RoomBan> _bans = new(StringComparer.Ordinal);
    private readonly SurgeWatch _surge = new();
    private DateTimeOffset _bansLoadedAt;
    private long _commentSeq;
    private long _published;
    private long _hidden;
    private long _heldTotal;
    private long _released;
    private long _deleted;
    private long _refused;
    private Tally? _tally;

    private sealed class Tally(Data.Interaction.TallyDetails details)
    {
        public Data.Interaction.TallyDetails Details { get; } = details;

        public KeywordTally Matcher { get; } = new(details.Prefix, details.Options);

        public HashSet<string>[] Viewers { get; } = [.. details.Options.Select(_ => new HashSet<string>(StringComparer.Ordinal))];

        public HashSet<string> Anyone { get; } = new(StringComparer.Ordinal);

        public bool GateFired { get; set; } = details.GateFiredAt is not null;

        public TallyState State() => new(Details.Id, Details.Prefix, Details.Options, [.. Viewers.Select(v => v.Count)], Anyone.Count, Details.Goal,
            Details.GatedFlash is not null, GateFired);
    }

    private async Task RebuildCommentsAsync(IQueryable<RoomEvent> events, CancellationToken ct)
    {
        var comments = events.Where(e => e.Kind == RoomEventKind.Comment);
        _commentSeq = await comments.MaxAsync(e => e.CommentSeq, ct) ?? await comments.LongCountAsync(ct);
        var totals = await comments.GroupBy(e => e.Verdict).Select(g => new { Verdict = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        foreach (var t in totals)
        {
            switch (t.Verdict ?? CommentVerdict.Published)
            {
                case CommentVerdict.Published: _published += t.Count; break;
                case CommentVerdict.Hidden: _hidden += t.Count; break;
                case CommentVerdict.Held: _heldTotal += t.Count; break;
            }
        }

        var acted = await events.Where(e => e.Kind == RoomEventKind.CommentReleased || e.Kind == RoomEventKind.CommentDeleted)
            .Select(e => new { e.Kind, e.CommentSeq }).ToListAsync(ct);
        var released = acted.Where(a => a.Kind == RoomEventKind.CommentReleased).Select(a => a.CommentSeq ?? 0).ToHashSet();
        var deleted = acted.Where(a => a.Kind == RoomEventKind.CommentDeleted).Select(a => a.CommentSeq ?? 0).ToHashSet();
        _released = released.Count;
        _deleted = deleted.Count;

        var held = await comments.Where(e => e.Verdict == CommentVerdict.Held).OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var e in held.Where(e => !released.Contains(e.CommentSeq ?? 0) && !deleted.Contains(e.CommentSeq ?? 0)))
        {
            _held[e.CommentSeq ?? 0] = Console(e, CommentVerdict.Held);
        }

        var recent = await comments.OrderByDescending(e => e.Id).Take(KeptLatest).ToListAsync(ct);
        foreach (var e in recent.OrderBy(e => e.Id))
        {
            var verdict = e.Verdict ?? CommentVerdict.Published;
            verdict = released.Contains(e.CommentSeq ?? 0) ? CommentVerdict.Released : deleted.Contains(e.CommentSeq ?? 0) ? CommentVerdict.Deleted : verdict;
            var c = Console(e, verdict);
            Remember(c);
            if (CommentRules.Visible(verdict))
            {
                _comments.Enqueue(new RoomComment(c.Seq, c.Name, c.Text, c.At) { Staff = c.Staff });
            }
        }

        while (_comments.Count > KeptComments)
        {
            _comments.Dequeue();
        }

        await LoadBansAsync();
        if (await interactions.OpenTallyAsync(_sessionId, _test, ct) is { } open)
        {
            _tally = new Tally(open);
            var answers = await comments.Where(e => e.At >= open.StartedAt).OrderBy(e => e.Id)
                .Select(e => new { e.ViewerId, e.Text, e.Verdict, e.CommentSeq }).ToListAsync(ct);
            foreach (var a in answers.Where(a => CommentRules.Visible(a.Verdict ?? CommentVerdict.Published) || released.Contains(a.CommentSeq ?? 0)))
            {
                CountTally(a.ViewerId ?? string.Empty, a.Text ?? string.Empty, fire: false);
            }
        }
    }

    private static ConsoleComment Console(RoomEvent e, CommentVerdict verdict) =>
        new(e.CommentSeq ?? 0, e.ViewerId ?? string.Empty, e.ViewerName ?? string.Empty, e.Text ?? string.Empty, e.At, verdict, e.Note, null,
            e.ViewerId?.StartsWith("staff:", StringComparison.Ordinal) == true);

    private async Task LoadBansAsync()
    {
        _bans.Clear();
        foreach (var b in await interactions.ActiveBansAsync())
        {
            // A block outranks a mute of the same viewer.
            if (!_bans.TryGetValue(b.ViewerId, out var had) || !had.Block)
            {
                _bans[b.ViewerId] = new RoomBan(b.ViewerId, b.Kind == Data.Interaction.BanKind.Block, b.Until);
            }
        }

        _bansLoadedAt = clock.UtcNow;
    }

    async Task<CommentOutcome> IRoomGrain.PostCommentAsync(CommentIn c)
    {
        var now = clock.UtcNow;
        if (now - _bansLoadedAt > BansRecheck)
        {
            // Bans made in another room (or lifted) reach this one within half a minute.
            await LoadBansAsync();
        }

        var muted = false;
        if (!c.Staff && _bans.TryGetValue(c.ViewerId, out var ban) && (ban.Until is null || ban.Until > now))
        {
            if (ban.Block)
            {
                _refused++;
                return new CommentOutcome(0, CommentVerdict.Hidden, Blocked: true);
            }

            muted = true;
        }

        var verdict = muted ? CommentVerdict.Hidden : c.Verdict;
        var note = muted ? "muted" : c.Note;
        var seq = ++_commentSeq;
        _commentCount++;
        writer.Enqueue(new RoomEvent
        {
            SessionId = _sessionId,
            IsTest = _test,
            Kind = RoomEventKind.Comment,
            ViewerId = c.ViewerId,
            ViewerName = c.Name,
            Text = c.Text,
            At = c.At,
            Verdict = verdict,
            CommentSeq = seq,
            Note = note is { Length: > 60 } ? note[..60] : note,
        });
        var comment = new ConsoleComment(seq, c.ViewerId, c.Name, c.Text, c.At, verdict, note, c.AnswerId, c.Staff);
        Remember(comment);
        _surge.Add(c.At, c.Negative);
        switch (verdict)
        {
            case CommentVerdict.Published:
                _published++;
                Show(comment);
                break;
            case CommentVerdict.Held:
                _heldTotal++;
                _held[seq] = comment;
                break;
            default:
                _hidden++;
                break;
        }

        if (c.AnswerId is { } answer && verdict != CommentVerdict.Hidden)
        {
            _asked.Enqueue((c.At, answer, c.AnswerTopic ?? string.Empty, c.Text));
            while (_asked.Count > 5_000 || (_asked.Count > 0 && now - _asked.Peek().At > AskedWindow))
            {
                _asked.Dequeue();
            }
        }

        return new CommentOutcome(seq, verdict, Blocked: false);
    }

    Task<ConsoleComment?> IRoomGrain.ModerateAsync(long seq, bool release)
    {
        if (!_held.Remove(seq, out var held))
        {
            return Task.FromResult<ConsoleComment?>(null);
        }

        writer.Enqueue(new RoomEvent
        {
            SessionId = _sessionId,
            IsTest = _test,
            Kind = release ? RoomEventKind.CommentReleased : RoomEventKind.CommentDeleted,
            ViewerId = held.ViewerId,
            ViewerName = held.Name,
            Text = held.Text,
            At = clock.UtcNow,
            CommentSeq = seq,
        });
        var moderated = held with { Verdict = release ? CommentVerdict.Released : CommentVerdict.Deleted };
        Remember(moderated);
        if (release)
        {
            _released++;
            Show(moderated);
        }
        else
        {
            _deleted++;
        }

        return Task.FromResult<ConsoleComment?>(moderated);
    }

    Task IRoomGrain.ApplyBanAsync(RoomBan ban)
    {
        if (!_bans.TryGetValue(ban.ViewerId, out var had) || !had.Block || ban.Block)
        {
            _bans[ban.ViewerId] = ban;
        }

        return Task.CompletedTask;
    }

    /// <summary>A lifted ban: the viewer's other bans (a mute under a lifted block) still hold, so the room reads them all again.</summary>
    Task IRoomGrain.LiftBanAsync(string viewerId) => LoadBansAsync();

    async Task<TallyState?> IRoomGrain.StartTallyAsync(Guid tallyId)
    {
        var open = await interactions.OpenTallyAsync(_sessionId, _test);
        _tally = open is not null && open.Id == tallyId ? new Tally(open) : null;
        return _tally?.State();
    }

    async Task<TallyState?> IRoomGrain.StopTallyAsync()
    {
        if (_tally is not { } tally)
        {
            return null;
        }

        _tally = null;
        var state = tally.State();
        await interactions.CloseTallyAsync(tally.Details.Id, state.Viewers, actor: null);
        return state;
    }

    Task<ModerationState> IRoomGrain.GetModerationAsync()
    {
        var now = clock.UtcNow;
        var asked = _asked.Where(a => now - a.At <= AskedWindow).GroupBy(a => a.AnswerId)
            .Select(g => new AskedTopic(g.Key, g.Last().Topic, g.Count(), g.Last().Text))
            .OrderByDescending(a => a.Count).Take(6).ToList();
        var surge = _surge.Check(now) is { } s ? new SurgeAlert(s.Negative, s.Comments, s.Since, _surge.WindowSeconds) : null;
        return Task.FromResult(new ModerationState(
            [.. _held.Values.OrderBy(h => h.Seq).Take(200)], [.. _latest.Reverse()], surge, asked, _tally?.State(),
            new CommentTotals(_published, _hidden, _heldTotal, _released, _deleted, _refused)));
    }

    private void Remember(ConsoleComment comment)
    {
        _latest.Enqueue(comment);
        while (_latest.Count > KeptLatest)
        {
            _latest.Dequeue();
        }
    }

    /// <summary>A comment every viewer may see: into the room's list, and into the tally.</summary>
    private void Show(ConsoleComment c)
    {
        _comments.Enqueue(new RoomComment(c.Seq, c.Name, c.Text, c.At) { Staff = c.Staff });
        while (_comments.Count > KeptComments)
        {
            _comments.Dequeue();
        }

        if (!c.Staff)
        {
            CountTally(c.ViewerId, c.Text, fire: true);
        }
    }

    private void CountTally(string viewerId, string text, bool fire)
    {
        if (_tally is not { } tally || viewerId.Length == 0)
        {
            return;
        }

        var option = tally.Matcher.Match(text);
        if (option < 0)
        {
            return;
        }

        tally.Viewers[option].Add(viewerId);
        tally.Anyone.Add(viewerId);
        if (fire && !tally.GateFired && tally.Details.Goal is { } goal && tally.Anyone.Count >= goal && tally.Details.GatedFlash is { } gated)
        {
            tally.GateFired = true;
            _ = FireGateAsync(tally.Details, gated);
        }
    }

    /// <summary>Starts the gated flash sale once (the store's mark decides between nodes), as the staff member who set the gate.</summary>
    private async Task FireGateAsync(Data.Interaction.TallyDetails tally, string gated)
    {
        try
        {
            if (!await interactions.FireGateAsync(tally.Id))
            {
                return;
            }

            var gate = JsonSerializer.Deserialize<FlashGate>(gated, JsonSerializerOptions.Web)!;
            var actor = tally.GateActor ?? new Actor("system", "tally");
            await live.AddFlashSaleAsync(_sessionId, gate.ToDraft(), floorOverride: false, actor with { Name = actor.Name + " (tally)" });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogGateFailed(logger, ex, tally.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The flash sale gated by tally {Tally} did not start.")]
    private static partial void LogGateFailed(ILogger logger, Exception ex, Guid tally);
}
