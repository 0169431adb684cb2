using Daihuo.Data.Compliance;
using Daihuo.Domain.Common;
using Daihuo.Server.Account;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Daihuo.Server.Compliance;

public sealed record ComplianceListRequest(string? Tsv, int? Version);

public sealed record CheckRequest(string? Text);

/// <summary>The shop's compliance list (read, export as TSV, replace) and a check of any text against Daihuo's list plus the shop's.</summary>
internal static class ComplianceApi
{
    public const int MaxCheckLength = 5_000;

    public static IEndpointRouteBuilder MapComplianceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/compliance").WithTags("Compliance").RequireAuthorization(Policies.LiveView).DisableAntiforgery();
        api.MapGet("/list", async (ComplianceStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync(ct)));
        api.MapGet("/list.tsv", async (ComplianceStore store, CancellationToken ct) =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes((await store.GetAsync(ct)).Tsv), "text/tab-separated-values; charset=utf-8", "daihuo-compliance.tsv"));
        api.MapGet("/default.tsv", () => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(Domain.Compliance.ComplianceDictionary.Default.ToTsv()),
            "text/tab-separated-values; charset=utf-8", "daihuo-compliance-default.tsv"));
        api.MapPut("/list", SaveAsync).RequireAuthorization(Policies.ComplianceManage);
        api.MapPost("/check", CheckAsync);
        return app;
    }

    private static async Task<Ok<ComplianceListDetails>> SaveAsync(ComplianceListRequest request, ComplianceScanners scanners, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await scanners.SaveAsync(request.Tsv ?? string.Empty,
            request.Version ?? throw new DomainValidationException(ErrorCodes.Required, "version"), http.User.ToActor(), ct));

    private static async Task<Ok<IReadOnlyList<TextFinding>>> CheckAsync(CheckRequest request, ComplianceText text, CancellationToken ct)
    {
        var value = request.Text ?? string.Empty;
        if (value.Length > MaxCheckLength)
        {
            throw new DomainValidationException(ErrorCodes.TooLong, "text", MaxCheckLength);
        }

        return TypedResults.Ok(await text.ForTextAsync(value, ct));
    }
}
