using System.Threading.Channels;
using Daihuo.Data;
using Daihuo.Data.Audit;
using Daihuo.Data.Common;
using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Daihuo.Live.Orders;

/// <summary>An order the batch pays or cancels; <see cref="By"/> names the staff member who cancelled it (null: its payment window ran out).</summary>
public sealed record OrderRef(Guid OrderId, string BuyerId, int Quantity, long TotalFen, StaffAct? By = null);

/// <summary>
/// One offer's changes at the offer version the grain believes is current: new orders (units taken),
/// orders paid, unpaid orders cancelled (their units returned) and stock topped up. A rehearsal's
/// batch (<see cref="IsTest"/>) writes its test orders and leaves the offer row alone.
/// </summary>
public sealed record JournalBatch(Guid OfferId, long ExpectedVersion, IReadOnlyList<Order> Orders)
{
    public Guid SessionId { get; init; }

    public bool IsTest { get; init; }

    public IReadOnlyList<OrderRef> Paid { get; init; } = [];

    public IReadOnlyList<OrderRef> Cancelled { get; init; } = [];

    public IReadOnlyList<(int Units, StaffAct By)> TopUps { get; init; } = [];

    public DateTimeOffset At { get; init; }

    /// <summary>Units sold by this batch, net of the units it returns.</summary>
    public int Units => Orders.Sum(o => o.Quantity) - Cancelled.Sum(c => c.Quantity);

    public int AddedUnits => TopUps.Sum(t => t.Units);

    /// <summary>The room events the journal wrote for this batch, ids assigned, once it committed.</summary>
    public List<RoomEvent> Written { get; } = [];
}

public enum JournalOutcome
{
    Committed = 0,

    /// <summary>The offer row was not at the expected version, or the batch would oversell: nothing written.</summary>
    Fenced = 1,

    /// <summary>The transaction failed: nothing of the group was written.</summary>
    Failed = 2,
}

/// <summary>
/// The order journal's group-commit writer, one per server. Batches from every offer queue here;
/// each round takes all that is waiting and writes it in <b>one</b> transaction: per batch, a fenced
/// update of the offer row (<c>WHERE Version = @expected AND Sold + @n &lt;= Allocated</c>) and, if
/// it matched, the batch's orders. The round commits before any caller hears back, so an
/// acknowledgement is always durable; while a round writes, the next one fills.
/// </summary>
public sealed partial class OrderJournal(IDbContextFactory<DaihuoDbContext> contexts, LiveClock clock, JournalFaults faults, ILogger<OrderJournal> logger)
    : BackgroundService
{
    private const int MaxBatchesPerRound = 512;

    private readonly Channel<(JournalBatch Batch, TaskCompletionSource<JournalOutcome> Done)> _queue =
        Channel.CreateUnbounded<(JournalBatch, TaskCompletionSource<JournalOutcome>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Test hook: runs inside the round's transaction after the writes and before the commit.</summary>
    internal Func<Task>? BeforeCommit { get; set; }

    public Task<JournalOutcome> AppendAsync(JournalBatch batch)
    {
        var done = new TaskCompletionSource<JournalOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((batch, done)))
        {
            done.SetResult(JournalOutcome.Failed);
        }

        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var round = new List<(JournalBatch Batch, TaskCompletionSource<JournalOutcome> Done)>(MaxBatchesPerRound);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            round.Clear();
            while (round.Count < MaxBatchesPerRound && _queue.Reader.TryRead(out var item))
            {
                round.Add(item);
            }

            await WriteRoundAsync(round, stoppingToken);
        }
    }

    private async Task WriteRoundAsync(List<(JournalBatch Batch, TaskCompletionSource<JournalOutcome> Done)> round, CancellationToken ct)
    {
        var outcomes = new JournalOutcome[round.Count];
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var placesOrders = false;
            for (var i = 0; i < round.Count; i++)
            {
                var batch = round[i].Batch;
                var units = batch.Units;
                var added = batch.AddedUnits;
                var expected = batch.ExpectedVersion;

                // A rehearsal's test orders never touch the offer row: no real stock moves, nothing to fence.
                var matched = batch.IsTest ? 1 : await db.Offers
                    .Where(o => o.Id == batch.OfferId && o.Version == expected && o.Sold + units <= o.Allocated + added)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(o => o.Sold, o => o.Sold + units)
                            .SetProperty(o => o.Allocated, o => o.Allocated + added)
                            .SetProperty(o => o.Version, o => o.Version + 1),
                        ct);
                if (matched == 1)
                {
                    foreach (var order in batch.Orders)
                    {
                        order.JournalVersion = batch.IsTest ? 0 : expected + 1;
                        order.IsTest = batch.IsTest;
                    }

                    // Orders and their room events are appended without the change tracker (the flash sale's hot path).
                    await RowInserter<Order>.For(db).InsertAsync(db, batch.Orders, ct);
                    await CloseOrdersAsync(db, batch, ct);
                    RecordEvents(db, batch);
                    await RowInserter<RoomEvent>.For(db).InsertAsync(db, batch.Written, ct);
                    placesOrders |= batch.Orders.Count > 0;
                    outcomes[i] = JournalOutcome.Committed;
                }
                else
                {
                    outcomes[i] = JournalOutcome.Fenced;
                }
            }

            await db.SaveChangesAsync(ct);
            if (BeforeCommit is { } hook)
            {
                await hook();
            }

            faults.At(JournalFault.BeforeCommit, placesOrders);
            await tx.CommitAsync(ct);
            faults.At(JournalFault.AfterCommit, placesOrders);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or IOException)
        {
            LogRoundFailed(logger, ex, round.Count);
            Array.Fill(outcomes, JournalOutcome.Failed);
        }

        for (var i = 0; i < round.Count; i++)
        {
            round[i].Done.SetResult(outcomes[i]);
        }
    }

    /// <summary>
    /// The room's order events (written by the caller) and the audit entries of staff actions, in the orders'
    /// own transaction: the live numbers rebuilt from the event table count exactly the committed orders.
    /// </summary>
    private void RecordEvents(DaihuoDbContext db, JournalBatch batch)
    {
        batch.Written.Clear();
        foreach (var order in batch.Orders)
        {
            batch.Written.Add(Event(batch, RoomEventKind.OrderPlaced, order.BuyerId, order.Total.Fen, order.PlacedAt));
        }

        foreach (var paid in batch.Paid)
        {
            batch.Written.Add(Event(batch, RoomEventKind.OrderPaid, paid.BuyerId, paid.TotalFen, batch.At));
        }

        foreach (var cancelled in batch.Cancelled)
        {
            batch.Written.Add(Event(batch, RoomEventKind.OrderCancelled, cancelled.BuyerId, cancelled.TotalFen, batch.At));
            if (cancelled.By is { } by)
            {
                AuditLog.Record(db, clock.Time, new Actor(by.UserId, by.Name), "order.cancelled", "order", cancelled.OrderId.ToString(),
                    new { Status = nameof(OrderStatus.Placed) }, new { Status = nameof(OrderStatus.Cancelled), cancelled.Quantity }, by.Reason);
            }
        }

        foreach (var (units, by) in batch.TopUps)
        {
            AuditLog.Record(db, clock.Time, new Actor(by.UserId, by.Name), batch.IsTest ? "live.offer.topped_up.test" : "live.offer.topped_up", "offer",
                batch.OfferId.ToString(), null, new { Units = units }, by.Reason);
        }
    }

    private static RoomEvent Event(JournalBatch batch, RoomEventKind kind, string buyerId, long fen, DateTimeOffset at) => new()
    {
        SessionId = batch.SessionId,
        Kind = kind,
        IsTest = batch.IsTest,
        ViewerId = buyerId,
        OfferId = batch.OfferId,
        Amount = fen,
        At = at,
    };

    /// <summary>Paid and cancelled orders change status only from Placed; anything else means a stale view, and the round fails.</summary>
    private static async Task CloseOrdersAsync(DaihuoDbContext db, JournalBatch batch, CancellationToken ct)
    {
        var at = batch.At;
        if (batch.Paid.Count > 0)
        {
            var paid = batch.Paid.Select(p => p.OrderId).ToList();
            var changed = await db.Orders.Where(o => paid.Contains(o.Id) && o.Status == OrderStatus.Placed)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Paid).SetProperty(o => o.PaidAt, at), ct);
            if (changed != paid.Count)
            {
                throw new InvalidOperationException("An order to mark paid was not placed.");
            }
        }

        if (batch.Cancelled.Count > 0)
        {
            var cancelled = batch.Cancelled.Select(c => c.OrderId).ToList();
            var changed = await db.Orders.Where(o => cancelled.Contains(o.Id) && o.Status == OrderStatus.Placed)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled).SetProperty(o => o.CancelledAt, at), ct);
            if (changed != cancelled.Count)
            {
                throw new InvalidOperationException("An order to cancel was not placed.");
            }

            // A coupon spent on an order that was never paid goes back to its buyer (its validity still applies when used again).
            await db.CouponClaims.Where(c => c.OrderId != null && cancelled.Contains(c.OrderId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OrderId, (Guid?)null).SetProperty(c => c.RedeemedAt, (DateTimeOffset?)null), ct);

            // So does the gift stock set aside for it; a checkout's gifts once none of its lines is left.
            var checkouts = await db.Orders.Where(o => cancelled.Contains(o.Id) && o.CheckoutId != null).Select(o => o.CheckoutId!.Value).Distinct().ToListAsync(ct);
            var gone = checkouts.Count == 0 ? [] : await db.Orders.Where(o => o.CheckoutId != null && checkouts.Contains(o.CheckoutId.Value))
                .GroupBy(o => o.CheckoutId!.Value)
                .Where(g => g.All(o => o.Status == OrderStatus.Cancelled))
                .Select(g => g.Key)
                .ToListAsync(ct);
            await db.GiftGrants.Where(g => cancelled.Contains(g.ForId) || gone.Contains(g.ForId)).ExecuteDeleteAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Order journal round of {Batches} batches failed; every batch answers retry.")]
    private static partial void LogRoundFailed(ILogger logger, Exception ex, int batches);
}
