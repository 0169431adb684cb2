using System.Net;
using System.Text.Json;
using Daihuo.Server.Localization;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Storefront;

/// <summary>
/// The public page of one lottery at <c>/lottery/{id}</c>: its published rules and commitment, and
/// after the draw the seed, the entry list and the winners, with the check run in the reader's own
/// browser (lottery.js repeats docs/lottery.md's steps with its own SHA-256). No sign-in.
/// </summary>
internal static class LotteryPage
{
    internal static readonly string[] TextKeys =
    [
        "lottery.title", "lottery.prize", "lottery.quantity", "lottery.value", "lottery.draw_at", "lottery.rules", "lottery.how_to_enter", "lottery.keyword",
        "lottery.must_follow", "lottery.watch_minutes", "lottery.must_have_bought", "lottery.anyone", "lottery.commitment", "lottery.seed", "lottery.entries",
        "lottery.winners", "lottery.status.open", "lottery.status.drawn", "lottery.status.cancelled", "lottery.verify", "lottery.verified", "lottery.seed_mismatch",
        "lottery.winners_mismatch", "lottery.not_drawn", "lottery.checking", "lottery.how", "lottery.no_entries", "lottery.kind.coupon", "lottery.kind.goods",
        "lottery.recomputed", "lottery.your_code", "lottery.seed_hidden",
    ];

    public static IEndpointRouteBuilder MapLotteryPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lottery/{id:guid}", Page).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Page(Guid id, Data.Interaction.InteractionStore lotteries, IStringLocalizer<Strings> text, CancellationToken ct)
    {
        if (await lotteries.LotteryAsync(id, ct) is null)
        {
            return Results.NotFound();
        }

        var lang = TextCatalog.Normalize(System.Globalization.CultureInfo.CurrentUICulture);
        var texts = TextKeys.ToDictionary(k => k, k => text[k].Value);
        var t = (string key) => WebUtility.HtmlEncode(texts[key]);
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{lang}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="theme-color" content="#121629">
            <title>{{t("lottery.title")}} · Daihuo</title>
            <link rel="stylesheet" href="/css/storefront.css">
            </head>
            <body class="lottery-page">
            <main class="verify" data-lottery="{{id}}">
              <header><svg class="gift" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M20 7h-2.2A3 3 0 0 0 12 3.8 3 3 0 0 0 6.2 7H4a1 1 0 0 0-1 1v3a1 1 0 0 0 1 1h1v8a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-8h1a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1Zm-5-2a1 1 0 1 1 0 2h-2V6a1 1 0 0 1 2-1ZM9 5a1 1 0 0 1 2 1v1H9a1 1 0 0 1 0-2Zm2 15H7v-8h4Zm0-10H5V9h6Zm6 10h-4v-8h4Zm2-10h-6V9h6Z"/></svg><div><h1 id="prize" data-testid="lottery-prize">{{t("lottery.title")}}</h1><p id="status" data-testid="lottery-status"></p></div></header>
              <section class="card-block" id="rules" data-testid="lottery-rules"></section>
              <section class="card-block">
                <h2>{{t("lottery.commitment")}}</h2>
                <code id="commitment" data-testid="lottery-commitment"></code>
                <h2>{{t("lottery.seed")}}</h2>
                <code id="seed" data-testid="lottery-seed">{{t("lottery.seed_hidden")}}</code>
              </section>
              <section class="card-block">
                <h2>{{t("lottery.verify")}}</h2>
                <p class="check" id="check" data-testid="lottery-check" data-state="pending">{{t("lottery.not_drawn")}}</p>
                <h2>{{t("lottery.winners")}}</h2>
                <ol class="winners" id="winners" data-testid="lottery-winners"></ol>
                <h2>{{t("lottery.entries")}} <span id="entry-count"></span></h2>
                <ol class="entries" id="entries" data-testid="lottery-entries"></ol>
              </section>
              <p class="how">{{t("lottery.how")}}</p>
            </main>
            <script id="texts" type="application/json">{{JsonSerializer.Serialize(texts)}}</script>
            <script src="/js/lottery.js" defer></script>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
