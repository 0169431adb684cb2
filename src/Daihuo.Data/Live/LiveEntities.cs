using Daihuo.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Live;

public enum LiveSessionStatus
{
    Draft = 0,
    Scheduled = 1,
    WarmingUp = 2,
    Rehearsal = 3,
    Live = 4,
    Ended = 5,
}

/// <summary>One live broadcast. The lifecycle and the console come with the live-room work; offers hang off it.</summary>
public sealed class LiveSession
{
    public Guid Id { get; set; }

    public required string Title { get; set; }

    public LiveSessionStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
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
}

internal sealed class LiveSessionConfiguration : IEntityTypeConfiguration<LiveSession>
{
    public void Configure(EntityTypeBuilder<LiveSession> builder)
    {
        builder.ToTable("Live_Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Title).HasMaxLength(100);
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
        builder.HasIndex(o => new { o.SessionId, o.SkuId }).IsUnique();
    }
}
