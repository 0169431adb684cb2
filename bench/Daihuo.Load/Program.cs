using System.Globalization;
using Daihuo.Data;
using Daihuo.Load;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Daihuo.Load: drives a running Daihuo server (or a baseline under bench/Daihuo.Baseline) over loopback HTTP and
// reconciles what it was told with what was kept.
//   ... flash --target daihuo|baseline --url http://127.0.0.1:PORT [--offers 1] [--units 50000] [--buyers 1000] [--after 10000] [--json run.json]
//   dotnet bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll comments --url http://127.0.0.1:5391 --password <owner password>
//     --db "Data Source=<data>/daihuo.db" [--provider Sqlite|Postgres] [--rate 2000] [--seconds 60] [--viewers 6000] [--watchers 20]
var args2 = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1], StringComparer.OrdinalIgnoreCase);
string Arg(string name, string fallback) => args2.TryGetValue(name, out var v) ? v : fallback;
int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var scenario = args.FirstOrDefault();
if (scenario is not ("comments" or "flash" or "median"))
{
    Console.Error.WriteLine("usage: Daihuo.Load comments|flash --url http://127.0.0.1:PORT --password OWNER_PASSWORD --db CONNECTION_STRING [--provider Sqlite|Postgres]");
    Console.Error.WriteLine("  comments: [--rate N] [--seconds N] [--viewers N] [--watchers N]");
    Console.Error.WriteLine("  flash:    [--target daihuo|baseline] [--name LABEL] [--offers N] [--units N] [--buyers N] [--after N] [--json FILE]");
    Console.Error.WriteLine("  median:   --name LABEL run1.json run2.json run3.json");
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
        Console.WriteLine($"| {Arg("name", "?")} | no run finished | | | | | | | | | | | | NO |");
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
