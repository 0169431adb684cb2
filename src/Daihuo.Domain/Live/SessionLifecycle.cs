namespace Daihuo.Domain.Live;

/// <summary>SPEC.md section 3: draft → scheduled → warming up → live → ended, with a rehearsal on the side.</summary>
public enum SessionStage
{
    Draft = 0,
    Scheduled = 1,
    WarmingUp = 2,
    Rehearsal = 3,
    Live = 4,
    Ended = 5,
}

public static class SessionLifecycle
{
    private static readonly Dictionary<SessionStage, SessionStage[]> Next = new()
    {
        [SessionStage.Draft] = [SessionStage.Scheduled, SessionStage.Rehearsal],
        [SessionStage.Scheduled] = [SessionStage.Draft, SessionStage.WarmingUp, SessionStage.Rehearsal, SessionStage.Live],
        [SessionStage.WarmingUp] = [SessionStage.Rehearsal, SessionStage.Live],
        [SessionStage.Rehearsal] = [SessionStage.Scheduled, SessionStage.WarmingUp, SessionStage.Live],
        [SessionStage.Live] = [SessionStage.Ended],
        [SessionStage.Ended] = [],
    };

    public static bool CanMove(SessionStage from, SessionStage to) => Next[from].Contains(to);

    public static IReadOnlyList<SessionStage> NextStages(SessionStage from) => Next[from];

    /// <summary>Only a live session sells for real; a rehearsal takes test orders.</summary>
    public static bool TakesOrders(SessionStage stage) => stage is SessionStage.Live or SessionStage.Rehearsal;

    /// <summary>The shelf can be planned until the session ends.</summary>
    public static bool ShelfEditable(SessionStage stage) => stage != SessionStage.Ended;
}
