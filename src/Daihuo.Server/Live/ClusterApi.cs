using Daihuo.Server.Team;
using Orleans.Runtime;

namespace Daihuo.Server.Live;

/// <summary>One server of the cluster as Orleans membership sees it.</summary>
public sealed record ClusterMember(string Address, string Name, string Status, DateTimeOffset? StartedAt);

/// <summary>The servers in the cluster (one in the default mode), for operators: which are up, which were declared dead.</summary>
public static class ClusterApi
{
    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live/cluster", async (IGrainFactory grains) =>
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
            return TypedResults.Ok(hosts
                .OrderBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
                .Select(h => new ClusterMember(h.SiloAddress.ToString(), h.SiloName, h.Status.ToString(), h.StartTime == default ? null : new DateTimeOffset(h.StartTime, TimeSpan.Zero)))
                .ToList());
        }).RequireAuthorization(Policies.TeamManage).WithTags("Live");
        return app;
    }
}
