using System.Globalization;
using Daihuo.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Load;

// Daihuo.Load: drives a running Daihuo server (or a baseline under bench/Daihuo.Baseline) over loopback HTTP and
// reconciles what it was told with what was kept.
//   ... flash --target daihuo|baseline --url http://127.0.0.1:PORT [--offers 1] [--units 50000] [--buyers 1000] [--after 10000] [--json run.json]
//   dotnet bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll comments --url http://127.0.0.1:5391 --password <owner password>
//     --db "Data Source=<data>/daihuo.db" [--provider Sqlite|Postgres] [--rate 2000] [--seconds 60] [--viewers 6000] [--watchers 20]
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        var args2 = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1], StringComparer.OrdinalIgnoreCase);
        string Arg(string name, string fallback) => args2.TryGetValue(name, out var v) ? v : fallback;
        int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var scenario = args.FirstOrDefault();
        if (scenario == "cpu-profile" && args.Length > 1)
        {
            // cpu-profile FILE.speedscope.json: where the server's CPU went (see bench/flash-load.sh DAIHUO_BENCH_TRACE).
            CpuProfile.Report(args[1], Console.Out);
            return 0;
        }

        if (scenario is not ("comments" or "flash" or "median" or "fanout"))
        {
            Console.Error.WriteLine("usage: Daihuo.Load comments|flash --url http://127.0.0.1:PORT --password OWNER_PASSWORD --db CONNECTION_STRING [--provider Sqlite|Postgres]");
            Console.Error.WriteLine("  comments: [--rate N] [--seconds N] [--viewers N] [--watchers N]");
            Console.Error.WriteLine("  flash:    [--target daihuo|baseline] [--name LABEL] [--offers N] [--units N] [--buyers N] [--after N] [--json FILE]");
            Console.Error.WriteLine("  median:   --name LABEL run1.json run2.json run3.json");
            Console.Error.WriteLine("  fanout:   [--target daihuo|signalr] [--viewers N] [--seconds N] [--server-pid PID] [--room-json FILE] [--json FILE]");
            Console.Error.WriteLine("  cpu-profile FILE.speedscope.json   (a dotnet-trace profile converted to speedscope)");
            return 2;
        }

        var server = new Uri(Arg("url", "http://127.0.0.1:5391"));
        var inv = CultureInfo.InvariantCulture;
        if (scenario == "flash")
        {
            var flash = new FlashLoadOptions(server, Int("offers", 1), Int("units", 50_000), Int("buyers", 1_000), Int("after", 10_000));
            using var flashCancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            using var client = new HttpClient { BaseAddress = server };
            Staff? seller = null;
            ServiceProvider? flashServices = null;
            IFlashTarget target;
            if (Arg("target", "daihuo") == "baseline")
            {
                target = new BaselineTarget(client);
            }
            else
            {
                seller = await Staff.SignInAsync(server, Arg("owner", "owner@daihuo.local"), Arg("password", ""), flashCancel.Token);
                flashServices = new ServiceCollection()
                    .AddDaihuoDbContext(Enum.Parse<DatabaseProvider>(Arg("provider", "Sqlite"), ignoreCase: true), Arg("db", ""))
                    .BuildServiceProvider();
                target = new DaihuoTarget(seller, flashServices.GetRequiredService<IDbContextFactory<DaihuoDbContext>>());
            }

            var name = Arg("name", "Daihuo");
            Console.WriteLine($"{name}: {flash.Offers:N0} offer(s) of {flash.Units:N0} units, {flash.Buyers:N0} buyers, then {flash.AfterSoldOut:N0} more attempts.");
            var f = await FlashLoad.RunAsync(flash, target, Console.Out, flashCancel.Token);
            seller?.Dispose();
            if (flashServices is not null)
            {
                await flashServices.DisposeAsync();
            }

            Console.WriteLine();
            Console.WriteLine(FlashReport.Header);
            Console.WriteLine(FlashReport.Row(name, "1", f));
            if (Arg("json", "") is { Length: > 0 } json)
            {
                await File.WriteAllTextAsync(json, System.Text.Json.JsonSerializer.Serialize(f, FlashReport.Json));
            }

            return f.Reconciled ? 0 : 1;
        }

        if (scenario == "fanout")
        {
            // fanout: N viewers hold a room's live updates; the price changes once a second; click-to-receipt per viewer.
            var fan = new FanoutOptions(server, Int("viewers", 10_000), Int("seconds", 60)) { ServerPid = args2.ContainsKey("server-pid") ? Int("server-pid", 0) : null };
            using var fanCancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
            Staff? host = null;
            IFanoutTarget fanTarget;
            var roomJson = Arg("room-json", "");
            if (Arg("target", "daihuo") == "signalr")
            {
                fanTarget = new SignalRFanout(server, File.ReadAllText(roomJson));
            }
            else
            {
                host = await Staff.SignInAsync(server, Arg("owner", "owner@daihuo.local"), Arg("password", ""), fanCancel.Token);
                fanTarget = new DaihuoFanout(host, server);
            }

            var label = Arg("name", "Daihuo (SSE)");
            Console.WriteLine($"{label}: {fan.Viewers:N0} viewers, a price change a second for {fan.Seconds} s.");
            var r = await FanoutLoad.RunAsync(fan, fanTarget, Console.Out, fanCancel.Token);
            if (fanTarget is DaihuoFanout daihuo && roomJson.Length > 0 && daihuo.LastJson is { } last)
            {
                await File.WriteAllTextAsync(roomJson, last);   // the SignalR baseline sends the same update
            }

            host?.Dispose();
            Console.WriteLine();
            Console.WriteLine(FanoutReport.Header);
            Console.WriteLine(FanoutReport.Row(label, r));
            if (Arg("json", "") is { Length: > 0 } fanJson)
            {
                await File.WriteAllTextAsync(fanJson, System.Text.Json.JsonSerializer.Serialize(r, FlashReport.Json));
            }

            return r.Connected == fan.Viewers && r.Missed == 0 ? 0 : 1;
        }

        if (scenario == "median")
        {
            // median --name NAME file.json file.json file.json: the run with the median accepted/s, as a table row (--header: the table's head).
            if (args.Contains("--header"))
            {
                Console.WriteLine(FlashReport.Header);
                return 0;
            }

            var files = args.Skip(1).Where(a => a.EndsWith(".json", StringComparison.Ordinal)).ToList();
            var runs = files.Select(f => System.Text.Json.JsonSerializer.Deserialize<FlashLoadResult>(File.ReadAllText(f), FlashReport.Json)!).ToList();
            if (runs.Count == 0)
            {
                Console.WriteLine($"| {Arg("name", "?")} | no run finished |{string.Concat(Enumerable.Repeat(" |", 12))} NO |");
                return 1;
            }

            var all = runs.All(r => r.Reconciled) ? "" : $", {runs.Count(r => !r.Reconciled)} NOT reconciled";
            Console.WriteLine(FlashReport.Row(Arg("name", "?"), $"median of {runs.Count} ({string.Join(", ", runs.Select(r => r.AcceptedPerSecond.ToString("N0", inv)))}/s{all})", FlashReport.Median(runs)));
            return runs.All(r => r.Reconciled) ? 0 : 1;
        }

        var options = new CommentLoadOptions(server, Int("rate", 2000), Int("seconds", 60), Int("viewers", 6000), Int("watchers", 20), Int("flagged-every", 10),
            Int("senders", 256));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds * 3 + 120));
        using var staff = await Staff.SignInAsync(server, Arg("owner", "owner@daihuo.local"), Arg("password", ""), cancel.Token);
        var (sessionId, room) = await staff.LiveRoomAsync("Load " + DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture), "DH-F5003", cancel.Token);
        Console.WriteLine($"Room {room} live; {options.Rate} comments/s for {options.Seconds} s from {options.Viewers} viewers, {options.Watchers} watchers.");

        await using var services = new ServiceCollection()
            .AddDaihuoDbContext(Enum.Parse<DatabaseProvider>(Arg("provider", "Sqlite"), ignoreCase: true), Arg("db", ""))
            .BuildServiceProvider();
        var result = await CommentLoad.RunAsync(options, staff, sessionId, room, services.GetRequiredService<IDbContextFactory<DaihuoDbContext>>(), Console.Out, cancel.Token);

        Console.WriteLine();
        Console.WriteLine("| sent | acknowledged | errors | acknowledged/s | p50 | p90 | p99 | max | room: published / hidden / held | rows stored (hidden) | flagged acknowledged | snapshots read (comments) | flagged seen by viewers | reconciled |");
        Console.WriteLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- | ---: | --- |");
        Console.WriteLine(string.Create(inv, $"| {result.Sent:N0} | {result.Acknowledged:N0} | {(result.Errors.Count == 0 ? "none" : string.Join(", ", result.Errors.Select(e => $"{e.Key}: {e.Value}")))} | {result.AcknowledgedPerSecond:N0} | {result.P50Ms:0.0} ms | {result.P90Ms:0.0} ms | {result.P99Ms:0.0} ms | {result.MaxMs:0} ms | {result.RoomPublished:N0} / {result.RoomHidden:N0} / {result.RoomHeld:N0} | {result.RowsStored:N0} ({result.RowsHidden:N0}) | {result.FlaggedAcknowledged:N0} | {result.Snapshots:N0} ({result.CommentsSeen:N0}) | {result.Leaked} | {(result.Reconciled ? "yes" : "NO")} |"));
        return result.Reconciled ? 0 : 1;

    }
}
