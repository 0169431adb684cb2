using Daihuo.Domain.Team;
using Microsoft.AspNetCore.Authorization;

namespace Daihuo.Server.Team;

/// <summary>
/// What each role may do, one policy per capability. Pages, navigation items and API endpoints name
/// a policy, never a role list, so a change of who-may-what is made here once.
/// </summary>
public static class Policies
{
    public const string CatalogView = "catalog.view";
    public const string CatalogEdit = "catalog.edit";
    public const string TeamManage = "team.manage";
    public const string AuditView = "audit.view";
    public const string LiveView = "live.view";
    public const string LiveManage = "live.manage";
    public const string OrdersView = "orders.view";
    public const string OrdersManage = "orders.manage";
    public const string PromotionsManage = "promotions.manage";
    public const string ComplianceManage = "compliance.manage";
    public const string CommentsModerate = "comments.moderate";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [CatalogView] =
        [
            StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Planner, StaffRoles.Host, StaffRoles.Assistant,
            StaffRoles.RoomController, StaffRoles.SupplyChain, StaffRoles.CustomerService, StaffRoles.Risk,
        ],
        [CatalogEdit] = [StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Planner, StaffRoles.SupplyChain],
        [TeamManage] = [StaffRoles.Owner],
        [AuditView] = [StaffRoles.Owner, StaffRoles.Risk],
        [LiveView] =
        [
            StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Planner, StaffRoles.Host, StaffRoles.Assistant,
            StaffRoles.RoomController, StaffRoles.CustomerService, StaffRoles.Risk,
        ],
        [LiveManage] = [StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Planner, StaffRoles.Host, StaffRoles.Assistant, StaffRoles.RoomController],
        [OrdersView] =
        [
            StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Host, StaffRoles.Assistant, StaffRoles.RoomController, StaffRoles.CustomerService,
            StaffRoles.Risk,
        ],
        [OrdersManage] = [StaffRoles.Owner, StaffRoles.Operator, StaffRoles.RoomController, StaffRoles.CustomerService],
        [PromotionsManage] = [StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Planner, StaffRoles.RoomController],
        [ComplianceManage] = [StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Risk],
        [CommentsModerate] = [StaffRoles.Owner, StaffRoles.Operator, StaffRoles.Host, StaffRoles.Assistant, StaffRoles.RoomController, StaffRoles.Risk],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Roles)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
