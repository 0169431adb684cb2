using System.Globalization;
using System.Text.Json;

namespace Daihuo.Load;

/// <summary>
/// Where a server spent its CPU, from a <c>dotnet-trace</c> sampled-thread-time profile converted to
/// speedscope (<c>dotnet dotnet-trace convert x.nettrace --format Speedscope</c>): only the samples whose
/// leaf is CPU_TIME (not waiting), each frame's inclusive share of them, and the share under each of
/// a few named parts of the order path.
/// </summary>
public static class CpuProfile
{
    public static void Report(string speedscopeFile, TextWriter output, int top = 40)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(speedscopeFile));
        var frames = document.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        var cpuFrame = Array.IndexOf(frames, "CPU_TIME");
        var inclusive = new double[frames.Length];
        double total = 0;
        foreach (var profile in document.RootElement.GetProperty("profiles").EnumerateArray())
        {
            var stack = new List<int>();
            double? last = null;
            foreach (var e in profile.GetProperty("events").EnumerateArray())
            {
                var at = e.GetProperty("at").GetDouble();
                if (last is { } from && at > from && stack.Count > 0 && stack[^1] == cpuFrame)
                {
                    var weight = at - from;
                    total += weight;
                    foreach (var frame in stack.Distinct())
                    {
                        inclusive[frame] += weight;
                    }
                }

                last = at;
                if (e.GetProperty("type").GetString() == "O")
                {
                    stack.Add(e.GetProperty("frame").GetInt32());
                }
                else if (stack.Count > 0)
                {
                    stack.RemoveAt(stack.Count - 1);
                }
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU samples: {total / 1000:0.0} s of thread time on CPU"));
        (string Part, string Match)[] parts =
        [
            ("order endpoint (StorefrontApi.PlaceOrderAsync)", "StorefrontApi.PlaceOrderAsync("),
            ("  buyer cookie", "BuyerIdentity.Current("),
            ("  body read and idempotency hash", "StorefrontApi.ReadKeyedAsync("),
            ("  offer grain call (Orleans)", "Proxy_IOfferGrain"),
            ("  promotions", "Checkout.PrepareAsync("),
            ("offer grain turn (OfferGrain.PlaceOrderAsync)", "IOfferGrain-PlaceOrderAsync"),
            ("order journal round (SQL insert, commit)", "OrderJournal.WriteRoundAsync("),
            ("room grain (live numbers)", "Rooms.RoomGrain"),
            ("threads stopped for garbage collection (PollGC)", "PollGCWorker"),
            ("finalizers", "GC.RunFinalizers("),
            ("Kestrel connection and HTTP parsing", "Http1Connection"),
        ];
        foreach (var (part, match) in parts)
        {
            var share = frames.Select((name, i) => (name, i)).Where(f => f.name.Contains(match, StringComparison.Ordinal)).Select(f => inclusive[f.i]).DefaultIfEmpty(0).Max();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100 * share / Math.Max(1, total),5:0.0} %  {part}"));
        }

        output.WriteLine();
        output.WriteLine("Top frames (inclusive):");
        foreach (var (name, weight) in frames.Select((name, i) => (name, inclusive[i])).Where(f => !f.name.StartsWith("Thread (", StringComparison.Ordinal)).OrderByDescending(f => f.Item2).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100 * weight / Math.Max(1, total),5:0.0} %  {(name.Length > 150 ? name[..150] : name)}"));
        }
    }
}
