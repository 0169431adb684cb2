using System.Text.Json;
using Daihuo.Domain.Common;
using Daihuo.Server.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Daihuo.Server.Common;

/// <summary>
/// Every failure leaves as RFC 9457 Problem Details in the caller's language: rule violations as
/// 400 with <c>errors</c> (field → messages) and <c>codes</c> (field → stable codes), a missing
/// thing as 404, a conflict as 409, an oversized body as 413. Nothing here ever says 500 for a
/// business failure.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ErrorText errorText, Microsoft.Extensions.Localization.IStringLocalizer<Strings> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainValidationException v => Validation(v.Errors),
            NotFoundException n => Single(StatusCodes.Status404NotFound, "problem.not_found", n.Error),
            ConflictException c => Single(StatusCodes.Status409Conflict, "problem.conflict", c.Error),
            UploadTooLargeException big => TooLarge(big.MaxBytes),
            ProblemException p => Single(p.Status, p.TitleKey, p.Error),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(UploadLimits.MaxUploadBytes),
            BadHttpRequestException { InnerException: JsonException json } => Validation([new DomainError(ErrorCodes.InvalidChoice, JsonField(json.Path))]),
            BadHttpRequestException bad => Single(bad.StatusCode, "problem.bad_request", new DomainError("bad_request", "body")),
            _ when Transient(exception) => Single(StatusCodes.Status503ServiceUnavailable, "problem.busy", new DomainError(ErrorCodes.RetryLater, "request")),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The database said "not now" (out of connections, busy, timed out): nothing was done that a retry
    /// with the same Idempotency-Key would repeat, so the caller is told to retry (503, Retry-After)
    /// rather than given a 500.
    /// </summary>
    private static bool Transient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A grain whose server just died answers SiloUnavailable (or its message is rejected: the connection to that
            // server failed) until membership moves it: the buyer's retry with the same key lands on a live one.
            if (e is System.Data.Common.DbException { IsTransient: true } or TimeoutException or Orleans.Runtime.SiloUnavailableException
                or Orleans.Runtime.OrleansMessageRejectionException)
            {
                return true;
            }
        }

        return false;
    }

    public ProblemDetails Validation(IReadOnlyList<DomainError> errors)
    {
        var problem = new HttpValidationProblemDetails(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(errorText.Message).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = text["problem.validation"],
            Detail = string.Join(" ", errors.Select(errorText.Describe)),
            Type = "https://daihuo.dev/problems/validation",
        };
        problem.Extensions["codes"] = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray());
        return problem;
    }

    private ProblemDetails Single(int status, string titleKey, DomainError error)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = text[titleKey],
            Detail = errorText.Describe(error),
            Type = "https://daihuo.dev/problems/" + error.Code,
        };
        problem.Extensions["field"] = error.Field;
        problem.Extensions["code"] = error.Code;
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [errorText.Message(error)] };
        return problem;
    }

    private ProblemDetails TooLarge(long maxBytes) =>
        Single(StatusCodes.Status413PayloadTooLarge, "problem.too_large", new DomainError(ErrorCodes.FileTooLarge, "file", maxBytes / (1024 * 1024)));

    private static string JsonField(string? path)
    {
        // "$.skus[0].listPrice" → "skus[0].listPrice"
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}

internal static class UploadLimits
{
    public const int MaxUploadMegabytes = 20;
    public const long MaxUploadBytes = MaxUploadMegabytes * 1024L * 1024L;
    public const int MaxImageMegabytes = 10;
    public const long MaxImageBytes = MaxImageMegabytes * 1024L * 1024L;
}
