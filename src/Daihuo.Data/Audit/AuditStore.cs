using Daihuo.Data.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Audit;

public sealed record AuditQuery(
    string? Search = null,
    string? Action = null,
    string? ActorId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 0,
    int PageSize = 50);

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorId, string ActorName, string Action, string EntityType, string EntityId, string? Before, string? After, string? Reason);

/// <summary>The owner's searchable audit log. Entries are written by <see cref="AuditLog"/>, never edited.</summary>
public sealed class AuditStore(IDbContextFactory<DaihuoDbContext> contexts)
{
    public async Task<Page<AuditRow>> SearchAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(a => a.Action.StartsWith(query.Action));
        }

        if (!string.IsNullOrWhiteSpace(query.ActorId))
        {
            entries = entries.Where(a => a.ActorId == query.ActorId);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(a => a.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(a => a.At < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            entries = entries.Where(a =>
                a.ActorName.Contains(term)
                || a.EntityId.Contains(term)
                || (a.Reason != null && a.Reason.Contains(term))
                || (a.Before != null && a.Before.Contains(term))
                || (a.After != null && a.After.Contains(term)));
        }

        var total = await entries.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var rows = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(Math.Max(query.Page, 0) * size).Take(size)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorId, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Before, a.After, a.Reason))
            .ToListAsync(ct);
        return new Page<AuditRow>(rows, total);
    }

    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }
}
