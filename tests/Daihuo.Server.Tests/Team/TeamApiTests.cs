using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daihuo.Server.Tests.Support;

namespace Daihuo.Server.Tests.Team;

public sealed class TeamApiTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_owner_invites_a_member_who_can_then_sign_in_with_the_temporary_password()
    {
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);

        var response = await owner.PostAsJsonAsync("/api/team/staff", new { email = "new-host@daihuo.local", displayName = "主播 小雨", roles = new[] { "Host" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var password = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("temporaryPassword").GetString()!;
        var member = await app.SignInAsync("new-host@daihuo.local", password);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/catalog/products", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_role_change_is_audited_with_before_after_and_reason_and_takes_effect()
    {
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var staff = await owner.GetFromJsonAsync<JsonElement>("/api/team/staff", Ct);
        var assistant = staff.EnumerateArray().Single(s => s.GetProperty("email").GetString() == "assistant@daihuo.local");
        var id = assistant.GetProperty("id").GetString();

        var changed = await owner.PutAsJsonAsync($"/api/team/staff/{id}/roles", new { roles = new[] { "Assistant", "Operator" }, reason = "兼任运营" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var audit = await owner.GetFromJsonAsync<JsonElement>($"/api/audit?action=team.roles.changed&search={id}", Ct);
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("兼任运营", entry.GetProperty("reason").GetString());
        Assert.Contains("Assistant", entry.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Operator", entry.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("Operator", entry.GetProperty("after").GetString(), StringComparison.Ordinal);
        var member = await app.SignInAsync("assistant@daihuo.local");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/catalog/export?format=csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync("/api/catalog/products", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_last_owner_cannot_lose_the_role_and_bad_roles_are_refused()
    {
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        var staff = await owner.GetFromJsonAsync<JsonElement>("/api/team/staff", Ct);
        var ownerId = staff.EnumerateArray().Single(s => s.GetProperty("email").GetString() == DaihuoApp.OwnerEmail).GetProperty("id").GetString();

        var demote = await owner.PutAsJsonAsync($"/api/team/staff/{ownerId}/roles", new { roles = new[] { "Host" } }, Ct);
        var unknown = await owner.PostAsJsonAsync("/api/team/staff", new { email = "x@daihuo.local", displayName = "X", roles = new[] { "Emperor" } }, Ct);
        var badEmail = await owner.PostAsJsonAsync("/api/team/staff", new { email = "not-an-email", displayName = "X", roles = new[] { "Host" } }, Ct);

        await ProblemAssert.NamesFieldAsync(demote, HttpStatusCode.BadRequest, "roles");
        await ProblemAssert.NamesFieldAsync(unknown, HttpStatusCode.BadRequest, "roles");
        await ProblemAssert.NamesFieldAsync(badEmail, HttpStatusCode.BadRequest, "email");
    }

    [Fact]
    public async Task A_disabled_member_cannot_sign_in()
    {
        var owner = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var invite = await owner.PostAsJsonAsync("/api/team/staff", new { email = "leaver@daihuo.local", displayName = "离职 测试", roles = new[] { "Host" } }, Ct);
        var body = await invite.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("staff").GetProperty("id").GetString();
        var password = body.GetProperty("temporaryPassword").GetString()!;

        var disabled = await owner.PutAsJsonAsync($"/api/team/staff/{id}/disabled", new { disabled = true, reason = "离职" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        var visitor = app.CreateClient(new() { AllowAutoRedirect = false });
        var login = await DaihuoApp.PostLoginAsync(visitor, "leaver@daihuo.local", password);
        Assert.Contains("error=disabled", login.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
