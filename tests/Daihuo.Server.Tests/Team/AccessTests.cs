using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;

namespace Daihuo.Server.Tests.Team;

public sealed class AccessTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_api_answers_401_problem_to_a_visitor_and_pages_send_them_to_sign_in()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var api = await client.GetAsync("/api/catalog/products", Ct);
        var page = await client.GetAsync("/catalog", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service@daihuo.local", "POST", "/api/catalog/products")]
    [InlineData("host@daihuo.local", "GET", "/api/team/staff")]
    [InlineData("host@daihuo.local", "GET", "/api/audit")]
    [InlineData("controller@daihuo.local", "POST", "/api/catalog/import")]
    [InlineData("risk@daihuo.local", "PUT", "/api/team/staff/x/roles")]
    public async Task A_member_without_the_role_gets_403_problem(string email, string method, string path)
    {
        var client = await app.SignInAsync(email, language: "en");

        HttpContent content = path.EndsWith("/import", StringComparison.Ordinal)
            ? new MultipartFormDataContent { { new ByteArrayContent("a,b\n1,2"u8.ToArray()), "file", "x.csv" } }
            : JsonContent.Create(new { });
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("owner@daihuo.local", new[] { "/catalog", "/catalog/import", "/team", "/audit" }, new string[0])]
    [InlineData("host@daihuo.local", new[] { "/catalog" }, new[] { "/catalog/import", "/team", "/audit" })]
    [InlineData("risk@daihuo.local", new[] { "/catalog", "/audit" }, new[] { "/catalog/import", "/team" })]
    [InlineData("supply@daihuo.local", new[] { "/catalog", "/catalog/import" }, new[] { "/team", "/audit" })]
    public async Task The_navigation_shows_only_what_the_role_may_open(string email, string[] shown, string[] hidden)
    {
        var client = await app.SignInAsync(email);

        var html = await client.GetStringAsync("/", Ct);

        foreach (var href in shown)
        {
            Assert.Contains($"data-nav=\"{href}\"", html, StringComparison.Ordinal);
        }

        foreach (var href in hidden)
        {
            Assert.DoesNotContain($"data-nav=\"{href}\"", html, StringComparison.Ordinal);
            var page = await client.GetAsync(href, Ct);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("/forbidden", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var invite = await client.PostAsJsonAsync("/api/team/staff", new { email = "lock-me@daihuo.local", displayName = "锁定测试", roles = new[] { "Assistant" } }, Ct);
        var password = (await invite.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("temporaryPassword").GetString()!;
        var visitor = app.CreateClient(new() { AllowAutoRedirect = false });

        for (var i = 0; i < 5; i++)
        {
            var wrong = await DaihuoApp.PostLoginAsync(visitor, "lock-me@daihuo.local", "wrong-password");
            Assert.Contains("error=", wrong.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var right = await DaihuoApp.PostLoginAsync(visitor, "lock-me@daihuo.local", password);
        Assert.Contains("error=locked", right.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
