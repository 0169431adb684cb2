using System.Net;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Server.Common;
using Daihuo.Server.Localization;
using Daihuo.Server.Storefront;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Orders;

/// <summary>Paying an order: start a payment (buyer), the local provider's payment page, and the provider's notification endpoint.</summary>
internal static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/storefront/orders/{orderId:guid}/payment", StartAsync).AllowAnonymous().DisableAntiforgery().WithTags("Storefront");
        app.MapPost("/api/payments/local/notify", NotifyAsync).AllowAnonymous().DisableAntiforgery().WithTags("Payments");
        app.MapGet("/pay/local/{paymentId:guid}", PageAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/pay/local/{paymentId:guid}/confirm", ConfirmAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<PaymentStart>> StartAsync(Guid orderId, BuyerIdentity buyers, PaymentService payments, HttpContext http, CancellationToken ct)
    {
        var buyer = buyers.Current(http.Request) ?? throw ProblemException.BuyerRequired();
        return TypedResults.Ok(await payments.StartAsync(orderId, buyer.Id, ct));
    }

    /// <summary>The provider calls here. Answer 204 for a recorded or already-recorded notification (so it stops resending), a Problem otherwise.</summary>
    private static async Task<IResult> NotifyAsync(HttpContext http, PaymentService payments, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        var notification = new SignedNotification(
            http.Request.Headers[LocalPaymentProvider.TimestampHeader].ToString(),
            http.Request.Headers[LocalPaymentProvider.NonceHeader].ToString(),
            http.Request.Headers[LocalPaymentProvider.SignatureHeader].ToString(),
            body);
        return await payments.HandleAsync(notification, ct) switch
        {
            NoticeOutcome.Recorded or NoticeOutcome.AlreadyRecorded => Results.NoContent(),
            NoticeOutcome.Forged => throw ProblemException.PaymentRefused(StatusCodes.Status401Unauthorized, ErrorCodes.PaymentSignature),
            NoticeOutcome.WrongAmount => throw ProblemException.PaymentRefused(StatusCodes.Status400BadRequest, ErrorCodes.PaymentAmount),
            _ => throw new NotFoundException(ErrorCodes.OrderNotFound, "notification"),
        };
    }

    private static async Task<IResult> PageAsync(Guid paymentId, bool? done, PaymentService payments, IStringLocalizer<Strings> text, LiveStore live, CancellationToken ct)
    {
        var payment = await payments.FindAsync(paymentId, ct);
        if (payment is null)
        {
            return Results.NotFound();
        }

        var e = (string s) => WebUtility.HtmlEncode(s);
        var paid = payment.Status == Data.Orders.PaymentStatus.Succeeded;
        var room = await live.RoomOfOfferAsync(payment.OfferId, ct);
        var lang = TextCatalog.Normalize(System.Globalization.CultureInfo.CurrentUICulture);
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{e(text["pay.title"])}} · Daihuo</title><link rel="stylesheet" href="/css/storefront.css"></head>
            <body><main class="room cashier">
              <h1>{{e(text["pay.title"])}}</h1>
              <p class="muted">{{e(text["pay.local"])}}</p>
              <p>{{e(text["pay.amount"])}}</p>
              <p class="amount" data-testid="pay-amount">{{e(payment.Amount.ToDisplayString())}}</p>
              {{(paid
                  ? $"<p class=\"paid\" data-testid=\"pay-done\">✓ {e(text["pay.done"])}</p><a class=\"button\" href=\"/live/{e(room ?? string.Empty)}\">{e(text["pay.back"])}</a>"
                  : $"<form method=\"post\" action=\"/pay/local/{paymentId:N}/confirm\"><button type=\"submit\" data-testid=\"pay-confirm\">{e(text["pay.confirm"])}</button></form>")}}
            </main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The buyer confirms on the provider's page; the provider then notifies the merchant (signed, verified like any other).</summary>
    private static async Task<IResult> ConfirmAsync(Guid paymentId, PaymentService payments, LocalPaymentProvider provider, CancellationToken ct)
    {
        var payment = await payments.FindAsync(paymentId, ct);
        if (payment is null)
        {
            return Results.NotFound();
        }

        if (payment.Status == Data.Orders.PaymentStatus.Pending)
        {
            await payments.HandleAsync(provider.Success(payment), ct);
        }

        return Results.Redirect($"/pay/local/{paymentId:N}?done=true");
    }
}
