using Daihuo.Data;
using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Daihuo.Data.Team;
using Daihuo.Domain.Team;
using Daihuo.Server.Catalog;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Server.Seeding;

public sealed class SeedOptions
{
    /// <summary>Seed the demo shop (staff for each role, ~40 products) on first run.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary>The owner's sign-in email on first run.</summary>
    public string OwnerEmail { get; set; } = "owner@daihuo.local";

    /// <summary>Tests set this to know the password; left empty, one is generated and printed once.</summary>
    public string? OwnerPassword { get; set; }

    public string? StaffPassword { get; set; }
}

/// <summary>
/// Runs before the server takes requests: applies migrations (never EnsureCreated), makes sure the
/// roles and categories exist and, on the very first run only, creates the owner and the demo shop
/// and prints the sign-in once.
/// </summary>
internal sealed class StartupInitializer(IServiceProvider services) : IHostedService
{
    // Registered before the web server, so no request arrives before the schema and roles exist.
    public Task StartAsync(CancellationToken cancellationToken) => Startup.InitializeAsync(services, Console.Out);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class Startup
{
    public static async Task InitializeAsync(IServiceProvider services, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<DaihuoDbContext>();
        await db.Database.MigrateAsync();

        var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var known = await db.Categories.Select(c => c.Code).ToListAsync();
        db.Categories.AddRange(DemoCatalog.Categories.Where(c => !known.Contains(c.Code)).Select(c => new Category
        {
            Code = c.Code, NameZh = c.NameZh, NameEn = c.NameEn, RequiresSize = c.RequiresSize,
            DefaultSpecialCategory = c.DefaultSpecialCategory, SortOrder = c.SortOrder,
        }));
        await db.SaveChangesAsync();

        if (await db.Users.AnyAsync())
        {
            return;
        }

        var options = sp.GetRequiredService<SeedOptions>();
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var ownerPassword = string.IsNullOrEmpty(options.OwnerPassword) ? TeamService.GeneratePassword() : options.OwnerPassword;
        var owner = await CreateUserAsync(users, clock, options.OwnerEmail, "店主 Owner", ownerPassword, [StaffRoles.Owner]);
        AuditLog.Record(db, clock, Actor.System, "team.owner.created", "staff", owner.Id, null, new { email = options.OwnerEmail });
        await db.SaveChangesAsync();

        var staffPassword = options.StaffPassword;
        if (options.DemoData)
        {
            staffPassword ??= TeamService.GeneratePassword();
            await SeedDemoAsync(sp, users, clock, staffPassword);
        }

        output.WriteLine();
        output.WriteLine("==============================================================");
        output.WriteLine(" Daihuo is ready. Sign in as the owner (shown only this once):");
        output.WriteLine($"   email:    {options.OwnerEmail}");
        output.WriteLine($"   password: {ownerPassword}");
        if (options.DemoData)
        {
            output.WriteLine(" Demo staff, one per role, share this password:");
            output.WriteLine($"   password: {staffPassword}");
            output.WriteLine("   " + string.Join(", ", DemoStaff.Select(s => s.Email)));
        }

        output.WriteLine($" Data folder: {sp.GetRequiredService<DatabaseOptions>().DataPath}");
        output.WriteLine("==============================================================");
        output.WriteLine();
    }

    private static readonly (string Email, string Name, string Role)[] DemoStaff =
    [
        ("operator@daihuo.local", "运营 林晓", StaffRoles.Operator),
        ("planner@daihuo.local", "策划 周雯", StaffRoles.Planner),
        ("host@daihuo.local", "主播 小鹿", StaffRoles.Host),
        ("assistant@daihuo.local", "助播 阿杰", StaffRoles.Assistant),
        ("controller@daihuo.local", "场控 王磊", StaffRoles.RoomController),
        ("service@daihuo.local", "客服 陈敏", StaffRoles.CustomerService),
        ("supply@daihuo.local", "供应链 赵强", StaffRoles.SupplyChain),
        ("risk@daihuo.local", "风控 刘洋", StaffRoles.Risk),
    ];

    private static async Task SeedDemoAsync(IServiceProvider sp, UserManager<StaffUser> users, TimeProvider clock, string password)
    {
        foreach (var (email, name, role) in DemoStaff)
        {
            await CreateUserAsync(users, clock, email, name, password, [role]);
        }

        var catalog = sp.GetRequiredService<CatalogStore>();
        var images = sp.GetRequiredService<ImageStore>();
        var byCode = new Dictionary<string, Guid>();
        foreach (var draft in DemoCatalog.Drafts())
        {
            var product = await catalog.CreateAsync(draft, Actor.System);
            byCode[product.Code] = product.Id;
        }

        foreach (var (code, jpeg) in DemoCatalog.Images())
        {
            using var stream = new MemoryStream(jpeg);
            var (name, width, height) = await images.SaveAsync(stream, CancellationToken.None);
            await catalog.AddImageAsync(byCode[code], name, width, height, Actor.System);
        }

        // The usual five prepared answers (price, shipping, size, authenticity, after-sales), for the live page to suggest.
        await sp.GetRequiredService<Daihuo.Data.Interaction.InteractionStore>().AddDefaultAnswersAsync(Actor.System);
    }

    private static async Task<StaffUser> CreateUserAsync(UserManager<StaffUser> users, TimeProvider clock, string email, string name, string password, string[] roles)
    {
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, roles);
        return user;
    }
}
