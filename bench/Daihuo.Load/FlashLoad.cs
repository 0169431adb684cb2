using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Daihuo.Data;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Load;

public sealed record FlashLoadOptions(Uri Server, int Units, int Buyers, int AfterSoldOut)
{
    /// <summary>How many times a buyer retries one purchase (same Idempotency-Key) after a 503 or a lost connection.</summary>
    public int Retries { get; init; } = 5;
}

/// <summary>One flash sale's figures and its reconciliation.</summary>
public sealed record FlashLoadResult(
    long Attempts, long Accepted, long SoldOutAnswers, long AfterSoldOutAttempts, long AfterSoldOutSoldOut, IReadOnlyDictionary<string, long> Errors,
    double AcceptedPerSecond, double WindowSeconds, double P50Ms, double P99Ms, double MaxMs,
    long OrdersInDatabase, long UnitsInDatabase, long OfferSold, int Allocated, long AcknowledgedMissing, long Duplicates)
{
    /// <summary>No oversell, no lost acknowledgement: every acknowledged order is in the database once, the offer sold what the orders hold, never more than allocated, and every attempt after the sell-out was told so.</summary>
    public bool Reconciled =>
        AcknowledgedMissing == 0 && Duplicates == 0 && OrdersInDatabase == Accepted && UnitsInDatabase == Accepted && OfferSold == Accepted
        && OfferSold <= Allocated && AfterSoldOutSoldOut == AfterSoldOutAttempts;
}

/// <summary>
/// A flash sale: one hot offer of <see cref="FlashLoadOptions.Units"/> units bought one at a time by
/// <see cref="FlashLoadOptions.Buyers"/> identified buyers racing each other, each with its own
/// Idempotency-Key per purchase (retried with the same key on 503 or a lost connection), until the
/// server says sold out; then <see cref="FlashLoadOptions.AfterSoldOut"/> more attempts that must all
/// be told sold out. Then it reconciles the acknowledged orders with the database.
/// </summary>
public static class FlashLoad
{
    public static async Task<FlashLoadResult> RunAsync(FlashLoadOptions options, Staff staff, Guid offerId, IDbContextFactory<DaihuoDbContext> database,
        TextWriter log, CancellationToken ct)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(options.Server.Host)))
        {
            throw new ArgumentException("The load generator drives loopback servers only.", nameof(options));
        }

        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = options.Buyers + 8, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = TimeSpan.FromSeconds(30) };
        var cookies = await Buyers.IdentifyAsync(http, options.Buyers, "138", ct);
        log.WriteLine($"{options.Buyers} buyers identified.");

        var body = Encoding.UTF8.GetBytes("""{"quantity":1,"shipName":"王小明","shipPhone":"13800138000","shipAddress":"上海市浦东新区世纪大道 100 号"}""");
        var path = $"/api/storefront/offers/{offerId}/orders";
        var acknowledged = new ConcurrentBag<Guid>();
        var latencies = new ConcurrentBag<long>();
        var errors = new ConcurrentDictionary<string, long>();
        long attempts = 0, soldOutAnswers = 0, firstAck = long.MaxValue, lastAck = 0;
        var soldOut = 0;
        var clock = Stopwatch.StartNew();

        async Task<(int Status, string Body)> BuyOnceAsync(string cookie, CancellationToken token)
        {
            var key = Guid.NewGuid().ToString("N");
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
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
                catch (HttpRequestException)
                {
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
            }
        }

        // The race: every buyer buys one unit at a time until told sold out.
        await Parallel.ForEachAsync(cookies, new ParallelOptions { MaxDegreeOfParallelism = options.Buyers, CancellationToken = ct }, async (cookie, token) =>
        {
            while (Volatile.Read(ref soldOut) == 0)
            {
                var (status, text) = await BuyOnceAsync(cookie, token);
                if (status == 201)
                {
                    var done = clock.ElapsedTicks;
                    acknowledged.Add(Guid.Parse(text.AsSpan(text.IndexOf("\"orderId\":\"", StringComparison.Ordinal) + 11, 36)));
                    Stats.Min(ref firstAck, done);
                    Stats.Max(ref lastAck, done);
                }
                else if (status == 409 && text.Contains("order_sold_out", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref soldOutAnswers);
                    Volatile.Write(ref soldOut, 1);
                }
                else
                {
                    errors.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                }
            }
        });
        var window = (lastAck - firstAck) / (double)Stopwatch.Frequency;
        log.WriteLine($"Sold out after {clock.Elapsed.TotalSeconds:0.0} s: {acknowledged.Count} orders acknowledged.");

        // Latecomers: every one of them must be told sold out.
        long late = 0, lateSoldOut = 0;
        await Parallel.ForAsync(0, options.AfterSoldOut, new ParallelOptions { MaxDegreeOfParallelism = options.Buyers, CancellationToken = ct }, async (i, token) =>
        {
            var (status, text) = await BuyOnceAsync(cookies[i % cookies.Length], token);
            Interlocked.Increment(ref late);
            if (status == 409 && text.Contains("order_sold_out", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref lateSoldOut);
            }
            else if (status == 201)
            {
                acknowledged.Add(Guid.Empty);   // an order after the sell-out would be an oversell: it fails the reconciliation
            }
        });

        var sorted = latencies.Select(l => l * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        await Task.Delay(1000, ct);   // the journal's last round
        await using var db = await database.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => o.OfferId == offerId && !o.IsTest).Select(o => new { o.Id, o.Quantity }).ToListAsync(ct);
        var offer = await db.Offers.AsNoTracking().Where(o => o.Id == offerId).Select(o => new { o.Sold, o.Allocated }).SingleAsync(ct);
        var stored = orders.Select(o => o.Id).ToHashSet();
        var acks = acknowledged.ToList();
        return new FlashLoadResult(attempts, acks.Count(a => a != Guid.Empty), soldOutAnswers, late, lateSoldOut, errors,
            window > 0 ? acks.Count / window : 0, window, Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1],
            orders.Count, orders.Sum(o => (long)o.Quantity), offer.Sold, offer.Allocated,
            acks.LongCount(a => !stored.Contains(a)), acks.Count - acks.Distinct().Count());
    }
}
