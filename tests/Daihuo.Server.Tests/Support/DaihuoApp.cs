using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Daihuo.Server.Tests.Support;

/// <summary>
/// The real server (Kestrel pipeline, Identity, Orleans silo, migrations, seed) on a fresh data
/// folder, SQLite by default or PostgreSQL in a database of its own. Passwords are fixed so tests
/// can sign in as each demo role.
/// </summary>
public class DaihuoApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OwnerEmail = "owner@daihuo.local";
    public const string OwnerPassword = "owner-password-123";
    public const string StaffPassword = "staff-password-123";
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "daihuo-server-tests-" + Guid.NewGuid().ToString("N"));
    private string? _postgresDatabase;

    protected virtual bool UsePostgres => false;

    public string DataPath => _dataPath;

    public static string? PostgresServer => Environment.GetEnvironmentVariable("DAIHUO_TEST_POSTGRES");

    /// <summary>Why this app's tests cannot run here (PostgreSQL not configured), or null.</summary>
    public virtual string? SkipReason => null;

    public void SkipIfUnavailable()
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (UsePostgres && !string.IsNullOrWhiteSpace(PostgresServer))
        {
            _postgresDatabase = $"daihuo_s_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Daihuo:DataPath", _dataPath);
        builder.UseSetting("Daihuo:Seed:OwnerPassword", OwnerPassword);
        builder.UseSetting("Daihuo:Seed:StaffPassword", StaffPassword);
        builder.UseSetting("Daihuo:SignIn:AttemptsPerMinute", "10000");
        builder.UseSetting("Daihuo:Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Daihuo:Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Daihuo:Orleans:ClusterId", "test-" + Guid.NewGuid().ToString("N")[..8]);
        if (_postgresDatabase is not null)
        {
            builder.UseSetting("Daihuo:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Daihuo", new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresDatabase }.ToString());
        }
    }

    private static readonly HashSet<int> GivenPorts = [];

    /// <summary>
    /// A free loopback port, never one this process handed out before: the OS may give a just-released
    /// port again, and a web port equal to a silo port makes a host fail to start.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (GivenPorts)
            {
                if (GivenPorts.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>A client signed in through the real sign-in form (antiforgery token and all).</summary>
    public async Task<HttpClient> SignInAsync(string email, string? password = null, string language = "zh-CN")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await PostLoginAsync(client, email, password ?? (email == OwnerEmail ? OwnerPassword : StaffPassword));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in failed for {email}: {response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            await Daihuo.Tests.Support.PostgresCleanup.DropAsync(PostgresServer!, _postgresDatabase);
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the host's last moments; the temp folder is cleaned by the OS.
        }
    }
}

public sealed class PostgresDaihuoApp : DaihuoApp
{
    protected override bool UsePostgres => true;

    public override string? SkipReason => string.IsNullOrWhiteSpace(PostgresServer)
        ? "PostgreSQL suite off: set DAIHUO_TEST_POSTGRES to a connection string (CI sets it)."
        : null;
}
