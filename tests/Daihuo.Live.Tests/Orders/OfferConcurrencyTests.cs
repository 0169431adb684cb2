using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Common;
using Daihuo.Live.Orders;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Tests.Orders;

/// <summary>
/// Stock and orders under a crowd, on an Orleans test cluster over SQLite and over PostgreSQL:
/// exact stock, exact per-buyer limits, durable acknowledgements, idempotent retries, fencing.
/// </summary>
public abstract class OfferConcurrencyTests<TCluster, TDatabase>(TCluster live) : IClassFixture<TCluster>
    where TCluster : LiveCluster<TDatabase>
    where TDatabase : DatabaseFixture, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void SkipIfUnavailable() => live.Database.SkipIfUnavailable();

    private async Task<List<Order>> OrdersAsync(Guid offerId)
    {
        await using var db = live.Database.CreateDbContext();
        return await db.Orders.AsNoTracking().Where(o => o.OfferId == offerId).ToListAsync(Ct);
    }

    private async Task<Offer> OfferRowAsync(Guid offerId)
    {
        await using var db = live.Database.CreateDbContext();
        return await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offerId, Ct);
    }

    [Fact]
    public async Task Five_thousand_buyers_race_for_five_hundred_units_with_a_limit_of_two()
    {
        SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 500, perBuyerLimit: 2);
        var offer = live.Grains.Offer(offerId);

        // Every buyer tries three times (three clicks, three keys): more demand than stock and than the limit.
        var attempts = Enumerable.Range(0, 5_000)
            .SelectMany(b => Enumerable.Range(0, 3).Select(k => new PlaceOrder($"buyer-{b}", 1, $"key-{b}-{k}", $"hash-{b}-{k}")))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        var results = await Task.WhenAll(attempts.Select(a => offer.PlaceOrderAsync(a)));

        var accepted = results.Where(r => r.Outcome == OrderOutcome.Accepted).ToList();
        var orders = await OrdersAsync(offerId);
        var row = await OfferRowAsync(offerId);
        Assert.Equal(500, accepted.Sum(r => r.Quantity));
        Assert.Equal(500, row.Sold);
        Assert.Equal(500, orders.Sum(o => o.Quantity));
        Assert.True(orders.GroupBy(o => o.BuyerId).All(g => g.Sum(o => o.Quantity) <= 2), "a buyer holds more than the limit");
        Assert.Equal(accepted.Select(r => r.OrderId!.Value).Order(), orders.Select(o => o.Id).Order());
        Assert.DoesNotContain(results, r => r.Outcome == OrderOutcome.Retry);
        Assert.All(results.Where(r => r.Outcome != OrderOutcome.Accepted), r => Assert.Contains(r.Outcome, new[] { OrderOutcome.SoldOut, OrderOutcome.OverBuyerLimit }));
        Assert.Equal(500, (await offer.GetSnapshotAsync()).Sold);
    }

    [Fact]
    public async Task Retried_clicks_with_the_same_key_place_one_order_and_get_the_first_answer()
    {
        SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 300, perBuyerLimit: 5);
        var offer = live.Grains.Offer(offerId);

        // 200 buyers, each key sent five times at once; then once more after the fact.
        var attempts = Enumerable.Range(0, 200)
            .SelectMany(b => Enumerable.Repeat(new PlaceOrder($"r-{b}", 1, $"only-key-{b}", "same-body"), 5))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        var results = await Task.WhenAll(attempts.Select(a => offer.PlaceOrderAsync(a)));
        var later = await offer.PlaceOrderAsync(new PlaceOrder("r-7", 1, "only-key-7", "same-body"));
        var reused = await offer.PlaceOrderAsync(new PlaceOrder("r-7", 2, "only-key-7", "another-body"));

        var orders = await OrdersAsync(offerId);
        Assert.Equal(200, orders.Count);
        Assert.Equal(200, (await OfferRowAsync(offerId)).Sold);
        foreach (var group in results.Zip(attempts).GroupBy(x => x.Second.BuyerId))
        {
            Assert.Single(group.Select(x => x.First.OrderId).Distinct());
        }

        Assert.Equal(orders.Single(o => o.BuyerId == "r-7").Id, later.OrderId);
        Assert.Equal(OrderOutcome.KeyReused, reused.Outcome);
    }

    [Fact]
    public async Task A_reactivated_offer_rebuilds_from_the_journal_and_still_knows_its_keys()
    {
        SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 3);
        var offer = live.Grains.Offer(offerId);
        var first = await offer.PlaceOrderAsync(new PlaceOrder("a", 3, "k1", "h1"));
        await offer.PlaceOrderAsync(new PlaceOrder("b", 2, "k2", "h2"));

        // Lose the activation (a crash or a move to another silo): the journal is the memory.
        await live.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        await Task.Delay(200, Ct);

        var snapshot = await offer.GetSnapshotAsync();
        var retry = await offer.PlaceOrderAsync(new PlaceOrder("a", 3, "k1", "h1"));
        var overLimit = await offer.PlaceOrderAsync(new PlaceOrder("a", 1, "k3", "h3"));
        Assert.Equal(5, snapshot.Sold);
        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.Equal(OrderOutcome.OverBuyerLimit, overLimit.Outcome);
        Assert.Equal(2, (await OrdersAsync(offerId)).Count);
    }

    [Fact]
    public async Task Unpaid_orders_expire_after_the_payment_window_and_their_units_return_but_a_paid_one_stays()
    {
        SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 5);
        var offer = live.Grains.Offer(offerId);
        var a = await offer.PlaceOrderAsync(new PlaceOrder("exp-a", 3, "ka", "h"));
        var b = await offer.PlaceOrderAsync(new PlaceOrder("exp-b", 2, "kb", "h"));
        var c = await offer.PlaceOrderAsync(new PlaceOrder("exp-c", 1, "kc", "h"));

        Assert.True(await offer.MarkPaidAsync(b.OrderId!.Value));
        Assert.False(await offer.MarkPaidAsync(b.OrderId!.Value));
        live.Database.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await offer.ExpireUnpaidAsync());
        live.Database.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await offer.ExpireUnpaidAsync());

        var orders = (await OrdersAsync(offerId)).ToDictionary(o => o.Id);
        Assert.Equal(OrderStatus.Cancelled, orders[a.OrderId!.Value].Status);
        Assert.Equal(OrderStatus.Cancelled, orders[c.OrderId!.Value].Status);
        Assert.NotNull(orders[a.OrderId!.Value].CancelledAt);
        Assert.Equal(OrderStatus.Paid, orders[b.OrderId!.Value].Status);
        Assert.Equal(2, (await OfferRowAsync(offerId)).Sold);
        Assert.Equal(2, (await offer.GetSnapshotAsync()).Sold);
        Assert.False(await offer.MarkPaidAsync(a.OrderId!.Value));

        // The returned units and the buyer's allowance are back: the same buyer buys again.
        var again = await offer.PlaceOrderAsync(new PlaceOrder("exp-a", 5, "ka-2", "h"));
        Assert.Equal(OrderOutcome.Accepted, again.Outcome);

        // And a reactivated grain agrees with the journal.
        await live.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        await Task.Delay(200, Ct);
        Assert.Equal(7, (await offer.GetSnapshotAsync()).Sold);
        live.Database.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(1, await offer.ExpireUnpaidAsync());
        Assert.Equal(2, (await OfferRowAsync(offerId)).Sold);
    }

    [Fact]
    public async Task Two_activations_cannot_both_commit_at_the_same_version_and_the_database_refuses_an_oversell()
    {
        SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 5, perBuyerLimit: 0);
        var row = await OfferRowAsync(offerId);
        Order NewOrder(string buyer, int quantity) => new()
        {
            Id = Guid.CreateVersion7(),
            OfferId = offerId,
            SessionId = row.SessionId,
            BuyerId = buyer,
            Quantity = quantity,
            UnitPrice = row.Price,
            Total = row.Price * quantity,
            PlacedAt = DateTimeOffset.UtcNow,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            RequestHash = "h",
        };

        // Two activations that both loaded version 0 each try to sell 3 of the 5 units.
        var outcomes = await Task.WhenAll(
            live.Journal.AppendAsync(new JournalBatch(offerId, row.Version, [NewOrder("x", 3)])),
            live.Journal.AppendAsync(new JournalBatch(offerId, row.Version, [NewOrder("y", 3)])));
        var oversell = await live.Journal.AppendAsync(new JournalBatch(offerId, row.Version + 1, [NewOrder("z", 3)]));

        Assert.Equal([JournalOutcome.Committed, JournalOutcome.Fenced], outcomes.Order());
        Assert.Equal(JournalOutcome.Fenced, oversell);
        Assert.Equal(3, (await OfferRowAsync(offerId)).Sold);
        Assert.Single(await OrdersAsync(offerId));

        // Behind the fence stands the constraint: even a direct update cannot sell more than allocated.
        await using var db = live.Database.CreateDbContext();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Offers.Where(o => o.Id == offerId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Sold, 6), Ct));
        Assert.Equal(3, (await OfferRowAsync(offerId)).Sold);
    }

    [Fact]
    public async Task A_checkout_line_not_priced_as_quoted_is_refused_and_takes_nothing()
    {
        SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 2);
        var offer = live.Grains.Offer(offerId);
        Guid skuId;
        await using (var db = live.Database.CreateDbContext())
        {
            skuId = await db.Offers.Where(o => o.Id == offerId).Select(o => o.SkuId).SingleAsync(Ct);
        }

        // The buyer was quoted 99.00 for this line of a 149.00 cart; the offer's price is 99.00, so one fen off is a changed price.
        var checkout = Guid.NewGuid();
        CartItem[] lines = [new(skuId, 1, 9900, 19900, 1), new(Guid.NewGuid(), 1, 5000, 5000, 1)];
        var stale = await offer.PlaceOrderAsync(new PlaceOrder("cart-buyer", 1, "cart-1", "h1") { Cart = new CartTerms(checkout, lines, 0, 14900, 9899) });
        Assert.Equal((OrderOutcome.PriceChanged, 0), (stale.Outcome, (await offer.GetSnapshotAsync()).Sold));

        var placed = await offer.PlaceOrderAsync(new PlaceOrder("cart-buyer", 1, "cart-2", "h2") { Cart = new CartTerms(checkout, lines, 0, 14900, 9900) });
        Assert.Equal((OrderOutcome.Accepted, 9900L), (placed.Outcome, placed.TotalFen));
        var order = Assert.Single(await OrdersAsync(offerId));
        Assert.Equal((checkout, 2, 9900L), (order.CheckoutId!.Value, order.CheckoutLines, order.Total.Fen));
    }
}

public sealed class SqliteOfferConcurrencyTests(SqliteLiveCluster live) : OfferConcurrencyTests<SqliteLiveCluster, SqliteFixture>(live);

public sealed class PostgresOfferConcurrencyTests(PostgresLiveCluster live) : OfferConcurrencyTests<PostgresLiveCluster, PostgresFixture>(live);
