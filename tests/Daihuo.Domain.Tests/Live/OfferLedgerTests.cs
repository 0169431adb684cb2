using Daihuo.Domain.Live;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Daihuo.Domain.Tests.Live;

public sealed class OfferLedgerTests
{
    [Fact]
    public void Takes_units_until_sold_out_and_says_why_it_refuses()
    {
        var ledger = new OfferLedger(allocated: 3, perBuyerLimit: 2);

        Assert.Equal(PurchaseOutcome.Accepted, ledger.TryReserve("a", 2));
        Assert.Equal(PurchaseOutcome.OverBuyerLimit, ledger.TryReserve("a", 1));
        Assert.Equal(PurchaseOutcome.NotEnoughStock, ledger.TryReserve("b", 2));
        Assert.Equal(PurchaseOutcome.Accepted, ledger.TryReserve("b", 1));
        Assert.Equal(PurchaseOutcome.SoldOut, ledger.TryReserve("c", 1));
        Assert.Equal(PurchaseOutcome.InvalidQuantity, ledger.TryReserve("c", 0));
        Assert.Equal(PurchaseOutcome.OverBuyerLimit, ledger.TryReserve("c", 3));
        Assert.Equal(0, ledger.Remaining);
    }

    [Fact]
    public void Released_units_go_back_on_the_shelf_and_to_the_buyers_allowance()
    {
        var ledger = new OfferLedger(allocated: 2, perBuyerLimit: 2);
        ledger.TryReserve("a", 2);

        ledger.Release("a", 1);

        Assert.Equal(1, ledger.Remaining);
        Assert.Equal(1, ledger.HeldBy("a"));
        Assert.Equal(PurchaseOutcome.Accepted, ledger.TryReserve("a", 1));
        Assert.Throws<InvalidOperationException>(() => ledger.Release("b", 1));
    }

    [Property(MaxTest = 300)]
    public Property Any_sequence_of_purchases_and_releases_never_oversells_or_breaks_a_limit(PositiveInt allocated, PositiveInt limit, (byte Buyer, sbyte Quantity)[] steps)
    {
        var ledger = new OfferLedger(allocated.Get % 50, limit.Get % 4);
        foreach (var (buyer, quantity) in steps)
        {
            var id = "b" + (buyer % 7);
            if (quantity < 0 && ledger.HeldBy(id) >= -quantity)
            {
                ledger.Release(id, -quantity);
            }
            else
            {
                ledger.TryReserve(id, quantity % 5);
            }

            if (ledger.Sold > ledger.Allocated || ledger.Sold < 0)
            {
                return false.ToProperty();
            }
        }

        var holds = Enumerable.Range(0, 7).Select(b => ledger.HeldBy("b" + b)).ToList();
        return (holds.Sum() == ledger.Sold && (ledger.PerBuyerLimit == 0 || holds.All(h => h <= ledger.PerBuyerLimit))).ToProperty();
    }
}
