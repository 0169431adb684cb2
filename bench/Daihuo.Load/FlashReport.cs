using System.Globalization;
using System.Text.Json;

namespace Daihuo.Load;

/// <summary>The flash sale's table row, and the median of several runs.</summary>
public static class FlashReport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public const string Header =
        "| server | runs | accepted/s | p50 | p90 | p99 | max | accepted | after sell-out: told sold out | errors | stored orders (units) | sold / allocated | oversold | acknowledged missing | reconciled |\n"
        + "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | ---: | --- |";

    public static string Row(string name, string runs, FlashLoadResult f) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {runs} | {f.AcceptedPerSecond:N0} | {Ms(f.P50Ms)} | {Ms(f.P90Ms)} | {Ms(f.P99Ms)} | {Ms(f.MaxMs)} | {f.Accepted:N0} | {f.AfterSoldOutSoldOut:N0} of {f.AfterSoldOutAttempts:N0} | {(f.Errors.Count == 0 ? "none" : string.Join(", ", f.Errors.Select(e => $"{e.Key}: {e.Value:N0}")))} | {f.OrdersStored:N0} ({f.UnitsStored:N0}) | {f.Sold:N0} / {f.Allocated:N0} | {f.Oversold} | {f.AcknowledgedMissing} | {(f.Reconciled ? "yes" : "NO")} |");

    /// <summary>The run with the median throughput (its latencies with it: they belong to the same run).</summary>
    public static FlashLoadResult Median(IReadOnlyList<FlashLoadResult> runs) => runs.OrderBy(r => r.AcceptedPerSecond).ElementAt(runs.Count / 2);

    private static string Ms(double ms) => ms >= 1000 ? string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s") : string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms");
}

/// <summary>The fan-out table's row.</summary>
public static class FanoutReport
{
    public const string Header =
        "| server | viewers connected | price changes | receipts (missed) | click to receipt p50 | p99 | last viewer | update size | server memory before → connected | per viewer |\n"
        + "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: |";

    public static string Row(string name, FanoutResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {r.Connected:N0} | {r.Changes} | {r.Receipts:N0} ({r.Missed:N0}) | {r.P50Ms:0.0} ms | {r.P99Ms:0.0} ms | {r.LastMs:0.0} ms | {r.FrameBytes / 1024.0:0.0} KB | {r.ServerRssBeforeKb / 1024.0:N0} MB → {r.ServerRssConnectedKb / 1024.0:N0} MB | {r.KbPerViewer:0.0} KB |");
}
