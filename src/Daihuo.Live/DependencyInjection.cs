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

public static class DependencyInjection
{
    /// <summary>
    /// Hosts the Orleans silo in the server's process. By default a single silo with localhost
    /// clustering: nothing to install, state rebuilt from the database on activation.
    /// </summary>
    public static IHostApplicationBuilder AddLiveServices(this IHostApplicationBuilder builder)
    {
        var options = new LiveOptions();
        builder.Configuration.GetSection("Daihuo:Orleans").Bind(options);
        builder.Services.AddLiveRuntime(options);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ClusterId, clusterId: options.ClusterId);
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
