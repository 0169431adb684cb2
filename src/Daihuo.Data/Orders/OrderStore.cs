using Daihuo.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Orders;

/// <summary>Staff's view of orders: filter by session, status and buyer; newest first.</summary>
public sealed record OrderFilter(Guid? SessionId = null, OrderStatus? Status = null, string? Buyer = null, bool IncludeTest = false, int Page = 0, int PageSize = 25)
{
    /// <summary>Exactly this buyer's orders (the storefront's "my orders").</summary>
    public string? BuyerId { get; init; }
}

public sealed record OrderRow(
    Guid Id, Guid SessionId, string SessionTitle, Guid OfferId, string ProductName, string SkuCode, string? Colour, string? Size, int Quantity,
    Money UnitPrice, Money Total, OrderStatus Status, bool IsTest, string BuyerId, string? BuyerName, string? BuyerPhone, string? ShipName,
    string? ShipAddress, DateTimeOffset PlacedAt, DateTimeOffset? PaidAt, DateTimeOffset? CancelledAt);

public sealed record OrderPage(IReadOnlyList<OrderRow> Items, int Total);

public sealed class OrderStore(IDbContextFactory<DaihuoDbContext> contexts)
{
    public const int MaxPageSize = 200;

    public async Task<OrderPage> ListAsync(OrderFilter filter, CancellationToken ct = default)
    {
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var orders = db.Orders.AsNoTracking();
        if (!filter.IncludeTest)
        {
            orders = orders.Where(o => !o.IsTest);
        }

        if (filter.BuyerId is { } buyerId)
        {
            orders = orders.Where(o => o.BuyerId == buyerId);
        }

        if (filter.SessionId is { } session)
        {
            orders = orders.Where(o => o.SessionId == session);
        }

        if (filter.Status is { } status)
        {
            orders = orders.Where(o => o.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Buyer))
        {
            var term = filter.Buyer.Trim();
            orders = orders.Where(o => o.BuyerId == term || o.BuyerName!.Contains(term) || o.BuyerPhone!.EndsWith(term) || o.ShipName!.Contains(term)
                || o.ShipPhone == term);
        }

        var total = await orders.CountAsync(ct);
        var rows = await orders
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Skip(Math.Max(0, filter.Page) * size).Take(size)
            .Join(db.Offers, o => o.OfferId, f => f.Id, (o, f) => new { o, f.SkuId })
            .Join(db.Skus, x => x.SkuId, k => k.Id, (x, k) => new { x.o, k.Code, k.Colour, k.Size, k.ProductId })
            .Join(db.Products, x => x.ProductId, p => p.Id, (x, p) => new { x.o, x.Code, x.Colour, x.Size, p.Name })
            .Join(db.LiveSessions, x => x.o.SessionId, s => s.Id, (x, s) => new OrderRow(
                x.o.Id, x.o.SessionId, s.Title, x.o.OfferId, x.Name, x.Code, x.Colour, x.Size, x.o.Quantity, x.o.UnitPrice, x.o.Total, x.o.Status, x.o.IsTest,
                x.o.BuyerId, x.o.BuyerName, x.o.BuyerPhone, x.o.ShipName, x.o.ShipAddress, x.o.PlacedAt, x.o.PaidAt, x.o.CancelledAt))
            .ToListAsync(ct);

        // The joins keep the page's rows; order them again as the page was cut.
        return new OrderPage(rows.OrderByDescending(r => r.PlacedAt).ThenByDescending(r => r.Id).ToList(), total);
    }
}
