using Daihuo.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Orders;

public enum PaymentStatus
{
    Pending = 0,
    Succeeded = 1,
}

/// <summary>
/// A payment of one order through a provider. The provider's notification id is unique, so a resent
/// notification is recognised and changes nothing the second time.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid OfferId { get; set; }

    /// <summary>A checkout's payment covers all its lines (<see cref="OrderId"/> is then its first line).</summary>
    public Guid? CheckoutId { get; set; }

    public required string Provider { get; set; }

    public Money Amount { get; set; }

    public PaymentStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public string? ProviderTransactionId { get; set; }

    public string? NotificationId { get; set; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Orders_Payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.ProviderTransactionId).HasMaxLength(64);
        builder.Property(p => p.NotificationId).HasMaxLength(64);
        builder.HasIndex(p => p.NotificationId).IsUnique();
        builder.HasIndex(p => p.OrderId);
        builder.HasIndex(p => p.CheckoutId);
        builder.HasOne<Order>().WithMany().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
