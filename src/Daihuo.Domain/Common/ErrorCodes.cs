namespace Daihuo.Domain.Common;

/// <summary>
/// Every reason a command can be refused, as a stable code. The Server's resource files hold the
/// zh-CN and en text for each; a test checks that none is missing.
/// </summary>
public static class ErrorCodes
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string TooMany = "too_many";
    public const string InvalidChoice = "invalid_choice";
    public const string InvalidNumber = "invalid_number";
    public const string CodeFormat = "code_format";
    public const string MoneyNegative = "money_negative";
    public const string MoneyZero = "money_zero";
    public const string MoneyTooLarge = "money_too_large";
    public const string MoneyFormat = "money_format";

    public const string CategoryUnknown = "catalog_category_unknown";
    public const string LiveAboveList = "catalog_live_above_list";
    public const string FloorAboveLive = "catalog_floor_above_live";
    public const string SkuRequired = "catalog_sku_required";
    public const string SkuCodeDuplicate = "catalog_sku_code_duplicate";
    public const string SkuCodeTaken = "catalog_sku_code_taken";
    public const string SkuVariantDuplicate = "catalog_sku_variant_duplicate";
    public const string ProductCodeTaken = "catalog_product_code_taken";
    public const string ProductNotFound = "catalog_product_not_found";
    public const string ProductArchived = "catalog_product_archived";
    public const string ProductStale = "catalog_product_stale";
    public const string ImportRowConflict = "catalog_import_row_conflict";

    public const string FileType = "file_type";
    public const string FileTooLarge = "file_too_large";
    public const string FileEmpty = "file_empty";
    public const string FileHeaderMissing = "file_header_missing";
    public const string ImageUnreadable = "image_unreadable";
    public const string ImageNotFound = "image_not_found";
    public const string TooManyImages = "too_many_images";

    public const string StaffNotFound = "team_staff_not_found";
    public const string StaffEmailTaken = "team_email_taken";
    public const string EmailFormat = "email_format";
    public const string RoleUnknown = "team_role_unknown";
    public const string LastOwner = "team_last_owner";
    public const string CannotDisableSelf = "team_cannot_disable_self";
    public const string PasswordRejected = "team_password_rejected";
}
