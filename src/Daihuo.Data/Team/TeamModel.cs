using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Team;

/// <summary>Identity's tables, renamed into the Team module.</summary>
internal static class TeamModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<StaffUser>(b =>
        {
            b.ToTable("Team_Users");
            b.Property(u => u.DisplayName).HasMaxLength(60);
            b.Property(u => u.PreferredCulture).HasMaxLength(10);
        });
        builder.Entity<IdentityRole>().ToTable("Team_Roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("Team_UserRoles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("Team_UserClaims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("Team_UserLogins");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("Team_RoleClaims");
        builder.Entity<IdentityUserToken<string>>().ToTable("Team_UserTokens");
    }
}
