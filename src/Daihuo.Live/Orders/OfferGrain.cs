using Daihuo.Data;
using Daihuo.Data.Orders;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Orders;

/// <summary>
/// The sequencer for one offer. Concurrency, stated: the interleaving methods
/// (<see cref="IOfferGrain.PlaceOrderAsync"/>, <see cref="IOfferGrain.MarkPaidAsync"/>,
/// <see cref="IOfferGrain.ExpireUnpaidAsync"/>) do all their reading and changing of the ledger
/// before their first await, inside one turn of the grain's single thread, so two calls never see
/// the same stock; the awaits only wait for the journal. One flush is in flight at a time, chaining
/// offer versions; a batch the database fences (another activation got there first) answers "retry"
/// and the grain deactivates to rebuild from the journal.
/// </summary>
public sealed class OfferGrain(IDbContextFactory<DaihuoDbContext> contexts, OrderJournal journal, LiveClock clock, LiveOptions options)
    : Grain, IOfferGrain
{
    private readonly Dictionary<(string Buyer, string Key), Task<OrderResult>> _byKey = [];
    private readonly Dictionary<(string Buyer, string Key), string> _hashByKey = [];

    // Unpaid orders: they expire after the payment window unless paid.
    private readonly Dictionary<Guid, Unpaid> _unpaid = [];
    private Pending _pending = new();
    private OfferLedger _ledger = new(0, 0);
    private Money _price;
    private Guid _sessionId;
    private long _version;
    private bool _flushing;
    private bool _stale;

    private sealed record Unpaid(string BuyerId, int Quantity, DateTimeOffset PlacedAt);

    /// <summary>What the next batch carries, and who waits for it.</summary>
    private sealed class Pending
    {
        public List<(Order Order, TaskCompletionSource<OrderResult> Done)> Placed { get; } = [];

        public List<(Guid OrderId, Unpaid Order, TaskCompletionSource<bool> Done)> Paid { get; } = [];

        public List<(Guid OrderId, Unpaid Order, TaskCompletionSource<bool> Done)> Cancelled { get; } = [];

        public bool IsEmpty => Placed.Count == 0 && Paid.Count == 0 && Cancelled.Count == 0;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", id);
        var orders = await db.Orders.AsNoTracking().Where(o => o.OfferId == id)
            .Select(o => new { o.Id, o.BuyerId, o.Quantity, o.Total, o.Status, o.PlacedAt, o.IdempotencyKey, o.RequestHash })
            .ToListAsync(cancellationToken);

        _price = offer.Price;
        _sessionId = offer.SessionId;
        _version = offer.Version;
        _ledger = new OfferLedger(offer.Allocated, offer.PerBuyerLimit);
        foreach (var order in orders)
        {
            if (order.Status != OrderStatus.Cancelled)
            {
                _ledger.Replay(order.BuyerId, order.Quantity);
            }

            if (order.Status == OrderStatus.Placed)
            {
                _unpaid[order.Id] = new Unpaid(order.BuyerId, order.Quantity, order.PlacedAt);
            }

            var key = (order.BuyerId, order.IdempotencyKey);
            _hashByKey[key] = order.RequestHash;
            _byKey[key] = Task.FromResult(new OrderResult(OrderOutcome.Accepted, order.Id, order.Quantity, order.Total.Fen, -1));
        }

        // The payment window is enforced here; the check reads the injected clock, so tests can move time.
        this.RegisterGrainTimer(
            static (grain, _) => grain.ExpireAsync(),
            this,
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { Interleave = true, KeepAlive = false });
    }

    Task<OfferSnapshot> IOfferGrain.GetSnapshotAsync() =>
        Task.FromResult(new OfferSnapshot(this.GetPrimaryKey(), _ledger.Allocated, _ledger.Sold, _ledger.PerBuyerLimit, _price.Fen, _version));

    async Task IOfferGrain.RefreshTermsAsync()
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync();
        var price = await db.Offers.AsNoTracking().Where(o => o.Id == id).Select(o => o.Price).SingleAsync();

        // One assignment after the read: reservations interleaving here see either the old or the new price, whole.
        _price = price;
    }

    async Task<OrderResult> IOfferGrain.PlaceOrderAsync(PlaceOrder command)
    {
        var key = (command.BuyerId, command.IdempotencyKey);
        if (_hashByKey.TryGetValue(key, out var hash))
        {
            // A retry: the first answer, once it is known (in flight: the same task).
            return hash == command.RequestHash
                ? await _byKey[key]
                : new OrderResult(OrderOutcome.KeyReused, null, 0, 0, _ledger.Remaining);
        }

        if (_stale)
        {
            return new OrderResult(OrderOutcome.Retry, null, 0, 0, _ledger.Remaining);
        }

        var outcome = _ledger.TryReserve(command.BuyerId, command.Quantity);
        if (outcome != PurchaseOutcome.Accepted)
        {
            // Refusals are not remembered: the same key may succeed later (say, after stock is topped up).
            return new OrderResult(Refusal(outcome), null, 0, 0, _ledger.Remaining);
        }

        var now = clock.UtcNow;
        var order = new Order
        {
            Id = Guid.CreateVersion7(now),
            OfferId = this.GetPrimaryKey(),
            SessionId = _sessionId,
            BuyerId = command.BuyerId,
            Quantity = command.Quantity,
            UnitPrice = _price,
            Total = OfferLedger.Total(_price, command.Quantity),
            Status = OrderStatus.Placed,
            PlacedAt = now,
            IdempotencyKey = command.IdempotencyKey,
            RequestHash = command.RequestHash,
        };
        var done = new TaskCompletionSource<OrderResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Placed.Add((order, done));
        _hashByKey[key] = command.RequestHash;
        _byKey[key] = done.Task;
        StartFlush();
        return await done.Task;
    }

    private static OrderOutcome Refusal(PurchaseOutcome outcome) => outcome switch
    {
        PurchaseOutcome.SoldOut => OrderOutcome.SoldOut,
        PurchaseOutcome.NotEnoughStock => OrderOutcome.NotEnoughStock,
        PurchaseOutcome.OverBuyerLimit => OrderOutcome.OverBuyerLimit,
        _ => OrderOutcome.InvalidQuantity,
    };

    Task<bool> IOfferGrain.MarkPaidAsync(Guid orderId)
    {
        if (_stale || !_unpaid.Remove(orderId, out var unpaid))
        {
            return Task.FromResult(false);
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Paid.Add((orderId, unpaid, done));
        StartFlush();
        return done.Task;
    }

    Task<int> IOfferGrain.ExpireUnpaidAsync() => ExpireAsync();

    private async Task<int> ExpireAsync()
    {
        if (_stale)
        {
            return 0;
        }

        var due = clock.UtcNow - TimeSpan.FromMinutes(options.PaymentWindowMinutes);
        var expired = _unpaid.Where(u => u.Value.PlacedAt <= due).ToList();
        if (expired.Count == 0)
        {
            return 0;
        }

        var waits = new List<Task<bool>>(expired.Count);
        foreach (var (orderId, unpaid) in expired)
        {
            // The units go back now; if the batch fails they are taken again (see Abandon).
            _unpaid.Remove(orderId);
            _ledger.Release(unpaid.BuyerId, unpaid.Quantity);
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending.Cancelled.Add((orderId, unpaid, done));
            waits.Add(done.Task);
        }

        StartFlush();
        var results = await Task.WhenAll(waits);
        return results.Count(r => r);
    }

    private void StartFlush()
    {
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
    }

    /// <summary>Writes what is pending, batch after batch, until nothing waits. Runs on the grain's scheduler.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (!_pending.IsEmpty && !_stale)
            {
                var batch = _pending;
                _pending = new Pending();
                var outcome = await journal.AppendAsync(new JournalBatch(this.GetPrimaryKey(), _version, batch.Placed.Select(p => p.Order).ToList())
                {
                    Paid = batch.Paid.Select(p => p.OrderId).ToList(),
                    Cancelled = batch.Cancelled.Select(c => (c.OrderId, c.Order.Quantity)).ToList(),
                    At = clock.UtcNow,
                });
                if (outcome == JournalOutcome.Committed)
                {
                    _version++;
                    Complete(batch);
                }
                else
                {
                    Abandon(batch);
                    if (outcome == JournalOutcome.Fenced)
                    {
                        // Another activation moved the offer on: this one's view is stale. Rebuild.
                        _stale = true;
                        DeactivateOnIdle();
                    }
                }
            }

            if (_stale)
            {
                Abandon(_pending);
                _pending = new Pending();
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private void Complete(Pending batch)
    {
        foreach (var (order, done) in batch.Placed)
        {
            _unpaid[order.Id] = new Unpaid(order.BuyerId, order.Quantity, order.PlacedAt);
            done.SetResult(new OrderResult(OrderOutcome.Accepted, order.Id, order.Quantity, order.Total.Fen, _ledger.Remaining));
        }

        foreach (var (_, _, done) in batch.Paid)
        {
            done.SetResult(true);
        }

        foreach (var (_, _, done) in batch.Cancelled)
        {
            done.SetResult(true);
        }
    }

    /// <summary>A batch that did not commit: undo its effect on the ledger and let its callers retry.</summary>
    private void Abandon(Pending batch)
    {
        foreach (var (order, done) in batch.Placed)
        {
            _ledger.Release(order.BuyerId, order.Quantity);
            var key = (order.BuyerId, order.IdempotencyKey);
            _hashByKey.Remove(key);
            _byKey.Remove(key);
            done.SetResult(new OrderResult(OrderOutcome.Retry, null, 0, 0, _ledger.Remaining));
        }

        foreach (var (orderId, unpaid, done) in batch.Paid)
        {
            _unpaid[orderId] = unpaid;
            done.SetResult(false);
        }

        foreach (var (orderId, unpaid, done) in batch.Cancelled)
        {
            _ledger.Replay(unpaid.BuyerId, unpaid.Quantity);
            _unpaid[orderId] = unpaid;
            done.SetResult(false);
        }
    }
}
