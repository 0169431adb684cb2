using Daihuo.Data.Common;
using Daihuo.Data.Live;
using Daihuo.Data.Orders;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Tests.Common;

/// <summary>
/// The journal's inserts without the change tracker store a row exactly as EF Core would (every column,
/// through the same converters and type mappings, on each provider), read back the keys the database
/// generates, and belong to the caller's transaction.
/// </summary>
public abstract class RowInserterTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Offer> OfferAsync()
    {
        var code = "RI-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var product = await fixture.Catalog.CreateAsync(
            new ProductDraft(code, "行写入测试", "food-snacks", null, null, ProductRole.Hit, SpecialCategory.None, null, [], Fabe.Empty,
                [new SkuDraft(code + "-1", null, null, null, Money.FromFen(19900), Money.FromFen(9900), Money.FromFen(9900), Money.FromFen(1000))]),
            new Daihuo.Data.Audit.Actor("test", "test"), Ct);
        await using var db = fixture.CreateDbContext();
        var session = new LiveSession { Id = Guid.CreateVersion7(), Title = "写入 " + code, Room = code.ToLowerInvariant(), Status = SessionStage.Live, CreatedAt = fixture.Clock.GetUtcNow() };
        var offer = new Offer { Id = Guid.CreateVersion7(), SessionId = session.Id, SkuId = product.Skus[0].Id, Price = Money.FromFen(9900), Allocated = 10 };
        db.LiveSessions.Add(session);
        db.Offers.Add(offer);
        await db.SaveChangesAsync(Ct);
        return offer;
    }

    private static readonly Guid Coupon = Guid.NewGuid();
    private static readonly Guid Checkout = Guid.NewGuid();

    private Order NewOrder(Offer offer, string key, bool full) => new()
    {
        Id = Guid.CreateVersion7(),
        OfferId = offer.Id,
        SessionId = offer.SessionId,
        BuyerId = "b_0123456789",
        BuyerName = full ? "小明" : null,
        BuyerPhone = full ? "138****0000" : null,
        ShipName = full ? "王小明" : null,
        ShipPhone = full ? "13800138000" : null,
        ShipAddress = full ? "上海市浦东新区世纪大道 100 号" : null,
        Gross = Money.FromFen(19800),
        Pricing = full ? """{"lines":[],"total":17800}""" : null,
        CouponId = full ? Coupon : null,
        CheckoutId = full ? Checkout : null,
        CheckoutLines = full ? 2 : 0,
        RefundedUnits = full ? 1 : 0,
        Refunded = Money.FromFen(full ? 8900 : 0),
        IsTest = full,
        Quantity = 2,
        UnitPrice = Money.FromFen(9900),
        Total = Money.FromFen(17800),
        Status = full ? OrderStatus.Paid : OrderStatus.Placed,
        PlacedAt = new DateTimeOffset(2026, 11, 26, 20, 0, 0, 123, TimeSpan.FromHours(8)),
        PaidAt = full ? new DateTimeOffset(2026, 11, 26, 12, 1, 0, TimeSpan.Zero) : null,
        JournalVersion = 7,
        IdempotencyKey = key,
        RequestHash = "AB12",
    };

    [Fact]
    public async Task A_row_written_without_the_change_tracker_reads_back_as_the_same_row_as_one_EF_wrote()
    {
        fixture.SkipIfUnavailable();
        var offer = await OfferAsync();
        foreach (var full in new[] { true, false })
        {
            var (byEf, byInserter) = (NewOrder(offer, $"ef-{full}", full), NewOrder(offer, $"ri-{full}", full));
            await using (var db = fixture.CreateDbContext())
            {
                db.Orders.Add(byEf);
                await db.SaveChangesAsync(Ct);
                await using var tx = await db.Database.BeginTransactionAsync(Ct);
                await RowInserter<Order>.For(db).InsertAsync(db, [byInserter], Ct);
                await tx.CommitAsync(Ct);
            }

            await using var read = fixture.CreateDbContext();
            var a = await read.Orders.AsNoTracking().SingleAsync(o => o.Id == byEf.Id, Ct);
            var b = await read.Orders.AsNoTracking().SingleAsync(o => o.Id == byInserter.Id, Ct);
            foreach (var property in read.Model.FindEntityType(typeof(Order))!.GetProperties().Where(p => p.Name is not (nameof(Order.Id) or nameof(Order.IdempotencyKey))))
            {
                Assert.Equal((property.Name, property.PropertyInfo!.GetValue(a)), (property.Name, property.PropertyInfo.GetValue(b)));
            }

            Assert.Equal(byInserter.PlacedAt, b.PlacedAt);
            Assert.Equal(byInserter.Total, b.Total);
        }
    }

    [Fact]
    public async Task Generated_keys_are_read_back_in_order_and_the_rows_share_the_callers_transaction()
    {
        fixture.SkipIfUnavailable();
        var offer = await OfferAsync();
        RoomEvent E(int i) => new()
        {
            SessionId = offer.SessionId, Kind = RoomEventKind.OrderPlaced, ViewerId = "v" + i, OfferId = offer.Id, Amount = 100 * i,
            At = fixture.Clock.GetUtcNow().AddSeconds(i), Verdict = i == 2 ? CommentVerdict.Held : null, CommentSeq = i == 2 ? 5 : null,
        };

        var kept = Enumerable.Range(1, 3).Select(E).ToList();
        await using (var db = fixture.CreateDbContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await RowInserter<RoomEvent>.For(db).InsertAsync(db, kept, Ct);
            await tx.CommitAsync(Ct);
        }

        Assert.All(kept, e => Assert.True(e.Id > 0));
        Assert.Equal(kept.Select(e => e.Id).Order(), kept.Select(e => e.Id));
        await using (var db = fixture.CreateDbContext())
        {
            var stored = await db.RoomEvents.AsNoTracking().Where(e => e.SessionId == offer.SessionId).OrderBy(e => e.Id).ToListAsync(Ct);
            Assert.Equal(kept.Select(e => (e.Id, e.ViewerId, e.Amount, e.At, e.Verdict, e.CommentSeq)), stored.Select(e => (e.Id, e.ViewerId, e.Amount, e.At, e.Verdict, e.CommentSeq)));

            // Rolled back with the caller's transaction: nothing stays.
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await RowInserter<RoomEvent>.For(db).InsertAsync(db, [E(4), E(5)], Ct);
            await tx.RollbackAsync(Ct);
        }

        await using var after = fixture.CreateDbContext();
        Assert.Equal(3, await after.RoomEvents.CountAsync(e => e.SessionId == offer.SessionId, Ct));
    }
}

public sealed class SqliteRowInserterTests(SqliteFixture fixture) : RowInserterTests<SqliteFixture>(fixture);

public sealed class PostgresRowInserterTests(PostgresFixture fixture) : RowInserterTests<PostgresFixture>(fixture);
