using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Interaction;

public enum BanKind
{
    /// <summary>The viewer's comments are hidden from everyone else until it ends (they still see their own).</summary>
    Mute = 0,

    /// <summary>The viewer may not comment at all.</summary>
    Block = 1,
}

/// <summary>A mute or block of a viewer, shop-wide: every room of the shop applies it. Audited when made and when lifted.</summary>
public sealed class ViewerBan
{
    public Guid Id { get; set; }

    public required string ViewerId { get; set; }

    public string? ViewerName { get; set; }

    public BanKind Kind { get; set; }

    /// <summary>The end of a mute; null: until lifted.</summary>
    public DateTimeOffset? Until { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ByName { get; set; }

    public DateTimeOffset? LiftedAt { get; set; }

    public bool ActiveAt(DateTimeOffset now) => LiftedAt is null && (Until is null || Until > now);
}

/// <summary>A prepared answer to a frequent question, shop-wide.</summary>
public sealed class AnswerRow
{
    public Guid Id { get; set; }

    public required string Topic { get; set; }

    /// <summary>The words that show a viewer asks about the topic, one per line.</summary>
    public required string Keywords { get; set; }

    public required string Answer { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public PreparedAnswer ToDomain() => new(Id, Topic, Keywords.Split('\n', StringSplitOptions.RemoveEmptyEntries), Answer);
}

/// <summary>A keyword tally in one room; its live counts are the room grain's, its final counts are kept here when it closes.</summary>
public sealed class TallyRow
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public bool IsTest { get; set; }

    public string? Prefix { get; set; }

    /// <summary>The options, one per line.</summary>
    public required string Options { get; set; }

    /// <summary>Distinct viewers (over all options) at which the gated flash sale starts.</summary>
    public int? Goal { get; set; }

    /// <summary>The flash sale the tally gates (a <c>FlashSaleDraft</c> as JSON), started once when the goal is reached.</summary>
    public string? GatedFlash { get; set; }

    public string? GateActorId { get; set; }

    public string? GateActorName { get; set; }

    public DateTimeOffset? GateFiredAt { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Final distinct viewers per option, one count per line in option order.</summary>
    public string? FinalCounts { get; set; }
}

/// <summary>
/// A lottery: the rules published before the draw, the commitment, and after the draw the seed, the
/// eligible entry codes and the winners (docs/lottery.md). The seed is never shown before the draw.
/// </summary>
public sealed class LotteryRow
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public bool IsTest { get; set; }

    public required string Prize { get; set; }

    public PrizeKind Kind { get; set; }

    public Money PrizeValue { get; set; }

    public int Quantity { get; set; }

    public Guid? CouponId { get; set; }

    /// <summary>Goods prizes: the shelf offer each winner gets one unit of, as an order at no charge.</summary>
    public Guid? PrizeOfferId { get; set; }

    public string? Keyword { get; set; }

    public bool MustFollow { get; set; }

    public int WatchMinutes { get; set; }

    public bool MustHaveBought { get; set; }

    public string? Terms { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset DrawAt { get; set; }

    public LotteryStatus Status { get; set; }

    public required string Seed { get; set; }

    public required string Commitment { get; set; }

    /// <summary>The eligible entry codes at the draw, sorted, one per line.</summary>
    public string? Entries { get; set; }

    public DateTimeOffset? DrawnAt { get; set; }

    public required string CreatedBy { get; set; }

    public int Version { get; set; }

    public List<LotteryWinner> Winners { get; set; } = [];
}

/// <summary>A winner: the entry code, the buyer and how the prize was delivered. One row per buyer per lottery (unique).</summary>
public sealed class LotteryWinner
{
    public Guid LotteryId { get; set; }

    public int Rank { get; set; }

    public required string Code { get; set; }

    public required string BuyerId { get; set; }

    public string? Name { get; set; }

    /// <summary>The coupon claim granted (coupon prizes), null for goods (shipped by the team from the winners list).</summary>
    public Guid? CouponClaimId { get; set; }

    /// <summary>The prize order (goods prizes of a shelf offer), placed through the offer's grain and marked paid.</summary>
    public Guid? OrderId { get; set; }
}

internal sealed class InteractionConfiguration :
    IEntityTypeConfiguration<ViewerBan>, IEntityTypeConfiguration<AnswerRow>, IEntityTypeConfiguration<TallyRow>,
    IEntityTypeConfiguration<LotteryRow>, IEntityTypeConfiguration<LotteryWinner>
{
    public void Configure(EntityTypeBuilder<ViewerBan> builder)
    {
        builder.ToTable("Interaction_ViewerBans");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.ViewerId).HasMaxLength(64);
        builder.Property(b => b.ViewerName).HasMaxLength(20);
        builder.Property(b => b.ByName).HasMaxLength(100);
        builder.HasIndex(b => b.ViewerId);
    }

    public void Configure(EntityTypeBuilder<AnswerRow> builder)
    {
        builder.ToTable("Interaction_Answers");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Topic).HasMaxLength(20);
        builder.Property(a => a.Keywords).HasMaxLength(500);
        builder.Property(a => a.Answer).HasMaxLength(CommentRules.MaxLength);
    }

    public void Configure(EntityTypeBuilder<TallyRow> builder)
    {
        builder.ToTable("Interaction_Tallies");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Prefix).HasMaxLength(10);
        builder.Property(t => t.Options).HasMaxLength(200);
        builder.Property(t => t.GatedFlash).HasMaxLength(1000);
        builder.Property(t => t.GateActorId).HasMaxLength(64);
        builder.Property(t => t.GateActorName).HasMaxLength(100);
        builder.Property(t => t.FinalCounts).HasMaxLength(200);
        builder.HasIndex(t => new { t.SessionId, t.IsTest });
    }

    public void Configure(EntityTypeBuilder<LotteryRow> builder)
    {
        builder.ToTable("Interaction_Lotteries");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Prize).HasMaxLength(40);
        builder.Property(l => l.Keyword).HasMaxLength(20);
        builder.Property(l => l.Terms).HasMaxLength(500);
        builder.Property(l => l.Seed).HasMaxLength(64);
        builder.Property(l => l.Commitment).HasMaxLength(64);
        builder.Property(l => l.CreatedBy).HasMaxLength(100);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => new { l.SessionId, l.IsTest });
        builder.HasIndex(l => new { l.Status, l.DrawAt });
        builder.HasMany(l => l.Winners).WithOne().HasForeignKey(w => w.LotteryId);
    }

    public void Configure(EntityTypeBuilder<LotteryWinner> builder)
    {
        builder.ToTable("Interaction_LotteryWinners");
        builder.HasKey(w => new { w.LotteryId, w.Rank });
        builder.Property(w => w.Code).HasMaxLength(16);
        builder.Property(w => w.BuyerId).HasMaxLength(64);
        builder.Property(w => w.Name).HasMaxLength(20);
        builder.HasIndex(w => new { w.LotteryId, w.BuyerId }).IsUnique();
    }
}

/// <summary>A like milestone of one room: every <see cref="EveryLikes"/> likes it issues a coupon or opens a lottery, once per multiple reached.</summary>
public sealed class MilestoneRow
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public bool IsTest { get; set; }

    public int EveryLikes { get; set; }

    public MilestoneAction Action { get; set; }

    /// <summary>The coupon or lottery to give, as JSON (<see cref="MilestoneCoupon"/> or <see cref="MilestoneLottery"/>).</summary>
    public required string Payload { get; set; }

    /// <summary>How many multiples have fired: the next fires at (Fired + 1) × EveryLikes.</summary>
    public long Fired { get; set; }

    public bool Active { get; set; } = true;

    public required string CreatedBy { get; set; }

    public string? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<MilestoneRow>
{
    public void Configure(EntityTypeBuilder<MilestoneRow> builder)
    {
        builder.ToTable("Interaction_Milestones");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Payload).HasMaxLength(2000);
        builder.Property(m => m.CreatedBy).HasMaxLength(100);
        builder.Property(m => m.CreatedById).HasMaxLength(64);
        builder.HasIndex(m => new { m.SessionId, m.IsTest });
    }
}
