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

    public const string OutOfRange = "out_of_range";
    public const string UrlFormat = "url_format";
    public const string SkuUnknown = "catalog_sku_unknown";
    public const string PriceBelowFloor = "live_price_below_floor";
    public const string SessionNotFound = "live_session_not_found";
    public const string SessionStageMove = "live_session_stage_move";
    public const string SessionClosed = "live_session_closed";
    public const string SessionNotSelling = "live_session_not_selling";
    public const string AudienceRehearsalOnly = "live_audience_rehearsal_only";
    public const string AudienceRunning = "live_audience_running";
    public const string AudienceBusy = "live_audience_busy";
    public const string AudienceNoLoopback = "live_audience_no_loopback";
    public const string OfferNotFound = "live_offer_not_found";
    public const string OfferDuplicate = "live_offer_duplicate";
    public const string SoldOut = "order_sold_out";
    public const string NotEnoughStock = "order_not_enough_stock";
    public const string OverBuyerLimit = "order_over_buyer_limit";
    public const string InvalidQuantity = "order_invalid_quantity";
    public const string IdempotencyKeyMissing = "idempotency_key_missing";
    public const string IdempotencyKeyFormat = "idempotency_key_format";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyInFlight = "idempotency_in_flight";
    public const string OrderRetry = "order_retry";
    public const string BuyerUnknown = "buyer_unknown";
    public const string PhoneFormat = "phone_format";
    public const string OwnerOnly = "owner_only";
    public const string OrderNotFound = "order_not_found";
    public const string OrderNotPayable = "order_not_payable";
    public const string PaymentSignature = "payment_signature";
    public const string PaymentAmount = "payment_amount";
    public const string InPast = "in_past";
    public const string FlashNotStarted = "order_flash_not_started";
    public const string FlashEnded = "order_flash_ended";
    public const string OfferUnlisted = "live_offer_unlisted";
    public const string ShelfOrder = "live_shelf_order";
    public const string OrderNotCancellable = "order_not_cancellable";
    public const string RoomEventKind = "room_event_kind";
    public const string TooFast = "too_fast";
    public const string PromoStackingKind = "promo_stacking_kind";
    public const string PromoStackingLoop = "promo_stacking_loop";
    public const string PromoTiersOverlap = "promo_tiers_overlap";
    public const string PromoCouponValue = "promo_coupon_value";
    public const string PromoWindow = "promo_window";
    public const string PromoOffAboveThreshold = "promo_off_above_threshold";
    public const string PromoCouponGone = "promo_coupon_gone";
    public const string PromoCouponHeld = "promo_coupon_held";
    public const string PromoCouponUnavailable = "promo_coupon_unavailable";
    public const string OrderNotRefundable = "order_not_refundable";
    public const string CheckoutIncomplete = "checkout_incomplete";
    public const string CheckoutPriceChanged = "checkout_price_changed";
    public const string CheckoutDuplicateOffer = "checkout_duplicate_offer";
    public const string CheckoutOtherRoom = "checkout_other_room";
    public const string CheckoutAbandoned = "checkout_abandoned";
    public const string ComplianceTermFormat = "compliance_term_format";
    public const string ComplianceListStale = "compliance_list_stale";
    public const string LotteryPrizeCap = "lottery_prize_cap";
    public const string RetryLater = "retry_later";
    public const string LotteryNotOpen = "lottery_not_open";
    public const string LotteryNotFound = "lottery_not_found";
    public const string TallyOptionDuplicate = "tally_option_duplicate";
    public const string CommentNotHeld = "comment_not_held";
    public const string ViewerBlocked = "viewer_blocked";
    public const string AnswerNotFound = "answer_not_found";
}
