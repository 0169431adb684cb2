namespace Daihuo.Domain.Compliance;

/// <summary>
/// Daihuo's own term list (no official list exists; see REFERENCE.md "Advertising Law"). One line per
/// entry: category, action, rule, pattern, suggestion, tab-separated. A pattern may hold groups
/// <c>{a|b|c}</c>, which expand to every combination; category <c>allow</c> lists phrases that are not
/// findings even though they contain a term (最近, 第一次). Rules: <c>ad-law-9</c> absolute terms,
/// <c>ad-law-11</c> data without a source, <c>ad-law-17</c> medical claims, <c>ad-law-28</c> false or
/// unverifiable claims, <c>ad-law-38</c> endorsements, <c>price-law</c> price claims,
/// <c>superstition</c>, <c>diversion</c>, <c>contact</c>, <c>abuse</c>, <c>negative</c>.
/// </summary>
internal static class DefaultTerms
{
    public const string Tsv = """
        absolute	block	ad-law-9	国家级	删除，或写明具体资质，例如“通过 XX 认证”
        absolute	block	ad-law-9	{世界|全球|宇宙|国际|全国|省|市}级	删除，或写明具体资质
        absolute	block	ad-law-9	最{好|佳|优|强|大|高|低|便宜|实惠|划算|新|先进|安全|有效|正宗|权威|专业|时尚|流行|舒适|耐用|好用|好吃|好喝|健康|环保|受欢迎|畅销|热销|火爆|值|靠谱|给力|顶级|高级|高端|牛|美|白|嫩|薄|轻|快|稳|准|纯|全|完美|理想|合适|超值|低价|优惠|省钱|适合|科学|精致|豪华|奢华|贵|正|红|潮|in|强大}	改为客观描述，例如“很受欢迎”“口碑不错”
        absolute	block	ad-law-9	{顶级|极品|极致|至尊|至臻|王者|霸主|鼻祖|始祖|泰斗|巅峰|天花板|无敌|独一无二|绝无仅有|史无前例|前无古人|空前绝后|万能|首选|首个|首家|唯一|独家|领袖|领导者|领先|领跑|标杆|之王|之最|冠军|销冠|第一品牌|金牌|王牌|皇家|殿堂级|旗舰级|终极|永久|100%|百分百|百分之百|绝对|完全|彻底|零风险|无副作用|无毒|纯天然}	删除，或改为可以证明的具体说法
        absolute	block	ad-law-9	第1	删除“第一”，或写明排名依据与来源
        absolute	block	ad-law-9	{no1|no.1|top1|numberone}	删除，或写明排名依据与来源
        unverified	evidence	ad-law-11	{销量|排名|品质|口碑|人气|好评|质量|性价比|效果|销售额|复购率|好评率|回购率}{第1|冠军|最高|之王|遥遥领先|no1|top1}	写明数据来源与统计范围，例如“据 XX 平台 2025 年数据”
        unverified	evidence	ad-law-11	{全网|全国|全球|全世界|世界|行业|同行|市面上|业内|史上|全平台|全渠道|中国|亚洲|今年|年度|全年}{第1|最低|最好|最佳|最强|最大|最便宜|首选|顶级|领先|唯一|独家|冠军|之最|最高|首创|首发|领导者|领跑|标杆|王者|霸主|no1|top1|销冠|第1品牌|最受欢迎|最畅销|最低价|底价|地板价|骨折价|清仓价|亏本价|成本价|出厂价}	写明数据来源；价格说法须有依据（《明码标价和禁止价格欺诈规定》）
        unverified	evidence	ad-law-28	{好评率|有效率|满意度|回购率|复购率}{99|100|98}	写明数据来源与统计范围
        unverified	evidence	ad-law-38	{国家|政府|央视|cctv|卫健委|药监局|权威机构|专家|医生|院士|三甲医院|老中医|营养师|皮肤科医生}{推荐|认证|指定|特供|专供|监制|背书|力荐|研发|认可}	删除，或提供可核实的证明文件
        unverified	evidence	price-law	{原价|专柜价|吊牌价|市场价|门市价}{1|2|3|4|5|6|7|8|9}	划线价须为前 7 天最低成交价，或写明依据
        unverified	evidence	price-law	{亏本|赔本|跳楼|血亏|倒贴|清仓|骨折|白菜|地板|破价|贱卖}{价|卖|甩卖|大甩卖|清仓}	价格说法须真实，有依据
        medical	hold	ad-law-17	{治疗|治愈|根治|医治|预防|改善|缓解|消除|抑制|调理|攻克|克星|专治|主治}{失眠|便秘|痛风|湿疹|痤疮|脱发|高血压|糖尿病|癌症|肿瘤|关节炎|胃病|鼻炎|咽炎|妇科病|前列腺|风湿|哮喘|贫血|肥胖|近视|白发|色斑|黄褐斑|痘痘|炎症|过敏|皮炎|口臭|三高|感冒|咳嗽|头痛|失忆|抑郁|焦虑|肝病|肾病|心脏病|脂肪肝|甲状腺|颈椎病|腰椎病|骨质疏松|更年期}	食品、化妆品不得宣传疾病治疗功能，删除
        medical	hold	ad-law-17	{降|调节|稳定|控制|平衡|软化}{血压|血糖|血脂|尿酸|胆固醇|血管}	删除功效说法；保健食品须标注“本品不能代替药物”
        medical	hold	ad-law-17	{提高|增强|调节|提升|激活}{免疫力|抵抗力|记忆力|性功能|新陈代谢|细胞活力}	删除功效说法，或改为经批准的保健功能原文
        medical	hold	ad-law-17	{抗|防|治}{癌|衰老|辐射|病毒|流感|过敏|疲劳|氧化|糖化|炎|菌|肿瘤}	删除医疗用语
        medical	hold	ad-law-17	{祛|去|除|消|淡化|抑制|修复|消灭}{斑|痘|疤|皱纹|眼袋|黑眼圈|妊娠纹|红血丝|痘印|粉刺|黑头|色素|雀斑|老年斑|晒斑|细纹|痘坑}	特殊用途化妆品须备案后按批准用语宣传；普通化妆品删除
        medical	hold	ad-law-17	{医用|药用|医学|药效|医效|处方|疗效|药妆|械字号|临床验证|临床证明|无副作用|细胞再生|干细胞|基因修复|激素|排毒|清肠|宿便|燃脂|溶脂|瘦身|减肥|丰胸|丰唇|壮阳|补肾|助眠|生发|防脱|增高|消炎|杀菌|抑菌|止痛|止痒|活血|化瘀|消肿|祛湿|排湿|去火|解毒|通便|拉皮|隆鼻|瘦脸}	删除医疗或功效用语
        medical	hold	ad-law-17	{一周|7天|三天|十天|一个月|半个月|三十天}{瘦|减|掉}{5斤|10斤|20斤|十斤|二十斤|五斤}	删除减重承诺
        medical	hold	ad-law-17	{一抹|一夜|三天|七天|一周|立刻|马上|当天}{白|美白|去皱|祛斑|见效|变白|去痘|消肿|瘦}	删除速效承诺
        superstition	hold	superstition	{开光|转运|招财|旺夫|旺财|辟邪|化煞|风水|保平安|改运|镇宅|求子|驱鬼|算命|去霉运|桃花运|纳福|聚财|挡灾|消灾|祈福灵验|逢凶化吉|增运|好运连连}	删除迷信用语，改为材质与工艺描述
        superstition	hold	superstition	{招财|转运|旺夫|辟邪|镇宅|化煞|纳福|聚财|改运|保平安}{神器|必备|手链|吊坠|貔貅|符|石|水晶|摆件}	删除迷信用语
        diversion	block	diversion	{加|添加|私|私聊|联系|找|扫|关注|搜|戳}{微信|微|v|vx|wx|v信|威信|薇信|卫星|q|qq|扣扣|企鹅|群|抖音号|小号|大号|私人号}	不得引导到其他渠道联系或交易
        diversion	block	diversion	{微信|威信|薇信|v信|vx|wx|weixin|wechat|卫星号|扣扣|企鹅号|qq号|微博|小红书号}	不得公开联系方式或引导站外联系
        diversion	block	diversion	{淘宝|天猫|京东|拼多多|pdd|闲鱼|抖店|快手小店|小红书|唯品会|tb|某宝|某东|某多多}{搜|下单|同款|店铺|链接|见|买|更便宜|便宜|有卖|价格|找}	不得引导到其他平台交易
        diversion	block	diversion	{私下|线下|私人|直接}{交易|转账|付款|联系|出|收|加|卖|打款|发货}	不得引导私下交易
        diversion	block	diversion	{http|https|www|t.cn|dwz|url|二维码|扫码|扫一扫}	不得发布外部链接或二维码
        abuse	block	abuse	{傻逼|傻b|sb|煞笔|沙比|傻叉|傻x|脑残|弱智|智障|白痴|蠢货|蠢猪|猪头|废物|贱人|贱货|婊子|绿茶婊|狗东西|狗日的|王八蛋|王八|混蛋|滚蛋|去死|死全家|你妈|尼玛|tmd|nmsl|cnm|草泥马|操你|fuck|shit|bitch|丑八怪|神经病|畜生|人渣|垃圾主播|恶心主播}	辱骂内容，删除并视情况禁言
        negative	watch	negative	{骗子|骗人|假货|假的|垃圾|退货|退款|差评|投诉|坑人|智商税|翻车|质量差|太贵|割韭菜|不发货|客服不理|没收到|发错|破损|掉色|起球|过敏了|烂了|臭了|过期|虚假宣传|欺骗|举报|12315|消协|维权|别买|不要买|避雷|踩雷}	关注舆情，必要时由场控解释或转客服
        allow	-	-	{最近|最后|最终|最初|最早|最多|最少|最起码|最好是|最好能|最好还是}	-
        allow	-	-	{第1次|第1天|第1件|第1单|第1个|第1步|第1排|第1眼|第1批|第1波|第1轮|第1季|第1期|第1名额}	-
        allow	-	-	{最佳食用|最佳赏味|最佳饮用|最佳使用}{期|时间|温度}	-
        allow	-	-	{唯一的缺点|唯一不足|抗皱纹路}	-
        """;
}
