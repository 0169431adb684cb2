using Daihuo.Data.Audit;
using Daihuo.Data.Compliance;
using Daihuo.Domain.Compliance;

namespace Daihuo.Server.Compliance;

/// <summary>
/// The scanner for this shop: Daihuo's default list with the shop's own on top, compiled once per
/// saved version of the shop's list. Saving through here swaps the compiled scanner at once; with
/// several servers, each one picks a new version up the next time it reads (see <see cref="CurrentAsync"/>).
/// </summary>
public sealed class ComplianceScanners(ComplianceStore store, TimeProvider clock)
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);
    private volatile Compiled? _current;

    private sealed record Compiled(int Version, ComplianceScanner Scanner, DateTimeOffset CheckedAt);

    public async ValueTask<ComplianceScanner> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } current && clock.GetUtcNow() - current.CheckedAt < Recheck)
        {
            return current.Scanner;
        }

        var list = await store.GetAsync(ct);
        if (_current is { } same && same.Version == list.Version)
        {
            _current = same with { CheckedAt = clock.GetUtcNow() };
            return same.Scanner;
        }

        return Compile(list).Scanner;
    }

    public async Task<ComplianceListDetails> SaveAsync(string tsv, int expectedVersion, Actor actor, CancellationToken ct = default)
    {
        var saved = await store.SaveAsync(tsv, expectedVersion, actor, ct);
        Compile(saved);
        return saved;
    }

    private Compiled Compile(ComplianceListDetails list)
    {
        var shop = ComplianceDictionary.Parse(list.Tsv).Dictionary;
        var compiled = new Compiled(list.Version, new ComplianceScanner(ComplianceDictionary.ForShop(shop)), clock.GetUtcNow());
        _current = compiled;
        return compiled;
    }
}
