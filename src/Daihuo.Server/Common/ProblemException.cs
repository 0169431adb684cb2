using Daihuo.Domain.Common;

namespace Daihuo.Server.Common;

/// <summary>
/// A refusal the HTTP layer answers with a status of its own (401 no buyer, 422 key reused, 503
/// retry…): the status, the title's text key and the language-free error travel together, so the
/// Problem Details handler needs no case per kind.
/// </summary>
internal sealed class ProblemException(int status, string titleKey, DomainError error) : Exception(error.Code)
{
    public int Status { get; } = status;

    public string TitleKey { get; } = titleKey;

    public DomainError Error { get; } = error;

    public static ProblemException BuyerRequired() =>
        new(StatusCodes.Status401Unauthorized, "problem.unauthorized", new DomainError(ErrorCodes.BuyerUnknown, "buyer"));

    public static ProblemException KeyReused() =>
        new(StatusCodes.Status422UnprocessableEntity, "problem.validation", new DomainError(ErrorCodes.IdempotencyKeyReused, "Idempotency-Key"));

    /// <summary>The journal could not take the order now; nothing was taken (retry with the same key).</summary>
    public static ProblemException RetryLater() =>
        new(StatusCodes.Status503ServiceUnavailable, "problem.conflict", new DomainError(ErrorCodes.OrderRetry, "offerId"));

    public static ProblemException TooFast(string field) =>
        new(StatusCodes.Status429TooManyRequests, "problem.too_many", new DomainError(ErrorCodes.TooFast, field));

    /// <summary>A viewer blocked by the room controller may not comment.</summary>
    public static ProblemException Blocked() =>
        new(StatusCodes.Status403Forbidden, "problem.forbidden", new DomainError(ErrorCodes.ViewerBlocked, "text"));

    public static ProblemException PaymentRefused(int status, string code) =>
        new(status, "problem.validation", new DomainError(code, "notification"));
}
