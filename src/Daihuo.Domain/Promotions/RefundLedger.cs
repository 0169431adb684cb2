using Daihuo.Domain.Common;

namespace Daihuo.Domain.Promotions;

/// <summary>
/// What can still be refunded of a paid order, line by line. A line's paid amount is split over its
/// units by largest remainder (the first units carry the odd fen), and units are refunded in turn,
/// so partial refunds never return more than was paid for the line and refunding every unit of every
/// line returns exactly the order's total.
/// </summary>
public sealed class RefundLedger
{
    private readonly long[] _paid;
    private readonly int[] _quantity;
    private readonly int[] _refundedUnits;

    public RefundLedger(IReadOnlyList<PricedLine> lines)
    {
        _paid = lines.Select(l => l.Amount.Fen).ToArray();
        _quantity = lines.Select(l => l.Quantity).ToArray();
        _refundedUnits = new int[lines.Count];
    }

    /// <summary>One order line of which the first <paramref name="refundedUnits"/> units were refunded before.</summary>
    public RefundLedger(Money paid, int quantity, int refundedUnits = 0)
    {
        if (quantity < 1 || refundedUnits < 0 || refundedUnits > quantity || paid.Fen < 0)
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "units", 0, quantity);
        }

        _paid = [paid.Fen];
        _quantity = [quantity];
        _refundedUnits = [0];
        if (refundedUnits > 0)
        {
            Refund(0, refundedUnits);
        }
    }

    public Money Paid => Money.FromFen(_paid.Sum());

    public Money Refunded { get; private set; }

    public int RefundableUnits(int line) => _quantity[line] - _refundedUnits[line];

    /// <summary>The amount for the next <paramref name="units"/> units of a line, without refunding them.</summary>
    public Money Quote(int line, int units)
    {
        if (line < 0 || line >= _paid.Length)
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "line", 0, _paid.Length - 1);
        }

        if (units < 1 || units > RefundableUnits(line))
        {
            throw new DomainValidationException(ErrorCodes.OutOfRange, "units", 1, RefundableUnits(line));
        }

        long fen = 0;
        for (var u = _refundedUnits[line]; u < _refundedUnits[line] + units; u++)
        {
            fen += UnitShare(line, u);
        }

        return Money.FromFen(fen);
    }

    /// <summary>Refunds the next <paramref name="units"/> units of a line and answers the amount returned.</summary>
    public Money Refund(int line, int units)
    {
        var amount = Quote(line, units);
        _refundedUnits[line] += units;
        Refunded += amount;
        return amount;
    }

    private long UnitShare(int line, int unit)
    {
        var each = _paid[line] / _quantity[line];
        return each + (unit < _paid[line] % _quantity[line] ? 1 : 0);
    }
}
