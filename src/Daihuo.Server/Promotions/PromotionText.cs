using System.Globalization;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Server.Components.Layout;
using Daihuo.Server.Localization;
using Microsoft.Extensions.Localization;

namespace Daihuo.Server.Promotions;

/// <summary>
/// The pricing breakdown in words, in the current UI culture: each applied promotion and each one
/// that did not apply with its reason ("再买 ¥41.00 可享满 ¥299.00 减 ¥30.00").
/// </summary>
public sealed class PromotionText(IStringLocalizer<Strings> text)
{
    public string Describe(PromotionNote note) =>
        text[note.Code, [.. note.Args.Select(Format)]].Value;

    /// <summary>One line per applied promotion ("满 ¥299.00 减 ¥30.00 … −¥30.00") and per skipped one with its reason.</summary>
    public IReadOnlyList<string> Breakdown(PricedCart cart) =>
    [
        .. cart.Applied.Select(a => a.Amount > Money.Zero ? $"{a.Name}: {Describe(a.Note)} −{a.Amount.ToDisplayString()}" : $"{a.Name}: {Describe(a.Note)}"),
        .. cart.Skipped.Select(s => $"{s.Name}: {Describe(s.Reason)}"),
    ];

    private static object Format(object arg) => arg switch
    {
        Money money => money.ToYuanString(),
        DateTimeOffset at => Display.Minutes(at),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => arg.ToString() ?? string.Empty,
    };
}
