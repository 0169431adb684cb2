using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Live;

/// <summary>One live broadcast: planned, rehearsed, run and ended. Offers (its shelf) hang off it.</summary>
public sealed class LiveSession
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The public address of its storefront: <c>/live/{Room}</c>.</summary>
    public string Room { get; set; } = string.Empty;

    public SessionStage Status { get; set; }

    public DateTimeOffset? PlannedStart { get; set; }

    public int PlannedMinutes { get; set; }

    public string? StreamUrl { get; set; }

    public string? BackupStreamUrl { get; set; }

    public string? HostName { get; set; }

    /// <summary>The offer being presented now (讲解中): shown on top of every viewer's shelf.</summary>
    public Guid? PinnedOfferId { get; set; }

    /// <summary>The console switched viewers to the backup stream line.</summary>
    public bool OnBackupStream { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>
/// One SKU on a session's shelf: its price and stock. <see cref="Sold"/> and <see cref="Version"/>
/// move only through the order journal's fenced update; a check constraint keeps sold ≤ allocated.
/// </summary>
public sealed class Offer
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid SkuId { get; set; }

    public Money Price { get; set; }

    public int Allocated { get; set; }

    public int Sold { get; set; }

    public int PerBuyerLimit { get; set; }

    public long Version { get; set; }

    /// <summary>Shelf position (0 first) and whether viewers see it.</summary>
    public int ShelfOrder { get; set; }

    public bool Listed { get; set; } = true;

    /// <summary>
    /// A flash sale (秒杀) is an offer of its own with its own stock, price and limit, selling only
    /// from <see cref="FlashStartsAt"/> until <see cref="FlashEndsAt"/>; both null for a plain offer.
    /// </summary>
    public DateTimeOffset? FlashStartsAt { get; set; }

    public DateTimeOffset? FlashEndsAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> builder)
    {
        builder.ToTable("Live_Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Title).HasMaxLength(100);
        builder.Property(s => s.Room).HasMaxLength(40);
        builder.HasIndex(s => s.Room);
        builder.HasIndex(s => new { s.Status, s.PlannedStart });
        builder.Property(s => s.StreamUrl).HasMaxLength(500);
        builder.Property(s => s.BackupStreamUrl).HasMaxLength(500);
        builder.Property(s => s.HostName).HasMaxLength(60);
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("Live_Offers", t =>
        {
            t.HasCheckConstraint("CK_Live_Offers_Stock", "\"Sold\" >= 0 AND \"Sold\" <= \"Allocated\"");
            t.HasCheckConstraint("CK_Live_Offers_Limit", "\"PerBuyerLimit\" >= 0");
        });
        builder.HasKey(o => o.Id);
        builder.HasOne<LiveSession>().WithMany().HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Catalog.Sku>().WithMany().HasForeignKey(o => o.SkuId).OnDelete(DeleteBehavior.Restrict);
        // One plain offer per SKU and session; flash sales of the same SKU are offers of their own.
        builder.HasIndex(o => new { o.SessionId, o.SkuId }).IsUnique().HasFilter("\"FlashStartsAt\" IS NULL");
    }
}
