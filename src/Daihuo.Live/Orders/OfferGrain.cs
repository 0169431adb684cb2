using Daihuo.Data;
using Daihuo.Data.Orders;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Orders;

/// <summary>
/// The sequencer for one offer. Concurrency, stated: <see cref="IOfferGrain.PlaceOrderAsync"/>
/// interleaves, but everything that reads or changes the ledger runs before the method's first
/// await, inside one turn of the grain's single thread, so two calls never see the same stock. The
/// await that follows only waits for the journal. One flush is in flight at a time, chaining offer
/// versions; a batch the database fences (a second activation got there first) answers "retry" and
/// the grain deactivates to rebuild from the journal.
/// </summary>
public sealed class OfferGrain(IDbContextFactory<DaihuoDbContext> contexts, OrderJournal journal, TimeProvider clock) : Grain, IOfferGrain
{
    private readonly Dictionary<(string Buyer, string Key), Task<OrderResult>> _byKey = [];
    private readonly Dictionary<(string Buyer, string Key), string> _hashByKey = [];
    private List<(Order Order, TaskCompletionSource<OrderResult> Done)> _pending = [];
    private OfferLedger _ledger = new(0, 0);
    private Money _price;
    private Guid _sessionId;
    private long _version;
    private bool _flushing;
    private bool _stale;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException("live_offer_not_found", "offerId", id);
        var orders = await db.Orders.AsNoTracking().Where(o => o.OfferId == id)
            .Select(o => new { o.Id, o.BuyerId, o.Quantity, o.Total, o.Status, o.IdempotencyKey, o.RequestHash })
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

            var key = (order.BuyerId, order.IdempotencyKey);
            _hashByKey[key] = order.RequestHash;
            _byKey[key] = Task.FromResult(new OrderResult(OrderOutcome.Accepted, order.Id, order.Quantity, order.Total.Fen, -1));
        }
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
            return new OrderResult((OrderOutcome)(int)outcome, null, 0, 0, _ledger.Remaining);
        }

        var now = clock.GetUtcNow();
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
        _pending.Add((order, done));
        _hashByKey[key] = command.RequestHash;
        _byKey[key] = done.Task;
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }

        return await done.Task;
    }

    /// <summary>Writes what is pending, batch after batch, until nothing waits. Runs on the grain's scheduler.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (_pending.Count > 0 && !_stale)
            {
                var batch = _pending;
                _pending = [];
                var outcome = await journal.AppendAsync(new JournalBatch(this.GetPrimaryKey(), _version, batch.Select(p => p.Order).ToList()));
                if (outcome == JournalOutcome.Committed)
                {
                    _version++;
                    foreach (var (order, done) in batch)
                    {
                        done.SetResult(new OrderResult(OrderOutcome.Accepted, order.Id, order.Quantity, order.Total.Fen, _ledger.Remaining));
                    }
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
                _pending = [];
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>A batch that did not commit: give its units back and let its callers retry with the same keys.</summary>
    private void Abandon(List<(Order Order, TaskCompletionSource<OrderResult> Done)> batch)
    {
        foreach (var (order, done) in batch)
        {
            _ledger.Release(order.BuyerId, order.Quantity);
            var key = (order.BuyerId, order.IdempotencyKey);
            _hashByKey.Remove(key);
            _byKey.Remove(key);
            done.SetResult(new OrderResult(OrderOutcome.Retry, null, 0, 0, _ledger.Remaining));
        }
    }
}
