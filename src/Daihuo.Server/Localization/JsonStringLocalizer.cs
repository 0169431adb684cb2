using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Localization;

/// <summary>Marker type for the console's and the API's texts: inject <c>IStringLocalizer&lt;Strings&gt;</c>.</summary>
public sealed class Strings;

/// <summary>
/// Texts for zh-CN and en, read once from the embedded resource files
/// <c>Localization/Resources/{culture}.json</c> (flat "key": "text" maps). A key missing in one
/// language falls back to English, then to the key itself; a test keeps both files complete.
/// </summary>
public sealed class TextCatalog
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Cultures = [Chinese, English];

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    public TextCatalog()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var texts = new Dictionary<string, FrozenDictionary<string, string>>();
        foreach (var culture in Cultures)
        {
            var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Resources.{culture}.json", StringComparison.Ordinal));
            using var stream = assembly.GetManifestResourceStream(name)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
            texts[culture] = map.ToFrozenDictionary(StringComparer.Ordinal);
        }

        _texts = texts.ToFrozenDictionary();
    }

    public IReadOnlyDictionary<string, string> All(string culture) => _texts[culture];

    /// <summary>zh, zh-CN, zh-Hans, zh-TW… read Chinese; everything else reads English.</summary>
    public static string Normalize(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" ? Chinese : English;

    public static string Normalize(string? culture) =>
        culture is not null && culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public string? Find(string key, CultureInfo culture)
    {
        var lang = Normalize(culture);
        if (_texts[lang].TryGetValue(key, out var text))
        {
            return text;
        }

        return _texts[English].TryGetValue(key, out text) ? text : null;
    }
}

internal sealed class JsonStringLocalizer(TextCatalog catalog) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = catalog.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            try
            {
                return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
            }
            catch (FormatException)
            {
                // A text asking for more arguments than the caller gave must not turn an error into a 500.
                return new LocalizedString(name, format.Value, format.ResourceNotFound);
            }
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalog.All(TextCatalog.Normalize(CultureInfo.CurrentUICulture)).Select(kv => new LocalizedString(kv.Key, kv.Value));
}

internal sealed class JsonStringLocalizerFactory(TextCatalog catalog) : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer _localizer = new(catalog);

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;
}
