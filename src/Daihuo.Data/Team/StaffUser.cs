using Microsoft.AspNetCore.Identity;

namespace Daihuo.Data.Team;

/// <summary>A staff member who signs in to the console. Viewers and buyers are not staff users.</summary>
public sealed class StaffUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in; its history (audit, sessions worked) stays.</summary>
    public bool Disabled { get; set; }

    /// <summary>"zh-CN" or "en"; the console's language after sign-in.</summary>
    public string? PreferredCulture { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
