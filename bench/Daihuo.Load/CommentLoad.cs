using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Daihuo.Data;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Live;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Load;

public sealed record CommentLoadOptions(Uri Server, int Rate, int Seconds, int Viewers, int Watchers, int FlaggedEvery, int Senders)
{
    public long Total => (long)Rate * Seconds;
}

/// <summary>What a comment load run saw and what the server and its database hold afterwards.</summary>
public sealed record CommentLoadResult(
    long Sent, long Acknowledged, IReadOnlyDictionary<string, long> Errors, double AcknowledgedPerSecond, double WindowSeconds,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, long FlaggedAcknowledged,
    long RoomPublished, long RoomHidden, long RoomHeld, long RowsStored, long RowsHidden, long Snapshots, long CommentsSeen, long Leaked)
{
    /// <summary>Every acknowledged comment moderated and stored, every flagged one hidden, none seen by a viewer.</summary>
    public bool Reconciled =>
        Acknowledged == Sent && RoomPublished + RoomHidden + RoomHeld == Acknowledged && RowsStored == Acknowledged && RowsHidden == FlaggedAcknowledged
        && RoomHidden == FlaggedAcknowledged && Leaked == 0;
}

/// <summary>
/// Pushes comments into one room at a fixed rate from many identified viewers (each under the
/// per-viewer limit), while watchers hold the storefront's live-update stream and look for any
/// flagged comment in what they receive. Every <see cref="CommentLoadOptions.FlaggedEvery"/>th
/// comment carries disguised contact details and a unique marker. Then it reconciles what was
/// acknowledged with the room's counts and the rows in the database.
/// </summary>
public static class CommentLoad
{
    private const string Marker = "leak";

    public static async Task<CommentLoadResult> RunAsync(CommentLoadOptions options, Staff staff, Guid sessionId, string room,
        IDbContextFactory<DaihuoDbContext> database, TextWriter log, CancellationToken ct)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(options.Server.Host)))
        {
            throw new ArgumentException("The load generator drives loopback servers only.", nameof(options));
        }

        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = options.Senders + options.Watchers + 8, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = TimeSpan.FromSeconds(30) };

        // Identified viewers: each holds the buyer cookie the storefront set for it.
        var cookies = await Buyers.IdentifyAsync(http, options.Viewers, "139", ct);
        log.WriteLine($"{options.Viewers} viewers identified.");

        // Watchers hold the live-update stream and read every snapshot's comments.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long snapshots = 0, seen = 0, leaked = 0;
        var watchers = Enumerable.Range(0, options.Watchers).Select(_ => Task.Run(async () =>
        {
            try
            {
                using var response = await http.GetAsync($"/live/{room}/events", HttpCompletionOption.ResponseHeadersRead, watching.Token);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(watching.Token));
                while (await reader.ReadLineAsync(watching.Token) is { } line)
                {
                    if (!line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref snapshots);
                    using var view = JsonDocument.Parse(line.AsMemory(6));
                    foreach (var c in view.RootElement.GetProperty("comments").EnumerateArray())
                    {
                        Interlocked.Increment(ref seen);
                        if (c.GetProperty("text").GetString()!.Contains(Marker, StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref leaked);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        }, CancellationToken.None)).ToArray();
        await Task.Delay(1000, ct);

        // Comments at the rate: comment i is due at start + i / rate, from viewer i mod V (one every V / rate seconds each).
        var total = options.Total;
        var latencies = new long[total];
        var statuses = new int[total];
        var bodies = BuildBodies(options);
        long next = -1, flaggedAcknowledged = 0;
        long firstAck = long.MaxValue, lastAck = 0;
        var clock = Stopwatch.StartNew();
        var ticksPerComment = (double)Stopwatch.Frequency / options.Rate;
        var senders = Enumerable.Range(0, options.Senders).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= total)
                {
                    return;
                }

                var due = (long)(i * ticksPerComment);
                var wait = due - clock.ElapsedTicks;
                if (wait > Stopwatch.Frequency / 1000)
                {
                    await Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency), ct);
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/storefront/rooms/{room}/comments")
                {
                    Content = new ByteArrayContent(bodies[i % bodies.Length]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                request.Headers.Add("Cookie", cookies[i % options.Viewers]);
                var sent = clock.ElapsedTicks;
                int status;
                try
                {
                    using var response = await http.SendAsync(request, ct);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = -1;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    status = -2;
                }

                var done = clock.ElapsedTicks;
                latencies[i] = done - sent;
                statuses[i] = status;
                if (status == 200)
                {
                    Stats.Min(ref firstAck, done);
                    Stats.Max(ref lastAck, done);
                    if (IsFlagged(i % bodies.Length, options))
                    {
                        Interlocked.Increment(ref flaggedAcknowledged);
                    }
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(senders);
        log.WriteLine($"{total} comments sent in {clock.Elapsed.TotalSeconds:0.0} s.");

        // The last snapshots and the writer's last batch.
        await Task.Delay(2000, ct);
        await watching.CancelAsync();
        await Task.WhenAll(watchers);

        var acknowledged = statuses.LongCount(s => s == 200);
        var errors = statuses.Where(s => s != 200).GroupBy(s => s switch { -1 => "connection", -2 => "timeout", _ => s.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToDictionary(g => g.Key, g => g.LongCount());
        var sorted = latencies.Select(l => l * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var window = (lastAck - firstAck) / (double)Stopwatch.Frequency;

        var totals = (await staff.ModerationAsync(sessionId, ct)).GetProperty("totals");
        await using var db = await database.CreateDbContextAsync(ct);
        var rows = db.RoomEvents.AsNoTracking().Where(e => e.SessionId == sessionId && e.Kind == RoomEventKind.Comment);
        var stored = await rows.LongCountAsync(ct);
        var hidden = await rows.LongCountAsync(e => e.Verdict == CommentVerdict.Hidden, ct);

        return new CommentLoadResult(total, acknowledged, errors, window > 0 ? acknowledged / window : 0, window,
            Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.90), Stats.Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1], flaggedAcknowledged,
            totals.GetProperty("published").GetInt64(), totals.GetProperty("hidden").GetInt64(), totals.GetProperty("held").GetInt64(),
            stored, hidden, snapshots, seen, leaked);
    }

    /// <summary>The request bodies, built once: every FlaggedEvery-th hides a WeChat id behind a heart and full-width letters; some ask the price.</summary>
    private static byte[][] BuildBodies(CommentLoadOptions options)
    {
        var bodies = new byte[10_000][];
        for (var i = 0; i < bodies.Length; i++)
        {
            var text = IsFlagged(i, options) ? $"加我 V❤信 {Marker}{i:D5} 私聊便宜"
                : i % 7 == 0 ? $"这个多少钱 q{i}"
                : i % 11 == 0 ? $"扣1 想要 {i}"
                : $"主播好看 c{i}";
            bodies[i] = JsonSerializer.SerializeToUtf8Bytes(new { text });
        }

        return bodies;
    }

    private static bool IsFlagged(long body, CommentLoadOptions options) => body % options.FlaggedEvery == 0;
}
