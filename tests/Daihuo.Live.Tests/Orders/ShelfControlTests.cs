using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Live;
using Daihuo.Live.Orders;
using Daihuo.Live.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Tests.Orders;

/// <summary>
/// The console's controls at the grain: rehearsal orders on their own stock, flash-sale windows,
/// top-ups and staff cancellations through the journal, and room numbers rebuilt from the event table.
/// </summary>
public abstract class ShelfControlTests<TCluster, TDatabase>(TCluster live) : IClassFixture<TCluster>
    where TCluster : LiveCluster<TDatabase>
    where TDatabase : DatabaseFixture, new()
{
    private static readonly StaffAct Staff = new("staff-1", "场控小王", "加库存");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Offer> OfferRowAsync(Guid offerId)
    {
        await using var db = live.Database.CreateDbContext();
        return await db.Offers.AsNoTracking().SingleAsync(o => o.Id == offerId, Ct);
    }

    private async Task<List<Order>> OrdersAsync(Guid offerId)
    {
        await using var db = live.Database.CreateDbContext();
        return await db.Orders.AsNoTracking().Where(o => o.OfferId == offerId).ToListAsync(Ct);
    }

    /// <summary>Changes the offer's session stage and listing in the rows, as the console's store does, then tells the grains.</summary>
    private async Task SetGateAsync(Guid offerId, SessionStage stage, bool listed, bool tell = true)
    {
        await using var db = live.Database.CreateDbContext();
        var offer = await db.Offers.SingleAsync(o => o.Id == offerId, Ct);
        offer.Listed = listed;
        (await db.LiveSessions.SingleAsync(s => s.Id == offer.SessionId, Ct)).Status = stage;
        await db.SaveChangesAsync(Ct);
        if (tell)
        {
            await live.Grains.Offer(offerId).RefreshTermsAsync();
            await live.Grains.Offer(offerId, test: true).RefreshTermsAsync();
        }
    }

    private async Task ReactivateAllAsync()
    {
        await live.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero, Ct);
        await Task.Delay(200, Ct);
    }

    [Fact]
    public async Task Rehearsal_orders_are_test_orders_on_their_own_stock_and_leave_the_real_offer_alone()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 3, perBuyerLimit: 0, stage: SessionStage.Rehearsal);
        var test = live.Grains.Offer(offerId, test: true);
        var real = live.Grains.Offer(offerId);

        var rehearsed = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => test.PlaceOrderAsync(new PlaceOrder($"r-{i}", 1, $"rk-{i}", "h"))));
        Assert.Equal(3, rehearsed.Count(r => r.Outcome == OrderOutcome.Accepted));
        Assert.Equal(2, rehearsed.Count(r => r.Outcome == OrderOutcome.SoldOut));
        Assert.All(await OrdersAsync(offerId), o => Assert.True(o.IsTest));
        Assert.Equal(0, (await OfferRowAsync(offerId)).Sold);

        // Going live: the real stock is whole, and a reactivated real grain does not count test orders.
        await SetGateAsync(offerId, SessionStage.Live, listed: true, tell: false);
        await ReactivateAllAsync();
        Assert.Equal(0, (await real.GetSnapshotAsync()).Sold);
        Assert.Equal(3, (await test.GetSnapshotAsync()).Sold);
        var sold = await real.PlaceOrderAsync(new PlaceOrder("r-0", 3, "live-1", "h"));
        Assert.Equal(OrderOutcome.Accepted, sold.Outcome);
        Assert.Equal(3, (await OfferRowAsync(offerId)).Sold);

        var session = (await OfferRowAsync(offerId)).SessionId;
        await WaitForAsync(async () => (await live.Grains.Room(session, test: true).GetStateAsync()).Numbers.Orders == 3);
        Assert.Equal(1, (await live.Grains.Room(session).GetStateAsync()).Numbers.Orders);
    }

    [Fact]
    public async Task An_offer_sells_only_at_its_stage_and_while_listed_answered_by_its_grain()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 0, stage: SessionStage.Rehearsal);
        var (real, test) = (live.Grains.Offer(offerId), live.Grains.Offer(offerId, test: true));
        var n = 0;
        Task<OrderResult> PlaceAsync(IOfferGrain offer, Guid? prizeOf = null) => offer.PlaceOrderAsync(new PlaceOrder("g-1", 1, $"gk-{++n}", "h") { PrizeOf = prizeOf });

        // Rehearsing: only the twin sells; the real grain says why not.
        var refused = await PlaceAsync(real);
        Assert.Equal((OrderOutcome.NotSelling, SessionStage.Rehearsal), (refused.Outcome, refused.Stage));
        Assert.Equal(OrderOutcome.Accepted, (await PlaceAsync(test)).Outcome);

        // Live: the other way round, as soon as the grains are told.
        await SetGateAsync(offerId, SessionStage.Live, listed: true);
        Assert.Equal(OrderOutcome.Accepted, (await PlaceAsync(real)).Outcome);
        Assert.Equal(OrderOutcome.NotSelling, (await PlaceAsync(test)).Outcome);

        // Off the shelf, then ended: refused, and nothing taken; a lottery prize won earlier is still given.
        await SetGateAsync(offerId, SessionStage.Live, listed: false);
        Assert.Equal(OrderOutcome.Unlisted, (await PlaceAsync(real)).Outcome);
        await SetGateAsync(offerId, SessionStage.Ended, listed: true);
        Assert.Equal(OrderOutcome.NotSelling, (await PlaceAsync(real)).Outcome);
        Assert.Equal(1, (await real.GetSnapshotAsync()).Sold);
        Assert.Equal(OrderOutcome.Accepted, (await PlaceAsync(real, prizeOf: Guid.NewGuid())).Outcome);

        // A grain activated later reads the same gate from the rows.
        await ReactivateAllAsync();
        Assert.Equal(OrderOutcome.NotSelling, (await PlaceAsync(real)).Outcome);
        Assert.Equal((2, 1), ((await real.GetSnapshotAsync()).Sold, (await test.GetSnapshotAsync()).Sold));
    }

    [Fact]
    public async Task A_flash_sale_sells_only_inside_its_window()
    {
        live.Database.SkipIfUnavailable();
        var start = live.Database.Clock.GetUtcNow().AddMinutes(5);
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 1, flashStart: start, flashMinutes: 30);
        var offer = live.Grains.Offer(offerId);

        Assert.Equal(OrderOutcome.NotStarted, (await offer.PlaceOrderAsync(new PlaceOrder("f-1", 1, "fk-1", "h"))).Outcome);
        live.Database.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(OrderOutcome.Accepted, (await offer.PlaceOrderAsync(new PlaceOrder("f-1", 1, "fk-2", "h"))).Outcome);
        live.Database.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(OrderOutcome.Ended, (await offer.PlaceOrderAsync(new PlaceOrder("f-2", 1, "fk-3", "h"))).Outcome);
        Assert.Single(await OrdersAsync(offerId));
    }

    [Fact]
    public async Task A_top_up_sells_only_after_it_is_written_and_audited()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 2, perBuyerLimit: 0);
        var offer = live.Grains.Offer(offerId);
        Assert.Equal(OrderOutcome.Accepted, (await offer.PlaceOrderAsync(new PlaceOrder("t-1", 2, "tk-1", "h"))).Outcome);
        Assert.Equal(OrderOutcome.SoldOut, (await offer.PlaceOrderAsync(new PlaceOrder("t-2", 1, "tk-2", "h"))).Outcome);

        Assert.True(await offer.TopUpAsync(3, Staff));
        Assert.False(await offer.TopUpAsync(0, Staff));
        Assert.Equal(OrderOutcome.Accepted, (await offer.PlaceOrderAsync(new PlaceOrder("t-2", 3, "tk-3", "h"))).Outcome);

        var row = await OfferRowAsync(offerId);
        Assert.Equal((5, 5), (row.Allocated, row.Sold));
        await using var db = live.Database.CreateDbContext();
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityId == offerId.ToString() && a.Action == "live.offer.topped_up", Ct);
        Assert.Equal(("staff-1", "加库存"), (audit.ActorId, audit.Reason));
        await ReactivateAllAsync();
        Assert.Equal(5, (await offer.GetSnapshotAsync()).Allocated);
    }

    [Fact]
    public async Task Staff_cancel_an_unpaid_order_and_its_units_return_but_never_a_paid_one()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 4, perBuyerLimit: 0);
        var offer = live.Grains.Offer(offerId);
        var unpaid = await offer.PlaceOrderAsync(new PlaceOrder("c-1", 3, "ck-1", "h"));
        var paid = await offer.PlaceOrderAsync(new PlaceOrder("c-2", 1, "ck-2", "h"));
        Assert.True(await offer.MarkPaidAsync(paid.OrderId!.Value));

        Assert.True(await offer.CancelUnpaidAsync(unpaid.OrderId!.Value, Staff));
        Assert.False(await offer.CancelUnpaidAsync(unpaid.OrderId!.Value, Staff));
        Assert.False(await offer.CancelUnpaidAsync(paid.OrderId!.Value, Staff));

        var orders = (await OrdersAsync(offerId)).ToDictionary(o => o.Id);
        Assert.Equal(OrderStatus.Cancelled, orders[unpaid.OrderId!.Value].Status);
        Assert.Equal(OrderStatus.Paid, orders[paid.OrderId!.Value].Status);
        Assert.Equal(1, (await OfferRowAsync(offerId)).Sold);
        Assert.Equal(3, (await offer.GetSnapshotAsync()).Allocated - (await offer.GetSnapshotAsync()).Sold);
        await using var db = live.Database.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "order.cancelled" && a.EntityId == unpaid.OrderId.Value.ToString(), Ct));
    }

    [Fact]
    public async Task A_payment_recorded_before_the_window_closes_wins_over_expiry_even_if_the_grain_never_heard_of_it()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 5, perBuyerLimit: 0);
        var offer = live.Grains.Offer(offerId);
        var placed = await offer.PlaceOrderAsync(new PlaceOrder("pay-1", 2, "pk-1", "h"));
        await using (var db = live.Database.CreateDbContext())
        {
            // The provider's notification was stored, and the call to the grain after it was lost.
            db.Payments.Add(new Payment
            {
                Id = Guid.CreateVersion7(),
                OrderId = placed.OrderId!.Value,
                OfferId = offerId,
                Provider = "local",
                Amount = Domain.Common.Money.FromFen(placed.TotalFen),
                Status = PaymentStatus.Succeeded,
                CreatedAt = live.Database.Clock.GetUtcNow(),
                PaidAt = live.Database.Clock.GetUtcNow(),
                NotificationId = "n-" + Guid.NewGuid().ToString("N"),
            });
            await db.SaveChangesAsync(Ct);
        }

        live.Database.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(0, await offer.ExpireUnpaidAsync());
        Assert.Equal(OrderStatus.Paid, Assert.Single(await OrdersAsync(offerId)).Status);
        Assert.Equal(2, (await OfferRowAsync(offerId)).Sold);
    }

    [Fact]
    public async Task Room_numbers_count_each_event_once_and_are_rebuilt_from_the_event_table()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 0, priceFen: 5000);
        var session = (await OfferRowAsync(offerId)).SessionId;
        var room = live.Grains.Room(session);
        var now = live.Database.Clock.GetUtcNow();
        RoomEventData E(RoomEventKind kind, string viewer, long amount = 0, string? text = null) => new(kind, viewer, "昵称" + viewer, null, amount, text, now);
        await room.AppendAsync([E(RoomEventKind.Entry, "v1"), E(RoomEventKind.Entry, "v2"), E(RoomEventKind.Entry, "v1"), E(RoomEventKind.Entry, "v3"), E(RoomEventKind.Entry, "v4")]);
        await room.AppendAsync([E(RoomEventKind.Like, "v1", 12), E(RoomEventKind.Follow, "v2"), E(RoomEventKind.Follow, "v2")]);
        await room.PostCommentAsync(new CommentIn("v3", "昵称v3", "有 M 码吗", now, Domain.Interaction.CommentVerdict.Published, false, null, null, null));
        await room.ReportOnlineAsync("server-a", 3);
        var offer = live.Grains.Offer(offerId);
        var placed = await offer.PlaceOrderAsync(new PlaceOrder("v1", 2, "nk-1", "h"));
        await offer.PlaceOrderAsync(new PlaceOrder("v2", 1, "nk-2", "h"));
        await offer.MarkPaidAsync(placed.OrderId!.Value);

        var expected = new RoomNumbers(3, 4, 5, 12, 1, 1, 0, 2, 1, 10_000, 1, 0);
        await WaitForAsync(async () => (await room.GetStateAsync()).Numbers == expected);
        var state = await room.GetStateAsync();
        Assert.Equal(2500, state.Numbers.ConversionBasisPoints);
        Assert.Equal("有 M 码吗", Assert.Single(state.Comments).Text);

        // Rebuilt from the table after the writer's batch: the same numbers (online is live only).
        await Task.Delay(600, Ct);
        await ReactivateAllAsync();
        Assert.Equal(expected with { Online = 0 }, (await room.GetStateAsync()).Numbers);
        Assert.Equal("昵称v3", Assert.Single((await room.GetStateAsync()).Comments).Name);
    }

    [Fact]
    public async Task Held_comments_wait_for_the_controller_muted_viewers_are_hidden_blocked_ones_refused_and_all_of_it_survives_a_restart()
    {
        live.Database.SkipIfUnavailable();
        var offerId = await live.CreateOfferAsync(units: 10, perBuyerLimit: 0, priceFen: 5000);
        var session = (await OfferRowAsync(offerId)).SessionId;
        var room = live.Grains.Room(session);
        var now = live.Database.Clock.GetUtcNow();
        CommentIn C(string viewer, string text, Domain.Interaction.CommentVerdict verdict = Domain.Interaction.CommentVerdict.Published) =>
            new(viewer, "昵称" + viewer, text, now, verdict, verdict != Domain.Interaction.CommentVerdict.Published, verdict == Domain.Interaction.CommentVerdict.Published ? null : "contact:x", null, null);

        var published = await room.PostCommentAsync(C("v1", "好看"));
        var hidden = await room.PostCommentAsync(C("v2", "加我微信", Domain.Interaction.CommentVerdict.Hidden));
        var held = await room.PostCommentAsync(C("v3", "根治湿疹", Domain.Interaction.CommentVerdict.Held));
        var heldToo = await room.PostCommentAsync(C("v3", "三天见效", Domain.Interaction.CommentVerdict.Held));
        Assert.Equal([1L, 2, 3, 4], new[] { published.Seq, hidden.Seq, held.Seq, heldToo.Seq });
        Assert.Equal(["好看"], (await room.GetStateAsync()).Comments.Select(c => c.Text));

        // The controller releases one and deletes the other; a second release of the same one changes nothing.
        Assert.NotNull(await room.ModerateAsync(held.Seq, release: true));
        Assert.Null(await room.ModerateAsync(held.Seq, release: true));
        Assert.NotNull(await room.ModerateAsync(heldToo.Seq, release: false));
        Assert.Equal(["好看", "根治湿疹"], (await room.GetStateAsync()).Comments.Select(c => c.Text));

        // A muted viewer's comment is hidden whatever it says; a blocked one is refused and not stored.
        await room.ApplyBanAsync(new RoomBan("v1", Block: false, now.AddMinutes(10)));
        Assert.Equal(Domain.Interaction.CommentVerdict.Hidden, (await room.PostCommentAsync(C("v1", "再来一单"))).Verdict);
        await room.ApplyBanAsync(new RoomBan("v4", Block: true, null));
        Assert.True((await room.PostCommentAsync(C("v4", "hello"))).Blocked);
        var totals = (await room.GetModerationAsync()).Totals;
        Assert.Equal(new CommentTotals(Published: 1, Hidden: 2, Held: 2, Released: 1, Deleted: 1, Refused: 1), totals);

        // Rebuilt from the event table: the same visible comments, nothing held, the same numbering.
        await Task.Delay(600, Ct);
        await ReactivateAllAsync();
        Assert.Equal(["好看", "根治湿疹"], (await room.GetStateAsync()).Comments.Select(c => c.Text));
        var rebuilt = await room.GetModerationAsync();
        Assert.Empty(rebuilt.Held);
        Assert.Equal(totals with { Refused = 0 }, rebuilt.Totals);
        Assert.Equal(6, (await room.PostCommentAsync(C("v5", "来了"))).Seq);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(await condition());
    }
}

public sealed class SqliteShelfControlTests(SqliteLiveCluster live) : ShelfControlTests<SqliteLiveCluster, SqliteFixture>(live);

public sealed class PostgresShelfControlTests(PostgresLiveCluster live) : ShelfControlTests<PostgresLiveCluster, PostgresFixture>(live);
