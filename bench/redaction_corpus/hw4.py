"""Hand-written records, part 4: service records, hearings, chat logs, two parties in one
decision, directions that read like names, and other structures the generator does not make."""

from __future__ import annotations

from typing import Any

from hw_common import (
    ADDR,
    AGY,
    AMT,
    ART,
    BADDR,
    BRAND,
    CARD,
    CID,
    DATE,
    DOC,
    ID,
    MAIL,
    MOB,
    OFF,
    ORG,
    OTH,
    PLACE,
    PLATE,
    REG,
    REP,
    TEL,
    USCC,
    C,
    P,
    R,
    T,
    W,
    card_from,
    party_org,
    party_person,
    party_shop,
    person,
    rec,
    rid,
    rid_x,
    spaced4,
    uscc,
)


def remedy(gov: str, court: str) -> str:
    return (
        f"当事人如对本决定不服，可以在收到本决定书之日起六十日内向{AGY(gov)}申请行政复议，"
        f"或者在六个月内向{AGY(court)}提起行政诉讼。"
    )


def tra_h006() -> dict[str, Any]:
    # directions that begin with surnames (向东行驶, 由东向西) beside a driver called 向东方
    idn = rid("330106", "19860427", "352")
    text = f"""{AGY("杭州市交通运输行政执法队")}
行政处罚决定书
{DOC("杭交执罚〔2024〕第1186号")}

当事人：{P("向东方")}，男，身份证号码：{ID(idn)}，联系电话：{MOB("13757108826")}。

{DATE("2024年6月12日")}16时许，本队执法人员{OFF("童建新")}、{OFF("柏雪")}在{PLACE("紫金港路隧道口")}发现号牌为{PLATE("浙A·8L3H2")}的小型轿车沿紫金港路{W("向东行驶")}，车内乘客{T("丁一诺")}、{T("齐嘉怡")}系通过微信群约车从{PLACE("黄龙体育中心")}前往萧山机场，每人车费{AMT("70元")}。经查，驾驶员{P("向东方")}未取得道路运输经营许可。执法人员{W("由东向西")}将车辆引导至路边检查，{P("向东方")}对违法事实无异议。

依据{ART("《中华人民共和国道路运输条例》第六十三条")}，决定罚款{AMT("5000元")}（已考虑初次违法、违法所得较少等情节）。

{remedy("杭州市交通运输局", "杭州市西湖区人民法院")}

{AGY("杭州市交通运输行政执法队")}
{DATE("2024年7月3日")}"""
    return rec(
        "tra-h006",
        "transport",
        "penalty",
        f"{P('向东方')}未取得道路运输经营许可从事客运经营案",
        party_person("向东方", id_number=idn, phone="13757108826"),
        [person("passenger", "丁一诺"), person("passenger", "齐嘉怡")],
        "杭州市交通运输行政执法队",
        "浙江省杭州市西湖区",
        text,
    )


def mkt_h016() -> dict[str, Any]:
    # a WeChat chat log quoted as evidence: nicknames, names followed by colons, a phone number
    # typed inside a chat message, a pickup address
    idn = rid("440305", "19930808", "266")
    text = f"""{AGY("深圳市市场监督管理局南山监管局")}
行政处罚决定书
{DOC("深市监南罚〔2023〕3307号")}

当事人：{P("莫紫萱")}，女，身份证号码：{ID(idn)}，住址：{ADDR("南山区桃源街道桃源村32栋1506")}。

经查，当事人通过微信销售自制{BRAND("“萱萱私房”牌牛轧糖")}，未取得食品生产许可。以下为消费者{T("温婉清")}提供的微信聊天记录（截图打印件）摘录：
【{DATE("2023年11月2日")} 20:14】萱萱私房（{P("莫紫萱")}）：亲，明天下午三点后可以来拿，{ADDR("桃源村32栋")}楼下
【20:15】{T("温婉清")}：好的，到了打你电话吗？
【20:15】萱萱私房（{P("莫紫萱")}）：打{MOB("188 2345 6071")}，或者加我小号{OTH("wxid_xuanxuan0808")}
【20:16】{T("温婉清")}：我朋友{T("谢梓轩")}也要两盒，他的{W("余额")}不够，我帮他付
聊天记录显示当事人收取{T("温婉清")}货款{AMT("176元")}。当事人共销售牛轧糖约430盒，违法所得{AMT("21500元")}。

依据{ART("《中华人民共和国食品安全法》第一百二十二条第一款")}，决定：没收违法所得{AMT("21500元")}，罚款{AMT("50000元")}。

{remedy("深圳市南山区人民政府", "深圳市南山区人民法院")}

{AGY("深圳市市场监督管理局南山监管局")}
{DATE("2024年1月5日")}"""
    return rec(
        "mkt-h016",
        "market",
        "penalty",
        "莫某某未取得食品生产许可从事食品生产活动案",
        party_person("莫紫萱", id_number=idn, phone="18823456071"),
        [person("consumer", "温婉清"), person("consumer", "谢梓轩")],
        "深圳市市场监督管理局南山监管局",
        "广东省深圳市南山区",
        text,
    )


def mkt_h017() -> dict[str, Any]:
    # a hearing: the party's lawyer (hidden; the law firm stays), the hearing officer (kept), a
    # document title in 《》 that contains a complainant's name
    code = uscc("91", "420106", "MA4D8WQN")
    text = f"""{AGY("武汉市武昌区市场监督管理局")}
行政处罚决定书
{DOC("武昌市监处罚〔2024〕0457号")}

当事人：{ORG("武汉汇丰眼镜有限公司")}，统一社会信用代码：{USCC(code)}，法定代表人：{REP("湛国华")}，住所：{BADDR("武汉市武昌区中南路14号")}。

本局根据《关于{T("刘海燕")}投诉武汉汇丰眼镜有限公司验光不规范的情况说明》立案调查。经查，当事人验光员{T("聂晓燕")}未取得眼镜验光员职业资格，为消费者{T("刘海燕")}的女儿{T("赵欣怡")}（{OTH("11岁，双眼近视各600度")}）验配角膜塑形镜。
当事人要求听证。{DATE("2024年5月22日")}，本局举行听证会，听证主持人{OFF("漆慧敏")}，当事人委托代理人为{ORG("湖北楚天律师事务所")}律师{T("车立新")}（{MOB("13807192254")}）。{T("车立新")}称验光员已报名参加资格考试，请求从轻处罚。本局认为，申辩意见不影响违法事实的认定。

依据{ART("《医疗器械监督管理条例》第八十九条第（一）项")}，决定：罚款{AMT("20000元")}。

{remedy("武汉市武昌区人民政府", "武汉市武昌区人民法院")}

{AGY("武汉市武昌区市场监督管理局")}
{DATE("2024年6月18日")}"""
    return rec(
        "mkt-h017",
        "market",
        "penalty",
        f"{ORG('武汉汇丰眼镜有限公司')}使用不具备资格人员验配角膜塑形镜案",
        party_org("武汉汇丰眼镜有限公司", code, "湛国华", "武汉市武昌区中南路14号"),
        [
            person("complainant", "刘海燕"),
            person("employee", "聂晓燕"),
            person("consumer", "赵欣怡", minor=True),
            person("agent", "车立新", phone="13807192254"),
        ],
        "武汉市武昌区市场监督管理局",
        "湖北省武汉市武昌区",
        text,
    )


def mkt_h018() -> dict[str, Any]:
    # two natural-person parties in one decision (当事人一/当事人二); the second is in persons
    id1 = rid("530102", "19811103", "217")
    id2 = rid_x("532101", "19830416")
    text = f"""{AGY("昆明市五华区市场监督管理局")}
行政处罚决定书
{DOC("昆五市监罚〔2024〕第0188号")}

当事人一：{P("和建华")}，男，纳西族，身份证号码：{ID(id1)}，住址：{ADDR("五华区护国街道龙翔小区5幢2单元301")}。
当事人二：{P("木丽娟")}，女，纳西族，身份证号码：{ID(id2)}，住址同上。

经查，两当事人系夫妻，自{DATE("2023年10月")}起在{PLACE("南屏步行街")}合伙经营一处未办理营业执照的银饰摊位，销售标称“纯银”的手镯，经检测含银量不足40%。消费者{T("濮阳思远")}、{T("蒲晓雯")}购买后投诉。{P("木丽娟")}称货是从大理进的，{P("和建华")}负责收款（收款码绑定手机号{MOB("15087186640")}）。

依据{ART("《中华人民共和国产品质量法》第五十条")}，决定：对两当事人共同没收违法所得{AMT("6240元")}，共同罚款{AMT("12000元")}。

{remedy("昆明市五华区人民政府", "昆明市五华区人民法院")}

{AGY("昆明市五华区市场监督管理局")}
{DATE("2024年3月14日")}"""
    return rec(
        "mkt-h018",
        "market",
        "penalty",
        "和某某、木某某销售以假充真产品案",
        party_person("和建华", id_number=id1),
        [
            person("co_party", "木丽娟", id_number=id2),
            person("consumer", "濮阳思远"),
            person("consumer", "蒲晓雯"),
        ],
        "昆明市五华区市场监督管理局",
        "云南省昆明市五华区",
        text,
    )


def mkt_h019() -> dict[str, Any]:
    # the service record (送达回证) at the end: the recipient who signed for the company, her
    # e-mail for electronic service; 华润 and 万达 are ordinary words / places here
    code = uscc("91", "330212", "MA2BQF6L")
    text = f"""{AGY("宁波市鄞州区市场监督管理局")}
行政处罚决定书
{DOC("甬鄞市监罚字〔2024〕第0899号")}

当事人：{ORG("宁波四季鲜果品有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("俞国栋")}
住所：{BADDR("宁波市鄞州区四明中路999号")}

经查，当事人在{PLACE("万达广场北门")}设置的水果专柜，将产地为广西的沃柑标示为“{BRAND("华润五丰")}进口沃柑”，违反了{ART("《中华人民共和国反不正当竞争法》第八条第一款")}。

依据{ART("《中华人民共和国反不正当竞争法》第二十条第一款")}，决定：罚款{AMT("30000元")}。

{remedy("宁波市鄞州区人民政府", "宁波市鄞州区人民法院")}

{AGY("宁波市鄞州区市场监督管理局")}
{DATE("2024年9月9日")}

送达回证
受送达人：{ORG("宁波四季鲜果品有限公司")}
送达地址：{BADDR("宁波市鄞州区四明中路999号")}
签收人：{T("闵佳怡")}（当事人行政专员，身份证号{ID(rid("330212", "19970130", "228"))}）
电子送达邮箱：{MAIL("minjiayi97@163.com")}
签收日期：{DATE("2024年9月10日")}"""
    return rec(
        "mkt-h019",
        "market",
        "penalty",
        f"{ORG('宁波四季鲜果品有限公司')}虚假宣传案",
        party_org("宁波四季鲜果品有限公司", code, "俞国栋", "宁波市鄞州区四明中路999号"),
        [person("recipient", "闵佳怡")],
        "宁波市鄞州区市场监督管理局",
        "浙江省宁波市鄞州区",
        text,
    )


def tra_h007() -> dict[str, Any]:
    # licensing denial of a ride-hailing driver's permit: traffic record and a drink-driving
    # conviction are personal data; the driving licence number is the ID
    idn = rid("510107", "19880113", "537")
    text = f"""{AGY("成都市交通运输局")}
不予行政许可决定书
{DOC("成交许不〔2024〕第0312号")}

申请人：{P("代明辉")}
驾驶证号：{CID(idn)}
联系电话：{MOB("181 8023 4476")}
住址：{ADDR("武侯区红牌楼街道双楠小区12栋2单元1102")}

你于{DATE("2024年8月6日")}申请网络预约出租汽车驾驶员证。经核查，你{OTH("于2021年因醉酒驾驶机动车被追究刑事责任")}，且{OTH("最近连续3个记分周期内有记满12分记录")}，不符合{ART("《网络预约出租汽车经营服务管理暂行办法》第十五条第（二）项、第（三）项")}的规定。依据{ART("《中华人民共和国行政许可法》第三十八条第二款")}，决定不予许可。

如不服本决定，可以在收到本决定书之日起六十日内向{AGY("成都市人民政府")}申请行政复议，或六个月内向{AGY("成都铁路运输第一法院")}提起行政诉讼。

{AGY("成都市交通运输局")}
{DATE("2024年8月20日")}"""
    return rec(
        "tra-h007",
        "transport",
        "licensing_denial",
        "代某某网络预约出租汽车驾驶员证申请",
        party_person("代明辉", id_number=idn),
        [],
        "成都市交通运输局",
        "四川省成都市武侯区",
        text,
    )


def eco_h005() -> dict[str, Any]:
    # a restaurant's oil fumes: the complainant's flat above (hidden) has the same road and number
    # as the restaurant's business address (kept); a landline with a full-width area code
    code = uscc("92", "310115", "MA1FWJ2C")
    text = f"""{AGY("上海市浦东新区生态环境局")}
行政处罚决定书
{DOC("第2224000105号")}

当事人：{ORG("浦东新区川味坊餐馆")}（个体工商户）
统一社会信用代码：{USCC(code)}
经营者：{P("巫国庆")}
经营场所：{BADDR("上海市浦东新区张杨路1502号")}

{DATE("2024年7月")}，本局接到楼上居民{T("祝佳琪")}（{ADDR("张杨路1502弄3号602室")}）和{T("卞金宝")}（电话{TEL("（０２１）58304417")}）投诉油烟扰民。经查，当事人排放油烟的餐饮服务项目未安装油烟净化设施，排气口距{T("祝佳琪")}家窗户不足3米。

依据{ART("《中华人民共和国大气污染防治法》第一百一十八条第一款")}，决定：责令改正，罚款{AMT("5000元")}。

{remedy("上海市浦东新区人民政府", "上海市浦东新区人民法院")}

{AGY("上海市浦东新区生态环境局")}
{DATE("2024年8月23日")}"""
    return rec(
        "eco-h005",
        "ecology",
        "penalty",
        f"{ORG('浦东新区川味坊餐馆')}未安装油烟净化设施案",
        party_shop("浦东新区川味坊餐馆", code, "上海市浦东新区张杨路1502号"),
        [person("operator", "巫国庆"), person("complainant", "祝佳琪"), person("complainant", "卞金宝")],
        "上海市浦东新区生态环境局",
        "上海市浦东新区",
        text,
    )


def hea_h006() -> dict[str, Any]:
    # occupational health: workers' examination results (health data) in a list; the company
    # doctor; a QQ number
    code = uscc("91", "320102", "MA1W3GKE")
    text = f"""{AGY("南京市玄武区卫生健康委员会")}
行政处罚决定书
{DOC("玄卫职罚〔2024〕4号")}

当事人：{ORG("南京长江涂料有限公司")}；统一社会信用代码：{USCC(code)}；法定代表人：{REP("司马振华")}；地址：{BADDR("南京市玄武区珠江路401号")}。

经查，当事人未组织接触苯系物的劳动者进行上岗前职业健康检查。{DATE("2024年3月")}补做的检查显示：{T("蔡志刚")}{OTH("白细胞计数偏低，建议复查")}；{T("邓海燕")}{OTH("肝功能异常")}；{C("司马晓东")}（法定代表人之子）{OTH("未见异常")}。当事人安全员{T("房立新")}通过QQ（号码{OTH("283947561")}）向劳动者发送体检通知，但未安排体检。

依据{ART("《中华人民共和国职业病防治法》第七十一条第（四）项")}，决定：警告，罚款{AMT("80000元")}。

{remedy("南京市玄武区人民政府", "南京市玄武区人民法院")}

{AGY("南京市玄武区卫生健康委员会")}
{DATE("2024年5月7日")}"""
    return rec(
        "hea-h006",
        "health",
        "penalty",
        f"{ORG('南京长江涂料有限公司')}未组织职业健康检查案",
        party_org("南京长江涂料有限公司", code, "司马振华", "南京市玄武区珠江路401号"),
        [
            person("employee", "蔡志刚"),
            person("employee", "邓海燕"),
            person("employee", "司马晓东"),
            person("employee", "房立新"),
        ],
        "南京市玄武区卫生健康委员会",
        "江苏省南京市玄武区",
        text,
    )


def urb_h007() -> dict[str, Any]:
    # an address written in Chinese numerals and a name spelled in pinyin in a signature
    idn = rid("210202", "19590917", "048")
    text = f"""{AGY("大连市中山区城市管理综合执法局")}
行政处罚决定书
{DOC("大中城执罚〔2023〕第216号")}

当事人：{P("兰玉兰")}，女，身份证号码{ID(idn)}，住{ADDR("中山区桃源街道石道街小区三号楼二单元五〇二室")}。

经查，当事人在其住宅楼下绿地内私自圈占种菜，面积约20平方米，损毁绿地。邻居{T("宫伟")}向本局举报。当事人在询问笔录上签名为“{P("兰玉兰")}（LAN YULAN）”，拼音签名与其护照一致。当事人{OTH("因中风后遗症行动不便")}，称种菜为锻炼身体。

依据{ART("《大连市城市绿化条例》第四十一条")}，决定：责令恢复原状，罚款{AMT("500元")}。

{remedy("大连市中山区人民政府", "大连市中山区人民法院")}

{AGY("大连市中山区城市管理综合执法局")}
{DATE("2023年7月12日")}"""
    return rec(
        "urb-h007",
        "urban",
        "penalty",
        "兰某某损毁城市绿地案",
        party_person("兰玉兰", id_number=idn),
        [person("complainant", "宫伟")],
        "大连市中山区城市管理综合执法局",
        "辽宁省大连市中山区",
        text,
    )


def lab_h005() -> dict[str, Any]:
    # dispatch workers: the agency stays, workers hidden; social insurance numbers are IDs; a
    # worker's bank card split over two lines
    code = uscc("91", "610113", "MA6W1D8G")
    w1 = rid("610113", "19910219", "352")
    card_split = spaced4(card_from("622262019100435279"))
    card_split = card_split[:14] + "\n" + card_split[15:]
    text = f"""{AGY("西安市雁塔区人力资源和社会保障局")}
行政处罚决定书
{DOC("雁人社监罚〔2024〕第7号")}

当事人：{ORG("西安利民劳务派遣有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("冯国栋")}
住所：{BADDR("西安市雁塔区科技路48号")}

经查，当事人派遣至{ORG("西安高新电子有限公司")}的劳动者{T("白雪梅")}（社会保障号码{CID(w1)}）、{T("米家豪")}等8人，派遣期间当事人克扣工资共计{AMT("23600元")}。{T("白雪梅")}提供的工资卡（卡号{CARD(card_split)}）流水显示，{DATE("2023年11月")}实发工资比工资条少{AMT("1800元")}。

依据{ART("《劳动保障监察条例》第二十六条第（一）项")}，决定：责令支付被克扣工资，并按应付金额50%加付赔偿金{AMT("11800元")}。

{remedy("西安市雁塔区人民政府", "西安市雁塔区人民法院")}

{AGY("西安市雁塔区人力资源和社会保障局")}
{DATE("2024年1月24日")}"""
    return rec(
        "lab-h005",
        "labour",
        "penalty",
        f"{ORG('西安利民劳务派遣有限公司')}克扣劳动者工资案",
        party_org("西安利民劳务派遣有限公司", code, "冯国栋", "西安市雁塔区科技路48号"),
        [person("employee", "白雪梅", id_number=w1), person("employee", "米家豪")],
        "西安市雁塔区人力资源和社会保障局",
        "陕西省西安市雁塔区",
        text,
    )


def cul_h005() -> dict[str, Any]:
    # a karaoke bar inspection result: the duty manager shares the legal representative's surname
    # 邱 (manager hidden, legal representative kept); waiters hidden
    code = uscc("91", "350203", "MA8D0KT5")
    text = f"""{AGY("厦门市思明区文化和旅游局")}
娱乐场所检查结果
{DOC("思文旅检〔2024〕第58号")}

检查对象：{ORG("厦门星光大道量贩KTV有限公司")}（{USCC(code)}）
法定代表人：{REP("邱天佑")}
地址：{BADDR("厦门市思明区莲前西路268号")}
检查日期：{DATE("2024年5月24日")}
检查人员：{OFF("洪晓燕")}、{OFF("蔡博文")}

检查情况：点播系统内含有禁止内容曲目2首（曲名略，已下架）；未按规定安装闭路电视监控；值班经理{T("邱俊杰")}（{MOB("13906002147")}）陪同检查，服务员{T("许梦瑶")}、{T("纪子豪")}在岗。
检查结果：发现问题2项，已责令整改。

{AGY("厦门市思明区文化和旅游局")}
{DATE("2024年5月27日")}"""
    return rec(
        "cul-h005",
        "culture",
        "inspection_result",
        f"{ORG('厦门星光大道量贩KTV有限公司')}娱乐场所检查",
        party_org("厦门星光大道量贩KTV有限公司", code, "邱天佑", "厦门市思明区莲前西路268号"),
        [person("employee", "邱俊杰", phone="13906002147"), person("employee", "许梦瑶"), person("employee", "纪子豪")],
        "厦门市思明区文化和旅游局",
        "福建省厦门市思明区",
        text,
    )


def fir_h005() -> dict[str, Any]:
    # a shop owner sleeping in the shop (三合一 场所): his family, his plate, his address; the fire
    # officer's certificate number is 11 digits starting with 13 (looks like a mobile)
    code = uscc("92", "130102", "MA0FNP3J")
    text = f"""{AGY("石家庄市长安区消防救援大队")}
行政处罚决定书
{DOC("长消行罚决字〔2024〕0066号")}

当事人：{ORG("长安区阿强五金店")}，统一社会信用代码{USCC(code)}，经营者{P("贾志强")}，经营场所{BADDR("石家庄市长安区建设北大街155号")}。

{DATE("2024年1月18日")}，本大队监督员{OFF("焦晓明")}（证号{OFF("13010211873")}）、{OFF("康丽")}（证号{OFF("13010211890")}）检查发现，当事人在店铺内设置住宿，经营者{P("贾志强")}与妻子{T("宁秀英")}、女儿{T("贾若曦")}（5岁）居住在二层阁楼，与商铺未进行防火分隔。店门口停放的{PLATE("冀A·H7X20")}面包车堵塞了安全出口。

依据{ART("《中华人民共和国消防法》第六十一条第一款")}，决定：责令停止违法行为，罚款{AMT("5000元")}。

{remedy("石家庄市消防救援支队", "石家庄市长安区人民法院")}

{AGY("石家庄市长安区消防救援大队")}
{DATE("2024年2月6日")}"""
    return rec(
        "fir-h005",
        "fire",
        "penalty",
        f"{ORG('长安区阿强五金店')}生产经营场所与居住场所设置在同一建筑物内案",
        party_shop("长安区阿强五金店", code, "石家庄市长安区建设北大街155号"),
        [person("operator", "贾志强"), person("third_party", "宁秀英"), person("third_party", "贾若曦", minor=True)],
        "石家庄市长安区消防救援大队",
        "河北省石家庄市长安区",
        text,
    )


def hou_h005() -> dict[str, Any]:
    # a home owner removes a load-bearing wall: the owner is the party; her flat and the flat
    # below; the test report number (kept) and the engineer who signed it (hidden)
    idn = rid("450103", "19800526", "185")
    text = f"""{AGY("南宁市青秀区住房和城乡建设局")}
行政处罚决定书
{DOC("青住建罚〔2024〕第5号")}

当事人：{P("陆婉清")}，女，身份证号{ID(idn)}，住{ADDR("青秀区南湖街道南湖名都2栋1801号")}，电话{MOB("19977150284")}。

经查，当事人在装修{ADDR("南湖名都2栋1801号")}房屋时，擅自拆除客厅与阳台间承重墙体约6平方米。楼下1701号业主{T("黎子墨")}发现墙体开裂后投诉。经{ORG("广西华蓝工程检测有限公司")}鉴定（报告编号{REG("HLJC-2024-0318")}，鉴定人{T("潘振华")}），该行为对结构安全造成影响。

依据{ART("《住宅室内装饰装修管理办法》第三十八条第（一）项")}，决定：责令改正，罚款{AMT("1000元")}。

{remedy("南宁市青秀区人民政府", "南宁市青秀区人民法院")}

{AGY("南宁市青秀区住房和城乡建设局")}
{DATE("2024年4月10日")}"""
    return rec(
        "hou-h005",
        "housing",
        "penalty",
        "陆某某装修中擅自拆改承重墙案",
        party_person(
            "陆婉清", id_number=idn, phone="19977150284", address="广西壮族自治区南宁市青秀区南湖街道南湖名都2栋1801号"
        ),
        [person("complainant", "黎子墨"), person("third_party", "潘振华")],
        "南宁市青秀区住房和城乡建设局",
        "广西壮族自治区南宁市青秀区",
        text,
    )


def agr_h004() -> dict[str, Any]:
    # illegal electrofishing: a boat registration number (kept) and the fisherman's plate, his
    # accomplice, a fishing licence in his name
    idn = rid("420106", "19780609", "270")
    text = f"""{AGY("武汉市武昌区农业农村局")}
行政处罚决定书
{DOC("武昌农（渔）罚〔2024〕3号")}

当事人：{P("鄢国强")}，男，身份证号码：{ID(idn)}，住址：{ADDR("白沙洲村二组33号")}，电话：{MOB("13329708861")}。

{DATE("2024年4月14日")}凌晨，本局渔政执法人员{OFF("艾海波")}、{OFF("邹子涵")}在长江{W("江边")}巡查时发现，当事人与{T("鄢小龙")}驾驶无船名船号的小艇使用电鱼器具捕鱼，现场查获渔获物12.5公斤。当事人停放在岸边的{PLATE("鄂A·2B6Q9")}皮卡车内另有电鱼器具一套。当事人持有的捕捞许可证（编号{REG("（鄂）船捕（2022）HY-000417")}）已于{DATE("2023年12月31日")}过期。

依据{ART("《中华人民共和国渔业法》第三十八条第一款")}，决定：没收渔获物和电鱼器具，罚款{AMT("5000元")}。

{remedy("武汉市武昌区人民政府", "武汉海事法院")}

{AGY("武汉市武昌区农业农村局")}
{DATE("2024年5月6日")}"""
    return rec(
        "agr-h004",
        "agriculture",
        "penalty",
        f"{R('鄢国强')}使用电鱼方法进行捕捞案",
        party_person("鄢国强", id_number=idn, phone="13329708861"),
        [person("third_party", "鄢小龙")],
        "武汉市武昌区农业农村局",
        "湖北省武汉市武昌区",
        text,
    )


def civ_h003() -> dict[str, Any]:
    # annual inspection of a social organization: its legal representative (compound surname 闻人)
    # stays, directors and the bookkeeper named in the report are hidden
    code = uscc("52", "420106", "MJY05826")
    text = f"""{AGY("武汉市武昌区民政局")}
社会组织年度检查结果
{DOC("武昌民社检〔2024〕第12号")}

检查对象：{ORG("武汉市武昌区夕阳红老年服务中心")}（民办非企业单位，{USCC(code)}）
法定代表人：{REP("闻人丽华")}
住所：{BADDR("武汉市武昌区友谊大道156号")}

检查情况：该单位理事会成员5名，其中理事{T("秦德胜")}、{T("甘立新")}已于{DATE("2023年")}离职未办理备案；财务人员{T("瞿美玲")}兼任出纳，不符合财务管理规定；{DATE("2023年度")}收入{AMT("1,286,400元")}，其中政府购买服务{AMT("860,000元")}。
检查结论：基本合格，限期{DATE("2024年8月31日")}前整改。

{AGY("武汉市武昌区民政局")}
{DATE("2024年6月28日")}"""
    return rec(
        "civ-h003",
        "civil",
        "inspection_result",
        f"{ORG('武汉市武昌区夕阳红老年服务中心')}2023年度检查",
        party_org("武汉市武昌区夕阳红老年服务中心", code, "闻人丽华", "武汉市武昌区友谊大道156号"),
        [person("third_party", "秦德胜"), person("third_party", "甘立新"), person("employee", "瞿美玲")],
        "武汉市武昌区民政局",
        "湖北省武汉市武昌区",
        text,
    )


def mkt_h020() -> dict[str, Any]:
    # every party datum in the case, none of it in the usual block: the text names the party only
    # inside the facts, with the ID as "身份证：" after a comma and a 400 business line (public)
    idn = rid("110105", "19850228", "610")
    text = f"""{AGY("北京市朝阳区市场监督管理局")}
行政处罚决定书
{DOC("京朝市监罚〔2024〕1522号")}

经查，{P("郎子豪")}，身份证：{ID(idn)}，通过其注册的网店（客服热线400-8823-117）销售的{BRAND("“郎氏”牌手工饼干")}标签未标注生产者名称和生产日期。{P("郎子豪")}的邮箱{MAIL("langzihao@sina.com")}为网店登记邮箱，发货地址为{ADDR("朝阳区豆各庄村北区7号院")}。消费者{T("倪晓东")}询问客服该饼干{W("何时")}生产，客服无法答复。

依据{ART("《中华人民共和国食品安全法》第一百二十五条第一款第（二）项")}，决定：没收违法所得{AMT("4380元")}，罚款{AMT("10000元")}。

{remedy("北京市朝阳区人民政府", "北京市朝阳区人民法院")}

{AGY("北京市朝阳区市场监督管理局")}
{DATE("2024年7月30日")}"""
    return rec(
        "mkt-h020",
        "market",
        "penalty",
        "郎某某销售标签不符合规定的食品案",
        party_person("郎子豪", id_number=idn),
        [person("consumer", "倪晓东")],
        "北京市朝阳区市场监督管理局",
        "北京市朝阳区",
        text,
    )
