using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Daihuo.Domain.Compliance;

namespace Daihuo.Benchmarks.Compliance;

/// <summary>
/// Scanning live comments against the default dictionary (over 2,000 terms): Daihuo's scanner against
/// the two ways a team would write it, a loop of <c>IndexOf</c> per term and one compiled
/// <c>Regex</c> alternation. To keep the comparison about matching, the baselines get the same
/// evasion folding (our fold table, one new string per comment) and report what they find.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private readonly ComplianceScanner _scanner = ComplianceScanner.Default;
    private string[] _comments = [];
    private string[] _terms = [];
    private Regex _regex = default!;

    [GlobalSetup]
    public void Setup()
    {
        _comments = CommentCorpus.Comments;
        _terms = [.. ComplianceDictionary.Default.Terms.Select(t => TextFold.Apply(t.Text)).Where(t => t.Length > 0).Distinct().OrderByDescending(t => t.Length)];
        _regex = new Regex(string.Join('|', _terms.Select(Regex.Escape)), RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    public int Characters => _comments.Sum(c => c.Length);

    [Benchmark(Baseline = true, Description = "IndexOf per term")]
    public int IndexOfLoop()
    {
        var found = 0;
        foreach (var comment in _comments)
        {
            var folded = Fold(comment);
            foreach (var term in _terms)
            {
                if (folded.Contains(term, StringComparison.Ordinal))
                {
                    found++;
                }
            }
        }

        return found;
    }

    [Benchmark(Description = "Compiled Regex alternation")]
    public int RegexAlternation()
    {
        var found = 0;
        foreach (var comment in _comments)
        {
            foreach (var _ in _regex.EnumerateMatches(Fold(comment)))
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(Description = "Daihuo scanner")]
    public int Scanner()
    {
        var found = 0;
        foreach (var comment in _comments)
        {
            found += _scanner.Scan(comment).Count;
        }

        return found;
    }

    [Benchmark(Description = "Daihuo scanner, one clean comment")]
    public bool ScannerCleanComment() => _scanner.IsClean(CommentCorpus.CleanComment);

    [Benchmark(Description = "Daihuo scanner, Scan() of one clean comment")]
    public int ScannerScanCleanComment() => _scanner.Scan(CommentCorpus.CleanComment).Count;

    /// <summary>The baselines' folding: the same table, into a new string.</summary>
    private static string Fold(string comment)
    {
        var builder = new StringBuilder(comment.Length);
        foreach (var c in comment)
        {
            if (TextFold.Fold(c) is var f and not '\0')
            {
                builder.Append(f);
            }
        }

        return builder.ToString();
    }
}
