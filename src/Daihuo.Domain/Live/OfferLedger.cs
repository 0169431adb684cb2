using Daihuo.Domain.Common;

namespace Daihuo.Domain.Live;

/// <summary>Why a purchase was or was not taken.</summary>
public enum PurchaseOutcome
{
    Accepted = 0,
    SoldOut = 1,
    NotEnoughStock = 2,
    OverBuyerLimit = 3,
    InvalidQuantity = 4,
}

/// <summary>
/// The stock of one shelf item: units allocated to the session, units sold (reserved by placed
/// orders), and what each buyer holds, so the per-buyer limit is exact. Pure and single-threaded:
/// the offer grain is its only writer, the database's fence its last word.
/// </summary>
public sealed class OfferLedger(int allocated, int perBuyerLimit)
{
    private readonly Dictionary<string, int> _byBuyer = new(StringComparer.Ordinal);

    public int Allocated { get; private set; } = allocated;

    public int Sold { get; private set; }

    public int PerBuyerLimit { get; } = perBuyerLimit;

    public int Remaining => Allocated - Sold;

    public int HeldBy(string buyerId) => _byBuyer.GetValueOrDefault(buyerId);

    public PurchaseOutcome Decide(string buyerId, int quantity)
    {
        if (quantity <= 0 || (PerBuyerLimit > 0 && quantity > PerBuyerLimit))
        {
            return quantity <= 0 ? PurchaseOutcome.InvalidQuantity : PurchaseOutcome.OverBuyerLimit;
        }

        if (Remaining <= 0)
        {
            return PurchaseOutcome.SoldOut;
        }

        if (PerBuyerLimit > 0 && HeldBy(buyerId) + quantity > PerBuyerLimit)
        {
            return PurchaseOutcome.OverBuyerLimit;
        }

        return quantity > Remaining ? PurchaseOutcome.NotEnoughStock : PurchaseOutcome.Accepted;
    }

    /// <summary>Takes the units if <see cref="Decide"/> accepts; returns the outcome either way.</summary>
    public PurchaseOutcome TryReserve(string buyerId, int quantity)
    {
        var outcome = Decide(buyerId, quantity);
        if (outcome == PurchaseOutcome.Accepted)
        {
            Sold += quantity;
            _byBuyer[buyerId] = HeldBy(buyerId) + quantity;
        }

        return outcome;
    }

    /// <summary>Gives units back (an order cancelled or a batch that did not commit).</summary>
    public void Release(string buyerId, int quantity)
    {
        var held = HeldBy(buyerId);
        if (quantity <= 0 || quantity > held)
        {
            throw new InvalidOperationException($"Cannot release {quantity} of {held} held by {buyerId}.");
        }

        Sold -= quantity;
        if (held == quantity)
        {
            _byBuyer.Remove(buyerId);
        }
        else
        {
            _byBuyer[buyerId] = held - quantity;
        }
    }

    /// <summary>Rebuilds from the journal: every live (not cancelled) order of this offer.</summary>
    public void Replay(string buyerId, int quantity)
    {
        Sold += quantity;
        _byBuyer[buyerId] = HeldBy(buyerId) + quantity;
    }

    public void TopUp(int units)
    {
        if (units <= 0)
        {
            throw new DomainValidationException(ErrorCodes.InvalidNumber, "units");
        }

        Allocated += units;
    }

    public static Money Total(Money unitPrice, int quantity) => unitPrice * quantity;
}
