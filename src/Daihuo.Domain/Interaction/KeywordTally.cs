using Daihuo.Domain.Common;
using Daihuo.Domain.Compliance;

namespace Daihuo.Domain.Interaction;

/// <summary>
/// A keyword tally ("想要的扣1", "扣尺码 M"): the options viewers answer with and an optional prefix
/// they may type before it ("扣", "尺码"). A comment counts for an option when, folded like the scanner
/// folds (case, width, spaces and symbols) and without the prefix, it is the option (repeated, as
/// viewers type "111"), or the option followed by at most two characters that are not letters or
/// digits ("M码"). Distinct viewers are counted, not comments.
/// </summary>
public sealed class KeywordTally
{
    public const int MaxOptions = 10;

    private readonly string[] _folded;
    private readonly string _prefix;

    public KeywordTally(string? prefix, IReadOnlyList<string> options)
    {
        Prefix = prefix?.Trim() ?? string.Empty;
        Options = options;
        _prefix = TextFold.Apply(Prefix);
        _folded = [.. options.Select(o => TextFold.Apply(o))];
    }

    public string Prefix { get; }

    public IReadOnlyList<string> Options { get; }

    /// <summary>Splits "S M L" or "S,M,L" (also "，" and "/") into options.</summary>
    public static IReadOnlyList<string> ParseOptions(string? text) =>
        (text ?? string.Empty).Split([',', '，', '/', ' ', '、', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static ValidationResult Validate(string? prefix, IReadOnlyList<string> options, int? goal)
    {
        var errors = new ValidationResult();
        if (prefix?.Trim() is { Length: > 10 })
        {
            errors.Add(ErrorCodes.TooLong, "prefix", 10);
        }

        if (options.Count == 0)
        {
            errors.Add(ErrorCodes.Required, "options");
        }
        else if (options.Count > MaxOptions)
        {
            errors.Add(ErrorCodes.TooMany, "options", MaxOptions);
        }
        else if (options.Any(o => o.Length > 10 || TextFold.Apply(o).Length == 0))
        {
            errors.Add(ErrorCodes.InvalidChoice, "options");
        }
        else if (options.Select(TextFold.Apply).Distinct(StringComparer.Ordinal).Count() != options.Count)
        {
            errors.Add(ErrorCodes.TallyOptionDuplicate, "options");
        }

        if (goal is < 1 or > 1_000_000)
        {
            errors.Add(ErrorCodes.OutOfRange, "goal", 1, 1_000_000);
        }

        return errors;
    }

    /// <summary>The option a comment answers (its index), or -1.</summary>
    public int Match(string comment)
    {
        var text = TextFold.Apply(comment);
        if (_prefix.Length > 0 && text.StartsWith(_prefix, StringComparison.Ordinal))
        {
            text = text[_prefix.Length..];
        }

        var best = -1;
        for (var i = 0; i < _folded.Length; i++)
        {
            var option = _folded[i];
            if (option.Length == 0 || !text.StartsWith(option, StringComparison.Ordinal) || (best >= 0 && _folded[best].Length >= option.Length))
            {
                continue;
            }

            var rest = text.AsSpan(option.Length);
            if (Repeats(rest, option) || (rest.Length <= 2 && !rest.ContainsAnyInRange('0', '9') && !rest.ContainsAnyInRange('a', 'z')))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool Repeats(ReadOnlySpan<char> rest, string option)
    {
        if (rest.Length == 0 || rest.Length % option.Length != 0)
        {
            return false;
        }

        for (var i = 0; i < rest.Length; i += option.Length)
        {
            if (!rest.Slice(i, option.Length).SequenceEqual(option))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A flash sale a tally starts when enough viewers have answered (the console's "start at N answers").</summary>
public sealed record FlashGate(Guid SkuId, int Quantity, long PriceFen, int PerBuyerLimit, int Minutes)
{
    public Live.FlashSaleDraft ToDraft() => new(SkuId, Quantity, Money.FromFen(PriceFen), PerBuyerLimit, null, Minutes);
}
