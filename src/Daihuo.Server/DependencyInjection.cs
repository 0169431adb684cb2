using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Daihuo.Data;
using Daihuo.Data.Team;
using Daihuo.Server.Account;
using Daihuo.Server.Catalog;
using Daihuo.Server.Common;
using Daihuo.Server.Components;
using Daihuo.Server.Localization;
using Daihuo.Server.Seeding;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Daihuo.Server;

public static class DependencyInjection
{
    /// <summary>Everything the web host adds on top of Data and Live: identity, console, API conventions.</summary>
    public static IHostApplicationBuilder AddServerServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var seed = new SeedOptions();
        builder.Configuration.GetSection("Daihuo:Seed").Bind(seed);
        services.AddSingleton(seed);
        services.AddHostedService<StartupInitializer>();

        // Cookie and antiforgery keys live with the data, so a restart keeps everyone signed in.
        var dataPath = Path.GetFullPath(builder.Configuration["Daihuo:DataPath"] ?? "data");
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys"))).SetApplicationName("Daihuo");

        // Texts and errors in zh-CN and en.
        services.AddSingleton<TextCatalog>();
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.AddSingleton<ErrorText>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Staff identity: 8+ characters, no composition rules (ASVS 5); lockout counted on every failure.
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DaihuoDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = AccountEndpoints.LoginPath;
            o.AccessDeniedPath = "/forbidden";
            o.Cookie.Name = "daihuo.staff";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;

            // The API answers 401/403 as Problem Details; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => ApiOrRedirect(c.HttpContext, c.RedirectUri, StatusCodes.Status401Unauthorized, "problem.unauthorized");
            o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c.HttpContext, c.RedirectUri, StatusCodes.Status403Forbidden, "problem.forbidden");
        });
        services.AddAuthorization(Policies.Add);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        // Sign-in attempts per client address and minute, on top of the per-account lockout.
        var signInsPerMinute = builder.Configuration.GetValue("Daihuo:SignIn:AttemptsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                // The sign-in form is a browser page: send the person back to it with a message.
                if (context.HttpContext.Request.Path.StartsWithSegments(AccountEndpoints.LoginPath))
                {
                    context.HttpContext.Response.Redirect(AccountEndpoints.LoginPath + "?error=throttled");
                }

                return ValueTask.CompletedTask;
            };
            o.AddPolicy(AccountEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        // Console. Chinese text leaves as text, not as &#x…; entities: readable pages, a third of the bytes.
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddTransient<MudLocalizer, ConsoleMudLocalizer>();
        services.AddSingleton<ImageStore>();
        services.AddSingleton<CatalogImportService>();
        services.AddSingleton<TeamService>();
        services.AddSingleton<Storefront.BuyerIdentity>();
        services.AddSingleton<Storefront.ViewerIdentity>();
        services.AddSingleton<Storefront.RoomFeed>();
        services.AddSingleton<Live.LivePricing>();
        services.AddSingleton<Live.LiveControls>();
        services.AddSingleton<Promotions.PromotionText>();
        services.AddSingleton<Promotions.Checkout>();
        services.AddSingleton<Orders.LocalPaymentProvider>();
        services.AddSingleton<Orders.IPaymentProvider>(sp => sp.GetRequiredService<Orders.LocalPaymentProvider>());
        services.AddSingleton<Orders.PaymentService>();
        services.AddSingleton<Orders.Refunds>();
        services.AddSingleton<Compliance.ComplianceScanners>();
        services.AddSingleton<Compliance.ComplianceText>();
        services.AddSingleton<Interaction.Interactions>();
        services.AddSingleton<Storefront.RoomDirectory>();
        services.AddSingleton<Storefront.OfferDirectory>();
        services.AddSingleton<Live.SimulatedAudiences>();

        // API description, health.
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<DaihuoDbContext>("database");
        return builder;
    }

    private static async Task ApiOrRedirect(HttpContext http, string redirectUri, int status, string titleKey)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
            http.Response.StatusCode = status;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = status, Title = text[titleKey], Detail = text[titleKey + ".detail"] },
            });
            return;
        }

        http.Response.Redirect(redirectUri);
    }
}
