using Daihuo.Data;
using Daihuo.Data.Orders;
using Daihuo.Domain.Common;
using Daihuo.Live.Orders;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Server.Orders;

public sealed record PaymentStart(Guid PaymentId, Guid OrderId, long Amount, string PayUrl);

public enum NoticeOutcome
{
    Recorded = 0,
    AlreadyRecorded = 1,
    Forged = 2,
    WrongAmount = 3,
    UnknownPayment = 4,
}

/// <summary>
/// Pays an order: a payment is created for the buyer's unpaid order; the order counts as paid only
/// when the provider's verified notification is stored, and then the offer grain records it (so it
/// no longer expires). A notification seen before is answered as handled and changes nothing.
/// </summary>
public sealed class PaymentService(IDbContextFactory<DaihuoDbContext> contexts, OrderStore orders, IPaymentProvider provider, IGrainFactory grains, TimeProvider clock, ILogger<PaymentService> logger)
{
    public async Task<PaymentStart> StartAsync(Guid orderId, string buyerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, ct)
            ?? throw new NotFoundException(ErrorCodes.OrderNotFound, "orderId", orderId);
        if (order.CheckoutId is { } checkout)
        {
            return await StartCheckoutAsync(db, checkout, order.CheckoutLines, ct);
        }

        if (order.Status != OrderStatus.Placed)
        {
            throw new ConflictException(ErrorCodes.OrderNotPayable, "orderId", order.Status.ToString());
        }

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending, ct)
            ?? await NewAsync(db, orderId, order.OfferId, null, order.Total, ct);
        return new PaymentStart(payment.Id, orderId, payment.Amount.Fen, provider.CashierUrl(payment));
    }

    /// <summary>A checkout is paid as a whole, once every line is there and none was cancelled: one payment for the sum of its lines.</summary>
    private async Task<PaymentStart> StartCheckoutAsync(DaihuoDbContext db, Guid checkout, int lines, CancellationToken ct)
    {
        var lineOrders = await orders.CheckoutAsync(checkout, ct);
        if (lineOrders.Count != lines || lineOrders.Any(o => o.Status == OrderStatus.Cancelled))
        {
            throw new ConflictException(ErrorCodes.CheckoutIncomplete, "orderId");
        }

        if (lineOrders.Any(o => o.Status != OrderStatus.Placed))
        {
            throw new ConflictException(ErrorCodes.OrderNotPayable, "orderId", OrderStatus.Paid.ToString());
        }

        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.CheckoutId == checkout && p.Status == PaymentStatus.Pending, ct)
            ?? await NewAsync(db, lineOrders[0].Id, lineOrders[0].OfferId, checkout, Money.FromFen(lineOrders.Sum(o => o.Total.Fen)), ct);
        return new PaymentStart(payment.Id, payment.OrderId, payment.Amount.Fen, provider.CashierUrl(payment));
    }

    private async Task<Payment> NewAsync(DaihuoDbContext db, Guid orderId, Guid offerId, Guid? checkout, Money amount, CancellationToken ct)
    {
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OrderId = orderId,
            OfferId = offerId,
            CheckoutId = checkout,
            Provider = provider.ProviderName,
            Amount = amount,
            Status = PaymentStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        return payment;
    }

    public async Task<Payment?> FindAsync(Guid paymentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
    }

    public async Task<NoticeOutcome> HandleAsync(SignedNotification notification, CancellationToken ct = default)
    {
        var notice = provider.Verify(notification);
        if (notice is null || notice.EventType != "TRANSACTION.SUCCESS")
        {
            return NoticeOutcome.Forged;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == notice.PaymentId, ct);
        if (payment is null || payment.Provider != provider.ProviderName)
        {
            return NoticeOutcome.UnknownPayment;
        }

        if (payment.Status == PaymentStatus.Succeeded)
        {
            return NoticeOutcome.AlreadyRecorded;
        }

        if (payment.Amount.Fen != notice.TotalFen)
        {
            return NoticeOutcome.WrongAmount;
        }

        payment.Status = PaymentStatus.Succeeded;
        payment.PaidAt = clock.GetUtcNow();
        payment.NotificationId = notice.NotificationId;
        payment.ProviderTransactionId = notice.TransactionId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The same notification stored by a concurrent delivery.
            return NoticeOutcome.AlreadyRecorded;
        }

        // A rehearsal's test order is paid on the offer's test twin; a checkout's payment pays every line on its own offer.
        // If a call fails, the stored payment still wins: the grain checks recorded payments before it lets an order expire.
        var (orderId, checkout) = (payment.OrderId, payment.CheckoutId);
        var lines = await (checkout is null ? db.Orders.Where(o => o.Id == orderId) : db.Orders.Where(o => o.CheckoutId == checkout)).AsNoTracking()
            .Select(o => new { o.Id, o.OfferId, o.IsTest })
            .ToListAsync(ct);
        foreach (var line in lines)
        {
            if (!await grains.Offer(line.OfferId, line.IsTest).MarkPaidAsync(line.Id))
            {
                // Paid after the order expired: the money is recorded; the order needs a refund (after-sales).
                LogPaidAfterExpiry(logger, line.Id);
            }
        }

        return NoticeOutcome.Recorded;
    }

    private static void LogPaidAfterExpiry(ILogger logger, Guid orderId) =>
        logger.LogWarning("Order {OrderId} was paid after it had expired; it needs a refund.", orderId);
}
