using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;

namespace Daihuo.Server.Tests.Compliance;

/// <summary>The shop's list on top of Daihuo's: saved only whole and valid, versioned, exported as TSV, and applied to the next check at once.</summary>
public abstract class ComplianceApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : DaihuoApp
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> MatchedAsync(HttpClient client, string text) =>
        [.. (await (await client.PostAsJsonAsync("/api/compliance/check", new { text }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct))
            .EnumerateArray().Select(f => f.GetProperty("matched").GetString()!)];

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_shop_adds_terms_and_exceptions_takes_back_a_default_one_and_a_bad_line_changes_nothing(string language)
    {
        app.SkipIfUnavailable();
        var risk = await app.SignInAsync("risk@daihuo.local", language: language);
        var list = await risk.GetFromJsonAsync<JsonElement>("/api/compliance/list", Ct);
        var version = list.GetProperty("version").GetInt32();

        // A bad line: refused with its line number, and the list stays as it was.
        var bad = await risk.PutAsJsonAsync("/api/compliance/list", new { tsv = "custom\thold\tcustom\t{竞品|某某牌\t-", version }, Ct);
        var message = await ProblemAssert.NamesFieldAsync(bad, HttpStatusCode.BadRequest, "lines[1].pattern");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        Assert.Equal(version, (await risk.GetFromJsonAsync<JsonElement>("/api/compliance/list", Ct)).GetProperty("version").GetInt32());

        Assert.Equal(["最好"], await MatchedAsync(risk, "这是最好看的一款"));
        Assert.Empty(await MatchedAsync(risk, "第一次买"));
        const string tsv = "custom\thold\tcustom\t{竞品|某某}牌\t不提竞品\nallow\t-\t-\t最好看的\t-\nunallow\t-\t-\t第一次\t-\n";
        var saved = await risk.PutAsJsonAsync("/api/compliance/list", new { tsv, version }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(version + 1, (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());

        Assert.Empty(await MatchedAsync(risk, "这是最好看的一款"));
        Assert.Equal(["第一"], await MatchedAsync(risk, "第一次买"));
        Assert.Equal(["竞品牌"], await MatchedAsync(risk, "比竞品牌好"));
        Assert.Equal(tsv, await risk.GetStringAsync("/api/compliance/list.tsv", Ct));

        // A save based on the old version is refused; a host may check but not edit.
        await ProblemAssert.NamesFieldAsync(await risk.PutAsJsonAsync("/api/compliance/list", new { tsv = string.Empty, version }, Ct), HttpStatusCode.Conflict, "version");
        var host = await app.SignInAsync("host@daihuo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.PutAsJsonAsync("/api/compliance/list", new { tsv = string.Empty, version = version + 1 }, Ct)).StatusCode);

        // Back to Daihuo's list alone for the other tests.
        Assert.Equal(HttpStatusCode.OK, (await risk.PutAsJsonAsync("/api/compliance/list", new { tsv = string.Empty, version = version + 1 }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_default_list_exports_as_tsv_with_more_than_two_thousand_terms()
    {
        app.SkipIfUnavailable();
        var host = await app.SignInAsync("host@daihuo.local");
        var tsv = await host.GetStringAsync("/api/compliance/default.tsv", Ct);
        Assert.True(tsv.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("allow", StringComparison.Ordinal)) >= 2_000);
    }
}

public sealed class SqliteComplianceApiTests(DaihuoApp app) : ComplianceApiTests<DaihuoApp>(app);

public sealed class PostgresComplianceApiTests(PostgresDaihuoApp app) : ComplianceApiTests<PostgresDaihuoApp>(app);
