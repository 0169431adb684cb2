using Daihuo.Data;
using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Promotions;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Live.Promotions;
using Daihuo.Live.Rooms;
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
/// <para>
/// The key's extension is the mode: <see cref="OfferGrains.Real"/> sells the offer's stock;
/// <see cref="OfferGrains.Test"/> is the rehearsal's twin, which sells the same allocation again as
/// test orders, never touching the offer row, so a rehearsal leaves real stock and figures alone.
/// </para>
/// </summary>
public sealed class OfferGrain(IDbContextFactory<DaihuoDbContext> contexts, OrderJournal journal, LiveClock clock, LiveOptions options)
    : Grain, IOfferGrain
{
    private readonly Dictionary<(string Buyer, string Key), Task<OrderResult>> _byKey = [];
    private readonly Dictionary<(string Buyer, string Key), string> _hashByKey = [];

    // Unpaid orders: they expire after the payment window unless paid.
    private static readonly Dictionary<string, int> NoGifts = [];

    private readonly Dictionary<Guid, Unpaid> _unpaid = [];
    private Pending _pending = new();
    private OfferLedger _ledger = new(0, 0);
    private Money _price;
    private Guid _sessionId;
    private Guid _offerId;
    private Guid _skuId;
    private Money _listPrice;
    private int _orderCount;
    private (IReadOnlyList<PromotionTerms> Terms, List<Promotion> Parsed)? _promotions;
    private bool _test;
    private SessionStage _stage;
    private bool _listed;
    private DateTimeOffset? _flashStartsAt;
    private DateTimeOffset? _flashEndsAt;
    private long _version;
    private bool _flushing;
    private bool _stale;

    private sealed record Unpaid(string BuyerId, int Quantity, long TotalFen, DateTimeOffset PlacedAt)
    {
        /// <summary>The checkout the order is a line of, and the coupon it shares (returned once every line is gone).</summary>
        public Guid? CheckoutId { get; init; }

        public Guid? CouponId { get; init; }

        /// <summary>The gift promotions whose units went with the order (their grains learn when the journal gives them back).</summary>
        public IReadOnlyList<string>? Gifts { get; init; }

        public OrderRef Ref(Guid orderId, StaffAct? by = null) => new(orderId, BuyerId, Quantity, TotalFen, by);
    }

    /// <summary>What the next batch carries, and who waits for it.</summary>
    private sealed class Pending
    {
        public List<(Order Order, TaskCompletionSource<OrderResult> Done)> Placed { get; } = [];

        public List<(Guid OrderId, Unpaid Order, TaskCompletionSource<bool> Done)> Paid { get; } = [];

        public List<(Guid OrderId, Unpaid Order, StaffAct? By, TaskCompletionSource<bool> Done)> Cancelled { get; } = [];

        public List<(int Units, StaffAct By, TaskCompletionSource<bool> Done)> TopUps { get; } = [];

        public bool IsEmpty => Placed.Count == 0 && Paid.Count == 0 && Cancelled.Count == 0 && TopUps.Count == 0;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = _offerId = this.GetPrimaryKey(out var mode);
        _test = mode == OfferGrains.Test;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var offer = await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException(ErrorCodes.OfferNotFound, "offerId", id);
        var test = _test;
        var orders = await db.Orders.AsNoTracking().Where(o => o.OfferId == id && o.IsTest == test)
            .Select(o => new { o.Id, o.BuyerId, o.Quantity, o.Total, o.Status, o.PlacedAt, o.IdempotencyKey, o.RequestHash, o.Pricing, o.CouponId, o.CheckoutId })
            .ToListAsync(cancellationToken);
        _skuId = offer.SkuId;
        _listPrice = await db.Skus.AsNoTracking().Where(k => k.Id == offer.SkuId).Select(k => k.ListPrice).SingleAsync(cancellationToken);
        _orderCount = orders.Count;

        _price = offer.Price;
        _flashStartsAt = offer.FlashStartsAt;
        _flashEndsAt = offer.FlashEndsAt;
        _sessionId = offer.SessionId;
        _listed = offer.Listed;
        _stage = await db.LiveSessions.AsNoTracking().Where(s => s.Id == offer.SessionId).Select(s => s.Status).SingleAsync(cancellationToken);
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
                _unpaid[order.Id] = new Unpaid(order.BuyerId, order.Quantity, order.Total.Fen, order.PlacedAt)
                {
                    CheckoutId = order.CheckoutId,
                    CouponId = order.CouponId,
                    Gifts = GiftsOf(order.Pricing),
                };
            }

            var key = (order.BuyerId, order.IdempotencyKey);
            _hashByKey[key] = order.RequestHash;
            _byKey[key] = Task.FromResult(new OrderResult(OrderOutcome.Accepted, order.Id, order.Quantity, order.Total.Fen, -1) { Pricing = order.Pricing, CouponId = order.CouponId });
        }

        // The payment window is enforced here; the check reads the injected clock, so tests can move time.
        this.RegisterGrainTimer(
            static (grain, _) => grain.ExpireAsync(),
            this,
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)) { Interleave = true, KeepAlive = false });
    }

    Task<OfferSnapshot> IOfferGrain.GetSnapshotAsync() =>
        Task.FromResult(new OfferSnapshot(_offerId, _ledger.Allocated, _ledger.Sold, _ledger.PerBuyerLimit, _price.Fen, _version) { Orders = _orderCount });

    async Task IOfferGrain.RefreshTermsAsync()
    {
        var id = _offerId;
        await using var db = await contexts.CreateDbContextAsync();
        var terms = await db.Offers.AsNoTracking().Where(o => o.Id == id)
            .Join(db.LiveSessions, o => o.SessionId, s => s.Id, (o, s) => new { o.Price, o.FlashStartsAt, o.FlashEndsAt, o.Allocated, o.Listed, s.Status })
            .SingleAsync();

        // Assignments after the read: reservations interleaving here see either the old or the new terms.
        _stage = terms.Status;
        _listed = terms.Listed;
        _price = terms.Price;
        _flashStartsAt = terms.FlashStartsAt;
        _flashEndsAt = terms.FlashEndsAt;
        if (_test && terms.Allocated > _ledger.Allocated)
        {
            // The rehearsal's twin follows real top-ups; the real grain learns of them through its own journal batches.
            _ledger.TopUp(terms.Allocated - _ledger.Allocated);
        }
    }

    async Task<bool> IOfferGrain.TopUpAsync(int units, StaffAct by)
    {
        if (_stale || units < 1 || (long)units + _ledger.Allocated > ShelfRules.MaxUnits)
        {
            return false;
        }

        // The units are sold only once the batch that adds them has committed (see Complete).
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.TopUps.Add((units, by, done));
        StartFlush();
        return await done.Task;
    }

    Task<bool> IOfferGrain.CancelUnpaidAsync(Guid orderId, StaffAct by)
    {
        if (_stale || !_unpaid.Remove(orderId, out var unpaid))
        {
            return Task.FromResult(false);
        }

        _ledger.Release(unpaid.BuyerId, unpaid.Quantity);
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Cancelled.Add((orderId, unpaid, by, done));
        StartFlush();
        return done.Task;
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

        // The gate, answered in the same turn as the stock: the real offer sells while the session is live, its
        // rehearsal twin while it rehearses, and neither once it is unlisted. A lottery prize was won while the
        // room was open and is given regardless.
        if (command.PrizeOf is null && (_stage != (_test ? SessionStage.Rehearsal : SessionStage.Live) || !_listed))
        {
            return new OrderResult(_listed ? OrderOutcome.NotSelling : OrderOutcome.Unlisted, null, 0, 0, _ledger.Remaining) { Stage = _stage };
        }

        var now = clock.UtcNow;
        if (_flashStartsAt is { } start && now < start)
        {
            return new OrderResult(OrderOutcome.NotStarted, null, 0, 0, _ledger.Remaining);
        }

        if (_flashEndsAt is { } end && now >= end)
        {
            return new OrderResult(OrderOutcome.Ended, null, 0, 0, _ledger.Remaining);
        }

        var outcome = _ledger.TryReserve(command.BuyerId, command.Quantity);
        if (outcome != PurchaseOutcome.Accepted)
        {
            // Refusals are not remembered: the same key may succeed later (say, after stock is topped up).
            return new OrderResult(Refusal(outcome), null, 0, 0, _ledger.Remaining);
        }

        // Priced in the same turn as the reservation: the live price, the promotions and this order's rank, all as of now.
        var gross = OfferLedger.Total(_price, command.Quantity);
        var (total, pricing, coupon) = (gross, (string?)null, (Guid?)null);
        _orderCount++;
        if (command.PrizeOf is not null)
        {
            // A lottery prize: the unit comes from stock like any order, and costs the winner nothing.
            total = Money.Zero;
        }
        else if (command.Cart is { } cart)
        {
            // A checkout's line: the whole cart priced again with this offer's price and rank, exactly as quoted or not at all.
            var priced = PriceCart(cart, command, now);
            if (priced is null)
            {
                _orderCount--;
                _ledger.Release(command.BuyerId, command.Quantity);
                return new OrderResult(OrderOutcome.PriceChanged, null, 0, 0, _ledger.Remaining);
            }

            (total, pricing, coupon) = (priced.Lines[cart.Index].Amount, PricingJson.Write(priced), priced.CouponId is { } c ? Guid.Parse(c) : null);
        }
        else if (command.Pricing is { Promotions.Count: > 0 } terms)
        {
            var priced = PricingEngine.Price(
                [new CartLine(_skuId, command.Quantity, _price, _listPrice)],
                Promotions(terms.Promotions),
                new PricingContext(now)
                {
                    MemberTier = terms.MemberTier,
                    HeldCoupons = terms.Coupons,
                    RankBySku = new Dictionary<Guid, int> { [_skuId] = _orderCount },
                    OrderRank = _orderCount,
                    GiftStock = terms.GiftStock ?? NoGifts,
                },
                Policy(terms.Policy));
            (total, pricing, coupon) = (priced.Total, PricingJson.Write(priced), priced.CouponId is { } c ? Guid.Parse(c) : null);
        }

        var order = new Order
        {
            Id = command.OrderId ?? Guid.CreateVersion7(now),
            OfferId = _offerId,
            IsTest = _test,
            SessionId = _sessionId,
            BuyerId = command.BuyerId,
            Quantity = command.Quantity,
            UnitPrice = _price,
            Gross = gross,
            Total = total,
            Pricing = pricing,
            CouponId = coupon,
            CheckoutId = command.Cart?.CheckoutId,
            CheckoutLines = command.Cart?.Lines.Count ?? 0,
            Status = OrderStatus.Placed,
            PlacedAt = now,
            IdempotencyKey = command.IdempotencyKey,
            RequestHash = command.RequestHash,
            BuyerName = command.Contact?.BuyerName,
            BuyerPhone = command.Contact?.BuyerPhone,
            ShipName = command.Contact?.ShipName,
            ShipPhone = command.Contact?.ShipPhone,
            ShipAddress = command.Contact?.ShipAddress,
        };
        var done = new TaskCompletionSource<OrderResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Placed.Add((order, done));
        _hashByKey[key] = command.RequestHash;
        _byKey[key] = done.Task;
        StartFlush();
        return await done.Task;
    }

    /// <summary>The gifts a stored breakdown granted; most orders have none, and are not parsed.</summary>
    private static IReadOnlyList<string>? GiftsOf(string? pricing) =>
        pricing is not null && pricing.Contains("\"gifts\":[{", StringComparison.Ordinal) ? PricingJson.GiftIds(pricing) : null;

    /// <summary>The cart priced with this offer's live price and this order's rank; null if it is not what the buyer was quoted.</summary>
    private PricedCart? PriceCart(CartTerms cart, PlaceOrder command, DateTimeOffset now)
    {
        if (cart.Index < 0 || cart.Index >= cart.Lines.Count || cart.Lines[cart.Index] is not { } mine || mine.SkuId != _skuId || mine.Quantity != command.Quantity)
        {
            return null;
        }

        var lines = new List<CartLine>(cart.Lines.Count);
        var ranks = new Dictionary<Guid, int>();
        for (var i = 0; i < cart.Lines.Count; i++)
        {
            var line = cart.Lines[i];
            lines.Add(i == cart.Index
                ? new CartLine(_skuId, command.Quantity, _price, _listPrice)
                : new CartLine(line.SkuId, line.Quantity, Money.FromFen(line.UnitPriceFen), Money.FromFen(line.ListPriceFen)));
            ranks[line.SkuId] = i == cart.Index ? _orderCount : line.Rank;
        }

        ranks[_skuId] = _orderCount;
        var terms = command.Pricing;
        var priced = PricingEngine.Price(lines, terms is null ? [] : Promotions(terms.Promotions),
            new PricingContext(now) { MemberTier = terms?.MemberTier ?? 0, HeldCoupons = terms?.Coupons ?? [], RankBySku = ranks, OrderRank = cart.Index == 0 ? _orderCount : cart.Lines[0].Rank,
                GiftStock = terms?.GiftStock ?? NoGifts },
            Policy(terms?.Policy));
        return priced.Total.Fen == cart.TotalFen && priced.Lines[cart.Index].Amount.Fen == cart.AmountFen ? priced : null;
    }

    /// <summary>The promotions parsed once per set of terms (the API sends the same set until staff change it).</summary>
    private List<Promotion> Promotions(IReadOnlyList<PromotionTerms> terms)
    {
        if (_promotions is { } cached && cached.Terms.SequenceEqual(terms))
        {
            return cached.Parsed;
        }

        var parsed = terms.Select(t => PromotionJson.Read(t.Kind, t.Json)).ToList();
        _promotions = (terms, parsed);
        return parsed;
    }

    private (string Json, StackingPolicy Parsed)? _policy;

    private StackingPolicy? Policy(string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (_policy is not { } cached || cached.Json != json)
        {
            _policy = (json, PromotionJson.ReadPolicy(json));
        }

        return _policy.Value.Parsed;
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
        var candidates = _unpaid.Where(u => u.Value.PlacedAt <= due).Select(u => u.Key).ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        // A payment already recorded wins over expiry (say the grain call after the provider's notification failed):
        // such an order is marked paid now instead of cancelled.
        List<Guid> paidMeanwhile;
        var checkouts = candidates.Select(c => _unpaid[c].CheckoutId).OfType<Guid>().Distinct().ToList();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            paidMeanwhile = await db.Payments.AsNoTracking()
                .Where(p => candidates.Contains(p.OrderId) && p.Status == PaymentStatus.Succeeded)
                .Select(p => p.OrderId)
                .ToListAsync();
            if (checkouts.Count > 0)
            {
                // A checkout's payment covers every line: its lines on this offer are paid too.
                var paidCheckouts = await db.Payments.AsNoTracking()
                    .Where(p => p.CheckoutId != null && checkouts.Contains(p.CheckoutId.Value) && p.Status == PaymentStatus.Succeeded)
                    .Select(p => p.CheckoutId!.Value)
                    .ToListAsync();
                paidMeanwhile.AddRange(candidates.Where(c => _unpaid.TryGetValue(c, out var u) && u.CheckoutId is { } k && paidCheckouts.Contains(k)));
            }
        }

        // From here to the flush, one turn: the set is read again, since other calls ran during the query.
        if (_stale)
        {
            return 0;
        }

        var waits = new List<Task<bool>>(candidates.Count);
        var paying = new List<Task<bool>>();
        foreach (var orderId in paidMeanwhile)
        {
            if (_unpaid.Remove(orderId, out var unpaid))
            {
                var paid = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending.Paid.Add((orderId, unpaid, paid));
                paying.Add(paid.Task);
            }
        }

        foreach (var orderId in candidates.Except(paidMeanwhile))
        {
            if (!_unpaid.Remove(orderId, out var unpaid))
            {
                continue;
            }

            // The units go back now; if the batch fails they are taken again (see Abandon).
            _ledger.Release(unpaid.BuyerId, unpaid.Quantity);
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending.Cancelled.Add((orderId, unpaid, null, done));
            waits.Add(done.Task);
        }

        StartFlush();
        await Task.WhenAll(paying);
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
                var at = clock.UtcNow;
                var written = new JournalBatch(_offerId, _version, batch.Placed.Select(p => p.Order).ToList())
                {
                    SessionId = _sessionId,
                    IsTest = _test,
                    Paid = batch.Paid.Select(p => p.Order.Ref(p.OrderId)).ToList(),
                    Cancelled = batch.Cancelled.Select(c => c.Order.Ref(c.OrderId, c.By)).ToList(),
                    TopUps = batch.TopUps.Select(t => (t.Units, t.By)).ToList(),
                    At = at,
                };
                var outcome = await journal.AppendAsync(written);
                if (outcome == JournalOutcome.Committed)
                {
                    if (!_test)
                    {
                        _version++;
                    }

                    Complete(batch, written.Written);
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

    private void Complete(Pending batch, List<RoomEvent> written)
    {
        foreach (var (units, _, done) in batch.TopUps)
        {
            _ledger.TopUp(units);
            done.SetResult(true);
        }

        foreach (var (order, done) in batch.Placed)
        {
            _unpaid[order.Id] = new Unpaid(order.BuyerId, order.Quantity, order.Total.Fen, order.PlacedAt)
            {
                CheckoutId = order.CheckoutId,
                CouponId = order.CouponId,
                Gifts = GiftsOf(order.Pricing),
            };
            done.SetResult(new OrderResult(OrderOutcome.Accepted, order.Id, order.Quantity, order.Total.Fen, _ledger.Remaining) { Pricing = order.Pricing, CouponId = order.CouponId });
        }

        foreach (var (_, _, done) in batch.Paid)
        {
            done.SetResult(true);
        }

        foreach (var (_, unpaid, _, done) in batch.Cancelled)
        {
            if (unpaid is { CheckoutId: { } checkout, CouponId: { } coupon })
            {
                // A checkout's coupon goes back once its last line is gone (a single order's goes back in the journal batch).
                _ = GrainFactory.GetGrain<ICouponGrain>(coupon).ReturnIfUnusedAsync(checkout);
            }

            foreach (var gift in unpaid.Gifts ?? [])
            {
                // The journal gave the gift units back with the cancellation; the gift's grain reads its stock again.
                _ = GrainFactory.GetGrain<IGiftGrain>(Guid.Parse(gift)).ReloadAsync();
            }

            done.SetResult(true);
        }

        if (written.Count > 0)
        {
            // The journal wrote these events with the orders; the room only counts them (one-way, no wait).
            _ = GrainFactory.Room(_sessionId, _test).CountCommittedAsync(
                [.. written.Select(e => new RoomEventData(e.Kind, e.ViewerId, null, e.OfferId, e.Amount, null, e.At) { Id = e.Id })]);
        }
    }

    /// <summary>A batch that did not commit: undo its effect on the ledger and let its callers retry.</summary>
    private void Abandon(Pending batch)
    {
        foreach (var (order, done) in batch.Placed)
        {
            _orderCount--;
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

        foreach (var (_, _, done) in batch.TopUps)
        {
            done.SetResult(false);
        }

        foreach (var (orderId, unpaid, _, done) in batch.Cancelled)
        {
            _ledger.Replay(unpaid.BuyerId, unpaid.Quantity);
            _unpaid[orderId] = unpaid;
            done.SetResult(false);
        }
    }
}
