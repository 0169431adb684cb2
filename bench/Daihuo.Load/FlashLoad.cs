using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Daihuo.Load;

/// <param name="Offers">How many offers race at once (one hot SKU, or many bought at random).</param>
/// <param name="Units">Units per offer.</param>
public sealed record FlashLoadOptions(Uri Server, int Offers, int Units, int Buyers, int AfterSoldOut)
{
    /// <summary>How many times a buyer retries one purchase (same Idempotency-Key) after a 503 or a lost connection.</summary>
    public int Retries { get; init; } = 5;

    /// <summary>
    /// The servers of a cluster, if more than <see cref="Server"/>: buyer i starts on server i mod n and, when a
    /// connection fails, retries the same purchase (same key) on the next one, as a load balancer would.
    /// </summary>
    public IReadOnlyList<Uri> Servers { get; init; } = [Server];

    /// <summary>Called with the running count of acknowledged orders (a test kills a server part-way through).</summary>
    public Action<long>? Accepted { get; init; }

    /// <summary>The pause between a buyer's retries after a 503 or a lost connection.</summary>
    public TimeSpan RetryPause { get; init; } = TimeSpan.Zero;
}

/// <summary>What a server kept after the sale, over all its offers.</summary>
/// <param name="Oversold">Units sold past an offer's allocation, summed over offers (must be 0).</param>
/// <param name="Mismatched">Offers whose sold count is not what their orders hold (must be 0).</param>
public sealed record FlashStore(IReadOnlySet<Guid> OrderIds, long Units, long Sold, long Allocated, long Oversold, int Mismatched);

/// <summary>A server the flash sale runs against: Daihuo, or one of the baselines under bench/.</summary>
public interface IFlashTarget
{
    /// <summary>Offers on sale now, each with <paramref name="units"/> units and no per-buyer limit.</summary>
    Task<IReadOnlyList<Guid>> OffersAsync(int count, int units, CancellationToken ct);

    /// <summary>What the server's own storage holds for these offers.</summary>
    Task<FlashStore> ReconcileAsync(IReadOnlyList<Guid> offers, CancellationToken ct);
}

/// <summary>One flash sale's figures and its reconciliation.</summary>
public sealed record FlashLoadResult(
    long Attempts, long Accepted, long AfterSoldOutAttempts, long AfterSoldOutSoldOut, IReadOnlyDictionary<string, long> Errors,
    double AcceptedPerSecond, double WindowSeconds, double P50Ms, double P90Ms, double P99Ms, double MaxMs,
    long OrdersStored, long UnitsStored, long Sold, long Allocated, long Oversold, int Mismatched, long AcknowledgedMissing, long Duplicates)
{
    /// <summary>No oversell, no lost acknowledgement: every acknowledged order is stored once, each offer sold what its orders hold, never more than allocated, and every attempt after the sell-out was told so.</summary>
    public bool Reconciled =>
        AcknowledgedMissing == 0 && Duplicates == 0 && OrdersStored == Accepted && UnitsStored == Accepted && Sold == Accepted
        && Oversold == 0 && Mismatched == 0 && Sold <= Allocated && AfterSoldOutSoldOut == AfterSoldOutAttempts;
}

/// <summary>
/// A flash sale: <see cref="FlashLoadOptions.Offers"/> offers of <see cref="FlashLoadOptions.Units"/>
/// units each, bought one unit at a time (a random open offer each time) by
/// <see cref="FlashLoadOptions.Buyers"/> identified buyers racing each other, each purchase with its own
/// Idempotency-Key (retried with the same key on 503 or a lost connection), until every offer says sold
/// out; then <see cref="FlashLoadOptions.AfterSoldOut"/> more attempts that must all be told sold out.
/// Then it reconciles the acknowledged orders with what the server kept.
/// </summary>
public static class FlashLoad
{
    public static async Task<FlashLoadResult> RunAsync(FlashLoadOptions options, IFlashTarget target, TextWriter log, CancellationToken ct)
    {
        if (options.Servers.Append(options.Server).Any(s => !IPAddress.IsLoopback(IPAddress.Parse(s.Host))))
        {
            throw new ArgumentException("The load generator drives loopback servers only.", nameof(options));
        }

        var offers = await target.OffersAsync(options.Offers, options.Units, ct);
        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = options.Buyers + 8, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = TimeSpan.FromSeconds(30) };
        var cookies = await Buyers.IdentifyAsync(http, options.Buyers, "138", ct);
        log.WriteLine($"{offers.Count:N0} offers of {options.Units:N0} units; {options.Buyers:N0} buyers identified.");

        var body = Encoding.UTF8.GetBytes("""{"quantity":1,"shipName":"王小明","shipPhone":"13800138000","shipAddress":"上海市浦东新区世纪大道 100 号"}""");
        var paths = offers.Select(o => $"/api/storefront/offers/{o}/orders").ToArray();
        var servers = options.Servers.Count == 0 ? [options.Server] : options.Servers;
        var buyerOf = cookies.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        long acceptedSoFar = 0;
        var acknowledged = new ConcurrentBag<Guid>();
        var latencies = new ConcurrentBag<long>();
        var errors = new ConcurrentDictionary<string, long>();
        long attempts = 0, firstAck = long.MaxValue, lastAck = 0;
        var closed = new int[offers.Count];
        var open = offers.Count;
        var clock = Stopwatch.StartNew();

        async Task<(int Status, string Body)> BuyOnceAsync(string path, string cookie, CancellationToken token)
        {
            var key = Guid.NewGuid().ToString("N");
            var server = buyerOf[cookie] % servers.Count;
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(servers[server], path))
                {
                    Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Add("Cookie", cookie);
                request.Headers.Add("Idempotency-Key", key);
                var sent = clock.ElapsedTicks;
                int status;
                string text;
                try
                {
                    using var response = await http.SendAsync(request, token);
                    status = (int)response.StatusCode;
                    text = await response.Content.ReadAsStringAsync(token);
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !token.IsCancellationRequested))
                {
                    // No answer (refused, reset, or timed out): as far as the buyer knows, the server is gone.
                    (status, text) = (-1, string.Empty);
                }

                latencies.Add(clock.ElapsedTicks - sent);
                Interlocked.Increment(ref attempts);
                var retry = status is -1 or 503;
                if (!retry || attempt >= options.Retries)
                {
                    return (status, text);
                }

                errors.AddOrUpdate(status == -1 ? "retried: connection" : "retried: 503", 1, (_, n) => n + 1);
                if (status == -1)
                {
                    server = (server + 1) % servers.Count;
                }

                if (options.RetryPause > TimeSpan.Zero)
                {
                    await Task.Delay(options.RetryPause, token);
                }
            }
        }

        static bool SoldOut(int status, string text) => status == 409 && text.Contains("order_sold_out", StringComparison.Ordinal);

        // The race: every buyer buys one unit at a time, of a random offer still open, until none is.
        await Parallel.ForEachAsync(cookies, new ParallelOptions { MaxDegreeOfParallelism = options.Buyers, CancellationToken = ct }, async (cookie, token) =>
        {
            while (Volatile.Read(ref open) > 0)
            {
                var pick = Random.Shared.Next(offers.Count);
                for (var i = 0; i < offers.Count && Volatile.Read(ref closed[pick]) == 1; i++)
                {
                    pick = (pick + 1) % offers.Count;
                }

                var (status, text) = await BuyOnceAsync(paths[pick], cookie, token);
                if (status == 201)
                {
                    var done = clock.ElapsedTicks;
                    acknowledged.Add(Guid.Parse(text.AsSpan(text.IndexOf("\"orderId\":\"", StringComparison.Ordinal) + 11, 36)));
                    Stats.Min(ref firstAck, done);
                    Stats.Max(ref lastAck, done);
                    options.Accepted?.Invoke(Interlocked.Increment(ref acceptedSoFar));
                }
                else if (SoldOut(status, text))
                {
                    if (Interlocked.Exchange(ref closed[pick], 1) == 0)
                    {
                        Interlocked.Decrement(ref open);
                    }
                }
                else
                {
                    errors.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }
        });
        var window = (lastAck - firstAck) / (double)Stopwatch.Frequency;
        log.WriteLine($"Sold out after {clock.Elapsed.TotalSeconds:0.0} s: {acknowledged.Count:N0} orders acknowledged.");

        // Latecomers, spread over the offers: every one of them must be told sold out.
        long late = 0, lateSoldOut = 0;
        await Parallel.ForAsync(0, options.AfterSoldOut, new ParallelOptions { MaxDegreeOfParallelism = options.Buyers, CancellationToken = ct }, async (i, token) =>
        {
            var (status, text) = await BuyOnceAsync(paths[i % paths.Length], cookies[i % cookies.Length], token);
            Interlocked.Increment(ref late);
            if (SoldOut(status, text))
            {
                Interlocked.Increment(ref lateSoldOut);
            }
            else if (status == 201)
            {
                acknowledged.Add(Guid.Empty);   // an order after the sell-out would be an oversell: it fails the reconciliation
            }
        });

        var sorted = latencies.Select(l => l * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        await Task.Delay(1000, ct);   // a journal's last round
        var stored = await target.ReconcileAsync(offers, ct);
        var acks = acknowledged.ToList();
        return new FlashLoadResult(attempts, acks.Count(a => a != Guid.Empty), late, lateSoldOut, errors,
            window > 0 ? acks.Count / window : 0, window, Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.90), Stats.Percentile(sorted, 0.99),
            sorted.Length == 0 ? 0 : sorted[^1],
            stored.OrderIds.Count, stored.Units, stored.Sold, stored.Allocated, stored.Oversold, stored.Mismatched,
            acks.LongCount(a => !stored.OrderIds.Contains(a)), acks.Count - acks.Distinct().Count());
    }
}
