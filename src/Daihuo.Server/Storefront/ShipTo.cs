using Daihuo.Domain.Common;
using Daihuo.Live.Orders;

namespace Daihuo.Server.Storefront;

/// <summary>Where an order ships: recipient, a mainland mobile number and the address line, checked before any stock is taken.</summary>
internal static class ShipTo
{
    public const int MaxAddress = 120;

    public static OrderContact Validate(OrderRequest request, Buyer buyer)
    {
        var errors = new ValidationResult();
        var name = request.ShipName?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "shipName");
        }
        else if (name.Length > 20)
        {
            errors.Add(ErrorCodes.TooLong, "shipName", 20);
        }

        var phone = BuyerIdentity.Phone(request.ShipPhone, "shipPhone", errors);
        var address = request.ShipAddress?.Trim() ?? string.Empty;
        if (address.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "shipAddress");
        }
        else if (address.Length is < 5 or > MaxAddress)
        {
            errors.Add(ErrorCodes.OutOfRange, "shipAddress", 5, MaxAddress);
        }

        errors.ThrowIfInvalid();
        return new OrderContact(buyer.Nickname, buyer.MaskedPhone, name, phone, address);
    }
}
