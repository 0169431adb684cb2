using Daihuo.Domain.Compliance;

namespace Daihuo.Domain.Tests.Compliance;

/// <summary>
/// The scanner against each category of the default list, each evasion form, and ordinary sentences
/// that must pass; exceptions are the shop's data, tested both ways.
/// </summary>
public sealed class ComplianceScannerTests
{
    private static readonly ComplianceScanner Scanner = ComplianceScanner.Default;

    private static Finding Single(string text) => Assert.Single(Scanner.Scan(text));

    [Theory]
    [InlineData("这款是国家级工艺", "国家级", TermCategory.Absolute)]
    [InlineData("全网最低价，错过等一年", "全网最低价", TermCategory.Unverified)]
    [InlineData("销量第一的面膜", "销量第一", TermCategory.Unverified)]
    [InlineData("顶级面料做工", "顶级", TermCategory.Absolute)]
    [InlineData("喝了能降血压", "降血压", TermCategory.Medical)]
    [InlineData("专治失眠多梦", "专治失眠", TermCategory.Medical)]
    [InlineData("开光貔貅手链", "开光", TermCategory.Superstition)]
    [InlineData("想要的加微信聊", "加微信", TermCategory.Diversion)]
    [InlineData("淘宝搜同款更便宜", "淘宝搜", TermCategory.Diversion)]
    [InlineData("主播是傻逼吧", "傻逼", TermCategory.Abuse)]
    [InlineData("这是假货吧", "假货", TermCategory.Negative)]
    [InlineData("央视推荐的好物", "央视推荐", TermCategory.Unverified)]
    public void Each_category_is_found_with_its_rule_and_a_suggestion(string text, string matched, TermCategory category)
    {
        var finding = Single(text);
        Assert.Equal(matched, finding.Matched(text));
        Assert.Equal(category, finding.Term.Category);
        Assert.False(string.IsNullOrEmpty(finding.Term.Rule));
        Assert.False(string.IsNullOrEmpty(finding.Term.Suggestion));
    }

    [Theory]
    [InlineData("全網最低價", "全網最低價")]                  // traditional Chinese
    [InlineData("加ＶＸ详聊", "加ＶＸ")]                       // full-width letters
    [InlineData("加Vx详聊", "加Vx")]                          // letter case
    [InlineData("加v\u200Bx详聊", "加v\u200Bx")]             // zero-width space inside
    [InlineData("最 低 价 了", "最 低 价")]                    // spaces inside
    [InlineData("国-家-级品质", "国-家-级")]                   // symbols inside
    [InlineData("国\u0007家级", "国\u0007家级")]              // control characters inside
    [InlineData("加vх聊", "加vх")]                            // a Cyrillic х for x
    [InlineData("➕薇信", "➕薇信")]                           // a plus sign for 加, a homophone
    [InlineData("私聊加ⓥⓧ", "加ⓥⓧ")]                        // circled letters
    public void Disguised_terms_are_found_at_their_place_in_the_original_text(string text, string matched)
    {
        var findings = Scanner.Scan(text);
        Assert.Contains(findings, f => f.Matched(text) == matched);
    }

    [Theory]
    [InlineData("联系我 13812345678", "13812345678")]
    [InlineData("电话 138-1234-5678 随时打", "138-1234-5678")]
    [InlineData("号码一三八一二三四五六七八", "一三八一二三四五六七八")]
    [InlineData("打 １３８ １２３４ ５６７８", "１３８ １２３４ ５６７８")]
    [InlineData("①③⑧①②③④⑤⑥⑦⑧找我", "①③⑧①②③④⑤⑥⑦⑧")]
    public void Phone_numbers_are_found_however_they_are_written(string text, string matched)
    {
        var finding = Single(text);
        Assert.Equal((TermCategory.Contact, TermAction.Block), (finding.Term.Category, finding.Term.Action));
        Assert.Equal(matched, finding.Matched(text));
    }

    [Theory]
    [InlineData("qq号 123456789", "qq号")]
    [InlineData("扣扣 88886666", "扣扣")]
    [InlineData("进群看 www.example.com", "www")]
    [InlineData("戳 https://t.cn/abc", "https")]
    public void Qq_ids_and_links_are_contact_or_diversion(string text, string keyword)
    {
        var findings = Scanner.Scan(text);
        Assert.Contains(findings, f => f.Matched(text).Equals(keyword, StringComparison.OrdinalIgnoreCase));
        Assert.All(findings, f => Assert.Contains(f.Term.Category, new[] { TermCategory.Contact, TermCategory.Diversion }));
    }

    [Theory]
    [InlineData("最近天气好冷，主播注意身体")]
    [InlineData("第一次来直播间，买了两件")]
    [InlineData("最后一件了吗？")]
    [InlineData("最佳食用期是多久")]
    [InlineData("USB 数据线有吗")]
    [InlineData("尺码 M 还有吗 165 穿什么码")]
    [InlineData("订单 2026 年能到吗")]
    [InlineData("第10名是谁")]
    [InlineData("这个颜色好看，想要 3 件")]
    [InlineData("主播好漂亮 ❤️❤️")]
    [InlineData("什么时候发货？")]
    [InlineData("扣1")]
    public void Ordinary_sentences_pass(string text)
    {
        Assert.True(Scanner.IsClean(text), string.Join("; ", Scanner.Scan(text).Select(f => f.Matched(text))));
        Assert.Empty(Scanner.Scan(text));
    }

    [Fact]
    public void Whether_最好看的_is_a_claim_is_the_shop_s_decision()
    {
        const string text = "这件是最好看的一款";
        Assert.Equal("最好", Single(text).Matched(text));

        var lenient = new ComplianceScanner(ComplianceDictionary.Default.With([], ["最好看的"]));
        Assert.True(lenient.IsClean(text));

        const string first = "第一次买";
        var strict = new ComplianceScanner(ComplianceDictionary.Default.Without(["第一次"]));
        Assert.True(Scanner.IsClean(first));
        Assert.Equal("第一", Assert.Single(strict.Scan(first)).Matched(first));
    }

    [Fact]
    public void The_longest_finding_wins_and_every_separate_one_is_reported()
    {
        const string text = "全网最低价，还能降血压，加微信详聊";
        var findings = Scanner.Scan(text);
        Assert.Equal(["全网最低价", "降血压", "加微信"], findings.Select(f => f.Matched(text)));
    }

    [Fact]
    public void A_shop_s_own_terms_import_and_export_as_tsv()
    {
        var (custom, errors) = ComplianceDictionary.Parse("custom\thold\tcustom\t{竞品|某某}牌\t不提竞品\nallow\t-\t-\t某某牌照\t-\n");
        Assert.True(errors.IsValid);
        var scanner = new ComplianceScanner(ComplianceDictionary.Empty.With(custom.Terms, custom.Allowed));
        Assert.Equal("竞品牌", Assert.Single(scanner.Scan("比竞品牌好")).Matched("比竞品牌好"));
        Assert.True(scanner.IsClean("我们有某某牌照"));

        var (again, _) = ComplianceDictionary.Parse(custom.ToTsv());
        Assert.Equal(custom.Terms, again.Terms);
        Assert.Equal(custom.Allowed, again.Allowed);
    }

    [Theory]
    [InlineData("custom\thold\tx\t{a|b\tmissing brace", "lines[1].pattern")]
    [InlineData("custom\thold\tx\t{}\tempty group", "lines[1].pattern")]
    [InlineData("lottery\thold\tx\t词\t-", "lines[1].category")]
    [InlineData("custom\tdelete\tx\t词\t-", "lines[1].action")]
    [InlineData("custom\thold\tx\t   \t-", "lines[1].pattern")]
    public void A_bad_line_is_refused_with_its_number_and_nothing_is_taken(string tsv, string field)
    {
        var (dictionary, errors) = ComplianceDictionary.Parse(tsv);
        Assert.Contains(errors.Errors, e => e.Field == field);
        Assert.Empty(dictionary.Terms);
    }

    [Fact]
    public void The_default_list_has_at_least_two_thousand_terms()
    {
        Assert.True(ComplianceDictionary.Default.Terms.Count >= 2_000, $"{ComplianceDictionary.Default.Terms.Count} terms");
    }
}
