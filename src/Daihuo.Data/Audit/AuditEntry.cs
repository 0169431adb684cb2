using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Audit;

/// <summary>Who did something: the signed-in staff member (or "system" for start-up work).</summary>
public sealed record Actor(string UserId, string Name)
{
    public static Actor System { get; } = new("system", "system");
}

/// <summary>One audited action: who, when, what, before, after, why. Written in the action's transaction.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string ActorId { get; set; }

    public required string ActorName { get; set; }

    /// <summary>Dotted action name, module first: <c>catalog.product.updated</c>, <c>team.roles.changed</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public required string EntityId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? Reason { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("Audit_Entries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorId).HasMaxLength(64);
        builder.Property(a => a.ActorName).HasMaxLength(100);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(40);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Action, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

/// <summary>Adds audit entries to the same unit of work as the action they describe.</summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Record(
        DaihuoDbContext db,
        TimeProvider clock,
        Actor actor,
        string action,
        string entityType,
        string entityId,
        object? before,
        object? after,
        string? reason = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
    }
}
