using System.Net;
using System.Text;
using System.Text.Json;
using Daihuo.Data.Live;
using Daihuo.Server.Localization;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Storefront;

/// <summary>
/// The viewer's page at <c>/live/{room}</c>: one server-rendered HTML document, a small script, and a
/// Server-Sent Events stream for updates. No circuit, no build step, no sign-in to watch.
/// </summary>
internal static class StorefrontPage
{
    private static readonly string[] TextKeys =
    [
        "store.buy", "store.only_left", "store.sold_out", "store.sold_percent", "store.identify.title", "store.phone", "store.nickname", "store.quantity",
        "store.submit", "store.cancel", "store.accepted", "store.order_no", "store.total", "store.failed", "store.per_buyer", "store.not_selling", "store.reconnecting",
        "store.continue", "stage.Draft", "stage.Scheduled", "stage.WarmingUp", "stage.Rehearsal", "stage.Live", "stage.Ended", "store.pay",
    ];

    public static IEndpointRouteBuilder MapStorefrontPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/{room:regex(^[a-z2-9]{{8}}$)}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/live/{room:regex(^[a-z2-9]{{8}}$)}/events", EventsAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PageAsync(string room, LiveStore live, IStringLocalizer<Strings> text, HttpContext http, CancellationToken ct)
    {
        var session = await live.GetByRoomAsync(room, ct);
        if (session is null)
        {
            return Results.NotFound();
        }

        var lang = TextCatalog.Normalize(System.Globalization.CultureInfo.CurrentUICulture);
        var texts = TextKeys.ToDictionary(k => k, k => text[k].Value);
        var e = (string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <title>{{e(session.Title)}} · Daihuo</title>
            <link rel="stylesheet" href="/css/storefront.css">
            </head>
            <body>
            <main class="room" data-room="{{e(session.Room)}}">
              <section class="player">
                <video id="stream" playsinline muted autoplay controls data-primary="{{e(session.StreamUrl ?? "")}}" data-backup="{{e(session.BackupStreamUrl ?? "")}}"></video>
                <div class="player-top">
                  <span class="badge" id="status" data-testid="room-status" data-status="{{session.Status}}">{{e(text["stage." + session.Status].Value)}}</span>
                  <h1>{{e(session.Title)}}</h1>
                </div>
              </section>
              <section class="shelf" id="shelf" data-testid="shelf" aria-live="polite"></section>
            </main>
            <div class="sheet" id="sheet" hidden>
              <form class="sheet-body" id="buy-form">
                <h2 id="sheet-title"></h2>
                <div id="identify">
                  <label>{{e(texts["store.phone"])}}<input name="phone" inputmode="tel" autocomplete="tel" maxlength="14" data-testid="buyer-phone"></label>
                  <label>{{e(texts["store.nickname"])}}<input name="nickname" maxlength="20" data-testid="buyer-nickname"></label>
                </div>
                <label>{{e(texts["store.quantity"])}}<input name="quantity" type="number" min="1" value="1" data-testid="buy-quantity"></label>
                <p class="sheet-message" id="sheet-message" role="status" data-testid="buy-message"></p>
                <div class="sheet-actions">
                  <button type="button" class="ghost" id="sheet-cancel">{{e(texts["store.cancel"])}}</button>
                  <button type="submit" id="sheet-submit" data-testid="buy-submit">{{e(texts["store.submit"])}}</button>
                </div>
              </form>
            </div>
            <script id="texts" type="application/json">{{JsonSerializer.Serialize(texts)}}</script>
            <script src="/js/storefront.js" defer></script>
            </body>
            </html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>Server-Sent Events: one "room" event per change, a comment every 15 s to keep proxies from closing the line.</summary>
    private static async Task EventsAsync(string room, RoomFeed feed, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        using var subscription = feed.Watch(room);
        var reader = subscription.Reader;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var ready = reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(15), ct)) != ready)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                }
                else if (!await ready)
                {
                    break;
                }

                while (reader.TryRead(out var message))
                {
                    await http.Response.WriteAsync($"event: room\ndata: {message}\n\n", ct);
                }

                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left.
        }
    }
}
