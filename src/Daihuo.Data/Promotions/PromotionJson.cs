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

    public static string Write(Promotion promotion) => JsonSerializer.Serialize(promotion, promotion.GetType(), Options);

    public static Promotion Read(PromotionKind kind, string json) =>
        (Promotion)(JsonSerializer.Deserialize(json, Types[kind], Options) ?? throw new JsonException("Empty promotion terms."));

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Money.FromFen(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Fen);
    }
}
