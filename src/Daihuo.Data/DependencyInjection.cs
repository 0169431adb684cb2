using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Daihuo.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and uploaded images; relative paths are from the working directory.</summary>
    public string DataPath { get; set; } = "data";
}

public static class DependencyInjection
{
    /// <summary>
    /// Registers the provider picked by configuration (<c>Daihuo:Database:Provider</c>,
    /// <c>ConnectionStrings:Daihuo</c>), the stores of every module and the clock.
    /// </summary>
    public static IHostApplicationBuilder AddDataServices(this IHostApplicationBuilder builder)
    {
        var options = new DatabaseOptions();
        builder.Configuration.GetSection("Daihuo:Database").Bind(options);
        options.DataPath = Path.GetFullPath(builder.Configuration["Daihuo:DataPath"] ?? options.DataPath);
        Directory.CreateDirectory(options.DataPath);
        builder.Services.AddSingleton(options);
        var connectionString = builder.Configuration.GetConnectionString("Daihuo");

        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Daihuo:Database:Provider is Postgres but ConnectionStrings:Daihuo is empty.");
            }

            builder.Services.AddDbContextFactory<PostgresDaihuoDbContext>(o => o.UseNpgsql(connectionString));
            builder.Services.AddSingleton<IDbContextFactory<DaihuoDbContext>>(sp =>
                new UpcastFactory<PostgresDaihuoDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDaihuoDbContext>>()));
        }
        else
        {
            var sqlite = string.IsNullOrWhiteSpace(connectionString)
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataPath, "daihuo.db"), Pooling = true }.ToString()
                : connectionString;
            builder.Services.AddDbContextFactory<SqliteDaihuoDbContext>(o => o
                .UseSqlite(sqlite)
                .AddInterceptors(new SqlitePragmas()));
            builder.Services.AddSingleton<IDbContextFactory<DaihuoDbContext>>(sp =>
                new UpcastFactory<SqliteDaihuoDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDaihuoDbContext>>()));
        }

        builder.Services.AddScoped<DaihuoDbContext>(sp => sp.GetRequiredService<IDbContextFactory<DaihuoDbContext>>().CreateDbContext());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogStore>();
        builder.Services.AddSingleton<AuditStore>();
        return builder;
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<DaihuoDbContext>
        where T : DaihuoDbContext
    {
        public DaihuoDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
