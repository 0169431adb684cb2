using System.Diagnostics;
using Npgsql;

namespace Daihuo.Server.Tests.Cluster;

/// <summary>
/// One <c>Daihuo.Server</c> process of a cluster, started from the build output the way an operator
/// starts it (<c>dotnet Daihuo.Server.dll</c> with environment variables only), on loopback.
/// </summary>
public sealed class ServerNode(int index, ClusterSettings cluster) : IAsyncDisposable
{
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    public int Port => cluster.BasePort + index;

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public bool Running => _process is { HasExited: false };

    /// <summary>The process's last lines of output, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.Length > 4000 ? _log.ToString(_log.Length - 4000, 4000) : _log.ToString();
            }
        }
    }

    public async Task StartAsync(CancellationToken ct)
    {
        var bin = Path.GetDirectoryName(typeof(ServerNode).Assembly.Location)!;
        var configuration = new DirectoryInfo(bin).Parent!.Name;   // .../bin/<Configuration>/net10.0
        var server = Path.Combine(ClusterSettings.Root, "src", "Daihuo.Server", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", ["Daihuo.Server.dll"])
        {
            WorkingDirectory = server,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Daihuo__DataPath"] = cluster.DataPath,
                ["Daihuo__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Daihuo__Seed__OwnerPassword"] = ClusterSettings.Password,
                ["Daihuo__SignIn__AttemptsPerMinute"] = "1000",
                ["Daihuo__Database__Provider"] = "Postgres",
                ["ConnectionStrings__Daihuo"] = cluster.Database,
                ["Daihuo__Cluster__Mode"] = "Redis",
                ["ConnectionStrings__Redis"] = cluster.Redis,
                ["Daihuo__Orleans__ClusterId"] = cluster.ClusterId,
                ["Daihuo__Orleans__SiloPort"] = (cluster.BasePort + 1000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Daihuo__Orleans__GatewayPort"] = (cluster.BasePort + 2000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {index} exited ({_process.ExitCode}):\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Url, "/health"), ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException($"Node {index} did not answer /health:\n{Log}");
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster, whatever was in flight is lost.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>What the nodes of one test cluster share: a fresh PostgreSQL database, a Redis, a data folder (keys), a cluster id.</summary>
public sealed class ClusterSettings
{
    public const string Password = "Cluster-Test-Pass-1!";

    public static string? PostgresServer => Environment.GetEnvironmentVariable("DAIHUO_TEST_POSTGRES");

    public static string? RedisServer => Environment.GetEnvironmentVariable("DAIHUO_TEST_REDIS");

    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Daihuo.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("The repository root (Daihuo.slnx) was not found.");
        }
    }

    public string ClusterId { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public int BasePort { get; } = 17000 + Random.Shared.Next(0, 50) * 10;

    public string DataPath { get; } = Directory.CreateTempSubdirectory("daihuo-cluster-").FullName;

    public string DatabaseName { get; } = "daihuo_cluster_" + Guid.NewGuid().ToString("N")[..10];

    public string Database => new NpgsqlConnectionStringBuilder(PostgresServer) { Database = DatabaseName }.ConnectionString;

    public string Redis => RedisServer!;
}
