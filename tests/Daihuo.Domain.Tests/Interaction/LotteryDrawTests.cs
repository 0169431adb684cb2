using Daihuo.Domain.Interaction;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Daihuo.Domain.Tests.Interaction;

public sealed class LotteryDrawTests
{
    // The worked example of docs/lottery.md: the page and the document must show these same winners.
    private const string ExampleSeed = "5f2b8c1e9a4d7f3b6e0c2a8d4f1b7e9c3a5d8f0b2e4c6a9d1f3b5e7c9a0d2f4b";
    private static readonly string[] ExampleEntries = ["3fa1c0de12ab9e77", "0b9d2f4e6a8c1357", "c4e6a8b0d2f41357", "7e1f3a5c9b2d4680", "a2c4e6f8b1d3f5a7"];

    [Fact]
    public void The_worked_example_of_the_document_draws_what_it_says()
    {
        var winners = LotteryDraw.Winners(ExampleSeed, ExampleEntries, 2);
        Assert.Equal(DocumentedWinners, winners);
        Assert.Equal(DocumentedCommitment, LotteryDraw.Commitment(ExampleSeed));
    }

    // Worked by hand (with an independent script) in docs/lottery.md; a change of algorithm breaks this test and the document together.
    private static readonly string[] DocumentedWinners = ["c4e6a8b0d2f41357", "a2c4e6f8b1d3f5a7"];
    private const string DocumentedCommitment = "62a742c041959e0c6a4311771fce0e9e71a31ffd229d22a9eba5df9a88023b0f";

    [Fact]
    public void A_published_seed_and_list_reproduce_the_winners_and_a_changed_seed_is_caught()
    {
        var seed = LotteryDraw.NewSeed();
        var commitment = LotteryDraw.Commitment(seed);
        var entries = Enumerable.Range(0, 500).Select(i => LotteryDraw.EntryCode(Guid.Empty, "b_" + i)).ToList();
        var winners = LotteryDraw.Winners(seed, entries, 10);

        var honest = LotteryDraw.Verify(commitment, seed, entries.AsEnumerable().Reverse(), 10, winners);
        Assert.True(honest.SeedMatchesCommitment);
        Assert.True(honest.WinnersMatch);

        // The organiser swaps the seed after showing the commitment: the hash gives it away.
        var other = LotteryDraw.NewSeed();
        var swapped = LotteryDraw.Verify(commitment, other, entries, 10, LotteryDraw.Winners(other, entries, 10));
        Assert.False(swapped.SeedMatchesCommitment);

        // The organiser publishes the true seed but other winners: the recomputation gives it away.
        var rigged = winners.Skip(1).Append(entries.First(e => !winners.Contains(e))).ToList();
        Assert.False(LotteryDraw.Verify(commitment, seed, entries, 10, rigged).WinnersMatch);

        // One character of the seed changed is a different seed.
        var flipped = (seed[0] == 'a' ? 'b' : 'a') + seed[1..];
        Assert.False(LotteryDraw.Verify(commitment, flipped, entries, 10, winners).SeedMatchesCommitment);
    }

    [Property(MaxTest = 300)]
    public Property Winners_are_distinct_eligible_entries_and_depend_only_on_seed_and_list(NonNegativeInt size, PositiveInt quantity, int shuffle)
    {
        var n = size.Get % 200;
        var entries = Enumerable.Range(0, n).Select(i => "e" + (i * 7919 % 1000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var k = quantity.Get % 50;
        var seed = LotteryDraw.Commitment(shuffle.ToString(System.Globalization.CultureInfo.InvariantCulture));   // any 64-hex text
        var winners = LotteryDraw.Winners(seed, entries, k);
        var reordered = LotteryDraw.Winners(seed, entries.OrderBy(e => (e.GetHashCode() ^ shuffle)).Concat(entries.Take(3)), k);
        var distinct = entries.Distinct().Count();
        return (winners.Count == Math.Min(k, distinct)
                && winners.Distinct().Count() == winners.Count
                && winners.All(entries.Contains)
                && winners.SequenceEqual(reordered)).ToProperty();
    }

    [Fact]
    public void Every_entry_can_win_and_the_draw_is_even()
    {
        // 6,000 draws of one winner among 6 entries: each should win about 1,000 times.
        var entries = new[] { "a", "b", "c", "d", "e", "f" };
        var wins = entries.ToDictionary(e => e, _ => 0);
        for (var i = 0; i < 6_000; i++)
        {
            wins[LotteryDraw.Winners(LotteryDraw.Commitment("s" + i), entries, 1)[0]]++;
        }

        Assert.All(wins.Values, w => Assert.InRange(w, 850, 1_150));
    }

    [Fact]
    public void Bad_plans_are_refused_naming_the_field()
    {
        var ok = new LotteryDraft("口红", PrizeKind.Goods, Daihuo.Domain.Common.Money.FromYuan(199), 3, null, new Eligibility("抽奖", false, 0, false), 5, null);
        Assert.True(LotteryRules.Validate(ok).IsValid);
        Assert.Contains(LotteryRules.Validate(ok with { PrizeValue = Daihuo.Domain.Common.Money.FromYuan(50_001) }).Errors, e => e.Field == "prizeValue" && e.Code == Daihuo.Domain.Common.ErrorCodes.LotteryPrizeCap);
        Assert.Contains(LotteryRules.Validate(ok with { Quantity = 0 }).Errors, e => e.Field == "quantity");
        Assert.Contains(LotteryRules.Validate(ok with { Prize = " " }).Errors, e => e.Field == "prize");
        Assert.Contains(LotteryRules.Validate(ok with { Kind = PrizeKind.Coupon }).Errors, e => e.Field == "couponId");
        Assert.Contains(LotteryRules.Validate(ok with { DrawInMinutes = 0 }).Errors, e => e.Field == "drawInMinutes");
        Assert.Contains(LotteryRules.Validate(ok with { Eligibility = new Eligibility("！！", false, 0, false) }).Errors, e => e.Field == "eligibility.keyword");
        Assert.Contains(LotteryRules.Validate(ok with { Eligibility = new Eligibility(null, false, 601, false) }).Errors, e => e.Field == "eligibility.watchMinutes");
    }

    [Theory]
    [InlineData("抽奖", "我要抽奖！", true)]
    [InlineData("抽奖", "我要 抽 奖", true)]
    [InlineData("抽奖", "我要抽獎", true)]
    [InlineData("抽奖", "什么时候开始", false)]
    public void A_keyword_enters_whatever_its_disguise(string keyword, string comment, bool enters) =>
        Assert.Equal(enters, LotteryRules.MatchesKeyword(keyword, comment));
}
