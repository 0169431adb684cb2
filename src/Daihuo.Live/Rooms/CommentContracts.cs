using Daihuo.Domain.Interaction;
using Orleans.Concurrency;

namespace Daihuo.Live.Rooms;

/// <summary>A comment on its way into a room, already scanned by the server that took it: the verdict before any mute.</summary>
[GenerateSerializer, Immutable]
public sealed record CommentIn(
    [property: Id(0)] string ViewerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] CommentVerdict Verdict,
    [property: Id(5)] bool Negative,
    [property: Id(6)] string? Note,
    [property: Id(7)] Guid? AnswerId,
    [property: Id(8)] string? AnswerTopic)
{
    /// <summary>A reply sent by staff from the console (a prepared answer): published, marked as the shop's.</summary>
    [Id(9)]
    public bool Staff { get; init; }
}

/// <summary>What the room did with a comment. <see cref="Blocked"/>: refused, nothing stored.</summary>
[GenerateSerializer, Immutable]
public sealed record CommentOutcome([property: Id(0)] long Seq, [property: Id(1)] CommentVerdict Verdict, [property: Id(2)] bool Blocked);

/// <summary>A comment as the room controller sees it: who sent it (to mute or block them), the verdict and why.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsoleComment(
    [property: Id(0)] long Seq,
    [property: Id(1)] string ViewerId,
    [property: Id(2)] string Name,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] CommentVerdict Verdict,
    [property: Id(6)] string? Note,
    [property: Id(7)] Guid? AnswerId,
    [property: Id(8)] bool Staff);

/// <summary>How many comments were asked about one prepared answer's topic in the last minutes.</summary>
[GenerateSerializer, Immutable]
public sealed record AskedTopic([property: Id(0)] Guid AnswerId, [property: Id(1)] string Topic, [property: Id(2)] int Count, [property: Id(3)] string Latest);

[GenerateSerializer, Immutable]
public sealed record TallyState(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? Prefix,
    [property: Id(2)] IReadOnlyList<string> Options,
    [property: Id(3)] IReadOnlyList<int> Viewers,
    [property: Id(4)] int Total,
    [property: Id(5)] int? Goal,
    [property: Id(6)] bool Gated,
    [property: Id(7)] bool GateFired);

[GenerateSerializer, Immutable]
public sealed record CommentTotals(
    [property: Id(0)] long Published,
    [property: Id(1)] long Hidden,
    [property: Id(2)] long Held,
    [property: Id(3)] long Released,
    [property: Id(4)] long Deleted,
    [property: Id(5)] long Refused);

[GenerateSerializer, Immutable]
public sealed record SurgeAlert([property: Id(0)] int Negative, [property: Id(1)] int Comments, [property: Id(2)] DateTimeOffset Since, [property: Id(3)] int WindowSeconds);

/// <summary>The moderation panel's view of a room: held comments, the latest of every verdict, the surge alert, the most-asked topics and the tally.</summary>
[GenerateSerializer, Immutable]
public sealed record ModerationState(
    [property: Id(0)] IReadOnlyList<ConsoleComment> Held,
    [property: Id(1)] IReadOnlyList<ConsoleComment> Latest,
    [property: Id(2)] SurgeAlert? Surge,
    [property: Id(3)] IReadOnlyList<AskedTopic> Asked,
    [property: Id(4)] TallyState? Tally,
    [property: Id(5)] CommentTotals Totals);

/// <summary>A mute or block as the room applies it.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomBan([property: Id(0)] string ViewerId, [property: Id(1)] bool Block, [property: Id(2)] DateTimeOffset? Until);
