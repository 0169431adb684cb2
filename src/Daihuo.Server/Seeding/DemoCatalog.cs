using Daihuo.Data.Catalog;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using SixLabors.ImageSharp.PixelFormats;

namespace Daihuo.Server.Seeding;

/// <summary>The reference categories and the demo brand shop's catalog (about 40 products).</summary>
internal static class DemoCatalog
{
    public static IReadOnlyList<Category> Categories { get; } =
    [
        new() { Code = "apparel-women", NameZh = "女装", NameEn = "Women's apparel", RequiresSize = true, SortOrder = 1 },
        new() { Code = "apparel-men", NameZh = "男装", NameEn = "Men's apparel", RequiresSize = true, SortOrder = 2 },
        new() { Code = "shoes", NameZh = "鞋靴", NameEn = "Shoes", RequiresSize = true, SortOrder = 3 },
        new() { Code = "beauty-skincare", NameZh = "护肤", NameEn = "Skincare", DefaultSpecialCategory = SpecialCategory.Cosmetics, SortOrder = 4 },
        new() { Code = "beauty-makeup", NameZh = "彩妆", NameEn = "Makeup", DefaultSpecialCategory = SpecialCategory.Cosmetics, SortOrder = 5 },
        new() { Code = "food-snacks", NameZh = "休闲零食", NameEn = "Snacks", DefaultSpecialCategory = SpecialCategory.Food, SortOrder = 6 },
        new() { Code = "food-fresh", NameZh = "生鲜果蔬", NameEn = "Fresh produce", DefaultSpecialCategory = SpecialCategory.Food, SortOrder = 7 },
        new() { Code = "food-health", NameZh = "保健食品", NameEn = "Health food", DefaultSpecialCategory = SpecialCategory.HealthFood, SortOrder = 8 },
        new() { Code = "home-kitchen", NameZh = "厨房用品", NameEn = "Kitchen", SortOrder = 9 },
        new() { Code = "home-textile", NameZh = "家纺", NameEn = "Home textiles", SortOrder = 10 },
        new() { Code = "home-cleaning", NameZh = "清洁日化", NameEn = "Household cleaning", SortOrder = 11 },
        new() { Code = "baby", NameZh = "母婴", NameEn = "Mother & baby", DefaultSpecialCategory = SpecialCategory.ChildrensGoods, SortOrder = 12 },
    ];

    private sealed record Item(
        string Code, string Name, string Category, string Brand, ProductRole Role, string List, string Live, string Floor, string Cost,
        string[] Colours, string[] Sizes, string[] Points, string? Feature = null, string? Advantage = null, string? Benefit = null, string? Evidence = null);

    private static readonly string[] WomenSizes = ["S", "M", "L", "XL"];
    private static readonly string[] MenSizes = ["M", "L", "XL", "XXL"];
    private static readonly string[] ShoeSizes = ["36", "37", "38", "39", "40"];
    private static readonly string[] None = [];

    private static readonly Item[] Items =
    [
        new("DH-W1001", "法式方领泡泡袖连衣裙", "apparel-women", "予棠", ProductRole.Hit, "399", "239", "199", "96", ["奶油白", "雾霾蓝"], WomenSizes, ["三醋酸面料垂感好", "收腰显瘦", "可机洗"], "三醋酸混纺面料", "垂坠不易皱", "通勤约会都能穿", "面料检测报告"),
        new("DH-W1002", "高腰直筒牛仔裤", "apparel-women", "予棠", ProductRole.TrafficDriver, "259", "129", "109", "58", ["浅蓝", "深蓝", "黑色"], ["25", "26", "27", "28", "29"], ["高腰拉长腿型", "微弹不勒"]),
        new("DH-W1003", "醋酸缎面衬衫", "apparel-women", "予棠", ProductRole.Profit, "329", "219", "179", "78", ["香槟", "墨绿"], WomenSizes, ["珍珠光泽", "抗皱"]),
        new("DH-W1004", "羊毛混纺双面呢大衣", "apparel-women", "予棠", ProductRole.Profit, "1299", "799", "699", "315", ["驼色", "燕麦"], WomenSizes, ["50%羊毛", "手工双面呢"]),
        new("DH-W1005", "针织开衫薄款", "apparel-women", "予棠", ProductRole.Welfare, "199", "69", "59", "32", ["米白", "浅粉", "黑色"], WomenSizes, ["空调房必备", "不起球"]),
        new("DH-W1006", "冰丝阔腿裤", "apparel-women", "予棠", ProductRole.Hit, "189", "99", "85", "36", ["黑色", "卡其"], WomenSizes, ["凉感面料", "垂感显瘦"]),
        new("DH-W1007", "纯棉印花T恤", "apparel-women", "予棠", ProductRole.TrafficDriver, "129", "49", "39", "19", ["白色", "灰色"], WomenSizes, ["新疆长绒棉", "不变形"]),
        new("DH-M2001", "商务免烫长袖衬衫", "apparel-men", "予棠男装", ProductRole.Profit, "359", "199", "169", "72", ["白色", "浅蓝"], MenSizes, ["免烫", "抗皱易打理"]),
        new("DH-M2002", "轻薄羽绒服", "apparel-men", "予棠男装", ProductRole.Hit, "799", "399", "349", "168", ["藏青", "黑色"], MenSizes, ["90%白鸭绒", "可收纳"]),
        new("DH-M2003", "速干运动短裤", "apparel-men", "予棠男装", ProductRole.TrafficDriver, "149", "59", "49", "22", ["黑色", "灰色"], MenSizes, ["速干透气", "带拉链口袋"]),
        new("DH-M2004", "华夫格卫衣", "apparel-men", "予棠男装", ProductRole.Profit, "269", "159", "129", "55", ["燕麦", "墨绿"], MenSizes, ["重磅面料", "宽松版型"]),
        new("DH-S3001", "软底通勤乐福鞋", "shoes", "步悦", ProductRole.Profit, "459", "269", "229", "110", ["黑色", "杏色"], ShoeSizes, ["头层牛皮", "软底不累脚"]),
        new("DH-S3002", "老爹鞋增高款", "shoes", "步悦", ProductRole.Hit, "399", "199", "179", "88", ["白灰", "全白"], ShoeSizes, ["内增高5cm", "透气网面"]),
        new("DH-B4001", "玻尿酸补水精华液 30ml", "beauty-skincare", "泉肌", ProductRole.Hit, "299", "159", "139", "42", None, None, ["三重玻尿酸", "敏感肌可用"], "复配三种分子量玻尿酸", "多层补水", "上妆服帖", "第三方保湿功效测试"),
        new("DH-B4002", "氨基酸洁面乳 120g", "beauty-skincare", "泉肌", ProductRole.TrafficDriver, "89", "39", "32", "11", None, None, ["温和不紧绷", "绵密泡沫"]),
        new("DH-B4003", "修护面霜 50g", "beauty-skincare", "泉肌", ProductRole.Profit, "369", "239", "199", "58", None, None, ["神经酰胺修护屏障", "质地轻盈"]),
        new("DH-B4004", "清透防晒乳 SPF50+ 50ml", "beauty-skincare", "泉肌", ProductRole.Profit, "199", "119", "99", "30", None, None, ["SPF50+ PA++++", "不泛白"]),
        new("DH-B4005", "补水面膜 10片装", "beauty-skincare", "泉肌", ProductRole.Welfare, "129", "49", "45", "18", None, None, ["一片一精华", "独立包装"]),
        new("DH-B4101", "丝绒雾面口红", "beauty-makeup", "绯色", ProductRole.Hit, "159", "89", "79", "21", ["#01 正红", "#05 豆沙", "#12 枫叶"], None, ["雾面不拔干", "显白色号"]),
        new("DH-B4102", "持妆粉底液 30ml", "beauty-makeup", "绯色", ProductRole.Profit, "259", "169", "149", "40", ["象牙白", "自然色"], None, ["12小时持妆", "轻薄遮瑕"]),
        new("DH-B4103", "四色眼影盘", "beauty-makeup", "绯色", ProductRole.TrafficDriver, "139", "59", "49", "17", ["大地色", "蜜桃色"], None, ["粉质细腻", "新手友好"]),
        new("DH-F5001", "每日坚果 30袋礼盒", "food-snacks", "果仁记", ProductRole.Hit, "169", "99", "89", "55", None, None, ["6种坚果果干", "独立小包装"], "六种坚果果干科学配比", "每日一袋", "营养均衡不怕胖", "SC生产许可"),
        new("DH-F5002", "手撕牛肉干 250g", "food-snacks", "草原牧歌", ProductRole.Profit, "99", "59", "52", "28", ["原味", "香辣"], None, ["内蒙古草原牛", "真材实料"]),
        new("DH-F5003", "芒果干 500g", "food-snacks", "果仁记", ProductRole.TrafficDriver, "59", "29.9", "25", "14", None, None, ["肉厚软糯", "无添加蔗糖"]),
        new("DH-F5004", "蛋黄酥 6枚装", "food-snacks", "酥香坊", ProductRole.Welfare, "49", "19.9", "17.9", "10.5", None, None, ["现烤现发", "流心咸蛋黄"]),
        new("DH-F5005", "冻干咖啡粉 24颗", "food-snacks", "山野咖啡", ProductRole.Profit, "139", "79", "69", "31", None, None, ["3秒速溶", "冷水可溶"]),
        new("DH-F5101", "赣南脐橙 5斤装", "food-fresh", "果园直发", ProductRole.Hit, "69", "39.9", "35", "22", None, None, ["产地直发", "坏果包赔"]),
        new("DH-F5102", "五常大米 5kg", "food-fresh", "黑土地", ProductRole.Profit, "129", "79", "69", "46", None, None, ["当季新米", "稻花香2号"]),
        new("DH-F5103", "土鸡蛋 30枚", "food-fresh", "山里人家", ProductRole.TrafficDriver, "68", "35.9", "32", "21", None, None, ["林下散养", "破损包赔"]),
        new("DH-H5201", "鱼油软胶囊 90粒", "food-health", "元康", ProductRole.Profit, "298", "168", "148", "52", None, None, ["高纯度Omega-3", "小粒易吞"]),
        new("DH-H5202", "益生菌冻干粉 30条", "food-health", "元康", ProductRole.Hit, "239", "139", "119", "41", None, None, ["多菌株配方", "独立条装"]),
        new("DH-K6001", "不粘炒锅 32cm", "home-kitchen", "厨匠", ProductRole.Hit, "399", "189", "169", "86", None, None, ["少油烟", "电磁炉燃气通用"], "麦饭石涂层", "不粘易清洗", "新手也能做好菜", "涂层检测报告"),
        new("DH-K6002", "304不锈钢保温杯 500ml", "home-kitchen", "厨匠", ProductRole.TrafficDriver, "129", "59", "49", "24", ["白色", "墨蓝", "樱粉"], None, ["12小时保温", "一键开盖"]),
        new("DH-K6003", "多功能料理机", "home-kitchen", "厨匠", ProductRole.Profit, "699", "399", "359", "185", None, None, ["破壁免滤", "12小时预约"]),
        new("DH-K6004", "砧板刀具套装", "home-kitchen", "厨匠", ProductRole.Welfare, "259", "99", "89", "52", None, None, ["七件套", "抗菌砧板"]),
        new("DH-T6101", "60支长绒棉四件套", "home-textile", "棉眠", ProductRole.Profit, "899", "459", "399", "198", ["雾蓝", "燕麦", "浅灰"], None, ["60支长绒棉", "A类标准"]),
        new("DH-T6102", "大豆纤维夏凉被", "home-textile", "棉眠", ProductRole.Hit, "399", "199", "179", "86", ["白色"], None, ["可水洗", "透气亲肤"]),
        new("DH-C6201", "洗衣凝珠 52颗", "home-cleaning", "净朗", ProductRole.TrafficDriver, "79", "39.9", "35", "16", None, None, ["三合一", "留香72小时"]),
        new("DH-C6202", "厨房重油污清洁剂 2瓶", "home-cleaning", "净朗", ProductRole.Welfare, "59", "19.9", "17.9", "9.5", None, None, ["泡沫喷头", "一喷即净"]),
        new("DH-Y7001", "婴儿纸尿裤 L码 54片", "baby", "小贝壳", ProductRole.Hit, "199", "119", "109", "68", None, None, ["轻薄透气", "12小时干爽"]),
        new("DH-Y7002", "儿童保温水杯 400ml", "baby", "小贝壳", ProductRole.Profit, "159", "89", "79", "35", ["恐龙绿", "小兔粉"], None, ["防漏吸管", "食品级材质"]),
    ];

    private static readonly Rgba32[] Palette =
    [
        new(214, 84, 96), new(92, 132, 196), new(236, 178, 84), new(98, 168, 140), new(164, 112, 196),
        new(230, 126, 84), new(70, 110, 130), new(200, 160, 120), new(120, 150, 90), new(210, 110, 150),
    ];

    public static IEnumerable<ProductDraft> Drafts() => Items.Select(ToDraft);

    /// <summary>Every few products get a drawn image, so the grid shows what a real catalog looks like.</summary>
    public static IEnumerable<(string ProductCode, byte[] Jpeg)> Images() =>
        Items.Select((item, i) => (item, i)).Where(x => x.i % 3 != 2)
            .Select(x => (x.item.Code, ImageStoreImage(x.i)));

    private static byte[] ImageStoreImage(int i) => Catalog.ImageStore.DrawDemoImage(Palette[i % Palette.Length], i);

    private static ProductDraft ToDraft(Item item)
    {
        var category = Categories.First(c => c.Code == item.Category);
        var template = SkuMatrix.PriceTemplate(Yuan(item.List), Yuan(item.Live), Yuan(item.Floor), Yuan(item.Cost));
        var skus = SkuMatrix.Generate(item.Code, item.Colours, item.Sizes, template);
        return new ProductDraft(
            item.Code, item.Name, item.Category, item.Brand, item.Brand + "供应链", item.Role, category.DefaultSpecialCategory, null,
            item.Points, new Fabe(item.Feature, item.Advantage, item.Benefit, item.Evidence), skus);
    }

    private static Money Yuan(string yuan) => Money.TryParseYuan(yuan, out var m)
        ? m
        : throw new InvalidOperationException("Bad demo price " + yuan);
}
