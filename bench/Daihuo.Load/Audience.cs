using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Daihuo.Load;

/// <summary>A simulated audience for a room: how many hold the live page, and comments, likes and orders a second.</summary>
public sealed record AudienceOptions(Uri Server, string Room, int Viewers, double CommentsPerSecond, double LikesPerSecond, double OrdersPerSecond, TimeSpan Duration);

/// <summary>What a simulated audience has done so far (read while it runs).</summary>
public sealed class AudienceCounters
{
    private long _connected, _comments, _likes, _orders, _soldOut, _refused, _errors;

    /// <summary>Viewers holding the live page now.</summary>
    public long Connected => Interlocked.Read(ref _connected);

    public long Comments => Interlocked.Read(ref _comments);

    public long Likes => Interlocked.Read(ref _likes);

    /// <summary>Orders the server accepted (test orders: the room is rehearsing).</summary>
    public long Orders => Interlocked.Read(ref _orders);

    public long SoldOut => Interlocked.Read(ref _soldOut);

    /// <summary>Orders refused for another reason (a buyer limit, a flash sale not started).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public long Errors => Interlocked.Read(ref _errors);

    internal void Joined(int delta) => Interlocked.Add(ref _connected, delta);

    internal void Commented() => Interlocked.Increment(ref _comments);

    internal void Liked(int count) => Interlocked.Add(ref _likes, count);

    internal void Ordered() => Interlocked.Increment(ref _orders);

    internal void ToldSoldOut() => Interlocked.Increment(ref _soldOut);

    internal void Refusal() => Interlocked.Increment(ref _refused);

    internal void Error() => Interlocked.Increment(ref _errors);
}

/// <summary>
/// A room's simulated audience, through the storefront's own endpoints as phones use them: viewers
/// hold the live-update stream, identified viewers comment and like, and buyers order the shelf's
/// listed offers (one unit, a new Idempotency-Key each). A rehearsal uses it to practise a flash
/// sale; the caller checks the room is rehearsing (its orders are then test orders) and stops it when
/// it is not. Loopback only; bounded by <see cref="AudienceOptions.Duration"/>.
/// </summary>
public static class Audience
{
    private static readonly string[] Lines =
    [
        "主播好！", "这个多少钱", "已拍", "链接在哪", "想要", "尺码怎么选", "好看", "上车上车", "还有货吗", "1", "想要想要", "发什么快递",
        "能便宜点吗", "第一次来", "已关注", "颜色好看", "今天有福袋吗", "回购了", "质量怎么样", "什么时候发货",
    ];

    private static readonly string[] Names = ["小鹿", "阿杰", "糖糖", "老王", "木子", "晴天", "大白", "豆豆", "可乐", "七七"];

    public static async Task RunAsync(AudienceOptions options, AudienceCounters counters, Func<CancellationToken, Task<bool>> stillRehearsing, CancellationToken ct)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(options.Server.Host)))
        {
            throw new ArgumentException("The simulated audience drives loopback servers only.", nameof(options));
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(options.Duration);
        using var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = options.Viewers + 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) };
        using var http = new HttpClient(handler) { BaseAddress = options.Server, Timeout = Timeout.InfiniteTimeSpan };
        var token = stop.Token;
        try
        {
            // Identified viewers (test phones 199…): they comment, like and buy.
            var talkers = Math.Clamp(options.Viewers, 1, 500);
            var cookies = await Buyers.IdentifyAsync(http, talkers, "199", token, i => $"{Names[i % Names.Length]}{i}");
            var offers = await ListedOffersAsync(http, options.Room, token);

            var tasks = new List<Task>
            {
                HoldAsync(http, options, counters, token),
                EveryAsync(options.CommentsPerSecond, i => CommentAsync(http, options.Room, cookies[i % cookies.Length], Lines[i % Lines.Length], counters, token), token),
                EveryAsync(options.LikesPerSecond / 10, i => LikeAsync(http, options.Room, cookies[(i * 7) % cookies.Length], counters, token), token),
                EveryAsync(options.OrdersPerSecond, i => OrderAsync(http, offers, cookies[(i * 13) % cookies.Length], counters, token), token),
                RefreshAsync(http, options.Room, o => offers = o, token),
                GuardAsync(stillRehearsing, stop, token),
            };
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Its time is up, or it was stopped.
        }
    }

    /// <summary>The viewers holding the live page (each reads and drops the room's updates).</summary>
    private static Task HoldAsync(HttpClient http, AudienceOptions options, AudienceCounters counters, CancellationToken ct) =>
        Parallel.ForAsync(0, options.Viewers, new ParallelOptions { MaxDegreeOfParallelism = options.Viewers, CancellationToken = ct }, async (i, token) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(i * 5 % 3000), token);   // the room fills over a few seconds
            try
            {
                using var response = await http.GetAsync($"/live/{options.Room}/events?src=rehearsal", HttpCompletionOption.ResponseHeadersRead, token);
                using var body = await response.Content.ReadAsStreamAsync(token);
                counters.Joined(1);
                var buffer = new byte[4096];
                while (await body.ReadAsync(buffer, token) > 0)
                {
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                counters.Error();
                return;
            }

            counters.Joined(-1);
        });

    /// <summary>Runs <paramref name="act"/> <paramref name="perSecond"/> times a second, each on its own (a slow answer does not slow the rate).</summary>
    private static async Task EveryAsync(double perSecond, Func<int, Task> act, CancellationToken ct)
    {
        if (perSecond <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Min(perSecond, 1000)));
        var i = 0;
        while (await timer.WaitForNextTickAsync(ct))
        {
            _ = act(i++);
        }
    }

    private static async Task CommentAsync(HttpClient http, string room, string cookie, string text, AudienceCounters counters, CancellationToken ct)
    {
        var status = await SendStatusAsync(http, HttpMethod.Post, $"/api/storefront/rooms/{room}/comments", cookie, new { text }, null, ct);
        if (status == 200)
        {
            counters.Commented();
        }
        else if (status != 0)
        {
            counters.Error();
        }
    }

    private static async Task LikeAsync(HttpClient http, string room, string cookie, AudienceCounters counters, CancellationToken ct)
    {
        var status = await SendStatusAsync(http, HttpMethod.Post, $"/api/storefront/rooms/{room}/interactions", cookie, new { kind = "like", count = 10 }, null, ct);
        if (status == 204)
        {
            counters.Liked(10);
        }
        else if (status != 0)
        {
            counters.Error();
        }
    }

    private static async Task OrderAsync(HttpClient http, IReadOnlyList<Guid> offers, string cookie, AudienceCounters counters, CancellationToken ct)
    {
        if (offers.Count == 0)
        {
            return;
        }

        var offer = offers[Random.Shared.Next(offers.Count)];
        var body = new { quantity = 1, shipName = "演练买家", shipPhone = "19900000000", shipAddress = "上海市浦东新区演练路 1 号" };
        var (status, text) = await SendWithBodyAsync(http, HttpMethod.Post, $"/api/storefront/offers/{offer}/orders", cookie, body, Guid.NewGuid().ToString("N"), ct);
        if (status == 201)
        {
            counters.Ordered();
        }
        else if (status == 409 && text.Contains("order_sold_out", StringComparison.Ordinal))
        {
            counters.ToldSoldOut();
        }
        else if (status is 409 or 400)
        {
            counters.Refusal();
        }
        else if (status != 0)
        {
            counters.Error();
        }
    }

    /// <summary>The shelf's listed offers, read again every few seconds (the host lists and unlists as the show goes).</summary>
    private static async Task RefreshAsync(HttpClient http, string room, Action<IReadOnlyList<Guid>> set, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                set(await ListedOffersAsync(http, room, ct));
            }
            catch (HttpRequestException)
            {
            }
        }
    }

    private static async Task<IReadOnlyList<Guid>> ListedOffersAsync(HttpClient http, string room, CancellationToken ct)
    {
        using var view = JsonDocument.Parse(await http.GetStringAsync($"/api/storefront/rooms/{room}", ct));
        return [.. view.RootElement.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("offerId").GetGuid())];
    }

    /// <summary>Stops the audience as soon as the room is no longer rehearsing: a simulated buyer never places a real order.</summary>
    private static async Task GuardAsync(Func<CancellationToken, Task<bool>> stillRehearsing, CancellationTokenSource stop, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (!await stillRehearsing(ct))
            {
                await stop.CancelAsync();
                return;
            }
        }
    }

    private static async Task<int> SendStatusAsync(HttpClient http, HttpMethod method, string path, string cookie, object body, string? key, CancellationToken ct) =>
        (await SendWithBodyAsync(http, method, path, cookie, body, key, ct)).Status;

    private static async Task<(int Status, string Text)> SendWithBodyAsync(HttpClient http, HttpMethod method, string path, string cookie, object body, string? key, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = Json(body) };
            request.Headers.Add("Cookie", cookie);
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            using var response = await http.SendAsync(request, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            return (-1, string.Empty);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (0, string.Empty);
        }
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
