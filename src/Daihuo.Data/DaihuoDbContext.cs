using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Daihuo.Data.Team;
using Daihuo.Domain.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Daihuo.Data;

/// <summary>
/// The one model of Daihuo. Each module's entity configurations live in the module's folder and
/// prefix its tables with the module's name. Two providers derive from it, each with its own
/// migration set: <see cref="SqliteDaihuoDbContext"/> and <see cref="PostgresDaihuoDbContext"/>.
/// </summary>
public abstract class DaihuoDbContext(DbContextOptions options) : IdentityDbContext<StaffUser, IdentityRole, string>(options)
{
    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Sku> Skus => Set<Sku>();

    public DbSet<ProductImage> ProductImages => Set<ProductImage>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Live.LiveSession> LiveSessions => Set<Live.LiveSession>();

    public DbSet<Live.Offer> Offers => Set<Live.Offer>();

    public DbSet<Live.RoomEvent> RoomEvents => Set<Live.RoomEvent>();

    public DbSet<Orders.Order> Orders => Set<Orders.Order>();

    public DbSet<Orders.Payment> Payments => Set<Orders.Payment>();

    public DbSet<Orders.Refund> Refunds => Set<Orders.Refund>();

    public DbSet<Promotions.PromotionRow> Promotions => Set<Promotions.PromotionRow>();

    public DbSet<Promotions.CouponClaim> CouponClaims => Set<Promotions.CouponClaim>();

    public DbSet<Promotions.PromotionSetting> PromotionSettings => Set<Promotions.PromotionSetting>();

    public DbSet<Promotions.GiftGrant> GiftGrants => Set<Promotions.GiftGrant>();

    public DbSet<Compliance.ComplianceList> ComplianceLists => Set<Compliance.ComplianceList>();

    public DbSet<Interaction.ViewerBan> ViewerBans => Set<Interaction.ViewerBan>();

    public DbSet<Interaction.AnswerRow> Answers => Set<Interaction.AnswerRow>();

    public DbSet<Interaction.TallyRow> Tallies => Set<Interaction.TallyRow>();

    public DbSet<Interaction.LotteryRow> Lotteries => Set<Interaction.LotteryRow>();

    public DbSet<Interaction.LotteryWinner> LotteryWinners => Set<Interaction.LotteryWinner>();

    public DbSet<Interaction.MilestoneRow> Milestones => Set<Interaction.MilestoneRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DaihuoDbContext).Assembly);
        TeamModel.Configure(builder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToFenConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<int>();
    }

    private sealed class MoneyToFenConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));
}

/// <summary>SQLite: the embedded default. Times are stored as sortable integers (SQLite has no offset type).</summary>
public sealed class SqliteDaihuoDbContext(DbContextOptions<SqliteDaihuoDbContext> options) : DaihuoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }

    private sealed class DateTimeOffsetToUtcTicksConverter()
        : ValueConverter<DateTimeOffset, long>(d => d.UtcTicks, t => new DateTimeOffset(t, TimeSpan.Zero));
}

/// <summary>PostgreSQL (Npgsql): production and cluster mode.</summary>
public sealed class PostgresDaihuoDbContext(DbContextOptions<PostgresDaihuoDbContext> options) : DaihuoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz takes UTC only: a time typed in Beijing (+08:00) is stored as the same instant in UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcConverter>();
    }

    private sealed class DateTimeOffsetToUtcConverter()
        : ValueConverter<DateTimeOffset, DateTimeOffset>(d => d.ToUniversalTime(), d => d);
}
