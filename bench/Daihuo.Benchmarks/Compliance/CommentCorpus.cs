namespace Daihuo.Benchmarks.Compliance;

/// <summary>
/// Live comments as they arrive in a food and apparel session: mostly short questions and cheers,
/// one in ten with something the scanner must find (some disguised). Fixed, so runs compare.
/// </summary>
public static class CommentCorpus
{
    private static readonly string[] Clean =
    [
        "主播好美", "3号链接还有吗", "什么时候发货？", "扣1", "想要", "M码还有吗", "165 穿什么码", "多少钱", "已拍", "已下单，快点发货哦",
        "主播今天的衣服好看", "这个颜色好显白", "有没有大码", "求讲解 5 号", "这个能机洗吗", "面料是什么", "包邮吗", "新疆发货吗", "第一次来直播间",
        "最近天气好冷，主播注意身体", "来了来了", "❤️❤️❤️", "姐妹们冲", "蛋黄酥好吃吗", "芒果干甜不甜", "保质期多久", "孕妇能吃吗", "宝宝能吃吗",
        "尺码偏大还是偏小", "退换方便吗", "有运费险吗", "几天能到", "上次买的很好吃，回购了", "主播讲讲搭配", "还有库存吗", "抢到了！",
        "没抢到呜呜", "还会补货吗", "能便宜点吗", "拍了两件", "M 和 L 怎么选", "黑色还有吗", "看看后面", "转一圈看看", "求上链接", "好的好的",
        "主播声音好好听", "今天几点下播", "明天还播吗", "关注了", "点赞点赞", "最后一件了吗？", "这个口味有几种", "辣不辣", "配料表看看",
        "能开发票吗", "质量怎么样", "洗了会缩水吗", "起球吗", "有赠品吗", "满减怎么算", "优惠券在哪领", "券领不了", "价格好划算", "已经买第二次了",
    ];

    private static readonly string[] Flagged =
    [
        "全网最低价吗", "加微信详聊", "加V\u200Bx 私聊", "淘宝搜同款更便宜", "主播是傻逼吧", "这是假货吧", "能降血压吗", "全網最低價", "联系我 13812345678",
        "国家级工艺？", "最 低 价 了", "➕薇信发图", "骗子别买", "销量第一的是哪款",
    ];

    /// <summary>About 2,000 comments: the clean ones over and over, every tenth a flagged one.</summary>
    public static string[] Comments { get; } = Build(2_000);

    public static string CleanComment => "这个颜色好显白，M码还有吗";

    private static string[] Build(int count)
    {
        var comments = new string[count];
        for (var i = 0; i < count; i++)
        {
            comments[i] = i % 10 == 9 ? Flagged[i / 10 % Flagged.Length] : Clean[(i * 7) % Clean.Length];
        }

        return comments;
    }
}
