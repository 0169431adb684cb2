using System.Globalization;
using Daihuo.Data.Catalog;
using Daihuo.Server.Localization;

namespace Daihuo.Server.Components.Layout;

/// <summary>How the console shows shared things: times in the shop's zone, names in the reader's language.</summary>
public static class Display
{
    private static readonly TimeZoneInfo ShopZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static bool IsChinese => TextCatalog.Normalize(CultureInfo.CurrentUICulture) == TextCatalog.Chinese;

    public static string Category(CategoryDetails category) => IsChinese ? category.NameZh : category.NameEn;

    public static string Category(IReadOnlyList<CategoryDetails> categories, string code) =>
        categories.FirstOrDefault(c => c.Code == code) is { } c ? Category(c) : code;

    public static string Minutes(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ShopZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Seconds(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ShopZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ShopZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ShopZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
