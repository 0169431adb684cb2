using Daihuo.Data.Audit;
using Daihuo.Data.Interaction;
using Daihuo.Domain.Common;
using Daihuo.Domain.Interaction;
using Daihuo.Domain.Promotions;
using Microsoft.Extensions.Logging;

namespace Daihuo.Live.Rooms;

/// <summary>
/// Like milestones: every time the room's likes pass another multiple of a milestone's step, it
/// issues a room coupon or opens a lottery, as the staff member who set it up. The store's mark
/// decides between retries and nodes, so each multiple fires once.
/// </summary>
public sealed partial class RoomGrain
{
    private readonly List<(MilestoneDetails Milestone, long Fired)> _milestones = [];

    private async Task LoadMilestonesAsync()
    {
        _milestones.Clear();
        foreach (var m in await interactions.MilestonesAsync(_sessionId, _test))
        {
            if (m.Active)
            {
                _milestones.Add((m, m.Fired));
            }
        }
    }

    Task IRoomGrain.ReloadMilestonesAsync() => LoadMilestonesAsync();

    private void CheckMilestones()
    {
        for (var i = 0; i < _milestones.Count; i++)
        {
            var (m, fired) = _milestones[i];
            var reached = MilestoneRules.Reached(_likes, m.EveryLikes);
            if (reached > fired)
            {
                _milestones[i] = (m, reached);
                _ = FireMilestoneAsync(m, reached);
            }
        }
    }

    private async Task FireMilestoneAsync(MilestoneDetails m, long reached)
    {
        try
        {
            if (!await interactions.FireMilestoneAsync(m.Id, reached))
            {
                return;
            }

            var actor = m.CreatedBy with { Name = m.CreatedBy.Name + " (milestone)" };
            var now = clock.UtcNow;
            if (m.Coupon is { } c)
            {
                var coupon = new Coupon(string.Empty, c.Name, Money.FromFen(c.AmountOffFen), null, null, Money.FromFen(c.MinSpendFen), c.Quantity, 1)
                {
                    Scope = CouponScope.Room,
                    StartsAt = now,
                    EndsAt = now.AddMinutes(c.Minutes),
                };
                await promotions.CreateAsync(coupon, _sessionId, actor);
            }
            else if (m.Lottery is { } l)
            {
                await interactions.OpenLotteryAsync(_sessionId, l.ToDraft(), actor);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogMilestoneFailed(logger, ex, m.Id, reached);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Like milestone {Milestone} did not fire for multiple {Reached}.")]
    private static partial void LogMilestoneFailed(ILogger logger, Exception ex, Guid milestone, long reached);
}
