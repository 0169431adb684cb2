using System.Net;
using System.Text;
using System.Text.Json;
using Daihuo.Data.Live;
using Daihuo.Domain.Live;
using Daihuo.Live.Rooms;
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
        "store.pinned", "store.flash", "store.starts_in", "store.ends_in", "store.flash_over", "store.online", "store.likes", "store.like", "store.follow",
        "store.following", "store.share", "store.shared", "store.comment_placeholder", "store.send", "store.ship_name", "store.ship_phone", "store.ship_address",
        "store.sku", "store.my_orders", "store.no_orders", "store.status.placed", "store.status.paid", "store.status.cancelled", "store.test_badge",
        "store.backup_line", "store.comments", "store.identify_first", "store.test_order", "store.empty_shelf", "store.coupons", "store.claim", "store.claimed",
        "store.coupon_left", "store.coupon_min", "store.price_breakdown", "store.to_pay", "store.bag", "store.bag_add", "store.bag_added", "store.bag_remove",
        "store.bag_paid_together", "store.refunded", "store.follow_to_claim", "store.lottery_draw_in", "store.lottery_drawing", "store.lottery_winners",
        "store.lottery_verify", "store.lottery_commitment", "store.lottery_you_won", "store.lottery_your_code", "store.lottery_no_winner", "lottery.keyword",
        "lottery.must_follow", "lottery.watch_minutes", "lottery.must_have_bought", "lottery.anyone", "store.staff",
    ];

    public static IEndpointRouteBuilder MapStorefrontPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/live/{room:regex(^[a-z2-9]{{8}}$)}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The live-update stream (<c>GET /live/{room}/events</c>), ahead of the rest of the pipeline: thousands of
    /// phones hold it open for the whole show, and it needs no culture, sign-in, authorization or
    /// antiforgery, so none of their per-request state stays in memory with each of them (issue 9's fan-out).
    /// </summary>
    public static IApplicationBuilder UseStorefrontEvents(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        return app.MapWhen(c => HttpMethods.IsGet(c.Request.Method) && EventsRoom(c.Request.Path) is not null, branch => branch.Run(c =>
            EventsAsync(EventsRoom(c.Request.Path)!, services.GetRequiredService<RoomFeed>(), services.GetRequiredService<RoomDirectory>(),
                services.GetRequiredService<ViewerIdentity>(), services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>(), c, c.RequestAborted)));
    }

    /// <summary>The room code of a <c>/live/{room}/events</c> path (eight of a–z and 2–9), or null.</summary>
    private static string? EventsRoom(PathString path)
    {
        var value = path.Value;
        if (value is not { Length: 21 } || !value.StartsWith("/live/", StringComparison.Ordinal) || !value.EndsWith("/events", StringComparison.Ordinal))
        {
            return null;
        }

        var room = value.AsSpan(6, 8);
        return room.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz23456789") ? null : room.ToString();
    }

    private static async Task<IResult> PageAsync(string room, LiveStore live, ViewerIdentity viewers, IStringLocalizer<Strings> text, HttpContext http, CancellationToken ct)
    {
        var session = await live.GetByRoomAsync(room, ct);
        if (session is null)
        {
            return Results.NotFound();
        }

        var lang = TextCatalog.Normalize(System.Globalization.CultureInfo.CurrentUICulture);
        var texts = TextKeys.ToDictionary(k => k, k => text[k].Value);
        var e = (string s) => WebUtility.HtmlEncode(s);
        viewers.Current(http);
        var t = (string key) => e(texts[key]);
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
            <meta name="theme-color" content="#121629">
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
                  <span class="viewers" id="online" data-testid="room-online"></span>
                </div>
                <p class="test-banner" id="test-banner" data-testid="test-banner" hidden>{{t("store.test_badge")}}</p>
                <p class="line-badge" id="line-badge" data-testid="backup-line" hidden>{{t("store.backup_line")}}</p>
                <ol class="comments" id="comments" data-testid="comments" aria-label="{{t("store.comments")}}"></ol>
                <div class="actions">
                  <button type="button" class="round" id="follow" data-testid="follow">{{t("store.follow")}}</button>
                  <button type="button" class="round" id="share" data-testid="share">{{t("store.share")}}</button>
                  <button type="button" class="round like" id="like" data-testid="like" aria-label="{{t("store.like")}}">♥<span id="likes" data-testid="likes"></span></button>
                </div>
              </section>
              <form class="say" id="say">
                <input name="text" maxlength="100" autocomplete="off" placeholder="{{t("store.comment_placeholder")}}" data-testid="comment-input">
                <button type="submit" data-testid="comment-send">{{t("store.send")}}</button>
                <button type="button" class="ghost" id="my-orders" data-testid="my-orders">{{t("store.my_orders")}}</button>
                <button type="button" class="bag-open" id="bag-open" data-testid="bag-open" hidden>{{t("store.bag")}} <span id="bag-count" data-testid="bag-count">0</span></button>
              </form>
              <section class="lotteries" id="lotteries" data-testid="lotteries" hidden></section>
              <section class="coupons" id="coupons" data-testid="coupons" hidden></section>
              <section class="shelf" id="shelf" data-testid="shelf" aria-live="polite"></section>
              <p class="toast" id="toast" role="status" hidden></p>
            </main>
            <div class="sheet" id="sheet" hidden>
              <form class="sheet-body" id="buy-form">
                <h2 id="sheet-title"></h2>
                <div id="identify" class="group">
                  <p class="hint">{{t("store.identify_first")}}</p>
                  <label>{{t("store.phone")}}<input name="phone" inputmode="tel" autocomplete="tel" maxlength="14" data-testid="buyer-phone"></label>
                  <label>{{t("store.nickname")}}<input name="nickname" maxlength="20" autocomplete="nickname" data-testid="buyer-nickname"></label>
                </div>
                <div id="buy-fields" class="group">
                  <div class="skus" id="skus" role="radiogroup" aria-label="{{t("store.sku")}}"></div>
                  <ul class="bag-lines" id="bag-lines" data-testid="bag-lines" hidden></ul>
                  <label id="quantity-field">{{t("store.quantity")}}<input name="quantity" type="number" min="1" value="1" inputmode="numeric" data-testid="buy-quantity"></label>
                  <div class="two">
                    <label>{{t("store.ship_name")}}<input name="shipName" maxlength="20" autocomplete="name" data-testid="ship-name"></label>
                    <label>{{t("store.ship_phone")}}<input name="shipPhone" inputmode="tel" maxlength="14" autocomplete="tel" data-testid="ship-phone"></label>
                  </div>
                  <label>{{t("store.ship_address")}}<input name="shipAddress" maxlength="120" autocomplete="street-address" data-testid="ship-address"></label>
                  <div class="quote" id="quote" data-testid="quote" aria-live="polite"></div>
                </div>
                <p class="sheet-message" id="sheet-message" role="status" data-testid="buy-message"></p>
                <div class="sheet-actions">
                  <button type="button" class="ghost" id="sheet-cancel">{{t("store.cancel")}}</button>
                  <button type="button" class="ghost" id="sheet-add" data-testid="bag-add">{{t("store.bag_add")}}</button>
                  <button type="submit" id="sheet-submit" data-testid="buy-submit">{{t("store.submit")}}</button>
                </div>
              </form>
            </div>
            <div class="sheet" id="orders-sheet" hidden>
              <div class="sheet-body">
                <h2>{{t("store.my_orders")}}</h2>
                <ul class="orders" id="orders" data-testid="orders"></ul>
                <div class="sheet-actions"><button type="button" class="ghost" id="orders-close">{{t("store.continue")}}</button></div>
              </div>
            </div>
            <script id="texts" type="application/json">{{JsonSerializer.Serialize(texts)}}</script>
            <script src="/js/storefront.js" defer></script>
            </body>
            </html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static async ValueTask<(Guid Id, bool Test)> SessionOfAsync(RoomDirectory rooms, string room, CancellationToken ct) =>
        await rooms.FindAsync(room, ct) is { } session ? (session.Id, session.Status == SessionStage.Rehearsal) : (Guid.Empty, false);

    /// <summary>Server-Sent Events: one "room" event per change and a keep-alive comment in quiet times, as the room feed encodes them once for all.</summary>
    private static async Task EventsAsync(string room, RoomFeed feed, RoomDirectory rooms, ViewerIdentity viewers, IGrainFactory grains, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        // Only the session's id and stage stay with the connection (thousands of them hold this method open).
        var (sessionId, test) = await SessionOfAsync(rooms, room, ct);
        if (sessionId == Guid.Empty)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // Entries and exits are room events: UV, PV and watch time are computed from them.
        var viewer = viewers.Current(http);
        var query = http.Request.Query["src"].ToString();
        var source = query.Length is > 0 and <= 40 ? query : null;
        Task Record(RoomEventKind kind) =>
            grains.Room(sessionId, test).AppendAsync([new RoomEventData(kind, viewer.Id, viewer.Name, null, 0, kind == RoomEventKind.Entry ? source : null, clock.GetUtcNow())]);
        await Record(RoomEventKind.Entry);
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        using var subscription = feed.Watch(room);
        var reader = subscription.Reader;
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                while (reader.TryRead(out var frame))
                {
                    await http.Response.Body.WriteAsync(frame, ct);
                }

                // A rehearsal that goes live (or back): the viewer leaves the one room's figures and enters the other's.
                if (subscription.Test is { } now && now != test)
                {
                    await Record(RoomEventKind.Exit);
                    test = now;
                    await Record(RoomEventKind.Entry);
                }

                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left.
        }
        finally
        {
            await Record(RoomEventKind.Exit);
        }
    }
}
