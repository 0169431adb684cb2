using Daihuo.Data;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Live.Promotions;

/// <summary>
/// A gift promotion's stock, as exact as any stock (key: the gift's promotion id). Units are taken one
/// order at a time (the grain does not interleave) as numbered slots; the database's unique slot and
/// its check refuse a unit over the stock even from a second activation. Units given back (the order
/// was not placed, did not get the gift, or was cancelled unpaid) free their slots.
/// </summary>
public interface IGiftGrain : IGrainWithGuidKey
{
    /// <summary>Units left; runs after any reload queued before it, so a unit given back is seen by the next quote.</summary>
    Task<int> RemainingAsync();

    /// <summary>Sets <paramref name="units"/> aside for an order or a checkout; true if they are (a retry for the same id: true, once).</summary>
    Task<bool> ReserveAsync(Guid forId, int units);

    /// <summary>Gives back what was set aside for <paramref name="forId"/>.</summary>
    Task ReleaseAsync(Guid forId);

    /// <summary>Reads the stock given out again (after the journal gave units back with a cancellation).</summary>
    Task ReloadAsync();
}

public sealed class GiftGrain(IDbContextFactory<DaihuoDbContext> contexts, LiveClock clock) : Grain, IGiftGrain
{
    // Slots taken as this activation knows them; a slot freed elsewhere (a cancellation in the journal) is seen on the next reload.
    private readonly SortedSet<int> _taken = [];
    private int _stock;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken ct)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Promotions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        _stock = row is { Kind: PromotionKind.Gift, Active: true } ? ((Gift)PromotionJson.Read(row.Kind, row.Terms)).Stock : 0;
        _taken.Clear();
        _taken.UnionWith(await db.GiftGrants.AsNoTracking().Where(g => g.GiftId == id).Select(g => g.Slot).ToListAsync(ct));
    }

    Task IGiftGrain.ReloadAsync() => LoadAsync(CancellationToken.None);

    Task<int> IGiftGrain.RemainingAsync() => Task.FromResult(Math.Max(0, _stock - _taken.Count));

    async Task<bool> IGiftGrain.ReserveAsync(Guid forId, int units)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.GiftGrants.AnyAsync(g => g.GiftId == id && g.ForId == forId))
        {
            return true;
        }

        if (_stock - _taken.Count < units)
        {
            // Units may have come back through cancellations since this activation last looked.
            await LoadAsync(CancellationToken.None);
            if (_stock - _taken.Count < units)
            {
                return false;
            }
        }

        var slots = Enumerable.Range(1, _stock).Where(s => !_taken.Contains(s)).Take(units).ToList();
        var now = clock.UtcNow;
        db.GiftGrants.AddRange(slots.Select(s => new GiftGrant { Id = Guid.CreateVersion7(now), GiftId = id, ForId = forId, Slot = s, Limit = _stock, GrantedAt = now }));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another writer took a slot: this view was stale. Nothing was set aside.
            await LoadAsync(CancellationToken.None);
            return false;
        }

        _taken.UnionWith(slots);
        return true;
    }

    async Task IGiftGrain.ReleaseAsync(Guid forId)
    {
        var id = this.GetPrimaryKey();
        await using var db = await contexts.CreateDbContextAsync();
        var slots = await db.GiftGrants.Where(g => g.GiftId == id && g.ForId == forId).Select(g => g.Slot).ToListAsync();
        await db.GiftGrants.Where(g => g.GiftId == id && g.ForId == forId).ExecuteDeleteAsync();
        _taken.ExceptWith(slots);
    }
}
