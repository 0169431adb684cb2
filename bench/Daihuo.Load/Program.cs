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

if (args.FirstOrDefault() != "comments")
{
    Console.Error.WriteLine("usage: Daihuo.Load comments --url http://127.0.0.1:PORT --password OWNER_PASSWORD --db CONNECTION_STRING [--provider Sqlite|Postgres] [--rate N] [--seconds N] [--viewers N] [--watchers N]");
    return 2;
}

var server = new Uri(Arg("url", "http://127.0.0.1:5391"));
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

var inv = CultureInfo.InvariantCulture;
Console.WriteLine();
Console.WriteLine("| sent | acknowledged | errors | acknowledged/s | p50 | p90 | p99 | max | room: published / hidden / held | rows stored (hidden) | flagged acknowledged | snapshots read (comments) | flagged seen by viewers | reconciled |");
Console.WriteLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- | ---: | --- |");
Console.WriteLine(string.Create(inv, $"| {result.Sent:N0} | {result.Acknowledged:N0} | {(result.Errors.Count == 0 ? "none" : string.Join(", ", result.Errors.Select(e => $"{e.Key}: {e.Value}")))} | {result.AcknowledgedPerSecond:N0} | {result.P50Ms:0.0} ms | {result.P90Ms:0.0} ms | {result.P99Ms:0.0} ms | {result.MaxMs:0} ms | {result.RoomPublished:N0} / {result.RoomHidden:N0} / {result.RoomHeld:N0} | {result.RowsStored:N0} ({result.RowsHidden:N0}) | {result.FlaggedAcknowledged:N0} | {result.Snapshots:N0} ({result.CommentsSeen:N0}) | {result.Leaked} | {(result.Reconciled ? "yes" : "NO")} |"));
return result.Reconciled ? 0 : 1;
