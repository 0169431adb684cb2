using Daihuo.Data;
using Daihuo.Data.Live;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Rooms;

/// <summary>
/// Counts one room's events. On activation it rebuilds its counters from the event table (a
/// handful of grouped queries); afterwards every event passes through it once, so the numbers
/// cost nothing to read every second. Distinct sets (viewers, followers, paying buyers) are kept
/// in memory: a few megabytes for a hundred thousand viewers.
/// </summary>
public sealed partial class RoomGrain(
    IDbContextFactory<DaihuoDbContext> contexts, RoomEventWriter writer, LiveClock clock, Data.Interaction.InteractionStore interactions, LiveStore live,
    Data.Promotions.PromotionStore promotions, Microsoft.Extensions.Logging.ILogger<RoomGrain> logger) : Grain, IRoomGrain
{
    private const int KeptComments = 30;
    private static readonly TimeSpan OnlineReportLife = TimeSpan.FromSeconds(10);

    private readonly HashSet<string> _viewers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _followers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _payers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Connections, DateTimeOffset At)> _online = new(StringComparer.Ordinal);
    private readonly Queue<RoomComment> _comments = new();
    private Guid _sessionId;
    private bool _test;
    private long _entries;
    private long _likes;
    private long _commentCount;
    private long _clicks;
    private long _shares;
    private long _orders;
    private long _paidOrders;
    private long _paidGmv;

    // Events up to this row id were counted when the room was rebuilt; a late notification of one is not counted again.
    private long _rebuiltUpTo;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _sessionId = this.GetPrimaryKey(out var mode);
        _test = mode == Orders.OfferGrains.Test;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var test = _test;
        var events = db.RoomEvents.AsNoTracking().Where(e => e.SessionId == _sessionId && e.IsTest == test);
        _rebuiltUpTo = await events.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        events = events.Where(e => e.Id <= _rebuiltUpTo);
        var totals = await events.GroupBy(e => e.Kind)
            .Select(g => new { Kind = g.Key, Count = g.LongCount(), Amount = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        foreach (var t in totals)
        {
            Add(t.Kind, t.Count, t.Amount);
        }

        _viewers.UnionWith(await Distinct(events, RoomEventKind.Entry, cancellationToken));
        _followers.UnionWith(await Distinct(events, RoomEventKind.Follow, cancellationToken));
        _payers.UnionWith(await Distinct(events, RoomEventKind.OrderPaid, cancellationToken));
        await RebuildCommentsAsync(events, cancellationToken);
        await LoadMilestonesAsync();
    }

    private static Task<List<string>> Distinct(IQueryable<RoomEvent> events, RoomEventKind kind, CancellationToken ct) =>
        events.Where(e => e.Kind == kind && e.ViewerId != null).Select(e => e.ViewerId!).Distinct().ToListAsync(ct);

    Task IRoomGrain.AppendAsync(IReadOnlyList<RoomEventData> events)
    {
        foreach (var e in events)
        {
            Count(e);
            writer.Enqueue(new RoomEvent
            {
                SessionId = _sessionId,
                IsTest = _test,
                Kind = e.Kind,
                ViewerId = e.ViewerId,
                ViewerName = e.ViewerName,
                OfferId = e.OfferId,
                Amount = e.Amount,
                Text = e.Text,
                At = e.At,
            });
        }

        return Task.CompletedTask;
    }

    Task IRoomGrain.CountCommittedAsync(IReadOnlyList<RoomEventData> events)
    {
        foreach (var e in events.Where(e => e.Id > _rebuiltUpTo))
        {
            Count(e);
        }

        return Task.CompletedTask;
    }

    Task IRoomGrain.ReportOnlineAsync(string server, int connections)
    {
        _online[server] = (connections, clock.UtcNow);
        return Task.CompletedTask;
    }

    Task<RoomState> IRoomGrain.GetStateAsync()
    {
        var fresh = clock.UtcNow - OnlineReportLife;
        var online = _online.Values.Where(v => v.At >= fresh).Sum(v => v.Connections);
        var numbers = new RoomNumbers(online, _viewers.Count, _entries, _likes, _commentCount, _followers.Count, _clicks, _orders, _paidOrders, _paidGmv,
            _payers.Count, _shares);
        return Task.FromResult(new RoomState(numbers, [.. _comments]));
    }

    private void Count(RoomEventData e)
    {
        Add(e.Kind, 1, e.Amount);
        if (e.Kind == RoomEventKind.Like)
        {
            CheckMilestones();
        }

        switch (e.Kind)
        {
            case RoomEventKind.Entry when e.ViewerId is not null:
                _viewers.Add(e.ViewerId);
                break;
            case RoomEventKind.Follow when e.ViewerId is not null:
                _followers.Add(e.ViewerId);
                break;
            case RoomEventKind.OrderPaid when e.ViewerId is not null:
                _payers.Add(e.ViewerId);
                break;
        }
    }

    private void Add(RoomEventKind kind, long count, long amount)
    {
        switch (kind)
        {
            case RoomEventKind.Entry: _entries += count; break;
            case RoomEventKind.Like: _likes += amount; break;
            case RoomEventKind.Comment: _commentCount += count; break;
            case RoomEventKind.ProductClick: _clicks += count; break;
            case RoomEventKind.Share: _shares += count; break;
            case RoomEventKind.OrderPlaced: _orders += count; break;
            case RoomEventKind.OrderPaid: _paidOrders += count; _paidGmv += amount; break;
            case RoomEventKind.OrderCancelled:
            default:
                break;
        }
    }
}
