using System.Globalization;
using System.Text.RegularExpressions;
using Daihuo.Domain.Common;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Localization;

/// <summary>Turns a language-free <see cref="DomainError"/> into a sentence in the current UI culture.</summary>
public sealed partial class ErrorText(IStringLocalizer<Strings> text)
{
    /// <summary>"Live price (¥120.00) is above the list price (¥99.00)."</summary>
    public string Message(DomainError error)
    {
        var args = error.Args.Select(a => a is IFormattable f ? f.ToString(null, CultureInfo.CurrentCulture) : a?.ToString() ?? string.Empty).ToArray<object>();
        return text["error." + error.Code, args].Value;
    }

    /// <summary>The field as a person reads it: <c>skus[2].livePrice</c> → "SKU 3 · 直播价".</summary>
    public string FieldLabel(string field)
    {
        var match = IndexedField().Match(field);
        if (match.Success)
        {
            var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) + 1;
            var collection = text["field." + match.Groups[1].Value].Value;
            var rest = match.Groups[3].Value;
            return rest.Length == 0
                ? $"{collection} {index}"
                : $"{collection} {index} · {text["field." + rest.TrimStart('.')].Value}";
        }

        return text["field." + field].Value;
    }

    public string Describe(DomainError error) => $"{FieldLabel(error.Field)}: {Message(error)}";

    [GeneratedRegex(@"^(\w+)\[(\d+)\](\.?\w*)$")]
    private static partial Regex IndexedField();
}
