using System.Globalization;
using Daihuo.Server.Localization;
using Microsoft.AspNetCore.Localization;

namespace Daihuo.Server.Common;

internal static class CultureSetup
{
    /// <summary>
    /// The user's choice (culture cookie) wins, then the browser's Accept-Language; Chinese is the
    /// default for a Chinese product. Only zh-CN and en exist; zh-TW or zh-Hans read zh-CN.
    /// </summary>
    public static IApplicationBuilder UseDaihuoCultures(this IApplicationBuilder app)
    {
        var cultures = TextCatalog.Cultures.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(TextCatalog.Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new QueryStringRequestCultureProvider { QueryStringKey = "culture", UIQueryStringKey = "culture" });
        options.RequestCultureProviders.Add(new CookieRequestCultureProvider());
        options.RequestCultureProviders.Add(new ChineseAwareAcceptLanguageProvider());
        return app.UseRequestLocalization(options);
    }

    public static string CookieValue(string culture) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(TextCatalog.Normalize(culture)));

    /// <summary>Maps any zh-* to zh-CN and any other language to en, so "zh-Hans" or "en-GB" still match.</summary>
    private sealed class ChineseAwareAcceptLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var header = httpContext.Request.Headers.AcceptLanguage.ToString();
            if (string.IsNullOrWhiteSpace(header))
            {
                return NullProviderCultureResult;
            }

            var first = header.Split(',')[0].Split(';')[0].Trim();
            if (first.Length == 0 || first == "*")
            {
                return NullProviderCultureResult;
            }

            var culture = TextCatalog.Normalize(first);
            return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
        }
    }
}
