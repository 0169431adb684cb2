using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Daihuo.Server.Common;

namespace Daihuo.Server.Storefront;

/// <summary>A viewer of a room: an identified buyer (id and nickname) or an anonymous viewer id.</summary>
public sealed record Viewer(string Id, string? Name);

/// <summary>
/// Who is watching: identified buyers by their buyer id, everyone else by a random id in a cookie,
/// so UV, likes and follows count people, not requests. Also a small per-viewer rate limit for
/// likes, clicks and comments (a window of ten seconds, per server).
/// </summary>
public sealed partial class ViewerIdentity(BuyerIdentity buyers, TimeProvider clock)
{
    public const string CookieName = "daihuo.viewer";
    private readonly ConcurrentDictionary<(string Viewer, string Action), Window> _windows = new();

    public Viewer Current(HttpContext http)
    {
        if (buyers.Current(http.Request) is { } buyer)
        {
            return new Viewer(buyer.Id, buyer.Nickname);
        }

        if (http.Request.Cookies.TryGetValue(CookieName, out var id) && AnonymousId().IsMatch(id ?? string.Empty))
        {
            return new Viewer(id!, null);
        }

        var fresh = "v_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Append(CookieName, fresh, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                Expires = clock.GetUtcNow().AddDays(365),
            });
        }

        return new Viewer(fresh, null);
    }

    /// <summary>Refuses (429) the request if this viewer did this more than <paramref name="perTenSeconds"/> times in the current window.</summary>
    public void Throttle(string viewerId, string action, int perTenSeconds)
    {
        var now = clock.GetUtcNow();
        var window = _windows.AddOrUpdate(
            (viewerId, action),
            _ => new Window(now, 1),
            (_, w) => now - w.Start >= TimeSpan.FromSeconds(10) ? new Window(now, 1) : w with { Count = w.Count + 1 });
        if (window.Count > perTenSeconds)
        {
            throw ProblemException.TooFast(action);
        }

        if (_windows.Count > 100_000)
        {
            foreach (var stale in _windows.Where(w => now - w.Value.Start >= TimeSpan.FromSeconds(10)).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);

    [GeneratedRegex("^v_[0-9a-f]{16}$")]
    private static partial Regex AnonymousId();
}
