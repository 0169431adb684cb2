using Daihuo.Domain.Catalog;

namespace Daihuo.Domain.Compliance;

/// <summary>A finding in one field of a product's copy (<c>description</c>, <c>sellingPoints[1]</c>, <c>fabe.benefit</c> …), or a missing mandatory statement.</summary>
public sealed record CopyFinding(string Field, string Matched, int Start, ComplianceTerm Term);

/// <summary>
/// The product copy check, run on save: every field a buyer reads is scanned, and special categories
/// must carry their mandatory statement (health food: "本品不能代替药物", Advertising Law Art. 18).
/// Findings are warnings; the planner decides. Complaint words (the negative category) are for
/// comments only and are not reported here.
/// </summary>
public static class ProductCopy
{
    public const string HealthFoodStatement = "本品不能代替药物";

    public static readonly ComplianceTerm MissingHealthFoodStatement =
        new(HealthFoodStatement, TermCategory.Medical, TermAction.Hold, "ad-law-18", "保健食品广告须显著标明“本品不能代替药物”，请加入商品描述");

    public static IReadOnlyList<CopyFinding> Check(ProductDraft draft, ComplianceScanner scanner)
    {
        var findings = new List<CopyFinding>();
        void Scan(string field, string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            foreach (var f in scanner.Scan(text))
            {
                if (f.Term.Category != TermCategory.Negative)
                {
                    findings.Add(new CopyFinding(field, f.Matched(text), f.Start, f.Term));
                }
            }
        }

        Scan("name", draft.Name);
        Scan("description", draft.Description);
        for (var i = 0; i < draft.SellingPoints.Count; i++)
        {
            Scan($"sellingPoints[{i}]", draft.SellingPoints[i]);
        }

        Scan("fabe.feature", draft.Fabe.Feature);
        Scan("fabe.advantage", draft.Fabe.Advantage);
        Scan("fabe.benefit", draft.Fabe.Benefit);
        Scan("fabe.evidence", draft.Fabe.Evidence);

        var everything = string.Join('\n', new[] { draft.Name, draft.Description }.Concat(draft.SellingPoints));
        if (draft.SpecialCategory == SpecialCategory.HealthFood && !TextFold.Apply(everything).Contains(TextFold.Apply(HealthFoodStatement), StringComparison.Ordinal))
        {
            findings.Add(new CopyFinding("description", string.Empty, 0, MissingHealthFoodStatement));
        }

        return findings;
    }
}
