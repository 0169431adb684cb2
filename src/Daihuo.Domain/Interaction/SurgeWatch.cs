namespace Daihuo.Domain.Interaction;

/// <summary>A negative-comment surge: how many flagged or negative comments in the window, out of how many, since when.</summary>
public sealed record Surge(int Negative, int Comments, DateTimeOffset Since);

/// <summary>
/// Counts comments and negative comments per second over a sliding window and says when negative
/// ones surge: at least <see cref="Threshold"/> in the window and at least <see cref="SharePercent"/>
/// percent of all comments in it (a busy room's share matters, not only the count). An alert stays
/// raised until the window falls below both for a whole window, so it does not flicker.
/// </summary>
public sealed class SurgeWatch(int windowSeconds = 60, int threshold = 10, int sharePercent = 20)
{
    private readonly int[] _all = new int[windowSeconds];
    private readonly int[] _negative = new int[windowSeconds];
    private long _second = long.MinValue;
    private int _allSum;
    private int _negativeSum;
    private DateTimeOffset? _since;
    private DateTimeOffset _lastAbove;

    public int Threshold => threshold;

    public int SharePercent => sharePercent;

    public int WindowSeconds => windowSeconds;

    public void Add(DateTimeOffset at, bool negative)
    {
        Advance(at);
        var slot = (int)(_second % windowSeconds);
        _all[slot]++;
        _allSum++;
        if (negative)
        {
            _negative[slot]++;
            _negativeSum++;
        }
    }

    /// <summary>The surge under way at <paramref name="now"/>, or null.</summary>
    public Surge? Check(DateTimeOffset now)
    {
        Advance(now);
        var above = _negativeSum >= threshold && _negativeSum * 100L >= sharePercent * (long)_allSum;
        if (above)
        {
            _since ??= now;
            _lastAbove = now;
        }
        else if (_since is not null && now - _lastAbove >= TimeSpan.FromSeconds(windowSeconds))
        {
            _since = null;
        }

        return _since is { } since ? new Surge(_negativeSum, _allSum, since) : null;
    }

    private void Advance(DateTimeOffset at)
    {
        var second = at.ToUnixTimeSeconds();
        if (_second == long.MinValue)
        {
            _second = second;
            return;
        }

        if (second <= _second)
        {
            return;
        }

        var steps = Math.Min(second - _second, windowSeconds);
        for (var i = 1; i <= steps; i++)
        {
            var slot = (int)((_second + i) % windowSeconds);
            _allSum -= _all[slot];
            _negativeSum -= _negative[slot];
            _all[slot] = 0;
            _negative[slot] = 0;
        }

        _second = second;
    }
}
