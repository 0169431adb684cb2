namespace Daihuo.Domain.Team;

/// <summary>The staff roles of ARCHITECTURE.md. Role names are stored as written here.</summary>
public static class StaffRoles
{
    public const string Owner = nameof(Owner);
    public const string Operator = nameof(Operator);
    public const string Planner = nameof(Planner);
    public const string Host = nameof(Host);
    public const string Assistant = nameof(Assistant);
    public const string RoomController = nameof(RoomController);
    public const string CustomerService = nameof(CustomerService);
    public const string SupplyChain = nameof(SupplyChain);
    public const string Risk = nameof(Risk);

    public static IReadOnlyList<string> All { get; } =
        [Owner, Operator, Planner, Host, Assistant, RoomController, CustomerService, SupplyChain, Risk];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
