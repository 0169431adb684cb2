using Daihuo.Domain.Compliance;

namespace Daihuo.Domain.Interaction;

/// <summary>What became of a live comment. Only <see cref="Published"/> and <see cref="Released"/> comments reach other viewers.</summary>
public enum CommentVerdict
{
    Published = 0,

    /// <summary>Never shown to other viewers (a blocking term, or a muted viewer); the sender still sees it on their own page.</summary>
    Hidden = 1,

    /// <summary>Waiting for the room controller, who releases or deletes it.</summary>
    Held = 2,

    /// <summary>Held, then released by the room controller.</summary>
    Released = 3,

    /// <summary>Held, then deleted by the room controller.</summary>
    Deleted = 4,
}

/// <summary>Why a comment was not published.</summary>
public enum CommentReason
{
    None = 0,
    Term = 1,
    Muted = 2,
}

/// <summary>The moderation decision for one comment, and whether it counts towards a negative surge.</summary>
public readonly record struct CommentDecision(CommentVerdict Verdict, CommentReason Reason, bool Negative, ComplianceTerm? Term, int Start, int Length);

/// <summary>
/// How a scan becomes a verdict (SPEC.md section 5): a blocking term (contact details, diversion,
/// abuse) hides the comment, a term to review holds it, anything else is published. A comment of a
/// muted viewer is hidden whatever it says. Flagged comments and negative keywords count towards a
/// surge alert. Viewers' comments are not advertising: an absolute or comparative term in a viewer's
/// comment ("最好看") is published; a medical or superstitious claim is held, because a comment
/// saying a product cures something reads like a planted testimonial and the controller decides.
/// </summary>
public static class CommentRules
{
    public const int MaxLength = 100;

    public static CommentDecision Decide(IReadOnlyList<Finding> findings, bool muted)
    {
        Finding? block = null, hold = null;
        var negative = false;
        foreach (var f in findings)
        {
            negative |= f.Term.Category is TermCategory.Negative or TermCategory.Abuse;
            switch (ForComment(f.Term))
            {
                case TermAction.Block:
                    block ??= f;
                    break;
                case TermAction.Hold:
                    hold ??= f;
                    break;
            }
        }

        var flagged = block ?? hold;
        negative |= flagged is not null;
        if (muted)
        {
            return new CommentDecision(CommentVerdict.Hidden, CommentReason.Muted, negative, flagged?.Term, flagged?.Start ?? 0, flagged?.Length ?? 0);
        }

        if (flagged is { } f2)
        {
            return new CommentDecision(block is null ? CommentVerdict.Held : CommentVerdict.Hidden, CommentReason.Term, negative, f2.Term, f2.Start, f2.Length);
        }

        return new CommentDecision(CommentVerdict.Published, CommentReason.None, negative, null, 0, 0);
    }

    /// <summary>What a term asks for in a viewer's comment (its list action, read for a viewer rather than an advertiser).</summary>
    public static TermAction ForComment(ComplianceTerm term) => term.Category switch
    {
        TermCategory.Absolute or TermCategory.Unverified => TermAction.Watch,
        TermCategory.Medical or TermCategory.Superstition => term.Action == TermAction.Block ? TermAction.Hold : term.Action,
        _ => term.Action,
    };

    /// <summary>Whether other viewers may see a comment with this verdict.</summary>
    public static bool Visible(CommentVerdict verdict) => verdict is CommentVerdict.Published or CommentVerdict.Released;
}
