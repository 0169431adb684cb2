using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Daihuo.Data;

// Used only by `dotnet ef migrations add`: one factory per provider, each with its own migration set.
// The connection strings are placeholders; generating a migration does not connect.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDaihuoDbContext>
{
    public SqliteDaihuoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDaihuoDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDaihuoDbContext>
{
    public PostgresDaihuoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDaihuoDbContext>().UseNpgsql("Host=localhost;Database=daihuo_design").Options);
}
