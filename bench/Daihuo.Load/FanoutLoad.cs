using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR.Client;

namespace Daihuo.Load;

public sealed record FanoutOptions(Uri Server, int Viewers, int Seconds)
{
    /// <summary>The server's process id, for its memory before and after the viewers connect (Linux /proc).</summary>
    public int? ServerPid { get; init; }

    /// <summary>How many viewers connect at once while the room fills.</summary>
    public int ConnectParallelism { get; init; } = 64;
}

/// <summary>
/// Fan-out figures: click-to-receipt times over every (price change, viewer) pair, the slowest
/// viewer's time, changes a viewer never saw, and the server's memory per connected viewer.
/// </summary>
public sealed record FanoutResult(
    int Connected, int Changes, long Receipts, long Missed, double P50Ms, double P99Ms, double LastMs,
    long ServerRssBeforeKb, long ServerRssConnectedKb, double KbPerViewer, int FrameBytes);

/// <summary>A server whose room updates viewers receive: Daihuo's SSE feed, or the SignalR baseline.</summary>
public interface IFanoutTarget
{
    /// <summary>Sets the room up; the price the first change will set is <paramref name="basePrice"/> + 1.</summary>
    Task SetUpAsync(long basePrice, CancellationToken ct);

    /// <summary>Connects one viewer and calls <paramref name="onPrice"/> with the offer's price in every update it receives.</summary>
    Task<IAsyncDisposable> ConnectAsync(Action<long> onPrice, CancellationToken ct);

    /// <summary>The console's click: the offer's price becomes <paramref name="price"/>.</summary>
    Task ChangePriceAsync(long price, CancellationToken ct);

    /// <summary>The size of one room update as sent (UTF-8 JSON).</summary>
    int UpdateBytes { get; }
}

/// <summary>
/// The fan-out test: N viewers hold one room's live-update connection; once a second for S seconds
/// the price changes, and each viewer's receipt of each new price is timed from the click.
/// </summary>
public static class FanoutLoad
{
    public const long BasePrice = 3_000;

    public static async Task<FanoutResult> RunAsync(FanoutOptions options, IFanoutTarget target, TextWriter log, CancellationToken ct)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(options.Server.Host)))
        {
            throw new ArgumentException("The load generator drives loopback servers only.", nameof(options));
        }

        await target.SetUpAsync(BasePrice, ct);
        var clock = Stopwatch.StartNew();
        var changes = options.Seconds;
        var sentAt = new long[changes + 1];
        var seen = new long[(changes + 1) * options.Viewers];
        var connected = new IAsyncDisposable?[options.Viewers];
        var ready = 0;
        var rssBefore = Rss(options.ServerPid);

        await Parallel.ForAsync(0, options.Viewers, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism, CancellationToken = ct }, async (v, token) =>
        {
            var first = true;
            connected[v] = await target.ConnectAsync(price =>
            {
                if (first)
                {
                    first = false;
                    Interlocked.Increment(ref ready);
                }

                var change = price - BasePrice;
                if (change is > 0 && change <= changes && Volatile.Read(ref seen[(change * options.Viewers) + v]) == 0)
                {
                    Volatile.Write(ref seen[(change * options.Viewers) + v], clock.ElapsedTicks);
                }
            }, token);
        });

        // Every viewer has its first snapshot before the clicks start.
        var until = clock.Elapsed + TimeSpan.FromSeconds(60);
        while (Volatile.Read(ref ready) < options.Viewers && clock.Elapsed < until)
        {
            await Task.Delay(100, ct);
        }

        await Task.Delay(2000, ct);
        var rssConnected = Rss(options.ServerPid);
        log.WriteLine($"{Volatile.Read(ref ready):N0} of {options.Viewers:N0} viewers connected; server memory {rssBefore / 1024:N0} MB before, {rssConnected / 1024:N0} MB connected.");

        for (var change = 1; change <= changes; change++)
        {
            var tick = clock.Elapsed;
            sentAt[change] = clock.ElapsedTicks;
            await target.ChangePriceAsync(BasePrice + change, ct);
            var next = tick + TimeSpan.FromSeconds(1);
            if (next > clock.Elapsed)
            {
                await Task.Delay(next - clock.Elapsed, ct);
            }
        }

        await Task.Delay(3000, ct);   // the last change's stragglers
        var times = new List<double>(changes * options.Viewers);
        long missed = 0;
        for (var change = 1; change <= changes; change++)
        {
            for (var v = 0; v < options.Viewers; v++)
            {
                var at = seen[(change * options.Viewers) + v];
                if (at == 0)
                {
                    missed++;
                }
                else
                {
                    times.Add((at - sentAt[change]) * 1000.0 / Stopwatch.Frequency);
                }
            }
        }

        await Parallel.ForEachAsync(connected, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism }, async (c, _) =>
        {
            if (c is not null)
            {
                await c.DisposeAsync();
            }
        });

        var sorted = times.Order().ToArray();
        var viewers = Math.Max(1, Volatile.Read(ref ready));
        return new FanoutResult(Volatile.Read(ref ready), changes, sorted.Length, missed, Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1], rssBefore, rssConnected, (rssConnected - rssBefore) / (double)viewers, target.UpdateBytes);
    }

    /// <summary>Resident memory of a process in kB (0 when unknown).</summary>
    private static long Rss(int? pid)
    {
        if (pid is not { } id || !File.Exists($"/proc/{id}/status"))
        {
            return 0;
        }

        var line = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The offer's price in a room update: the first "price" in the JSON (a fan-out room shows one offer).</summary>
    public static long PriceIn(ReadOnlySpan<char> json)
    {
        var at = json.IndexOf("\"price\":", StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        var rest = json[(at + 8)..];
        var end = rest.IndexOfAnyExceptInRange('0', '9');
        return long.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var price) ? price : -1;
    }
}

/// <summary>Daihuo: a live room with one offer; viewers hold the storefront's SSE feed; the click is the console's price change.</summary>
public sealed class DaihuoFanout(Staff staff, Uri server) : IFanoutTarget
{
    private readonly HttpClient _viewers = new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = server,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private string _room = "";
    private int _connections;
    private Guid _offerId;

    /// <summary>The last update's JSON, for the baseline to send.</summary>
    public string? LastJson { get; private set; }

    public int UpdateBytes => LastJson is null ? 0 : Encoding.UTF8.GetByteCount(LastJson);

    public async Task SetUpAsync(long basePrice, CancellationToken ct)
    {
        (_, _room, _offerId) = await staff.LiveOfferAsync("Fan-out " + DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture), "DH-F5003", 100_000, 0, ct);
        await ChangePriceAsync(basePrice, ct);
    }

    public async Task<IAsyncDisposable> ConnectAsync(Action<long> onPrice, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = Interlocked.Increment(ref _connections) == 1;   // one viewer keeps the update's text
        var response = await _viewers.GetAsync($"/live/{_room}/events", HttpCompletionOption.ResponseHeadersRead, stop.Token);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token), Encoding.UTF8);
        var pump = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        if (sampler)
                        {
                            LastJson = line[6..];
                        }

                        onPrice(FanoutLoad.PriceIn(line.AsSpan(6)));
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
            }
        }, CancellationToken.None);
        return new Viewer(stop, response, pump);
    }

    public async Task ChangePriceAsync(long price, CancellationToken ct)
    {
        using var response = await staff.Client.PostAsJsonAsync($"/api/live/offers/{_offerId}/price", new { livePrice = price, reason = "压测调价" }, ct);
        response.EnsureSuccessStatusCode();
    }

    private sealed class Viewer(CancellationTokenSource stop, HttpResponseMessage response, Task pump) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            response.Dispose();
            await pump;
            stop.Dispose();
        }
    }
}

/// <summary>
/// The SignalR baseline (bench/Daihuo.Baseline --hub): viewers are hub connections over WebSockets; the
/// click posts the same room JSON Daihuo sends, with the new price, and the hub broadcasts it to all.
/// </summary>
public sealed class SignalRFanout(Uri server, string roomJson) : IFanoutTarget
{
    private readonly HttpClient _console = new() { BaseAddress = server };

    public int UpdateBytes => Encoding.UTF8.GetByteCount(roomJson);

    public Task SetUpAsync(long basePrice, CancellationToken ct) => ChangePriceAsync(basePrice, ct);

    public async Task<IAsyncDisposable> ConnectAsync(Action<long> onPrice, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hub/room"), o =>
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        connection.On<string>("room", json => onPrice(FanoutLoad.PriceIn(json)));
        await connection.StartAsync(ct);
        return connection;
    }

    public async Task ChangePriceAsync(long price, CancellationToken ct)
    {
        var at = roomJson.IndexOf("\"price\":", StringComparison.Ordinal) + 8;
        var end = at;
        while (end < roomJson.Length && char.IsAsciiDigit(roomJson[end]))
        {
            end++;
        }

        var json = string.Concat(roomJson.AsSpan(0, at), price.ToString(CultureInfo.InvariantCulture), roomJson.AsSpan(end));
        using var response = await _console.PostAsync("/bench/broadcast", new StringContent(json, Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
    }
}
