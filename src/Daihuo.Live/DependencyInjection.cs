using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Daihuo.Live;

public sealed class LiveOptions
{
    /// <summary>Silo-to-silo port (localhost clustering). Tests pick free ports so several hosts can run at once.</summary>
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "daihuo";

    /// <summary>The address other silos reach this one on in cluster mode (loopback for a cluster on one machine).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>An order unpaid this long is cancelled and its units go back on the shelf.</summary>
    public int PaymentWindowMinutes { get; set; } = 15;
}

/// <summary>
/// The clock grains read (payment windows, order times). Its own type because the Orleans host
/// registers a <see cref="TimeProvider"/> of its own; tests hand a fake one here.
/// </summary>
public sealed class LiveClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public DateTimeOffset UtcNow => Time.GetUtcNow();
}

/// <summary>How the server's silo finds the others (<c>Daihuo:Cluster:Mode</c>).</summary>
public enum ClusterMode
{
    /// <summary>One process, localhost clustering: nothing to install.</summary>
    Local = 0,

    /// <summary>
    /// Several processes: membership, the grain directory and reminders on Redis
    /// (<c>ConnectionStrings:Redis</c>), the database on PostgreSQL, the data directory (keys, uploads) shared.
    /// </summary>
    Redis = 1,
}

public static class DependencyInjection
{
    /// <summary>
    /// Hosts the Orleans silo in the server's process. By default a single silo with localhost
    /// clustering: nothing to install, state rebuilt from the database on activation. In cluster mode
    /// the silos of several servers form one cluster through Redis; a grain lives on one of them and
    /// every server reaches it, so any server can take any request (no sticky sessions).
    /// </summary>
    public static IHostApplicationBuilder AddLiveServices(this IHostApplicationBuilder builder)
    {
        var options = new LiveOptions();
        builder.Configuration.GetSection("Daihuo:Orleans").Bind(options);
        var mode = builder.Configuration.GetValue("Daihuo:Cluster:Mode", ClusterMode.Local);
        if (mode == ClusterMode.Redis && builder.Configuration.GetValue("Daihuo:Database:Provider", Data.DatabaseProvider.Sqlite) != Data.DatabaseProvider.Postgres)
        {
            // Every server of a cluster writes the same database; an embedded SQLite file cannot be shared.
            throw new InvalidOperationException("Cluster mode Redis needs Daihuo:Database:Provider=Postgres (SQLite is one process's file).");
        }

        builder.Services.AddLiveRuntime(options);
        builder.UseOrleans(silo =>
        {
            if (mode == ClusterMode.Local)
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ClusterId, clusterId: options.ClusterId);
                return;
            }

            var redis = StackExchange.Redis.ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("Redis")
                ?? throw new InvalidOperationException("Cluster mode Redis needs ConnectionStrings:Redis (ConnectionStrings__Redis=127.0.0.1:6379)."));
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ClusterId));
            silo.ConfigureEndpoints(System.Net.IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            silo.UseRedisGrainDirectoryAsDefault(o => o.ConfigurationOptions = redis.Clone());
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());

            // A flash sale cannot wait a minute for a dead server's grains: suspect a silo after two missed
            // probes of two seconds, so its offers come back on a live server within about ten seconds.
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
        });
        return builder;
    }

    /// <summary>What the grains need beside Orleans: options, clock, the order journal and the room event writer (tests call this too).</summary>
    public static IServiceCollection AddLiveRuntime(this IServiceCollection services, LiveOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new LiveClock(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(Orders.JournalFaults.FromEnvironment());
        services.AddSingleton<Orders.OrderJournal>();
        services.AddHostedService(sp => sp.GetRequiredService<Orders.OrderJournal>());
        services.AddSingleton<Rooms.RoomEventWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Rooms.RoomEventWriter>());
        // The stores the room grain and the draw read (the server registers them too; a bare silo gets them here, on the grains' clock).
        services.TryAddSingleton(sp => new Data.Interaction.InteractionStore(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.DaihuoDbContext>>(), sp.GetRequiredService<LiveClock>().Time));
        services.TryAddSingleton(sp => new Data.Live.LiveStore(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.DaihuoDbContext>>(), sp.GetRequiredService<LiveClock>().Time));
        services.TryAddSingleton(sp => new Data.Promotions.PromotionStore(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.DaihuoDbContext>>(), sp.GetRequiredService<LiveClock>().Time));
        services.AddSingleton<Interaction.LotteryDrawer>();
        services.AddHostedService(sp => sp.GetRequiredService<Interaction.LotteryDrawer>());
        return services;
    }
}
