namespace Daihuo.Domain.Live;

/// <summary>What happens in a room, as appended to the room's event table (SPEC.md section 3).</summary>
public enum RoomEventKind
{
    Entry = 0,
    Exit = 1,
    Like = 2,
    Comment = 3,
    Follow = 4,
    ProductClick = 5,
    OrderPlaced = 6,
    OrderPaid = 7,
    OrderCancelled = 8,
    ShelfChange = 9,
    Share = 10,

    /// <summary>A held comment released by the room controller (<c>CommentSeq</c> names it).</summary>
    CommentReleased = 11,

    /// <summary>A held comment deleted by the room controller.</summary>
    CommentDeleted = 12,
}
