using Daihuo.Data;
using Daihuo.Live;
using Daihuo.Server;
using Daihuo.Server.Account;
using Daihuo.Server.Audit;
using Daihuo.Server.Catalog;
using Daihuo.Server.Common;
using Daihuo.Server.Components;
using Daihuo.Server.Compliance;
using Daihuo.Server.Interaction;
using Daihuo.Server.Live;
using Daihuo.Server.Orders;
using Daihuo.Server.Promotions;
using Daihuo.Server.Storefront;
using Daihuo.Server.Team;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // One address by default; `Daihuo:Port` (or --urls) changes it.
    builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["Daihuo:Port"] ?? "5080"}");
}

builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = UploadLimits.MaxUploadBytes + (1024 * 1024));
builder.AddDataServices();
builder.AddLiveServices();
builder.AddServerServices();

var app = builder.Build();

// The storefront's live-update streams first: held open by every phone, they skip the rest of the pipeline.
app.UseStorefrontEvents();

// Culture first: the error handler below must write its Problem Details in the caller's language.
app.UseDaihuoCultures();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseUploadLimits();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi();
app.MapScalarApiReference("/api/docs");
app.MapHealthChecks("/health").AllowAnonymous();
app.MapAccountEndpoints();
app.MapCatalogApi();
app.MapTeamApi();
app.MapAuditApi();
app.MapLiveApi();
app.MapClusterApi();
app.MapAudienceApi();
app.MapOrdersApi();
app.MapPromotionsApi();
app.MapStorefrontApi();
app.MapStorefrontCheckout();
app.MapComplianceApi();
app.MapInteractionApi();
app.MapStorefrontPages();
app.MapLotteryPage();
app.MapPaymentEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
