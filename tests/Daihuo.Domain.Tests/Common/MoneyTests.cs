using Daihuo.Domain.Common;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Daihuo.Domain.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("12", 1200)]
    [InlineData("12.5", 1250)]
    [InlineData("12.50", 1250)]
    [InlineData("0.01", 1)]
    [InlineData(".5", 50)]
    [InlineData("¥1,299.00", 129900)]
    [InlineData("￥ 39.9", 3990)]
    [InlineData("1299元", 129900)]
    [InlineData("-0.50", -50)]
    [InlineData("  88  ", 8800)]
    public void Parses_yuan_as_people_write_it(string text, long fen)
    {
        Assert.True(Money.TryParseYuan(text, out var money));
        Assert.Equal(fen, money.Fen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("12.345")]
    [InlineData("1e3")]
    [InlineData("12..5")]
    [InlineData("¥")]
    [InlineData("-")]
    [InlineData("99999999999999")]
    public void Refuses_text_that_is_not_an_exact_amount(string? text) =>
        Assert.False(Money.TryParseYuan(text, out _));

    [Fact]
    public void Formats_for_people_and_for_files()
    {
        var price = Money.FromFen(129_950);
        Assert.Equal("1299.50", price.ToYuanString());
        Assert.Equal("¥1,299.50", price.ToDisplayString());
        Assert.Equal("-0.05", Money.FromFen(-5).ToYuanString());
    }

    [Fact]
    public void Arithmetic_is_exact_and_overflow_is_an_error()
    {
        Assert.Equal(Money.FromFen(30), Money.FromFen(10) + Money.FromFen(20));
        Assert.Equal(Money.FromFen(297), Money.FromFen(99) * 3);
        Assert.Throws<OverflowException>(() => Money.FromFen(long.MaxValue) + Money.FromFen(1));
    }

    [Property]
    public Property Yuan_text_round_trips_to_the_same_fen(long fen)
    {
        var bounded = fen % 1_000_000_000_000L;
        var money = Money.FromFen(bounded);
        return (Money.TryParseYuan(money.ToYuanString(), out var back) && back == money).ToProperty();
    }

    [Property]
    public Property Display_text_round_trips_too(int fen)
    {
        var money = Money.FromFen(fen);
        return (Money.TryParseYuan(money.ToDisplayString().Replace("-¥", "¥-", StringComparison.Ordinal).Replace("¥-", "-", StringComparison.Ordinal), out var back) && back == money)
            .ToProperty();
    }
}
