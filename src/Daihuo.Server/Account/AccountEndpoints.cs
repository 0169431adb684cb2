using Daihuo.Data.Team;
using Daihuo.Server.Common;
using Daihuo.Server.Localization;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Daihuo.Server.Account;

/// <summary>
/// Sign-in, sign-out and the language switch. Plain form posts (the sign-in page is static), so the
/// rate limiter and antiforgery apply as to any endpoint.
/// </summary>
internal static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string CulturePath = "/account/culture";
    public const string LoginRateLimit = "login";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LoginPath, LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit).ExcludeFromDescription();
        app.MapPost(LogoutPath, LogoutAsync).ExcludeFromDescription();
        app.MapGet(CulturePath, SetCultureAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        SignInManager<StaffUser> signIn,
        UserManager<StaffUser> users,
        TimeProvider clock,
        HttpContext http)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect($"{LoginPath}?error=missing&returnUrl={Uri.EscapeDataString(back)}");
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return Results.LocalRedirect($"{LoginPath}?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // A disabled account is locked out for good; say which, so the member knows whom to ask.
            var reason = user.Disabled ? "disabled" : "locked";
            return Results.LocalRedirect($"{LoginPath}?error={reason}&returnUrl={Uri.EscapeDataString(back)}");
        }

        if (!result.Succeeded)
        {
            return Results.LocalRedirect($"{LoginPath}?error=invalid&returnUrl={Uri.EscapeDataString(back)}");
        }

        if (!string.IsNullOrEmpty(user.PreferredCulture))
        {
            http.Response.Cookies.Append(
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                CultureSetup.CookieValue(user.PreferredCulture),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        }

        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> LogoutAsync(SignInManager<StaffUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect(LoginPath);
    }

    /// <summary>Remembers the language in a cookie (and on the staff member, so it follows them).</summary>
    private static async Task<IResult> SetCultureAsync(string? culture, string? returnUrl, HttpContext http, TeamService team, TimeProvider clock)
    {
        var chosen = TextCatalog.Normalize(culture);
        http.Response.Cookies.Append(
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
            CultureSetup.CookieValue(chosen),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await team.SetPreferredCultureAsync(http.User.ToActor().UserId, chosen);
        }

        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
