namespace Daihuo.Domain.Compliance;

/// <summary>What a term is: the rule it breaks decides how seriously a finding is taken.</summary>
public enum TermCategory
{
    /// <summary>Absolute terms (Advertising Law Art. 9(3)): 最, 第一, 顶级, 国家级 and their like.</summary>
    Absolute = 0,

    /// <summary>Claims that need a stated source (Art. 11, 28): 销量第一, 全网最低价, 100%有效.</summary>
    Unverified = 1,

    /// <summary>Disease-treatment or medical claims for food and cosmetics (Art. 17).</summary>
    Medical = 2,

    /// <summary>Superstition: 开光, 转运, 旺夫.</summary>
    Superstition = 3,

    /// <summary>Sending buyers to another platform or a private deal: 加微信, 淘宝搜, 私下交易.</summary>
    Diversion = 4,

    /// <summary>Contact details: phone numbers, QQ and WeChat ids, links.</summary>
    Contact = 5,

    /// <summary>Abuse and insults.</summary>
    Abuse = 6,

    /// <summary>Not banned, counted: complaints that, arriving in a surge, raise an alert (骗子, 假货, 退款).</summary>
    Negative = 7,

    /// <summary>A shop's own term.</summary>
    Custom = 8,
}

/// <summary>What a finding asks for when it is in a live comment.</summary>
public enum TermAction
{
    /// <summary>Never shown to other viewers.</summary>
    Block = 0,

    /// <summary>Held for the room controller to release or delete.</summary>
    Hold = 1,

    /// <summary>Allowed with evidence (a stated source); a warning on product copy, shown in comments.</summary>
    Evidence = 2,

    /// <summary>Shown, and counted (negative-comment surges).</summary>
    Watch = 3,
}

/// <summary>
/// A dictionary term: the text as written, its category and action, the rule it breaks (a code the
/// console explains in zh-CN or en, such as <c>ad-law-9</c>) and a suggested wording.
/// </summary>
public sealed record ComplianceTerm(string Text, TermCategory Category, TermAction Action, string Rule, string? Suggestion);

/// <summary>A finding: where in the original text (start and length, in UTF-16 units), and the term it matched.</summary>
public readonly record struct Finding(int Start, int Length, ComplianceTerm Term)
{
    public string Matched(string text) => text.Substring(Start, Length);
}
