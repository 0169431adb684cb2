using Daihuo.Domain.Promotions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Promotions;

/// <summary>A planned promotion: its kind, name, window and terms (the Domain record as JSON), for the shop or one session.</summary>
public sealed class PromotionRow
{
    public Guid Id { get; set; }

    public PromotionKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Null: the whole shop; else one session only.</summary>
    public Guid? SessionId { get; set; }

    public required string Terms { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public bool Active { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One coupon a buyer holds. <see cref="Seq"/> numbers the coupon's claims 1…total and
/// <see cref="PersonSeq"/> the buyer's claims 1…per-person limit: unique indexes and check
/// constraints on both make the database refuse a claim over either limit, whoever writes it.
/// A claim is redeemed by one order at most.
/// </summary>
public sealed class CouponClaim
{
    public Guid Id { get; set; }

    public Guid CouponId { get; set; }

    public required string BuyerId { get; set; }

    public int Seq { get; set; }

    public int Limit { get; set; }

    public int PersonSeq { get; set; }

    public int PersonLimit { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public Guid? OrderId { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }
}

internal sealed class PromotionRowConfiguration : IEntityTypeConfiguration<PromotionRow>
{
    public void Configure(EntityTypeBuilder<PromotionRow> builder)
    {
        builder.ToTable("Promo_Promotions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(PromotionRules.MaxNameLength);
        builder.Property(p => p.Terms).HasMaxLength(8000);
        builder.HasIndex(p => new { p.SessionId, p.Active });
    }
}

internal sealed class CouponClaimConfiguration : IEntityTypeConfiguration<CouponClaim>
{
    public void Configure(EntityTypeBuilder<CouponClaim> builder)
    {
        builder.ToTable("Promo_CouponClaims", t =>
        {
            t.HasCheckConstraint("CK_Promo_CouponClaims_Seq", "\"Seq\" >= 1 AND \"Seq\" <= \"Limit\"");
            t.HasCheckConstraint("CK_Promo_CouponClaims_PersonSeq", "\"PersonSeq\" >= 1 AND \"PersonSeq\" <= \"PersonLimit\"");
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.BuyerId).HasMaxLength(64);
        builder.HasIndex(c => new { c.CouponId, c.Seq }).IsUnique();
        builder.HasIndex(c => new { c.CouponId, c.BuyerId, c.PersonSeq }).IsUnique();
        builder.HasIndex(c => c.OrderId).IsUnique().HasFilter("\"OrderId\" IS NOT NULL");
        builder.HasOne<PromotionRow>().WithMany().HasForeignKey(c => c.CouponId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// One unit of a gift promotion's stock given to an order (or to a checkout's lines together). Units
/// are numbered slots from 1 to the stock: the unique slot and the check refuse any grant over the
/// stock, even from a second activation; a grant given back frees its slots for the next order.
/// </summary>
public sealed class GiftGrant
{
    public Guid Id { get; set; }

    public Guid GiftId { get; set; }

    /// <summary>The order, or the checkout, the unit goes with.</summary>
    public Guid ForId { get; set; }

    public int Slot { get; set; }

    public int Limit { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}

internal sealed class GiftGrantConfiguration : IEntityTypeConfiguration<GiftGrant>
{
    public void Configure(EntityTypeBuilder<GiftGrant> builder)
    {
        builder.ToTable("Promo_GiftGrants", t => t.HasCheckConstraint("CK_Promo_GiftGrants_Slot", "\"Slot\" >= 1 AND \"Slot\" <= \"Limit\""));
        builder.HasKey(g => g.Id);
        builder.HasIndex(g => new { g.GiftId, g.Slot }).IsUnique();
        builder.HasIndex(g => g.ForId);
        builder.HasOne<PromotionRow>().WithMany().HasForeignKey(g => g.GiftId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A shop-wide promotions setting (the stacking policy), as JSON under a key.</summary>
public sealed class PromotionSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PromotionSettingConfiguration : IEntityTypeConfiguration<PromotionSetting>
{
    public void Configure(EntityTypeBuilder<PromotionSetting> builder)
    {
        builder.ToTable("Promo_Settings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(40);
        builder.Property(s => s.Value).HasMaxLength(8000);
    }
}
