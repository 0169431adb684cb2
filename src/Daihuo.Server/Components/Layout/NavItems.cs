using MudBlazor;

namespace Daihuo.Server.Components.Layout;

/// <summary>One entry of the console's navigation: the policy that may see it, grouped by SPEC.md module.</summary>
public sealed record NavItem(string Group, string TitleKey, string Href, string Icon, string? Policy, bool Exact = false);

/// <summary>
/// The console's navigation, built modules only: a module appears here when its pages exist, so
/// no entry is a dead link. Each item names the same policy its page and API use.
/// </summary>
public static class NavItems
{
    public static IReadOnlyList<NavItem> All { get; } =
    [
        new("nav.group.overview", "nav.home", "/", Icons.Material.Outlined.SpaceDashboard, null, Exact: true),
        new("nav.group.live", "nav.live.sessions", "/live", Icons.Material.Outlined.LiveTv, Daihuo.Server.Team.Policies.LiveView),
        new("nav.group.live", "nav.promotions", "/promotions", Icons.Material.Outlined.LocalOffer, Daihuo.Server.Team.Policies.LiveView),
        new("nav.group.live", "nav.answers", "/answers", Icons.Material.Outlined.QuestionAnswer, Daihuo.Server.Team.Policies.LiveView),
        new("nav.group.orders", "nav.orders", "/orders", Icons.Material.Outlined.ReceiptLong, Daihuo.Server.Team.Policies.OrdersView),
        new("nav.group.catalog", "nav.catalog.products", "/catalog", Icons.Material.Outlined.Inventory2, Daihuo.Server.Team.Policies.CatalogView, Exact: true),
        new("nav.group.catalog", "nav.catalog.import", "/catalog/import", Icons.Material.Outlined.UploadFile, Daihuo.Server.Team.Policies.CatalogEdit),
        new("nav.group.admin", "nav.team", "/team", Icons.Material.Outlined.Groups, Daihuo.Server.Team.Policies.TeamManage),
        new("nav.group.admin", "nav.compliance", "/compliance", Icons.Material.Outlined.GppGood, Daihuo.Server.Team.Policies.LiveView),
        new("nav.group.admin", "nav.audit", "/audit", Icons.Material.Outlined.FactCheck, Daihuo.Server.Team.Policies.AuditView),
        new("nav.group.admin", "nav.api", "/api/docs", Icons.Material.Outlined.Api, null),
    ];
}
