using Daihuo.Domain.Common;

namespace Daihuo.Domain.Live;

/// <summary>A session as planned in the console.</summary>
public sealed record SessionDraft(string? Title, DateTimeOffset? PlannedStart, int PlannedMinutes, string? StreamUrl, string? BackupStreamUrl, string? HostName);

/// <summary>A SKU put on a session's shelf: its live price, the units allocated to the session, the per-buyer limit (0 = none).</summary>
public sealed record OfferDraft(Guid SkuId, Money LivePrice, int Allocated, int PerBuyerLimit);

/// <summary>The catalog facts an offer is checked against.</summary>
public sealed record SkuFacts(Money ListPrice, Money FloorPrice, bool Active);

public static class ShelfRules
{
    public const int MaxTitleLength = 100;
    public const int MaxMinutes = 720;
    public const int MaxUnits = 1_000_000;
    public const int MaxPerBuyerLimit = 99;

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

        if (draft.LivePrice <= Money.Zero)
        {
            result.Add(ErrorCodes.MoneyZero, "livePrice");
        }
        else if (draft.LivePrice < sku.FloorPrice)
        {
            result.Add(ErrorCodes.PriceBelowFloor, "livePrice", draft.LivePrice.ToYuanString(), sku.FloorPrice.ToYuanString());
        }
        else if (draft.LivePrice > sku.ListPrice)
        {
            result.Add(ErrorCodes.LiveAboveList, "livePrice", draft.LivePrice.ToYuanString(), sku.ListPrice.ToYuanString());
        }

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
        if (newPrice <= Money.Zero)
        {
            result.Add(ErrorCodes.MoneyZero, "livePrice");
        }
        else if (newPrice < sku.FloorPrice && !floorOverride)
        {
            result.Add(ErrorCodes.PriceBelowFloor, "livePrice", newPrice.ToYuanString(), sku.FloorPrice.ToYuanString());
        }
        else if (newPrice > sku.ListPrice)
        {
            result.Add(ErrorCodes.LiveAboveList, "livePrice", newPrice.ToYuanString(), sku.ListPrice.ToYuanString());
        }

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
