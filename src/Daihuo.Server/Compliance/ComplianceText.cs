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

/// <summary>Explains findings: the category and the rule each breaks, in zh-CN or en; the suggested wording stays as written (it is Chinese copy).</summary>
public sealed class ComplianceText(IStringLocalizer<Strings> text)
{
    public IReadOnlyList<CopyWarning> ForProduct(ProductDraft draft) =>
        [.. ProductCopy.Check(draft, ComplianceScanner.Default).Select(f => new CopyWarning(
            f.Field,
            f.Matched,
            text["compliance.category." + f.Term.Category.ToString().ToLowerInvariant()],
            f.Term.Rule,
            text["compliance.rule." + f.Term.Rule].ResourceNotFound ? f.Term.Rule : text["compliance.rule." + f.Term.Rule],
            f.Term.Suggestion) { FieldLabel = Label(f.Field) })];

    private string Label(string field)
    {
        const string points = "sellingPoints[";
        return field.StartsWith(points, StringComparison.Ordinal) && int.TryParse(field[points.Length..^1], out var i)
            ? $"{text["field.sellingPoints"]} {i + 1}"
            : text["field." + field] is { ResourceNotFound: false } label ? label : field;
    }
}
