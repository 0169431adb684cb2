using Daihuo.Data.Orders;
using Daihuo.Domain.Common;
using Daihuo.Server.Live;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Orders;

public sealed record CancelOrderRequest(string? Reason);

public sealed record RefundRequest(int Units, string? Reason);

public sealed record RefundQuote(Guid OrderId, int Units, long Amount);

/// <summary>Staff's orders: list with filters (session, status, buyer), cancel an unpaid one.</summary>
internal static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization(Policies.OrdersView).DisableAntiforgery();
        api.MapGet("/", ListAsync);
        api.MapPost("/{orderId:guid}/cancel", CancelAsync).RequireAuthorization(Policies.OrdersManage);
        api.MapGet("/{orderId:guid}/refund-quote", RefundQuoteAsync).RequireAuthorization(Policies.OrdersManage);
        api.MapPost("/{orderId:guid}/refunds", RefundAsync).RequireAuthorization(Policies.OrdersManage);
        return app;
    }

    private static async Task<Ok<OrderPage>> ListAsync(
        OrderStore orders, Guid? sessionId, string? status, string? buyer, bool? includeTest, int? page, int? pageSize, CancellationToken ct)
    {
        OrderStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            parsed = Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new DomainValidationException(ErrorCodes.InvalidChoice, "status", status);
        }

        if (pageSize is < 1 or > OrderStore.MaxPageSize)
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "pageSize", 1, OrderStore.MaxPageSize);
        }

        return TypedResults.Ok(await orders.ListAsync(new OrderFilter(sessionId, parsed, buyer, includeTest == true, Math.Max(0, page ?? 0), pageSize ?? 25), ct));
    }

    private static async Task<Ok<RefundQuote>> RefundQuoteAsync(Guid orderId, int? units, OrderStore orders, CancellationToken ct) =>
        TypedResults.Ok(new RefundQuote(orderId, units ?? 0, (await orders.RefundQuoteAsync(orderId, units ?? 0, ct)).Fen));

    /// <summary>Staff refund units of a paid order: the amount is their apportioned share; a coupon comes back when nothing it discounted is kept.</summary>
    private static async Task<Ok<RefundResult>> RefundAsync(Guid orderId, RefundRequest request, Refunds refunds, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await refunds.RefundAsync(orderId, request.Units, request.Reason, http.User, ct));

    private static async Task<NoContent> CancelAsync(Guid orderId, CancelOrderRequest? request, LiveControls controls, HttpContext http, CancellationToken ct)
    {
        await controls.CancelOrderAsync(orderId, request?.Reason, http.User, ct);
        return TypedResults.NoContent();
    }
}
