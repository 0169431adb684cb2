using System.Globalization;
using Daihuo.Data;
using Daihuo.Load;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Daihuo.Load: drives a running Daihuo server over loopback HTTP and reconciles what it was told with what was kept.
//   dotnet bench/Daihuo.Load/bin/Release/net10.0/Daihuo.Load.dll comments --url http://127.0.0.1:5391 --password <owner password>
//     --db "Data Source=<data>/daihuo.db" [--provider Sqlite|Postgres] [--rate 2000] [--seconds 60] [--viewers 6000] [--watchers 20]
var args2 = args.Skip(1).Chunk(2).Where(p => p.Length == 2).ToDictionary(p => p[0].TrimStart('-'), p => p[1], StringComparer.OrdinalIgnoreCase);
string Arg(string name, string fallback) => args2.TryGetValue(name, out var v) ? v : fallback;
int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var scenario = args.FirstOrDefault();
if (scenario is not ("comments" or "flash"))
{
    Console.Error.WriteLine("usage: Daihuo.Load comments|flash --url http://127.0.0.1:PORT --password OWNER_PASSWORD --db CONNECTION_STRING [--provider Sqlite|Postgres]");
    Console.Error.WriteLine("  comments: [--rate N] [--seconds N] [--viewers N] [--watchers N]");
    Console.Error.WriteLine("  flash:    [--units N] [--buyers N] [--after N]");
    return 2;
}

var server = new Uri(Arg("url", "http://127.0.0.1:5391"));
var inv = CultureInfo.InvariantCulture;
if (scenario == "flash")
{
    var flash = new FlashLoadOptions(server, Int("units", 50_000), Int("buyers", 1_000), Int("after", 10_000));
    using var flashCancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
    using var seller = await Staff.SignInAsync(server, Arg("owner", "owner@daihuo.local"), Arg("password", ""), flashCancel.Token);
    var (_, flashRoom, offerId) = await seller.LiveOfferAsync("Flash " + DateTimeOffset.UtcNow.ToString("HH:mm:ss", inv), "DH-F5003", flash.Units, 0, flashCancel.Token);
    Console.WriteLine($"Room {flashRoom} live; {flash.Units:N0} units, {flash.Buyers:N0} buyers, then {flash.AfterSoldOut:N0} more attempts.");
    await using var flashServices = new ServiceCollection()
        .AddDaihuoDbContext(Enum.Parse<DatabaseProvider>(Arg("provider", "Sqlite"), ignoreCase: true), Arg("db", ""))
        .BuildServiceProvider();
    var f = await FlashLoad.RunAsync(flash, seller, offerId, flashServices.GetRequiredService<IDbContextFactory<DaihuoDbContext>>(), Console.Out, flashCancel.Token);
    Console.WriteLine();
    Console.WriteLine("| accepted | accepted/s | p50 | p99 | max | attempts | after sell-out: told sold out | errors | orders in database (units) | offer sold / allocated | acknowledged missing | reconciled |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- |");
    Console.WriteLine(string.Create(inv, $"| {f.Accepted:N0} | {f.AcceptedPerSecond:N0} | {f.P50Ms:0.0} ms | {f.P99Ms:0.0} ms | {f.MaxMs:0} ms | {f.Attempts:N0} | {f.AfterSoldOutSoldOut:N0} of {f.AfterSoldOutAttempts:N0} | {(f.Errors.Count == 0 ? "none" : string.Join(", ", f.Errors.Select(e => $"{e.Key}: {e.Value}")))} | {f.OrdersInDatabase:N0} ({f.UnitsInDatabase:N0}) | {f.OfferSold:N0} / {f.Allocated:N0} | {f.AcknowledgedMissing} | {(f.Reconciled ? "yes" : "NO")} |"));
    return f.Reconciled ? 0 : 1;
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
