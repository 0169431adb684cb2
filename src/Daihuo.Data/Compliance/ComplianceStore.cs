using Daihuo.Data.Audit;
using Daihuo.Domain.Common;
using Daihuo.Domain.Compliance;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Compliance;

/// <summary>The shop's own compliance list (terms, allowed phrases, default phrases it wants flagged) as the TSV it was saved as.</summary>
public sealed class ComplianceList
{
    public const string ShopKey = "shop";
    public const int MaxLength = 200_000;

    public required string Key { get; set; }

    public required string Tsv { get; set; }

    /// <summary>Bumped on every save: a save based on an older version is refused (two editors cannot overwrite each other).</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ComplianceListConfiguration : IEntityTypeConfiguration<ComplianceList>
{
    public void Configure(EntityTypeBuilder<ComplianceList> builder)
    {
        builder.ToTable("Compliance_Lists");
        builder.HasKey(l => l.Key);
        builder.Property(l => l.Key).HasMaxLength(20);
        builder.Property(l => l.Tsv).HasMaxLength(ComplianceList.MaxLength);
        builder.Property(l => l.Version).IsConcurrencyToken();
    }
}

public sealed record ComplianceListDetails(string Tsv, int Version, int Terms, int Allowed, int Unallowed, DateTimeOffset? UpdatedAt);

/// <summary>Reads and saves the shop's list: a list with a bad line is refused naming the line, and nothing changes; every save is audited.</summary>
public sealed class ComplianceStore(IDbContextFactory<DaihuoDbContext> contexts, TimeProvider clock)
{
    public async Task<ComplianceListDetails> GetAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.ComplianceLists.AsNoTracking().SingleOrDefaultAsync(l => l.Key == ComplianceList.ShopKey, ct);
        return Details(row?.Tsv ?? string.Empty, row?.Version ?? 0, row?.UpdatedAt);
    }

    public async Task<ComplianceListDetails> SaveAsync(string tsv, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        if (tsv.Length > ComplianceList.MaxLength)
        {
            throw new DomainValidationException(ErrorCodes.TooLong, "tsv", ComplianceList.MaxLength);
        }

        ComplianceDictionary.Parse(tsv).Errors.ThrowIfInvalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.ComplianceLists.SingleOrDefaultAsync(l => l.Key == ComplianceList.ShopKey, ct);
        if ((row?.Version ?? 0) != expectedVersion)
        {
            throw new ConflictException(ErrorCodes.ComplianceListStale, "version", row?.Version ?? 0);
        }

        var before = row?.Tsv;
        if (row is null)
        {
            row = new ComplianceList { Key = ComplianceList.ShopKey, Tsv = tsv };
            db.ComplianceLists.Add(row);
        }

        row.Tsv = tsv;
        row.Version = expectedVersion + 1;
        row.UpdatedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, actor, "compliance.list.changed", "setting", ComplianceList.ShopKey, before, tsv);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another editor saved first (the same new version, or the first row): nothing of this save was kept.
            throw new ConflictException(ErrorCodes.ComplianceListStale, "version", expectedVersion);
        }

        return Details(row.Tsv, row.Version, row.UpdatedAt);
    }

    private static ComplianceListDetails Details(string tsv, int version, DateTimeOffset? at)
    {
        var list = ComplianceDictionary.Parse(tsv).Dictionary;
        return new ComplianceListDetails(tsv, version, list.Terms.Count, list.Allowed.Count, list.Unallowed.Count, at);
    }
}
