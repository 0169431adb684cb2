using Daihuo.Domain.Compliance;
using Daihuo.Domain.Interaction;

namespace Daihuo.Domain.Tests.Interaction;

public sealed class InteractionTests
{
    [Theory]
    [InlineData("主播好美", CommentVerdict.Published, false)]
    [InlineData("最好看的一件", CommentVerdict.Published, false)]      // a viewer's 最 is not an advertisement
    [InlineData("加 薇❤信 abc123 便宜", CommentVerdict.Hidden, true)]  // diversion
    [InlineData("一三八 一二三四 五六七八", CommentVerdict.Hidden, true)]    // a phone number in Chinese numerals
    [InlineData("用了一周根治湿疹", CommentVerdict.Held, true)]   // a cure claim: the controller decides
    [InlineData("骗子主播，假货", CommentVerdict.Published, true)]      // negative: shown, counted
    public void A_scan_becomes_a_verdict(string text, CommentVerdict verdict, bool negative)
    {
        var decision = CommentRules.Decide(ComplianceScanner.Default.Scan(text), muted: false);
        Assert.Equal(verdict, decision.Verdict);
        Assert.Equal(negative, decision.Negative);
    }

    [Fact]
    public void A_held_term_waits_for_the_controller_and_a_muted_viewer_is_hidden_whatever_they_say()
    {
        var hold = new ComplianceTerm("退钱", TermCategory.Custom, TermAction.Hold, "shop", null);
        var scanner = new ComplianceScanner(ComplianceDictionary.Default.With([hold], []));
        Assert.Equal(CommentVerdict.Held, CommentRules.Decide(scanner.Scan("不发货就退钱"), muted: false).Verdict);
        var muted = CommentRules.Decide(scanner.Scan("主播好美"), muted: true);
        Assert.Equal((CommentVerdict.Hidden, CommentReason.Muted), (muted.Verdict, muted.Reason));
        Assert.False(CommentRules.Visible(CommentVerdict.Hidden));
        Assert.False(CommentRules.Visible(CommentVerdict.Held));
        Assert.True(CommentRules.Visible(CommentVerdict.Released));
    }

    [Theory]
    [InlineData("扣", "1", "1", 0)]
    [InlineData("扣", "1", "扣1", 0)]
    [InlineData("扣", "1", "11111", 0)]
    [InlineData("扣", "1", "１", 0)]
    [InlineData("扣", "1", "12", -1)]
    [InlineData("扣", "1", "1号链接多少钱", -1)]
    [InlineData("尺码", "S M L XL", "m", 1)]
    [InlineData("尺码", "S M L XL", "尺码 M", 1)]
    [InlineData("尺码", "S M L XL", "M码", 1)]
    [InlineData("尺码", "S M L XL", "xl", 3)]
    [InlineData("尺码", "S M L XL", "XL码！", 3)]
    [InlineData("尺码", "S M L XL", "我要M", -1)]
    public void A_tally_counts_the_option_a_comment_answers(string prefix, string options, string comment, int option) =>
        Assert.Equal(option, new KeywordTally(prefix, KeywordTally.ParseOptions(options)).Match(comment));

    [Fact]
    public void A_tally_refuses_duplicate_or_empty_options()
    {
        Assert.Contains(KeywordTally.Validate("扣", ["M", "m"], null).Errors, e => e.Field == "options" && e.Code == Daihuo.Domain.Common.ErrorCodes.TallyOptionDuplicate);
        Assert.Contains(KeywordTally.Validate("扣", [], null).Errors, e => e.Field == "options");
        Assert.Contains(KeywordTally.Validate("扣", ["1"], 0).Errors, e => e.Field == "goal");
        Assert.True(KeywordTally.Validate("扣", ["1"], 100).IsValid);
    }

    [Theory]
    [InlineData("这个多少钱呀", AnswerTopics.Price)]
    [InlineData("多 少 錢", AnswerTopics.Price)]
    [InlineData("什么时候发货", AnswerTopics.Shipping)]
    [InlineData("165 cm 穿什么尺码", AnswerTopics.Size)]
    [InlineData("是正品吗", AnswerTopics.Authenticity)]
    [InlineData("可以七天无理由吗", AnswerTopics.AfterSales)]
    [InlineData("主播好美", null)]
    public void A_question_finds_its_prepared_answer(string comment, string? topic) =>
        Assert.Equal(topic, new AnswerBook(AnswerBook.Defaults()).Match(comment)?.Topic);

    [Fact]
    public void A_surge_needs_both_the_count_and_the_share_and_does_not_flicker()
    {
        var t0 = DateTimeOffset.Parse("2026-11-26T20:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        var watch = new SurgeWatch(windowSeconds: 60, threshold: 10, sharePercent: 20);

        // A busy room: 9 negative comments among 200 is no surge.
        for (var i = 0; i < 200; i++)
        {
            watch.Add(t0.AddMilliseconds(i * 100), negative: i % 20 == 0 && i < 180);
        }

        Assert.Null(watch.Check(t0.AddSeconds(20)));

        // 30 more negative ones within ten seconds: 39 of 230 is 17 %, still not a fifth of the room.
        for (var i = 0; i < 30; i++)
        {
            watch.Add(t0.AddSeconds(20).AddMilliseconds(i * 300), negative: true);
        }

        Assert.Null(watch.Check(t0.AddSeconds(30)));

        // The ordinary comments fall out of the window; the complaints carry on: a surge.
        for (var i = 0; i < 20; i++)
        {
            watch.Add(t0.AddSeconds(60 + i), negative: true);
        }

        var surge = watch.Check(t0.AddSeconds(80));
        Assert.NotNull(surge);
        Assert.True(surge.Negative >= 10);

        // Quiet for less than a window: still raised; after a whole quiet window: cleared.
        Assert.NotNull(watch.Check(t0.AddSeconds(130)));
        Assert.Null(watch.Check(t0.AddSeconds(200)));
    }
}
