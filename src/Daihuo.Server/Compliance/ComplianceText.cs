using Daihuo.Domain.Catalog;
using Daihuo.Domain.Compliance;
using Daihuo.Server.Localization;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Compliance;

/// <summary>A finding in product copy as the console and the API show it: the field, what matched, and why, in the reader's language.</summary>
public sealed record CopyWarning(string Field, string Matched, string Category, string Rule, string RuleText, string? Suggestion)
{
    /// <summary>The field as the editor labels it ("Selling points 2").</summary>
    public string FieldLabel { get; init; } = Field;
}

/// <summary>A finding in any text (a script line, a comment, a sentence being tried out), explained.</summary>
public sealed record TextFinding(int Start, int Length, string Matched, string Category, string Action, string Rule, string RuleText, string? Suggestion);

/// <summary>Explains findings: the category and the rule each breaks, in zh-CN or en; the suggested wording stays as written (it is Chinese copy).</summary>
public sealed class ComplianceText(IStringLocalizer<Strings> text, ComplianceScanners scanners)
{
    public async Task<IReadOnlyList<CopyWarning>> ForProductAsync(ProductDraft draft, CancellationToken ct = default) =>
        [.. ProductCopy.Check(draft, await scanners.CurrentAsync(ct)).Select(f => new CopyWarning(
            f.Field, f.Matched, Category(f.Term), f.Term.Rule, RuleText(f.Term), f.Term.Suggestion) { FieldLabel = Label(f.Field) })];

    public async Task<IReadOnlyList<TextFinding>> ForTextAsync(string value, CancellationToken ct = default) =>
        [.. (await scanners.CurrentAsync(ct)).Scan(value).Select(f => new TextFinding(
            f.Start, f.Length, f.Matched(value), Category(f.Term), f.Term.Action.ToString().ToLowerInvariant(), f.Term.Rule, RuleText(f.Term), f.Term.Suggestion))];

    private string Category(ComplianceTerm term) => text["compliance.category." + term.Category.ToString().ToLowerInvariant()];

    private string RuleText(ComplianceTerm term) =>
        text["compliance.rule." + term.Rule] is { ResourceNotFound: false } rule ? rule : term.Rule;

    private string Label(string field)
    {
        const string points = "sellingPoints[";
        return field.StartsWith(points, StringComparison.Ordinal) && int.TryParse(field[points.Length..^1], out var i)
            ? $"{text["field.sellingPoints"]} {i + 1}"
            : text["field." + field] is { ResourceNotFound: false } label ? label : field;
    }
}
