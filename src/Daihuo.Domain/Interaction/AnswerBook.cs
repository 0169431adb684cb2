using Daihuo.Domain.Common;
using Daihuo.Domain.Compliance;

namespace Daihuo.Domain.Interaction;

/// <summary>The usual topics viewers ask about; a shop may add its own.</summary>
public static class AnswerTopics
{
    public const string Price = "price";
    public const string Shipping = "shipping";
    public const string Size = "size";
    public const string Authenticity = "authenticity";
    public const string AfterSales = "aftersales";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Price, Shipping, Size, Authenticity, AfterSales, Other];
}

/// <summary>A prepared answer: the words that show a viewer is asking about its topic, and the answer the assistant sends.</summary>
public sealed record PreparedAnswer(Guid Id, string Topic, IReadOnlyList<string> Keywords, string Answer);

/// <summary>
/// Finds the prepared answer a comment asks for: the first answer with a keyword in the comment,
/// folded like the scanner folds, so "多 少 钱" and "多少錢" ask the price. A dozen answers with a few
/// words each cost a few microseconds per comment.
/// </summary>
public sealed class AnswerBook
{
    private readonly (PreparedAnswer Answer, string[] Keys)[] _answers;

    public AnswerBook(IEnumerable<PreparedAnswer> answers)
    {
        Answers = [.. answers];
        _answers = [.. Answers.Select(a => (a, a.Keywords.Select(TextFold.Apply).Where(k => k.Length > 0).ToArray()))];
    }

    public static AnswerBook Empty { get; } = new([]);

    public IReadOnlyList<PreparedAnswer> Answers { get; }

    public PreparedAnswer? Match(string comment)
    {
        if (_answers.Length == 0)
        {
            return null;
        }

        var text = TextFold.Apply(comment);
        foreach (var (answer, keys) in _answers)
        {
            foreach (var k in keys)
            {
                if (text.Contains(k, StringComparison.Ordinal))
                {
                    return answer;
                }
            }
        }

        return null;
    }

    public static ValidationResult Validate(string? topic, IReadOnlyList<string> keywords, string? answer)
    {
        var errors = new ValidationResult();
        if (topic is null || !AnswerTopics.All.Contains(topic))
        {
            errors.Add(ErrorCodes.InvalidChoice, "topic");
        }

        if (keywords.Count == 0)
        {
            errors.Add(ErrorCodes.Required, "keywords");
        }
        else if (keywords.Count > 20)
        {
            errors.Add(ErrorCodes.TooMany, "keywords", 20);
        }
        else if (keywords.Any(k => k.Length > 20 || TextFold.Apply(k).Length == 0))
        {
            errors.Add(ErrorCodes.InvalidChoice, "keywords");
        }

        var text = answer?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "answer");
        }
        else if (text.Length > CommentRules.MaxLength)
        {
            errors.Add(ErrorCodes.TooLong, "answer", CommentRules.MaxLength);
        }

        return errors;
    }

    /// <summary>The usual five, as a new shop starts with them (zh-CN words and English ones).</summary>
    public static IReadOnlyList<PreparedAnswer> Defaults() =>
    [
        new(Guid.NewGuid(), AnswerTopics.Price, ["多少钱", "价格", "几块", "什么价", "怎么卖", "how much", "price"], "直播间价格以购物车标价为准，下单时优惠自动计算，领券后更划算。"),
        new(Guid.NewGuid(), AnswerTopics.Shipping, ["发货", "几天到", "什么时候到", "快递", "包邮", "物流", "shipping", "deliver"], "付款后 48 小时内发货，默认中通/顺丰，全国包邮（偏远地区除外）。"),
        new(Guid.NewGuid(), AnswerTopics.Size, ["尺码", "码数", "多大", "身高", "体重", "偏大", "偏小", "size"], "尺码按商品详情的尺码表选，报身高体重给助理帮你推荐。"),
        new(Guid.NewGuid(), AnswerTopics.Authenticity, ["正品", "真的吗", "保真", "专柜", "authentic", "genuine"], "品牌官方授权，假一赔三，可查验防伪码。"),
        new(Guid.NewGuid(), AnswerTopics.AfterSales, ["退货", "退换", "售后", "七天无理由", "保修", "return", "refund"], "支持七天无理由退货（生鲜等除外），签收后在“我的订单”申请售后。"),
    ];
}
