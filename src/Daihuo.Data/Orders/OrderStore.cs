using Daihuo.Data.Audit;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Orders;

/// <summary>Staff's view of orders: filter by session, status and buyer; newest first.</summary>
public sealed record OrderFilter(Guid? SessionId = null, OrderStatus? Status = null, string? Buyer = null, bool IncludeTest = false, int Page = 0, int PageSize = 25)
{
    /// <summary>Exactly this buyer's orders (the storefront's "my orders").</summary>
    public string? BuyerId { get; init; }
}

public sealed record OrderRow(
    Guid Id, Guid SessionId, string SessionTitle, Guid OfferId, string ProductName, string SkuCode, string? Colour, string? Size, int Quantity,
    Money UnitPrice, Money Total, OrderStatus Status, bool IsTest, string BuyerId, string? BuyerName, string? BuyerPhone, string? ShipName,
    string? ShipAddress, DateTimeOffset PlacedAt, DateTimeOffset? PaidAt, DateTimeOffset? CancelledAt)
{
    /// <summary>The checkout (cart) this order is a line of, if any.</summary>
    public Guid? CheckoutId { get; init; }

    public Money Gross { get; init; }

    public int RefundedUnits { get; init; }

    public Money Refunded { get; init; }
}

/// <summary>A refund as staff recorded it, and what is left: when the whole order (or its whole checkout) is refunded, its coupon may go back.</summary>
public sealed record RefundDone(Guid RefundId, Guid OrderId, int Units, Money Amount, int RefundedUnits, Money Refunded)
{
    /// <summary>Set when this refund completed an order that used a coupon: (coupon, the id its claim was redeemed for: the checkout's or the order's).</summary>
    public (Guid Coupon, Guid ClaimedFor)? CouponBack { get; init; }
}

public sealed record OrderPage(IReadOnlyList<OrderRow> Items, int Total);

public sealed class OrderStore(IDbContextFactory<DaihuoDbContext> contexts, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    /// <summary>The lines of a checkout, in the order they were placed.</summary>
    public async Task<IReadOnlyList<Order>> CheckoutAsync(Guid checkoutId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Orders.AsNoTracking().Where(o => o.CheckoutId == checkoutId).OrderBy(o => o.Id).ToListAsync(ct);
    }

    /// <summary>What refunding the next <paramref name="units"/> units of a paid order would return (its apportioned share).</summary>
    public async Task<Money> RefundQuoteAsync(Guid orderId, int units, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new NotFoundException(ErrorCodes.OrderNotFound, "orderId", orderId);
        return Ledger(order).Quote(0, Units(order, units));
    }

    /// <summary>
    /// Refunds units of a paid order: the amount is their apportioned share of what was paid. The
    /// order's refunded count is the version: two staff refunding at once cannot both take the same
    /// units (the second is refused and changes nothing), and the total never exceeds what was paid.
    /// </summary>
    public async Task<RefundDone> RefundAsync(Guid orderId, int units, string? reason, Actor actor, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (reason?.Length > 200)
        {
            throw new DomainValidationException(ErrorCodes.TooLong, "reason", 200);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new NotFoundException(ErrorCodes.OrderNotFound, "orderId", orderId);
        var ledger = Ledger(order);
        var amount = ledger.Refund(0, Units(order, units));
        var refunded = order.Refunded + amount;
        var now = clock.GetUtcNow();
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(now),
            OrderId = orderId,
            CheckoutId = order.CheckoutId,
            Units = units,
            Amount = amount,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
            ByUserId = actor.UserId,
            ByName = actor.Name,
            At = now,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var expected = order.RefundedUnits;
            var changed = await db.Orders.Where(o => o.Id == orderId && o.Status == OrderStatus.Paid && o.RefundedUnits == expected)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RefundedUnits, expected + units).SetProperty(o => o.Refunded, refunded), ct);
            if (changed != 1)
            {
                // Another refund of this order got there first: its units are no longer the next ones. Nothing changed.
                throw new ConflictException(ErrorCodes.OrderRetry, "units");
            }

            db.Refunds.Add(refund);
            AuditLog.Record(db, clock, actor, "order.refunded", "order", orderId.ToString(), null,
                new { Units = units, Amount = amount.Fen, RefundedUnits = expected + units, Refunded = refunded.Fen, order.Total }, refund.Reason);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var done = new RefundDone(refund.Id, orderId, units, amount, order.RefundedUnits + units, refunded);

        // A fully refunded order gives its coupon back if nothing else it discounted is kept (the coupon grain decides).
        return order.CouponId is { } coupon && done.RefundedUnits == order.Quantity ? done with { CouponBack = (coupon, order.CheckoutId ?? orderId) } : done;
    }

    private static RefundLedger Ledger(Order order) =>
        order.Status == OrderStatus.Paid
            ? new RefundLedger(order.Total, order.Quantity, order.RefundedUnits)
            : throw new ConflictException(ErrorCodes.OrderNotRefundable, "orderId");

    private static int Units(Order order, int units) =>
        units >= 1 && units <= order.Quantity - order.RefundedUnits
            ? units
            : throw new DomainValidationException(ErrorCodes.OutOfRange, "units", 1, Math.Max(1, order.Quantity - order.RefundedUnits));

    public async Task<OrderPage> ListAsync(OrderFilter filter, CancellationToken ct = default)
    {
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var orders = db.Orders.AsNoTracking();
        if (!filter.IncludeTest)
        {
            orders = orders.Where(o => !o.IsTest);
        }

        if (filter.BuyerId is { } buyerId)
        {
            orders = orders.Where(o => o.BuyerId == buyerId);
        }

        if (filter.SessionId is { } session)
        {
            orders = orders.Where(o => o.SessionId == session);
        }

        if (filter.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Buyer))
        {
            var term = filter.Buyer.Trim();
            orders = orders.Where(o => o.BuyerId == term || o.BuyerName!.Contains(term) || o.BuyerPhone!.EndsWith(term) || o.ShipName!.Contains(term)
                || o.ShipPhone == term);
        }

        var total = await orders.CountAsync(ct);
        var rows = await orders
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Skip(Math.Max(0, filter.Page) * size).Take(size)
            .Join(db.Offers, o => o.OfferId, f => f.Id, (o, f) => new { o, f.SkuId })
            .Join(db.Skus, x => x.SkuId, k => k.Id, (x, k) => new { x.o, k.Code, k.Colour, k.Size, k.ProductId })
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new { x.o, x.Code, x.Colour, x.Size, p.Name })
            .Join(db.LiveSessions, x => x.o.SessionId, s => s.Id, (x, s) => new OrderRow(
                x.o.Id, x.o.SessionId, s.Title, x.o.OfferId, x.Name, x.Code, x.Colour, x.Size, x.o.Quantity, x.o.UnitPrice, x.o.Total, x.o.Status, x.o.IsTest,
                x.o.BuyerId, x.o.BuyerName, x.o.BuyerPhone, x.o.ShipName, x.o.ShipAddress, x.o.PlacedAt, x.o.PaidAt, x.o.CancelledAt)
            {
                CheckoutId = x.o.CheckoutId,
                Gross = x.o.Gross,
                RefundedUnits = x.o.RefundedUnits,
                Refunded = x.o.Refunded,
            })
            .ToListAsync(ct);

        // The joins keep the page's rows; order them again as the page was cut.
        return new OrderPage(rows.OrderByDescending(r => r.PlacedAt).ThenByDescending(r => r.Id).ToList(), total);
    }
}
