using System.Security.Claims;
using Daihuo.Data.Audit;
using Daihuo.Data.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Daihuo.Server.Account;

/// <summary>Adds the display name to the sign-in cookie so pages and audit entries need no lookup.</summary>
internal sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "daihuo:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

public static class PrincipalExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        return new Actor(id, user.DisplayName());
    }

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(StaffClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "?";
}
