using Daihuo.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Orders;

public enum OrderStatus
{
    Placed = 0,
    Paid = 1,
    Cancelled = 2,
}

/// <summary>
/// An order as the journal wrote it. The row is the acknowledgement: a buyer is told "accepted" only
/// after its batch committed. The buyer's idempotency key is unique per buyer and offer, in the same row.
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }

    public Guid OfferId { get; set; }

    public Guid SessionId { get; set; }

    public required string BuyerId { get; set; }

    /// <summary>The nickname the buyer gave and the masked phone (138****1234), for staff lists.</summary>
    public string? BuyerName { get; set; }

    public string? BuyerPhone { get; set; }

    /// <summary>Where it ships: recipient, full phone (the carrier needs it) and address, as the buyer typed them.</summary>
    public string? ShipName { get; set; }

    public string? ShipPhone { get; set; }

    public string? ShipAddress { get; set; }

    /// <summary>The order's list amount before promotions (unit price × quantity); <see cref="Total"/> is after them.</summary>
    public Money Gross { get; set; }

    /// <summary>The pricing breakdown the buyer saw (applied and skipped promotions, as JSON); null without promotions.</summary>
    public string? Pricing { get; set; }

    /// <summary>The coupon (promotion id) this order used, if any.</summary>
    public Guid? CouponId { get; set; }

    /// <summary>
    /// The buyer's checkout when it bought several offers at once (a cart): each offer's line is an
    /// order of its own, written by that offer's journal, and order-level discounts are apportioned
    /// over the lines. Null for a single-offer order.
    /// </summary>
    public Guid? CheckoutId { get; set; }

    /// <summary>How many lines the checkout has (0 for a single-offer order): a checkout is paid only when all are there.</summary>
    public int CheckoutLines { get; set; }

    /// <summary>Units refunded so far and the amount returned for them (the apportioned share of each unit).</summary>
    public int RefundedUnits { get; set; }

    public Money Refunded { get; set; }

    /// <summary>A rehearsal's order: kept apart from real stock, sales and figures.</summary>
    public bool IsTest { get; set; }

    public int Quantity { get; set; }

    public Money UnitPrice { get; set; }

    public Money Total { get; set; }

    public OrderStatus Status { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>When an unpaid order was cancelled (payment window passed, or staff cancelled it) and its units went back.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>The offer version the batch committed at: the order's place in the offer's journal.</summary>
    public long JournalVersion { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>Hash of the request that carried the key: the same key with another body is refused.</summary>
    public required string RequestHash { get; set; }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.ToTable("Orders_Orders", t =>
        {
            t.HasCheckConstraint("CK_Orders_Orders_Quantity", "\"Quantity\" > 0");
            t.HasCheckConstraint("CK_Orders_Orders_Refunded", "\"RefundedUnits\" >= 0 AND \"RefundedUnits\" <= \"Quantity\"");
        });
        builder.HasKey(o => o.Id);
        builder.Property(o => o.BuyerId).HasMaxLength(64);
        builder.Property(o => o.BuyerName).HasMaxLength(20);
        builder.Property(o => o.BuyerPhone).HasMaxLength(16);
        builder.Property(o => o.ShipName).HasMaxLength(20);
        builder.Property(o => o.ShipPhone).HasMaxLength(16);
        builder.Property(o => o.ShipAddress).HasMaxLength(200);
        builder.Property(o => o.Pricing).HasMaxLength(8000);
        builder.Property(o => o.IdempotencyKey).HasMaxLength(100);
        builder.Property(o => o.RequestHash).HasMaxLength(64);
        // Keys are scoped to the offer (the order endpoint's path): a key reused on another offer is another request,
        // and can never make a journal round fail for everyone in it.
        builder.HasIndex(o => new { o.OfferId, o.BuyerId, o.IdempotencyKey }).IsUnique();
        builder.HasIndex(o => new { o.OfferId, o.JournalVersion });
        builder.HasIndex(o => new { o.SessionId, o.Status });
        builder.HasIndex(o => new { o.PlacedAt });
        builder.HasIndex(o => o.CheckoutId);
        builder.HasOne<Live.Offer>().WithMany().HasForeignKey(o => o.OfferId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Money returned to a buyer for units of a paid order, decided by staff. The amount is the units'
/// apportioned share of what was paid (see <see cref="Domain.Promotions.RefundLedger"/>), so refunds
/// never return more than was paid and refunding every unit returns exactly the order's total.
/// </summary>
public sealed class Refund
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid? CheckoutId { get; set; }

    public int Units { get; set; }

    public Money Amount { get; set; }

    public string? Reason { get; set; }

    public required string ByUserId { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Orders_Refunds", t => t.HasCheckConstraint("CK_Orders_Refunds_Units", "\"Units\" > 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.ByUserId).HasMaxLength(64);
        builder.Property(r => r.ByName).HasMaxLength(60);
        builder.HasIndex(r => r.OrderId);
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
