using Daihuo.Domain.Team;
using Daihuo.Server.Account;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Team;

public sealed record InviteRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles);

public sealed record RolesRequest(IReadOnlyList<string>? Roles, string? Reason);

public sealed record DisableRequest(bool Disabled, string? Reason);

internal static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/team").WithTags("Team").RequireAuthorization(Policies.TeamManage).DisableAntiforgery();
        api.MapGet("/roles", () => TypedResults.Ok(StaffRoles.All));
        api.MapGet("/staff", ListAsync);
        api.MapPost("/staff", InviteAsync);
        api.MapPut("/staff/{id}/roles", SetRolesAsync);
        api.MapPut("/staff/{id}/disabled", SetDisabledAsync);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<StaffRow>>> ListAsync(TeamService team, CancellationToken ct) =>
        TypedResults.Ok(await team.ListAsync(ct));

    private static async Task<Created<InviteResult>> InviteAsync(InviteRequest request, TeamService team, HttpContext http, CancellationToken ct)
    {
        var result = await team.InviteAsync(request.Email, request.DisplayName, request.Roles ?? [], http.User.ToActor(), ct);
        return TypedResults.Created($"/api/team/staff/{result.Staff.Id}", result);
    }

    private static async Task<NoContent> SetRolesAsync(string id, RolesRequest request, TeamService team, HttpContext http, CancellationToken ct)
    {
        await team.SetRolesAsync(id, request.Roles ?? [], request.Reason, http.User.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetDisabledAsync(string id, DisableRequest request, TeamService team, HttpContext http, CancellationToken ct)
    {
        await team.SetDisabledAsync(id, request.Disabled, request.Reason, http.User.ToActor(), ct);
        return TypedResults.NoContent();
    }
}
