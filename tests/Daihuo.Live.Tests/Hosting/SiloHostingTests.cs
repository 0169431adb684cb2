using Daihuo.Data;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Runtime;

namespace Daihuo.Live.Tests.Hosting;

/// <summary>The silo the server hosts: one process, localhost clustering, ports from configuration.</summary>
public sealed class SiloHostingTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Two_servers_on_one_machine_each_run_a_silo_on_the_ports_they_are_given()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = Build(FreePort(), FreePort(), "a");
        using var second = Build(FreePort(), FreePort(), "b");

        await first.StartAsync(ct);
        await second.StartAsync(ct);

        foreach (var host in new[] { first, second })
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, ct);
            Assert.Single(silos);
            Assert.Equal(SiloStatus.Active, silos.Values.Single());
        }

        await second.StopAsync(ct);
        await first.StopAsync(ct);
    }

    private static IHost Build(int siloPort, int gatewayPort, string cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Daihuo:Orleans:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Daihuo:Orleans:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Daihuo:Orleans:ClusterId"] = "test-" + cluster,
        });
        builder.Services.AddDaihuoDbContext(Daihuo.Data.DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), "daihuo-silo-" + cluster + ".db")}");
        builder.AddLiveServices();
        return builder.Build();
    }
}
