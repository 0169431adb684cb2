namespace Daihuo.Domain.Common;

/// <summary>
/// A broken rule, language-free: <paramref name="Code"/> names the reason (the Server turns it into
/// zh-CN or en text), <paramref name="Field"/> names the input that broke it (as the API spells it),
/// <paramref name="Args"/> fill the message's placeholders.
/// </summary>
public sealed record DomainError(string Code, string Field, params object[] Args)
{
    public override string ToString() => $"{Field}: {Code}";
}

/// <summary>The outcome of a rule check: valid, or every error found (not only the first).</summary>
public sealed class ValidationResult
{
    private readonly List<DomainError> _errors = [];

    public IReadOnlyList<DomainError> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

    public void Add(string code, string field, params object[] args) => _errors.Add(new DomainError(code, field, args));

    public void AddRange(IEnumerable<DomainError> errors) => _errors.AddRange(errors);

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new DomainValidationException(_errors);
        }
    }
}

/// <summary>Thrown when a command breaks a domain rule; answered as 400 Problem Details.</summary>
public sealed class DomainValidationException(IReadOnlyList<DomainError> errors)
    : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<DomainError> Errors { get; } = errors;

    public DomainValidationException(string code, string field, params object[] args)
        : this([new DomainError(code, field, args)])
    {
    }
}

/// <summary>The thing a command names does not exist; answered as 404.</summary>
public sealed class NotFoundException(string code, string field, params object[] args) : Exception(code)
{
    public DomainError Error { get; } = new(code, field, args);
}

/// <summary>The command conflicts with the current state (a stale edit, a duplicate); answered as 409.</summary>
public sealed class ConflictException(string code, string field, params object[] args) : Exception(code)
{
    public DomainError Error { get; } = new(code, field, args);
}
