using Daihuo.Data.Audit;
using Daihuo.Data.Interaction;
using Daihuo.Domain.Interaction;
using Daihuo.Live.Orders;
using Daihuo.Live.Promotions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Daihuo.Live.Interaction;

/// <summary>
/// Draws lotteries when their time comes (or when the controller draws now) and hands out coupon
/// prizes through the coupon's grain, so a prize counts against the coupon's quantity like any claim.
/// Every server runs it; the store's version check lets exactly one of them draw a lottery.
/// </summary>
public sealed partial class LotteryDrawer(InteractionStore store, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<LotteryDrawer> logger)
    : BackgroundService
{
    public static readonly Actor System = new("system", "lottery");

    // Engagement events reach the table in batches every 200 ms: a draw waits for the last batch before it fixes the list.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    public async Task<LotteryDetails?> DrawAsync(Guid lotteryId, Actor actor, CancellationToken ct = default)
    {
        await Task.Delay(Settle, ct);
        var drawn = await store.DrawAsync(lotteryId, actor, ct);
        if (drawn is not null)
        {
            await DeliverAsync(drawn, ct);
            return await store.LotteryAsync(lotteryId, ct);
        }

        return null;
    }

    private async Task DeliverAsync(LotteryDetails lottery, CancellationToken ct)
    {
        if (lottery.Kind == PrizeKind.Goods && lottery.PrizeOfferId is { } offerId)
        {
            await DeliverGoodsAsync(lottery, offerId, ct);
            return;
        }

        if (lottery.Kind != PrizeKind.Coupon || lottery.CouponId is not { } couponId)
        {
            return;
        }

        foreach (var winner in lottery.Winners.Where(w => w.CouponClaimId is null))
        {
            var result = await grains.GetGrain<ICouponGrain>(couponId).GrantPrizeAsync(winner.BuyerId);
            if (result.ClaimId is { } claim)
            {
                await store.RecordPrizeAsync(lottery.Id, winner.Rank, claim, ct);
            }
            else
            {
                LogPrizeNotGranted(logger, lottery.Id, winner.Rank, result.Outcome.ToString());
            }
        }
    }

    /// <summary>
    /// One unit of the prize offer for each winner, as an order placed through the offer's grain (so a
    /// prize never takes a unit that is not there) and marked paid at once: it costs the winner nothing.
    /// The key is the lottery and rank, so a retry places nothing twice.
    /// </summary>
    private async Task DeliverGoodsAsync(LotteryDetails lottery, Guid offerId, CancellationToken ct)
    {
        var offer = grains.Offer(offerId, lottery.IsTest);
        foreach (var winner in lottery.Winners.Where(w => w.OrderId is null))
        {
            var key = $"prize-{lottery.Id:N}-{winner.Rank}";
            var placed = await offer.PlaceOrderAsync(new Orders.PlaceOrder(winner.BuyerId, 1, key, key) { PrizeOf = lottery.Id });
            if (placed.Outcome == Orders.OrderOutcome.Accepted && placed.OrderId is { } orderId)
            {
                await offer.MarkPaidAsync(orderId);
                await store.RecordPrizeOrderAsync(lottery.Id, winner.Rank, orderId, ct);
            }
            else
            {
                LogPrizeNotGranted(logger, lottery.Id, winner.Rank, placed.Outcome.ToString());
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The schema is migrated before the server takes requests: draw only once the host has started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var id in await store.DueLotteriesAsync(stoppingToken))
                {
                    await DrawAsync(id, System, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                LogTickFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lottery {Lottery}: the prize of rank {Rank} was not granted ({Outcome}).")]
    private static partial void LogPrizeNotGranted(ILogger logger, Guid lottery, int rank, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lottery draw tick failed; retrying.")]
    private static partial void LogTickFailed(ILogger logger, Exception ex);
}
