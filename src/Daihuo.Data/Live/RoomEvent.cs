using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Live;

/// <summary>
/// One thing that happened in a room, appended in batches: the live numbers are rebuilt from these
/// rows and the review reads them. Order events are written in the order's own transaction, so the
/// numbers for orders and payments are as durable as the orders; engagement events (entries, likes,
/// comments) are batched every fraction of a second and a crash may lose the last batch of them.
/// </summary>
public sealed class RoomEvent
{
    public long Id { get; set; }

    public Guid SessionId { get; set; }

    public RoomEventKind Kind { get; set; }

    /// <summary>A rehearsal's event: counted apart from the real session.</summary>
    public bool IsTest { get; set; }

    /// <summary>The viewer (a buyer id once identified, else an anonymous viewer id).</summary>
    public string? ViewerId { get; set; }

    public string? ViewerName { get; set; }

    public Guid? OfferId { get; set; }

    /// <summary>Money in fen for payments, a count for batched likes, else 0.</summary>
    public long Amount { get; set; }

    /// <summary>Comment text, a share's source tag or a shelf change's description.</summary>
    public string? Text { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A comment's moderation verdict as it arrived (held ones are later released or deleted by events of their own).</summary>
    public Domain.Interaction.CommentVerdict? Verdict { get; set; }

    /// <summary>A comment's number in its room; a release or deletion names the comment it acts on by it.</summary>
    public long? CommentSeq { get; set; }

    /// <summary>Why a comment was hidden or held: the term matched, or "muted".</summary>
    public string? Note { get; set; }
}

internal sealed class RoomEventConfiguration : IEntityTypeConfiguration<RoomEvent>
{
    public void Configure(EntityTypeBuilder<RoomEvent> builder)
    {
        builder.ToTable("Live_RoomEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ViewerId).HasMaxLength(64);
        builder.Property(e => e.ViewerName).HasMaxLength(20);
        builder.Property(e => e.Text).HasMaxLength(200);
        builder.Property(e => e.Note).HasMaxLength(60);
        builder.HasIndex(e => new { e.SessionId, e.IsTest, e.Kind });
    }
}
