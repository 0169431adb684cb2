using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Daihuo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Daihuo.Server.Tests.Support;

/// <summary>
/// Daihuo.Server as a separate operating-system process (the built Daihuo.Server.dll run by
/// <c>dotnet</c>), on its own data folder and SQLite file or PostgreSQL database, so a test can
/// kill it with SIGKILL (as <c>kill -9</c>), arm the journal's fault hook, and start it again on
/// the same data. The same HTTP and silo ports are kept across restarts. A cluster member
/// (<see cref="ClusterMember"/>) shares its data folder and database with the other members and
/// joins them through Redis; the cluster owns those, not the member.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly string _dataPath;
    private readonly int _port = DaihuoApp.FreePort();
    private readonly int _siloPort = DaihuoApp.FreePort();
    private readonly int _gatewayPort = DaihuoApp.FreePort();
    private readonly string? _postgresDatabase;
    private readonly ServiceProvider _services;
    private readonly StringBuilder _log = new();
    private readonly (string Redis, string ClusterId)? _cluster;
    private Process? _process;

    private ServerProcess(string? postgresDatabase, string? dataPath = null, (string Redis, string ClusterId)? cluster = null)
    {
        _postgresDatabase = postgresDatabase;
        _dataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "daihuo-process-" + Guid.NewGuid().ToString("N"));
        _cluster = cluster;
        Directory.CreateDirectory(_dataPath);
        _services = new ServiceCollection()
            .AddDaihuoDbContext(postgresDatabase is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, ConnectionString)
            .BuildServiceProvider();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    /// <summary>The server's database, for checking what it holds after a crash.</summary>
    public IDbContextFactory<DaihuoDbContext> Database => _services.GetRequiredService<IDbContextFactory<DaihuoDbContext>>();

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private string ConnectionString => _postgresDatabase is null
        ? $"Data Source={Path.Combine(_dataPath, "daihuo.db")};Pooling=False"
        : new NpgsqlConnectionStringBuilder(DaihuoApp.PostgresServer) { Database = _postgresDatabase }.ToString();

    public static async Task<ServerProcess> CreateAsync(bool postgres)
    {
        string? database = null;
        if (postgres)
        {
            database = $"daihuo_p_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(DaihuoApp.PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new ServerProcess(database);
    }

    /// <summary>A member of a cluster on Redis (<paramref name="redis"/>): the members share the PostgreSQL database and the data folder.</summary>
    public static ServerProcess ClusterMember(string postgresDatabase, string dataPath, string redis, string clusterId) =>
        new(postgresDatabase, dataPath, (redis, clusterId));

    /// <summary>Starts the server (with the fault hook armed when <paramref name="fault"/> is given) and waits until staff can sign in.</summary>
    public async Task StartAsync(string? fault = null)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { ServerDll },
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = info.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Daihuo__DataPath"] = _dataPath;
        env["Daihuo__Port"] = _port.ToString(CultureInfo.InvariantCulture);
        env["Daihuo__Seed__OwnerPassword"] = DaihuoApp.OwnerPassword;
        env["Daihuo__Seed__StaffPassword"] = DaihuoApp.StaffPassword;
        env["Daihuo__SignIn__AttemptsPerMinute"] = "10000";
        env["Daihuo__Orleans__SiloPort"] = _siloPort.ToString(CultureInfo.InvariantCulture);
        env["Daihuo__Orleans__GatewayPort"] = _gatewayPort.ToString(CultureInfo.InvariantCulture);
        env["Daihuo__Orleans__ClusterId"] = _cluster?.ClusterId ?? "crash-" + _port.ToString(CultureInfo.InvariantCulture);
        if (_cluster is { } cluster)
        {
            env["Daihuo__Cluster__Mode"] = "Redis";
            env["ConnectionStrings__Redis"] = cluster.Redis;
        }

        env["Daihuo__Database__Provider"] = _postgresDatabase is null ? "Sqlite" : "Postgres";
        env["ConnectionStrings__Daihuo"] = ConnectionString;
        env["Logging__LogLevel__Default"] = "Warning";
        env.Remove("urls");
        if (fault is null)
        {
            env.Remove(Daihuo.Live.Orders.JournalFaults.Variable);
        }
        else
        {
            env[Daihuo.Live.Orders.JournalFaults.Variable] = fault;
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode} while starting:\n{Log}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server did not answer /health within 90 s:\n{Log}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Waits for the process to die by itself (the fault hook), or fails after the timeout.</summary>
    public async Task WaitForDeathAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cts.Token);
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A client with its own cookie jar (a browser, in effect), kept across restarts.</summary>
    public HttpClient Client(string language = "zh-CN")
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(2) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    public async Task<HttpClient> SignInAsync(string email)
    {
        var client = Client();
        var response = await DaihuoApp.PostLoginAsync(client, email, email == DaihuoApp.OwnerEmail ? DaihuoApp.OwnerPassword : DaihuoApp.StaffPassword);
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        await _services.DisposeAsync();
        if (_cluster is not null)
        {
            return;   // the cluster's database and folder outlive a member
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            await Daihuo.Tests.Support.PostgresCleanup.DropAsync(DaihuoApp.PostgresServer!, _postgresDatabase);
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
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

    /// <summary>The server built beside these tests: src/Daihuo.Server/bin/{configuration}/{framework}/Daihuo.Server.dll.</summary>
    private static string ServerDll { get; } = FindServerDll();

    private static string FindServerDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        for (var dir = here; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Daihuo.Server", "bin", configuration, framework, "Daihuo.Server.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Daihuo.Server.dll not found above " + AppContext.BaseDirectory);
    }
}
