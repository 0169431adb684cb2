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

        if (options.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Daihuo:Database:Provider is Postgres but ConnectionStrings:Daihuo is empty.");
        }

        builder.Services.AddDaihuoDbContext(
            options.Provider,
            string.IsNullOrWhiteSpace(connectionString)
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataPath, "daihuo.db"), Pooling = true }.ToString()
                : connectionString);
        builder.Services.AddScoped<DaihuoDbContext>(sp => sp.GetRequiredService<IDbContextFactory<DaihuoDbContext>>().CreateDbContext());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogStore>();
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<Live.LiveStore>();
        builder.Services.AddSingleton<Orders.OrderStore>();
        builder.Services.AddSingleton<Compliance.ComplianceStore>();
        builder.Services.AddSingleton<Interaction.InteractionStore>();
        builder.Services.AddSingleton<Promotions.PromotionStore>();
        return builder;
    }

    /// <summary>The model on one provider, as <see cref="IDbContextFactory{DaihuoDbContext}"/> (and the provider's own context).</summary>
    public static IServiceCollection AddDaihuoDbContext(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresDaihuoDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<DaihuoDbContext>>(sp =>
                new UpcastFactory<PostgresDaihuoDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresDaihuoDbContext>>()));
        }
        else
        {
            services.AddDbContextFactory<SqliteDaihuoDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
            services.AddSingleton<IDbContextFactory<DaihuoDbContext>>(sp =>
                new UpcastFactory<SqliteDaihuoDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDaihuoDbContext>>()));
        }

        return services;
    }

    private sealed class UpcastFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<DaihuoDbContext>
        where T : DaihuoDbContext
    {
        public DaihuoDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
