using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Audit;

internal static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditView);
        api.MapGet("/", SearchAsync);
        return app;
    }

    private static async Task<Ok<Page<AuditRow>>> SearchAsync(
        AuditStore store, string? search, string? action, string? actorId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await store.SearchAsync(new AuditQuery(search, action, actorId, from, to, page ?? 0, pageSize ?? 50), ct));
}
