using System.Net;
using System.Reflection;
using System.Text.Json;
using Daihuo.Domain.Common;
using Daihuo.Server.Localization;
using Daihuo.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Server.Tests.Common;

public sealed class HostTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_open_and_reports_the_database()
    {
        var response = await app.CreateClient().GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalog_api_for_signed_in_staff()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail);
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/api/catalog/products", out _));
        var docs = await client.GetAsync("/api/docs/v1", Ct);
        Assert.True(docs.StatusCode == HttpStatusCode.OK, $"{docs.StatusCode} {docs.Headers.Location}");
        Assert.Contains("scalar", await docs.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_first_run_seeds_the_demo_shop_and_a_later_start_prints_no_new_password()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail);
        using var products = JsonDocument.Parse(await client.GetStringAsync("/api/catalog/products?pageSize=1", Ct));
        Assert.True(products.RootElement.GetProperty("total").GetInt32() >= 40);

        using var output = new StringWriter();
        await Daihuo.Server.Seeding.Startup.InitializeAsync(app.Services, output);
        Assert.DoesNotContain("password", output.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Both_languages_have_every_text_and_every_error_code_has_one()
    {
        var catalog = app.Services.GetRequiredService<TextCatalog>();
        var zh = catalog.All(TextCatalog.Chinese);
        var en = catalog.All(TextCatalog.English);
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        Assert.DoesNotContain(codes, c => !en.ContainsKey("error." + c));
    }

    [Theory]
    [InlineData("zh-CN", "登录")]
    [InlineData("en-US,en;q=0.9", "Sign in")]
    [InlineData("zh-TW", "登录")]
    public async Task The_sign_in_page_follows_the_browser_language(string acceptLanguage, string expected)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        Assert.Contains(expected, await client.GetStringAsync("/account/login", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_choice_persists_in_a_cookie_over_the_browser_language()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "zh-CN");
        var switched = await client.GetAsync("/account/culture?culture=en&returnUrl=/catalog", Ct);
        Assert.Equal("/catalog", switched.Headers.Location?.OriginalString);

        var page = await client.GetStringAsync("/catalog", Ct);

        Assert.Contains("<html lang=\"en\"", page, StringComparison.Ordinal);
    }
}
