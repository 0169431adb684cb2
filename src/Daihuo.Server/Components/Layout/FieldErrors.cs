using Daihuo.Domain.Common;
using Daihuo.Server.Localization;

namespace Daihuo.Server.Components.Layout;

/// <summary>The broken rules a form shows, by field: <c>Error="@Errors.Has("name")" ErrorText="@Errors.For("name")"</c>.</summary>
public sealed class FieldErrors(ErrorText text)
{
    private readonly List<DomainError> _errors = [];

    public IReadOnlyList<DomainError> All => _errors;

    public int Count => _errors.Count;

    public void Clear() => _errors.Clear();

    public void Add(DomainError error) => _errors.Add(error);

    public void AddRange(IEnumerable<DomainError> errors) => _errors.AddRange(errors);

    public bool Has(string field) => _errors.Any(e => e.Field == field);

    public string? For(string field) => _errors.FirstOrDefault(e => e.Field == field) is { } e ? text.Message(e) : null;

    public string Describe(DomainError error) => text.Describe(error);
}
