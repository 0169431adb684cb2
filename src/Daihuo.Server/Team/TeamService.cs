using System.Security.Cryptography;
using Daihuo.Data;
using Daihuo.Data.Audit;
using Daihuo.Data.Team;
using Daihuo.Domain.Common;
using Daihuo.Domain.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Server.Team;

public sealed record StaffRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Disabled, bool LockedOut, DateTimeOffset CreatedAt);

public sealed record InviteResult(StaffRow Staff, string TemporaryPassword);

/// <summary>
/// The owner's team administration: invite, roles, disable. Each change and its audit entry commit
/// in one transaction. Every call runs in a scope of its own (the console's circuits live long).
/// </summary>
public sealed class TeamService(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffRow>> ListAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DaihuoDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.CreatedAt).ToListAsync(ct);
        var roles = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new StaffRow(
            u.Id,
            u.Email ?? string.Empty,
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(r => StaffRoles.All.ToList().IndexOf(r)).ToList(),
            u.Disabled,
            !u.Disabled && u.LockoutEnd > now,
            u.CreatedAt)).ToList();
    }

    public async Task<InviteResult> InviteAsync(string? email, string? displayName, IReadOnlyList<string> roles, Actor actor, CancellationToken ct = default)
    {
        var errors = new ValidationResult();
        email = email?.Trim();
        displayName = displayName?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(ErrorCodes.Required, "email");
        }
        else if (!System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > 100)
        {
            errors.Add(ErrorCodes.EmailFormat, "email");
        }

        if (string.IsNullOrEmpty(displayName))
        {
            errors.Add(ErrorCodes.Required, "displayName");
        }
        else if (displayName.Length > 60)
        {
            errors.Add(ErrorCodes.TooLong, "displayName", 60);
        }

        CheckRoles(errors, roles);
        errors.ThrowIfInvalid();

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DaihuoDbContext>();
        if (await users.FindByEmailAsync(email!) is not null)
        {
            throw new ConflictException(ErrorCodes.StaffEmailTaken, "email", email!);
        }

        var password = GeneratePassword();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName!,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, roles.Distinct()));
        AuditLog.Record(db, clock, actor, "team.staff.invited", "staff", user.Id, null, new { email, displayName, roles });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new InviteResult(new StaffRow(user.Id, email!, displayName!, roles.ToList(), false, false, user.CreatedAt), password);
    }

    public async Task SetRolesAsync(string userId, IReadOnlyList<string> roles, string? reason, Actor actor, CancellationToken ct = default)
    {
        var errors = new ValidationResult();
        CheckRoles(errors, roles);
        errors.ThrowIfInvalid();

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DaihuoDbContext>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException(ErrorCodes.StaffNotFound, "id", userId);
        var current = await users.GetRolesAsync(user);
        var wanted = roles.Distinct().ToList();
        if (current.Contains(StaffRoles.Owner) && !wanted.Contains(StaffRoles.Owner) && await CountActiveOwnersAsync(users) <= 1)
        {
            throw new DomainValidationException(ErrorCodes.LastOwner, "roles");
        }

        if (current.OrderBy(r => r).SequenceEqual(wanted.OrderBy(r => r)))
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));

        // A changed role takes effect at the next request: the security stamp invalidates old cookies.
        Check(await users.UpdateSecurityStampAsync(user));
        AuditLog.Record(db, clock, actor, "team.roles.changed", "staff", user.Id, new { roles = current.OrderBy(r => r) }, new { roles = wanted.OrderBy(r => r) }, reason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task SetDisabledAsync(string userId, bool disabled, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (disabled && userId == actor.UserId)
        {
            throw new DomainValidationException(ErrorCodes.CannotDisableSelf, "id");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DaihuoDbContext>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException(ErrorCodes.StaffNotFound, "id", userId);
        if (user.Disabled == disabled)
        {
            return;
        }

        if (disabled && await users.IsInRoleAsync(user, StaffRoles.Owner) && await CountActiveOwnersAsync(users) <= 1)
        {
            throw new DomainValidationException(ErrorCodes.LastOwner, "id");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.Disabled = disabled;
        Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null));
        Check(await users.UpdateSecurityStampAsync(user));
        AuditLog.Record(db, clock, actor, disabled ? "team.staff.disabled" : "team.staff.enabled", "staff", user.Id, new { disabled = !disabled }, new { disabled }, reason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task SetPreferredCultureAsync(string userId, string culture, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DaihuoDbContext>();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), ct);
    }

    /// <summary>16 characters from an unambiguous alphabet: above ASVS's 8, easy to read out once.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    private static void CheckRoles(ValidationResult errors, IReadOnlyList<string> roles)
    {
        if (roles.Count == 0)
        {
            errors.Add(ErrorCodes.Required, "roles");
        }

        foreach (var role in roles.Where(r => !StaffRoles.IsKnown(r)))
        {
            errors.Add(ErrorCodes.RoleUnknown, "roles", role);
        }
    }

    private static async Task<int> CountActiveOwnersAsync(UserManager<StaffUser> users) =>
        (await users.GetUsersInRoleAsync(StaffRoles.Owner)).Count(u => !u.Disabled);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainValidationException(ErrorCodes.PasswordRejected, "password", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
