using Daihuo.Data.Audit;
using Daihuo.Data.Interaction;
using Daihuo.Data.Live;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Live;

namespace Daihuo.Data.Tests.Interaction;

/// <summary>
/// Who may win, from the room's own event rows: every condition the lottery set must hold, for
/// identified viewers only, never a blocked one, never a winner of an earlier draw in the session.
/// </summary>
public abstract class LotteryEligibilityTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InteractionStore Store => new(fixture, fixture.Clock);

    [Fact]
    public async Task Only_viewers_meeting_every_condition_can_win_and_nobody_wins_twice_in_a_session()
    {
        fixture.SkipIfUnavailable();
        var start = fixture.Clock.GetUtcNow();
        var sessionId = Guid.NewGuid();
        await using (var db = fixture.CreateDbContext())
        {
            db.LiveSessions.Add(new LiveSession
            {
                Id = sessionId, Title = "福利场", Room = "e" + sessionId.ToString("N")[..7], Status = SessionStage.Live, PlannedMinutes = 90, CreatedAt = start,
            });
            RoomEvent E(RoomEventKind kind, string viewer, int minute, long amount = 0) =>
                new() { SessionId = sessionId, Kind = kind, ViewerId = viewer, ViewerName = "名" + viewer, At = start.AddMinutes(minute), Amount = amount };

            // a: watched 12 minutes in two visits, follows, paid. b: watched 3 minutes, follows, paid. c: watched 20, follows, never paid.
            // v_anon: an anonymous viewer who watched and followed. d: meets everything but is blocked.
            db.RoomEvents.AddRange(
                E(RoomEventKind.Entry, "a", 0), E(RoomEventKind.Exit, "a", 7), E(RoomEventKind.Entry, "a", 10), E(RoomEventKind.Exit, "a", 15),
                E(RoomEventKind.Follow, "a", 1), E(RoomEventKind.OrderPaid, "a", 2, 2990),
                E(RoomEventKind.Entry, "b", 0), E(RoomEventKind.Exit, "b", 3), E(RoomEventKind.Follow, "b", 1), E(RoomEventKind.OrderPaid, "b", 2, 2990),
                E(RoomEventKind.Entry, "c", 0), E(RoomEventKind.Follow, "c", 1),
                E(RoomEventKind.Entry, "v_0123456789abcdef", 0), E(RoomEventKind.Follow, "v_0123456789abcdef", 1), E(RoomEventKind.OrderPaid, "v_0123456789abcdef", 2, 100),
                E(RoomEventKind.Entry, "d", 0), E(RoomEventKind.Follow, "d", 1), E(RoomEventKind.OrderPaid, "d", 2, 2990));
            await db.SaveChangesAsync(Ct);
        }

        await Store.BanAsync("d", "名d", BanKind.Block, null, Actor.System, Ct);
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        var draft = new LotteryDraft("福袋", PrizeKind.Goods, Money.FromYuan(50), 5, null, new Eligibility(null, MustFollow: true, WatchMinutes: 10, MustHaveBought: true), 5, null);
        var lottery = await Store.OpenLotteryAsync(sessionId, draft, Actor.System, Ct);
        Assert.Null(lottery.Seed);
        var drawn = await Store.DrawAsync(lottery.Id, Actor.System, Ct);

        Assert.NotNull(drawn);
        Assert.Equal([LotteryDraw.EntryCode(lottery.Id, "a")], drawn.Entries);
        Assert.Equal("a", Assert.Single(drawn.Winners).BuyerId);
        Assert.True(LotteryDraw.Verify(lottery.Commitment, drawn.Seed!, drawn.Entries!, 5, [.. drawn.Winners.Select(w => w.Code)]).WinnersMatch);
        Assert.Null(await Store.DrawAsync(lottery.Id, Actor.System, Ct));   // drawn once

        // Without conditions, every identified viewer who entered may win, except the blocked one and the earlier winner.
        var open = await Store.OpenLotteryAsync(sessionId, draft with { Eligibility = new Eligibility(null, false, 0, false) }, Actor.System, Ct);
        var second = await Store.DrawAsync(open.Id, Actor.System, Ct);
        Assert.Equal(["b", "c"], second!.Winners.Select(w => w.BuyerId).Order());
    }
}

public sealed class SqliteLotteryEligibilityTests(SqliteFixture fixture) : LotteryEligibilityTests<SqliteFixture>(fixture);

public sealed class PostgresLotteryEligibilityTests(PostgresFixture fixture) : LotteryEligibilityTests<PostgresFixture>(fixture);
