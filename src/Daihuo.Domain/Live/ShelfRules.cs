using Daihuo.Domain.Common;

namespace Daihuo.Domain.Live;

/// <summary>A session as planned in the console.</summary>
public sealed record SessionDraft(string? Title, DateTimeOffset? PlannedStart, int PlannedMinutes, string? StreamUrl, string? BackupStreamUrl, string? HostName);

/// <summary>A SKU put on a session's shelf: its live price, the units allocated to the session, the per-buyer limit (0 = none).</summary>
public sealed record OfferDraft(Guid SkuId, Money LivePrice, int Allocated, int PerBuyerLimit);

/// <summary>
/// A flash sale (秒杀) of a SKU already on the shelf: its own units, price and per-buyer limit, a start
/// (null: now) and a countdown in minutes (30–90 is the usual range; 1–240 accepted).
/// </summary>
public sealed record FlashSaleDraft(Guid SkuId, int Quantity, Money Price, int PerBuyerLimit, DateTimeOffset? StartsAt, int Minutes);

/// <summary>The catalog facts an offer is checked against.</summary>
public sealed record SkuFacts(Money ListPrice, Money FloorPrice, bool Active);

public static class ShelfRules
{
    public const int MaxTitleLength = 100;
    public const int MaxMinutes = 720;
    public const int MaxUnits = 1_000_000;
    public const int MaxPerBuyerLimit = 99;
    public const int MinFlashMinutes = 1;
    public const int MaxFlashMinutes = 240;
    public const int DefaultFlashMinutes = 30;

    public static ValidationResult Validate(SessionDraft draft)
    {
        var result = new ValidationResult();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            result.Add(ErrorCodes.Required, "title");
        }
        else if (draft.Title.Trim().Length > MaxTitleLength)
        {
            result.Add(ErrorCodes.TooLong, "title", MaxTitleLength);
        }

        if (draft.PlannedMinutes is < 0 or > MaxMinutes)
        {
            result.Add(ErrorCodes.OutOfRange, "plannedMinutes", 0, MaxMinutes);
        }

        CheckUrl(result, draft.StreamUrl, "streamUrl");
        CheckUrl(result, draft.BackupStreamUrl, "backupStreamUrl");
        if (draft.HostName?.Trim().Length > 60)
        {
            result.Add(ErrorCodes.TooLong, "hostName", 60);
        }

        return result;
    }

    /// <param name="sku">The catalog SKU, or null when it does not exist.</param>
    public static ValidationResult Validate(OfferDraft draft, SkuFacts? sku)
    {
        var result = new ValidationResult();
        if (sku is null)
        {
            result.Add(ErrorCodes.SkuUnknown, "skuId", draft.SkuId);
            return result;
        }

        if (!sku.Active)
        {
            result.Add(ErrorCodes.ProductArchived, "skuId");
        }

        CheckPrice(result, draft.LivePrice, sku, "livePrice", floorOverride: false);

        if (draft.Allocated is < 1 or > MaxUnits)
        {
            result.Add(ErrorCodes.OutOfRange, "allocated", 1, MaxUnits);
        }

        if (draft.PerBuyerLimit is < 0 or > MaxPerBuyerLimit)
        {
            result.Add(ErrorCodes.OutOfRange, "perBuyerLimit", 0, MaxPerBuyerLimit);
        }

        return result;
    }

    /// <summary>
    /// A live price change: a reason is required; below the floor price only with the owner's
    /// override (<paramref name="floorOverride"/>), above the list price never.
    /// </summary>
    public static ValidationResult ValidatePriceChange(Money newPrice, string? reason, SkuFacts sku, bool floorOverride)
    {
        var result = new ValidationResult();
        CheckPrice(result, newPrice, sku, "livePrice", floorOverride);

        if (string.IsNullOrWhiteSpace(reason))
        {
            result.Add(ErrorCodes.Required, "reason");
        }
        else if (reason.Trim().Length > 200)
        {
            result.Add(ErrorCodes.TooLong, "reason", 200);
        }

        return result;
    }

    /// <summary>
    /// A flash sale: at least one unit, a price above zero and not above the list price (below the
    /// floor is allowed only with the owner's override, as for any live price), a start not in the
    /// past (a minute of slack for the clock on the console's tablet) and a countdown of 1–240 minutes.
    /// </summary>
    public static ValidationResult Validate(FlashSaleDraft draft, SkuFacts? sku, DateTimeOffset now, bool floorOverride)
    {
        var result = new ValidationResult();
        if (sku is null)
        {
            result.Add(ErrorCodes.SkuUnknown, "skuId", draft.SkuId);
            return result;
        }

        CheckPrice(result, draft.Price, sku, "price", floorOverride);

        if (draft.Quantity is < 1 or > MaxUnits)
        {
            result.Add(ErrorCodes.OutOfRange, "quantity", 1, MaxUnits);
        }

        if (draft.PerBuyerLimit is < 0 or > MaxPerBuyerLimit)
        {
            result.Add(ErrorCodes.OutOfRange, "perBuyerLimit", 0, MaxPerBuyerLimit);
        }

        if (draft.Minutes is < MinFlashMinutes or > MaxFlashMinutes)
        {
            result.Add(ErrorCodes.OutOfRange, "minutes", MinFlashMinutes, MaxFlashMinutes);
        }

        if (draft.StartsAt is { } start && start < now - TimeSpan.FromMinutes(1))
        {
            result.Add(ErrorCodes.InPast, "startsAt");
        }

        return result;
    }

    /// <summary>Stock added to an offer during the session: 1 to <see cref="MaxUnits"/> units, with a reason.</summary>
    public static ValidationResult ValidateTopUp(int units, int allocated, string? reason)
    {
        var result = new ValidationResult();
        if (units < 1 || (long)units + allocated > MaxUnits)
        {
            result.Add(ErrorCodes.OutOfRange, "units", 1, MaxUnits - allocated);
        }

        if (reason?.Trim().Length > 200)
        {
            result.Add(ErrorCodes.TooLong, "reason", 200);
        }

        return result;
    }

    /// <summary>A live price is above zero, not above the list price, and not below the floor unless the owner overrides.</summary>
    private static void CheckPrice(ValidationResult result, Money price, SkuFacts sku, string field, bool floorOverride)
    {
        if (price <= Money.Zero)
        {
            result.Add(ErrorCodes.MoneyZero, field);
        }
        else if (price < sku.FloorPrice && !floorOverride)
        {
            result.Add(ErrorCodes.PriceBelowFloor, field, price.ToYuanString(), sku.FloorPrice.ToYuanString());
        }
        else if (price > sku.ListPrice)
        {
            result.Add(ErrorCodes.LiveAboveList, field, price.ToYuanString(), sku.ListPrice.ToYuanString());
        }
    }

    private static void CheckUrl(ValidationResult result, string? url, string field)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        if (url.Length > 500 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            result.Add(ErrorCodes.UrlFormat, field);
        }
    }
}
