using System.Text.Json;
using System.Text.Json.Serialization;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;

namespace Daihuo.Data.Promotions;

/// <summary>A promotion's terms as JSON: the Domain record of its kind, money as fen.</summary>
public static class PromotionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new MoneyConverter() } };

    private static readonly Dictionary<PromotionKind, Type> Types = new()
    {
        [PromotionKind.FlashPrice] = typeof(FlashPrice),
        [PromotionKind.MemberPrice] = typeof(MemberPrice),
        [PromotionKind.RankTier] = typeof(RankTierPrice),
        [PromotionKind.MultiBuy] = typeof(MultiBuy),
        [PromotionKind.Bundle] = typeof(BundlePrice),
        [PromotionKind.Threshold] = typeof(ThresholdDiscount),
        [PromotionKind.Coupon] = typeof(Coupon),
        [PromotionKind.Gift] = typeof(Gift),
    };

    private static readonly JsonSerializerOptions PolicyOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Write(StackingPolicy policy) => JsonSerializer.Serialize(policy, PolicyOptions);

    public static StackingPolicy ReadPolicy(string json) =>
        JsonSerializer.Deserialize<StackingPolicy>(json, PolicyOptions) ?? throw new JsonException("Empty stacking policy.");

    public static string Write(AdviceThresholds thresholds) => JsonSerializer.Serialize(thresholds, PolicyOptions);

    public static AdviceThresholds ReadAdvice(string json) => JsonSerializer.Deserialize<AdviceThresholds>(json, PolicyOptions) ?? new AdviceThresholds();

    public static string Write(Promotion promotion) => JsonSerializer.Serialize(promotion, promotion.GetType(), Options);

    public static Promotion Read(PromotionKind kind, string json) =>
        (Promotion)(JsonSerializer.Deserialize(json, Types[kind], Options) ?? throw new JsonException("Empty promotion terms."));

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Money.FromFen(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Fen);
    }
}

/// <summary>A priced cart's breakdown as the order keeps it: codes with their arguments as text (money in yuan), amounts in fen.</summary>
public static class PricingJson
{
    /// <summary>The gift promotions a stored breakdown granted (their ids).</summary>
    public static IReadOnlyList<string> GiftIds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("gifts", out var gifts)
            ? [.. gifts.EnumerateArray().Select(g => g.GetProperty("id").GetString()!)]
            : [];
    }

    public static string Write(PricedCart cart)
    {
        static string Arg(object a) => a switch
        {
            Money m => m.ToYuanString(),
            DateTimeOffset d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => a.ToString() ?? string.Empty,
        };

        return JsonSerializer.Serialize(new
        {
            subtotal = cart.Subtotal.Fen,
            discount = cart.Discount.Fen,
            total = cart.Total.Fen,
            applied = cart.Applied.Select(a => new { id = a.PromotionId, kind = a.Kind.ToString(), name = a.Name, amount = a.Amount.Fen, code = a.Note.Code, args = a.Note.Args.Select(Arg) }),
            skipped = cart.Skipped.Select(s => new { id = s.PromotionId, kind = s.Kind.ToString(), name = s.Name, code = s.Reason.Code, args = s.Reason.Args.Select(Arg) }),
            gifts = cart.Gifts.Select(g => new { id = g.PromotionId, sku = g.SkuId, quantity = g.Quantity }),
        });
    }
}
