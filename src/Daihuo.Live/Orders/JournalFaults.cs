using System.Diagnostics;

namespace Daihuo.Live.Orders;

public enum JournalFault
{
    BeforeCommit = 0,
    AfterCommit = 1,
}

/// <summary>
/// The fault hook for crash tests, off unless the environment variable <c>DAIHUO_FAULT</c> is set:
/// <c>before-commit:N</c> or <c>after-commit:N</c> kills the process (SIGKILL, as <c>kill -9</c>)
/// at the N-th journal round that places orders, right before its commit or right after it and
/// before any buyer hears back. Nothing is flushed, nothing shuts down: the worst instants, on purpose.
/// </summary>
public sealed class JournalFaults
{
    public const string Variable = "DAIHUO_FAULT";

    private readonly JournalFault? _point;
    private readonly int _atRound;
    private int _rounds;

    public JournalFaults(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return;
        }

        var parts = setting.Split(':', 2);
        _point = parts[0] switch
        {
            "before-commit" => JournalFault.BeforeCommit,
            "after-commit" => JournalFault.AfterCommit,
            _ => throw new ArgumentException($"{Variable} must be before-commit:N or after-commit:N, not '{setting}'."),
        };
        _atRound = parts.Length == 2 && int.TryParse(parts[1], out var n) && n > 0 ? n : 1;
    }

    public static JournalFaults FromEnvironment() => new(Environment.GetEnvironmentVariable(Variable));

    public bool Armed => _point is not null;

    public override string ToString() => _point is { } p ? $"{p} at order round {_atRound}" : "off";

    /// <summary>Called at each point of each round; counts rounds that place orders at the before-commit point.</summary>
    internal void At(JournalFault point, bool placesOrders)
    {
        if (_point is null || !placesOrders)
        {
            return;
        }

        if (point == JournalFault.BeforeCommit)
        {
            _rounds++;
        }

        if (point == _point && _rounds == _atRound)
        {
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
