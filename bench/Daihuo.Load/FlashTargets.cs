using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Data;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Load;

/// <summary>Daihuo itself: offers set up through the console API by a signed-in owner, reconciled against its database.</summary>
public sealed class DaihuoTarget(Staff staff, IDbContextFactory<DaihuoDbContext> database) : IFlashTarget
{
    public async Task<IReadOnlyList<Guid>> OffersAsync(int count, int units, CancellationToken ct)
    {
        var title = "Flash " + DateTimeOffset.UtcNow.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return count == 1
            ? [(await staff.LiveOfferAsync(title, "DH-F5003", units, 0, ct)).OfferId]
            : (await staff.LiveOffersAsync(title, count, units, ct)).OfferIds;
    }

    public async Task<FlashStore> ReconcileAsync(IReadOnlyList<Guid> offers, CancellationToken ct)
    {
        await using var db = await database.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking().Where(o => offers.Contains(o.OfferId) && !o.IsTest).Select(o => new { o.Id, o.OfferId, o.Quantity }).ToListAsync(ct);
        var rows = await db.Offers.AsNoTracking().Where(o => offers.Contains(o.Id)).Select(o => new { o.Id, o.Sold, o.Allocated }).ToListAsync(ct);
        var units = orders.GroupBy(o => o.OfferId).ToDictionary(g => g.Key, g => g.Sum(o => (long)o.Quantity));
        return new FlashStore(orders.Select(o => o.Id).ToHashSet(), orders.Sum(o => (long)o.Quantity), rows.Sum(r => (long)r.Sold), rows.Sum(r => (long)r.Allocated),
            rows.Sum(r => Math.Max(0L, r.Sold - r.Allocated)), rows.Count(r => units.GetValueOrDefault(r.Id) != r.Sold));
    }
}

/// <summary>A baseline server under bench/Daihuo.Baseline: offers made and reconciled through its bench endpoints, read from its own storage.</summary>
public sealed class BaselineTarget(HttpClient http) : IFlashTarget
{
    public async Task<IReadOnlyList<Guid>> OffersAsync(int count, int units, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/bench/offers", new { count, units, priceFen = 2990 }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<Guid>>(ct))!;
    }

    public async Task<FlashStore> ReconcileAsync(IReadOnlyList<Guid> offers, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        long units = 0, sold = 0, allocated = 0, oversold = 0;
        var mismatched = 0;
        foreach (var offer in offers)
        {
            var state = await http.GetFromJsonAsync<JsonElement>($"/bench/offers/{offer}", ct);
            var (u, s, a) = (state.GetProperty("units").GetInt64(), state.GetProperty("sold").GetInt64(), state.GetProperty("allocated").GetInt64());
            ids.UnionWith(state.GetProperty("orderIds").EnumerateArray().Select(e => e.GetGuid()));
            (units, sold, allocated, oversold) = (units + u, sold + s, allocated + a, oversold + Math.Max(0, s - a));
            mismatched += u == s ? 0 : 1;
        }

        return new FlashStore(ids, units, sold, allocated, oversold, mismatched);
    }
}
