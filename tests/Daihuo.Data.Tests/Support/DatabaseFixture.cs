using Daihuo.Data.Catalog;
using Daihuo.Domain.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Daihuo.Data.Tests.Support;

/// <summary>
/// A migrated database of one provider with the reference categories, shared by a test class.
/// SQLite: a temporary file. PostgreSQL: a database of its own created inside the server named by
/// DAIHUO_TEST_POSTGRES (and dropped afterwards), so suites running at once never meet.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime, IDbContextFactory<DaihuoDbContext>
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public abstract string? SkipReason { get; }

    public CatalogStore Catalog => new(this, Clock);

    public Daihuo.Data.Audit.AuditStore Audit => new(this);

    public abstract DaihuoDbContext CreateDbContext();

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        await CreateDatabaseAsync();
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
        db.Categories.AddRange(
            new Category { Code = "apparel-women", NameZh = "女装", NameEn = "Women's apparel", RequiresSize = true, SortOrder = 1 },
            new Category { Code = "food-snacks", NameZh = "休闲零食", NameEn = "Snacks", DefaultSpecialCategory = SpecialCategory.Food, SortOrder = 2 },
            new Category { Code = "home-kitchen", NameZh = "厨房用品", NameEn = "Kitchen", SortOrder = 3 });
        await db.SaveChangesAsync();
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task CreateDatabaseAsync();

    /// <summary>Marks the calling test as skipped (with the reason) when this provider is not configured.</summary>
    public void SkipIfUnavailable()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }
}

public sealed class SqliteFixture : DatabaseFixture
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"daihuo-test-{Guid.NewGuid():N}.db");

    public override string? SkipReason => null;

    public override DaihuoDbContext CreateDbContext() =>
        new SqliteDaihuoDbContext(new DbContextOptionsBuilder<SqliteDaihuoDbContext>().UseSqlite($"Data Source={_path}").AddInterceptors(new SqlitePragmas()).Options);

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresFixture : DatabaseFixture
{
    public const string Variable = "DAIHUO_TEST_POSTGRES";
    private readonly string? _server = Environment.GetEnvironmentVariable(Variable);
    private readonly string _database = $"daihuo_t_{Guid.NewGuid():N}";

    public override string? SkipReason => string.IsNullOrWhiteSpace(_server)
        ? $"PostgreSQL suite off: set {Variable} to a connection string (CI sets it)."
        : null;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ToString();

    public override DaihuoDbContext CreateDbContext() =>
        new PostgresDaihuoDbContext(new DbContextOptionsBuilder<PostgresDaihuoDbContext>().UseNpgsql(ConnectionString).Options);

    protected override async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        await Daihuo.Tests.Support.PostgresCleanup.DropAsync(_server!, _database);
    }
}
