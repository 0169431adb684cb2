using Daihuo.Domain.Common;

namespace Daihuo.Domain.Compliance;

/// <summary>
/// The terms a scanner looks for and the phrases it lets pass, as data a shop edits: Daihuo's default
/// list, the shop's own terms and its exceptions ("最好看的" may be fine for one shop and not for
/// another). Read and written as TSV (category, action, rule, pattern, suggestion), one entry per line;
/// a pattern's <c>{a|b}</c> groups expand to every combination.
/// </summary>
public sealed class ComplianceDictionary
{
    public const int MaxPatternLength = 60;
    public const int MaxExpansions = 5_000;

    private ComplianceDictionary(IReadOnlyList<ComplianceTerm> terms, IReadOnlyList<string> allowed, IReadOnlyList<string>? unallowed = null)
    {
        Terms = terms;
        Allowed = allowed;
        Unallowed = unallowed ?? [];
    }

    public IReadOnlyList<ComplianceTerm> Terms { get; }

    /// <summary>Phrases that are not findings though they contain a term (最近, 第一次).</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>In a shop's list: allowed phrases of the default list the shop wants flagged after all (<c>unallow</c> lines).</summary>
    public IReadOnlyList<string> Unallowed { get; }

    /// <summary>The default list with a shop's own on top: its terms and allowed phrases added, its <c>unallow</c> phrases taken out.</summary>
    public static ComplianceDictionary ForShop(ComplianceDictionary shop) => Default.With(shop.Terms, shop.Allowed).Without(shop.Unallowed);

    public static ComplianceDictionary Empty { get; } = new([], []);

    /// <summary>Daihuo's default list (Advertising Law terms and their kin, medical claims, diversion, abuse, complaints).</summary>
    public static ComplianceDictionary Default { get; } = Parse(DefaultTerms.Tsv).Dictionary;

    /// <summary>This dictionary with more terms and more allowed phrases (a shop's own, on top of the default).</summary>
    public ComplianceDictionary With(IEnumerable<ComplianceTerm> terms, IEnumerable<string> allowed) =>
        new([.. Terms, .. terms], [.. Allowed, .. allowed]);

    /// <summary>This dictionary without some allowed phrases (a shop that wants 最好看的 flagged).</summary>
    public ComplianceDictionary Without(IEnumerable<string> allowed)
    {
        var drop = allowed.Select(TextFold.Apply).ToHashSet(StringComparer.Ordinal);
        return new ComplianceDictionary(Terms, [.. Allowed.Where(a => !drop.Contains(TextFold.Apply(a)))]);
    }

    /// <summary>
    /// Reads TSV lines (blank lines and lines starting with # are skipped). Every bad line is reported
    /// with its number and field, and nothing is taken from a file with errors.
    /// </summary>
    public static (ComplianceDictionary Dictionary, ValidationResult Errors) Parse(string tsv)
    {
        var terms = new List<ComplianceTerm>();
        var allowed = new List<string>();
        var unallowed = new List<string>();
        var errors = new ValidationResult();
        var number = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 4)
            {
                errors.Add(ErrorCodes.Required, $"lines[{number}].pattern");
                continue;
            }

            var pattern = fields[3].Trim();
            if (!Expand(pattern, out var expanded))
            {
                errors.Add(ErrorCodes.ComplianceTermFormat, $"lines[{number}].pattern", pattern);
                continue;
            }

            if (fields[0].Trim().Equals("allow", StringComparison.OrdinalIgnoreCase))
            {
                allowed.AddRange(expanded);
                continue;
            }

            if (fields[0].Trim().Equals("unallow", StringComparison.OrdinalIgnoreCase))
            {
                unallowed.AddRange(expanded);
                continue;
            }

            if (!Enum.TryParse<TermCategory>(fields[0].Trim(), ignoreCase: true, out var category) || !Enum.IsDefined(category))
            {
                errors.Add(ErrorCodes.InvalidChoice, $"lines[{number}].category", fields[0].Trim());
                continue;
            }

            if (!Enum.TryParse<TermAction>(fields[1].Trim(), ignoreCase: true, out var action) || !Enum.IsDefined(action))
            {
                errors.Add(ErrorCodes.InvalidChoice, $"lines[{number}].action", fields[1].Trim());
                continue;
            }

            var rule = fields[2].Trim();
            var suggestion = fields.Length > 4 && fields[4].Trim() is { Length: > 0 } s && s != "-" ? s : null;
            terms.AddRange(expanded.Select(t => new ComplianceTerm(t, category, action, rule.Length == 0 ? "custom" : rule, suggestion)));
        }

        return errors.IsValid ? (new ComplianceDictionary(terms, allowed, unallowed), errors) : (Empty, errors);
    }

    /// <summary>The dictionary as TSV, one line per term (groups already expanded), allowed phrases last.</summary>
    public string ToTsv()
    {
        var lines = new List<string> { "# category\taction\trule\tpattern\tsuggestion" };
        lines.AddRange(Terms.Select(t => string.Join('\t', t.Category.ToString().ToLowerInvariant(), t.Action.ToString().ToLowerInvariant(), t.Rule, t.Text, t.Suggestion ?? "-")));
        lines.AddRange(Allowed.Select(a => $"allow\t-\t-\t{a}\t-"));
        lines.AddRange(Unallowed.Select(a => $"unallow\t-\t-\t{a}\t-"));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Expands <c>{a|b}</c> groups; false for an empty, unbalanced, too long or too wide pattern, or one that folds to nothing.</summary>
    public static bool Expand(string pattern, out List<string> expanded)
    {
        expanded = [string.Empty];
        if (pattern.Length is 0 or > 2_000)
        {
            return false;
        }

        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] == '{')
            {
                var close = pattern.IndexOf('}', i);
                if (close < 0 || pattern.IndexOf('{', i + 1) is var nested and >= 0 && nested < close)
                {
                    return false;
                }

                var options = pattern[(i + 1)..close].Split('|');
                if (options.Any(o => o.Length == 0) || (long)expanded.Count * options.Length > MaxExpansions)
                {
                    return false;
                }

                expanded = [.. expanded.SelectMany(e => options.Select(o => e + o))];
                i = close + 1;
            }
            else if (pattern[i] is '}' or '|')
            {
                return false;
            }
            else
            {
                var next = pattern.IndexOf('{', i);
                var literal = next < 0 ? pattern[i..] : pattern[i..next];
                expanded = [.. expanded.Select(e => e + literal)];
                i += literal.Length;
            }
        }

        var result = expanded.Select(e => e.Trim()).ToList();
        expanded = result;
        return result.All(e => e.Length <= MaxPatternLength && TextFold.Apply(e).Length > 0);
    }
}
