using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Data;
using Daihuo.Load;
using Daihuo.Server.Tests.Support;
using Daihuo.Tests.Support;
using Npgsql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Server.Tests.Cluster;

/// <summary>Two server processes in cluster mode (membership on Redis, PostgreSQL), started once for the class.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    private static string? Redis => Environment.GetEnvironmentVariable("DAIHUO_TEST_REDIS");

    public static string? SkipReason =>
        string.IsNullOrWhiteSpace(DaihuoApp.PostgresServer) ? "PostgreSQL suite off: set DAIHUO_TEST_POSTGRES (CI sets it)."
        : string.IsNullOrWhiteSpace(Redis) ? "Cluster suite off: set DAIHUO_TEST_REDIS to a Redis address, such as 127.0.0.1:6379 (CI sets it)."
        : null;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "daihuo-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly string _database = "daihuo_c_" + Guid.NewGuid().ToString("N");

    public ServerProcess[] Nodes { get; private set; } = [];

    /// <summary>The cluster's database (for the load tool's reconciliation).</summary>
    public string Database => new NpgsqlConnectionStringBuilder(DaihuoApp.PostgresServer) { Database = _database }.ToString();

    public async ValueTask InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(DaihuoApp.PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var clusterId = "c" + Guid.NewGuid().ToString("N")[..10];
        Nodes = [ServerProcess.ClusterMember(_database, _dataPath, Redis!, clusterId), ServerProcess.ClusterMember(_database, _dataPath, Redis!, clusterId)];

        // The first node migrates and seeds the new database; the second joins once it is up.
        await Nodes[0].StartAsync();
        await Nodes[1].StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (SkipReason is null)
        {
            await PostgresCleanup.DropAsync(DaihuoApp.PostgresServer!, _database);
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Cluster mode end to end: a flash sale driven through two real server processes, no sticky sessions
/// (buyers move to the other server when theirs stops answering), one server killed with kill -9 in
/// the middle of it; and the killed server restarted and taking orders again.
/// </summary>
public sealed class ClusterTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void SkipIfOff()
    {
        if (TwoNodeCluster.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private async Task EnsureBothRunningAsync()
    {
        foreach (var node in cluster.Nodes.Where(n => !n.IsRunning))
        {
            await node.StartAsync();
        }
    }

    /// <summary>The cluster's members as a server reports them; none while it cannot tell (its management grain was on the dead server).</summary>
    private static async Task<List<JsonElement>> MembersAsync(Staff staff)
    {
        try
        {
            return await staff.Client.GetFromJsonAsync<List<JsonElement>>("/api/live/cluster", Ct) ?? [];
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    [Fact]
    public async Task A_flash_sale_through_two_servers_survives_one_killed_mid_sale_without_oversell_or_a_lost_order()
    {
        SkipIfOff();
        await EnsureBothRunningAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);

        // Staff set the sale up through the node that survives; buyers come in through both.
        using var staff = await Staff.SignInAsync(b.BaseAddress, DaihuoApp.OwnerEmail, DaihuoApp.OwnerPassword, Ct);
        await using var services = new ServiceCollection().AddDaihuoDbContext(DatabaseProvider.Postgres, cluster.Database).BuildServiceProvider();
        long killedAt = 0;
        var options = new FlashLoadOptions(b.BaseAddress, Offers: 1, Units: 3_000, Buyers: 200, AfterSoldOut: 500)
        {
            Servers = [a.BaseAddress, b.BaseAddress],
            Retries = 120,
            RetryPause = TimeSpan.FromMilliseconds(250),
            Accepted = count =>
            {
                if (count == 1_000 && Interlocked.CompareExchange(ref killedAt, count, 0) == 0)
                {
                    a.KillAsync().GetAwaiter().GetResult();
                }
            },
        };
        var result = await FlashLoad.RunAsync(options, new DaihuoTarget(staff, services.GetRequiredService<IDbContextFactory<DaihuoDbContext>>()), TextWriter.Null, Ct);

        Assert.False(a.IsRunning);
        Assert.Equal(1_000, Interlocked.Read(ref killedAt));
        Assert.True(result.Reconciled, $"not reconciled: {JsonSerializer.Serialize(result)}\n{b.Log}");
        Assert.Equal(3_000, result.Accepted);          // the sale went on to sell out on the surviving server
        Assert.Equal((0L, 0L), (result.Oversold, result.AcknowledgedMissing));
        Assert.Equal(result.AfterSoldOutAttempts, result.AfterSoldOutSoldOut);

        // The survivor's membership declares the killed server dead.
        await WaitForAsync(async () => (await MembersAsync(staff)).Count(m => m.GetProperty("status").GetString() == "Dead") >= 1);
    }

    [Fact]
    public async Task A_killed_server_restarted_rejoins_the_cluster_and_takes_orders_again()
    {
        SkipIfOff();
        await EnsureBothRunningAsync();
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var staff = await Staff.SignInAsync(b.BaseAddress, DaihuoApp.OwnerEmail, DaihuoApp.OwnerPassword, Ct);

        await a.KillAsync();
        await WaitForAsync(async () => (await MembersAsync(staff)).Count(m => m.GetProperty("status").GetString() == "Active") == 1);
        await a.StartAsync();
        await WaitForAsync(async () => (await MembersAsync(staff)).Count(m => m.GetProperty("status").GetString() == "Active") == 2);

        // Orders for one offer through each server: whichever holds the offer's grain, both reach it.
        var (_, room, offerId) = await staff.LiveOfferAsync("重新加入", "DH-F5003", 10, 0, Ct);
        using var http = new HttpClient();
        using var identify = new HttpClient { BaseAddress = a.BaseAddress };
        var cookies = await Buyers.IdentifyAsync(identify, 2, "139", Ct);
        foreach (var (node, cookie) in new[] { (a, cookies[0]), (b, cookies[1]) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseAddress, $"/api/storefront/offers/{offerId}/orders"))
            {
                Content = JsonContent.Create(new { quantity = 1, shipName = "王小明", shipPhone = "13800138000", shipAddress = "上海市浦东新区世纪大道 100 号" }),
            };
            request.Headers.Add("Cookie", cookie);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await http.SendAsync(request, Ct);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{node.BaseAddress}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        // No sticky sessions for live updates either: a viewer on the restarted server sees a price the console changed through the other.
        using var viewer = new HttpClient { BaseAddress = a.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await viewer.GetAsync($"/live/{room}/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(Ct));
        using var changed = await staff.Client.PostAsJsonAsync($"/api/live/offers/{offerId}/price", new { livePrice = 3333, reason = "集群测试" }, Ct);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync(Ct));
        using var within = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        within.CancelAfter(TimeSpan.FromSeconds(15));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(within.Token);
        }
        while (line is not null && !(line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("\"price\":3333", StringComparison.Ordinal)));

        Assert.NotNull(line);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting for the cluster");
            await Task.Delay(500, Ct);
        }
    }
}
