using Daihuo.Data.Audit;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Promotions;

/// <summary>What a promotion did in paid orders: how many used it, what it cost (money off) and the GMV of those orders.</summary>
public sealed record PromotionStats(int Uses, Money Cost, Money Gmv);

public sealed record PromotionDetails(Guid Id, PromotionKind Kind, string Name, Guid? SessionId, bool Active, DateTimeOffset CreatedAt, Promotion Terms, int Claimed, int Redeemed)
{
    /// <summary>A gift's units given to orders so far (of its stock).</summary>
    public int Given { get; init; }
}

/// <summary>
/// Promotions as planned by staff: validated by the Domain rules, stored with their terms, audited.
/// <para>
/// The order path asks for a session's active promotions and the stacking policy on every order, so
/// both are kept in memory: a write through this store drops them at once, and in a cluster (where
/// another server may have written) they are read again after at most a second. Promotions are only
/// ever added; when one starts and ends is in its terms, checked at the order's own time.
/// </para>
/// </summary>
public sealed class PromotionStore(IDbContextFactory<DaihuoDbContext> contexts, TimeProvider clock)
{
    private static readonly TimeSpan Life = TimeSpan.FromSeconds(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (long Changes, DateTimeOffset At, IReadOnlyList<Promotion> Active)> _active = new();
    private (long Changes, DateTimeOffset At, StackingPolicy Policy)? _policy;
    private long _changes;

    /// <summary>Whether something read at <paramref name="at"/> after <paramref name="changes"/> writes is still current.</summary>
    private bool Current(long changes, DateTimeOffset at) => changes == Interlocked.Read(ref _changes) && clock.GetUtcNow() - at <= Life;

    private void Changed() => Interlocked.Increment(ref _changes);

    /// <summary>Saves a promotion (its id is assigned here) for the shop or a session; bad terms are refused and nothing is written.</summary>
    public async Task<PromotionDetails> CreateAsync(Promotion promotion, Guid? sessionId, Actor actor, CancellationToken ct = default)
    {
        PromotionRules.Validate(promotion).ThrowIfInvalid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (sessionId is { } session && !await db.LiveSessions.AnyAsync(s => s.Id == session, ct))
        {
            throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", session);
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var stored = promotion with { Id = id.ToString("N"), Name = promotion.Name.Trim() };
        var row = new PromotionRow
        {
            Id = id,
            Kind = stored.Kind,
            Name = stored.Name,
            SessionId = sessionId,
            Terms = PromotionJson.Write(stored),
            StartsAt = stored.StartsAt,
            EndsAt = stored.EndsAt,
            CreatedAt = now,
        };
        db.Promotions.Add(row);
        AuditLog.Record(db, clock, actor, "promo.created", "promotion", id.ToString(), null, new { stored.Kind, stored.Name, SessionId = sessionId, Terms = row.Terms });
        await db.SaveChangesAsync(ct);
        Changed();
        return new PromotionDetails(id, row.Kind, row.Name, sessionId, true, now, stored, 0, 0);
    }

    public async Task<IReadOnlyList<PromotionDetails>> ListAsync(Guid? sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Promotions.AsNoTracking()
            .Where(p => sessionId == null || p.SessionId == null || p.SessionId == sessionId)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new
            {
                Row = p,
                Claimed = db.CouponClaims.Count(c => c.CouponId == p.Id),
                Redeemed = db.CouponClaims.Count(c => c.CouponId == p.Id && c.OrderId != null),
                Given = db.GiftGrants.Count(g => g.GiftId == p.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => new PromotionDetails(r.Row.Id, r.Row.Kind, r.Row.Name, r.Row.SessionId, r.Row.Active, r.Row.CreatedAt,
            PromotionJson.Read(r.Row.Kind, r.Row.Terms), r.Claimed, r.Redeemed) { Given = r.Given }).ToList();
    }

    private const string StackingKey = "stacking";
    private const string AdviceKey = "advice";

    /// <summary>The shop's stacking policy: its own when set, else <see cref="StackingPolicy.Default"/>.</summary>
    public async Task<StackingPolicy> PolicyAsync(CancellationToken ct = default)
    {
        if (_policy is { } cached && Current(cached.Changes, cached.At))
        {
            return cached.Policy;
        }

        var (changes, at) = (Interlocked.Read(ref _changes), clock.GetUtcNow());
        var policy = await SettingAsync(StackingKey, ct) is { } json ? PromotionJson.ReadPolicy(json) : StackingPolicy.Default;
        _policy = (changes, at, policy);
        return policy;
    }

    /// <summary>Replaces the shop's stacking policy; a policy that loops or names a kind twice is refused and nothing changes.</summary>
    public async Task<StackingPolicy> SetPolicyAsync(StackingPolicy policy, Actor actor, CancellationToken ct = default)
    {
        policy.Validate().ThrowIfInvalid();
        await SetSettingAsync(StackingKey, PromotionJson.Write(policy), "promo.stacking.changed", actor, ct);
        return policy;
    }

    /// <summary>The shop's planning-advice thresholds: its own when set, else SPEC.md's defaults.</summary>
    public async Task<AdviceThresholds> AdviceAsync(CancellationToken ct = default) =>
        await SettingAsync(AdviceKey, ct) is { } json ? PromotionJson.ReadAdvice(json) : new AdviceThresholds();

    public async Task<AdviceThresholds> SetAdviceAsync(AdviceThresholds thresholds, Actor actor, CancellationToken ct = default)
    {
        thresholds.Validate().ThrowIfInvalid();
        await SetSettingAsync(AdviceKey, PromotionJson.Write(thresholds), "promo.advice.changed", actor, ct);
        return thresholds;
    }

    private async Task<string?> SettingAsync(string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PromotionSettings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).SingleOrDefaultAsync(ct);
    }

    private async Task SetSettingAsync(string key, string json, string action, Actor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.PromotionSettings.SingleOrDefaultAsync(s => s.Key == key, ct);
        var before = row?.Value;
        if (row is null)
        {
            db.PromotionSettings.Add(new PromotionSetting { Key = key, Value = json, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Value = json;
            row.UpdatedAt = clock.GetUtcNow();
        }

        AuditLog.Record(db, clock, actor, action, "setting", key, before, json);
        await db.SaveChangesAsync(ct);
        Changed();
    }

    /// <summary>
    /// Uses, cost and GMV per promotion, from the breakdowns paid real orders keep. Reads every paid
    /// order with promotions: fine for a shop's console today; a per-order promotion table comes when
    /// the numbers grow.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PromotionStats>> StatsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => !o.IsTest && o.Status == Orders.OrderStatus.Paid && o.Pricing != null)
            .Select(o => new { o.Pricing, o.Total })
            .ToListAsync(ct);
        var stats = new Dictionary<string, (int Uses, long Cost, long Gmv)>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            using var json = System.Text.Json.JsonDocument.Parse(order.Pricing!);
            foreach (var applied in json.RootElement.GetProperty("applied").EnumerateArray())
            {
                var id = applied.GetProperty("id").GetString()!;
                var (uses, cost, gmv) = stats.GetValueOrDefault(id);
                stats[id] = (uses + 1, cost + applied.GetProperty("amount").GetInt64(), gmv + order.Total.Fen);
            }
        }

        return stats.ToDictionary(s => s.Key, s => new PromotionStats(s.Value.Uses, Money.FromFen(s.Value.Cost), Money.FromFen(s.Value.Gmv)), StringComparer.Ordinal);
    }

    /// <summary>The promotions that can price an order of this session now: shop-wide and the session's own, active.</summary>
    /// <remarks>On the order path and the room feed: from memory (see the class), else one lean query, no claim counts.</remarks>
    public async Task<IReadOnlyList<Promotion>> ActiveForAsync(Guid sessionId, CancellationToken ct = default)
    {
        if (_active.TryGetValue(sessionId, out var cached) && Current(cached.Changes, cached.At))
        {
            return cached.Active;
        }

        // The count of writes is taken before the read: a write during it leaves the entry already out of date.
        var (changes, at) = (Interlocked.Read(ref _changes), clock.GetUtcNow());
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Promotions.AsNoTracking()
            .Where(p => p.Active && (p.SessionId == null || p.SessionId == sessionId))
            .Select(p => new { p.Kind, p.Terms })
            .ToListAsync(ct);
        IReadOnlyList<Promotion> active = rows.Select(r => PromotionJson.Read(r.Kind, r.Terms)).ToList();
        if (_active.Count > 1_000)
        {
            _active.Clear();
        }

        _active[sessionId] = (changes, at, active);
        return active;
    }
}
