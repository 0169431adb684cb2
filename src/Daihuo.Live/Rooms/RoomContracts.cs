using Daihuo.Domain.Live;
using Orleans.Concurrency;

namespace Daihuo.Live.Rooms;

/// <summary>One thing that happened in a room, as the storefront or the order journal reports it.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomEventData(
    [property: Id(0)] RoomEventKind Kind,
    [property: Id(1)] string? ViewerId,
    [property: Id(2)] string? ViewerName,
    [property: Id(3)] Guid? OfferId,
    [property: Id(4)] long Amount,
    [property: Id(5)] string? Text,
    [property: Id(6)] DateTimeOffset At)
{
    /// <summary>The event's row id once written (order events, which the journal writes); 0 before.</summary>
    [Id(7)]
    public long Id { get; init; }
}

/// <summary>A comment every viewer sees (published, or released by the room controller); <see cref="Staff"/> marks the shop's own replies.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomComment(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Name,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset At)
{
    [Id(4)]
    public bool Staff { get; init; }
}

/// <summary>
/// The console's live numbers (SPEC.md "metric definitions"): <see cref="Viewers"/> is UV (distinct
/// viewers who entered), <see cref="Entries"/> is PV; conversion is paying buyers over UV; orders
/// and paid GMV count committed orders of this mode only (a rehearsal counts its test orders apart).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomNumbers(
    [property: Id(0)] int Online,
    [property: Id(1)] int Viewers,
    [property: Id(2)] long Entries,
    [property: Id(3)] long Likes,
    [property: Id(4)] long Comments,
    [property: Id(5)] int Followers,
    [property: Id(6)] long ProductClicks,
    [property: Id(7)] long Orders,
    [property: Id(8)] long PaidOrders,
    [property: Id(9)] long PaidGmvFen,
    [property: Id(10)] int PayingBuyers,
    [property: Id(11)] long Shares)
{
    public static RoomNumbers Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Paying buyers ÷ UV in basis points (hundredths of a percent); 0 without viewers.</summary>
    public int ConversionBasisPoints => Viewers == 0 ? 0 : (int)Math.Min(10_000L, PayingBuyers * 10_000L / Viewers);
}

[GenerateSerializer, Immutable]
public sealed record RoomState(
    [property: Id(0)] RoomNumbers Numbers,
    [property: Id(1)] IReadOnlyList<RoomComment> Comments);

/// <summary>
/// The room of one session (key: the session id, with the same real/test mode as the offer grains):
/// counts what happens in it for the live numbers and keeps the latest comments for viewers' pages.
/// </summary>
public interface IRoomGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Counts engagement events and appends them to the event table in the next batch.</summary>
    Task AppendAsync(IReadOnlyList<RoomEventData> events);

    /// <summary>Counts order events the journal already wrote in the orders' own transaction.</summary>
    [OneWay]
    Task CountCommittedAsync(IReadOnlyList<RoomEventData> events);

    /// <summary>A server's count of its open storefront connections to this room; counted for 10 s.</summary>
    [OneWay]
    Task ReportOnlineAsync(string server, int connections);

    [AlwaysInterleave]
    Task<RoomState> GetStateAsync();

    /// <summary>
    /// Takes a scanned comment: a blocked viewer is refused, a muted viewer's comment is hidden, the
    /// rest keeps the server's verdict. Numbered, counted and queued for the event table in this turn.
    /// </summary>
    Task<CommentOutcome> PostCommentAsync(CommentIn comment);

    /// <summary>Releases (shows to everyone) or deletes a held comment; null if it is not held (already moderated, or unknown).</summary>
    Task<ConsoleComment?> ModerateAsync(long seq, bool release);

    Task ApplyBanAsync(RoomBan ban);

    Task LiftBanAsync(string viewerId);

    /// <summary>Starts counting the tally (closing any other), as saved in the store.</summary>
    Task<TallyState?> StartTallyAsync(Guid tallyId);

    /// <summary>Stops the tally and returns its final counts.</summary>
    Task<TallyState?> StopTallyAsync();

    [AlwaysInterleave]
    Task<ModerationState> GetModerationAsync();

    /// <summary>Reads the room's like milestones again (after the console adds or stops one).</summary>
    Task ReloadMilestonesAsync();
}

public static class RoomGrains
{
    public static IRoomGrain Room(this IGrainFactory grains, Guid sessionId, bool test = false) =>
        grains.GetGrain<IRoomGrain>(sessionId, test ? Orders.OfferGrains.Test : Orders.OfferGrains.Real);
}
