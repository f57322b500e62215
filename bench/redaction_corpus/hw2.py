"""Hand-written records, part 2: transport, ecology, health, labour, emergency management."""

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
    bad18,
    card_from,
    old15,
    party_org,
    party_person,
    person,
    rec,
    rid,
    rid_x,
    spaced4,
    uscc,
)


def remedy(gov: str, court: str) -> str:
    return (
        f"当事人如不服本决定，可以在收到本决定书之日起六十日内向{AGY(gov)}申请行政复议，"
        f"或者在六个月内向{AGY(court)}提起行政诉讼。"
    )


def tra_h001() -> dict[str, Any]:
    # joint overload operation: one decision, a table of five vehicles with plates in every form
    # (·, none, new-energy F, trailer 挂, full-width, dash) and their drivers
    code = uscc("91", "210202", "MA0U7N3R")
    d_ids = [rid("210202", "19760305", "217"), rid("210211", "19811129", "456"), rid_x("211282", "19900714")]
    text = f"""{AGY("大连市交通运输综合行政执法队")}
行政处罚决定书
{DOC("大交执罚〔2024〕第0219号")}

当事人：{ORG("大连港湾物流有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("隋海波")}
地址：{BADDR("大连市中山区人民路56号")}

{DATE("2024年3月21日")}，本队联合公安交警在{PLACE("沈海高速大连南收费站")}开展治超行动，当事人所属以下车辆经检测超限：
序号｜号牌｜驾驶员｜从业资格证号｜车货总质量
1｜{PLATE("辽B·3G571")}（挂车{PLATE("辽B2317挂")}）｜{T("隋立新")}｜{CID(d_ids[0])}｜68.4吨
2｜{PLATE("辽B88K20")}｜{C("夏侯明辉")}｜{CID(d_ids[1])}｜57.1吨
3｜{PLATE("辽A·F52167")}｜{R("逄德胜")}｜{CID(d_ids[2])}｜31.9吨
4｜{PLATE("辽Ｂ５Ｇ２７８")}｜{T("宫金宝")}｜（未带证）｜55.6吨
5｜{PLATE("辽B-7Q90K")}｜{T("曲国栋")}｜（未带证）｜52.3吨
驾驶员{T("隋立新")}系当事人法定代表人{REP("隋海波")}之弟，其陈述：“车都是公司的，按调度装货。”驾驶员{T("宫金宝")}称{W("车辆")}是从{ORG("大连顺达汽车租赁有限公司")}租的，手机{MOB("139 4082 7716")}。
当事人调度员{T("曲丽")}（{MOB("+86-15941126630")}）证实上述车辆均由其安排装载。

本队认为，当事人的上述行为违反了{ART("《公路安全保护条例》第三十三条第一款")}，依据{ART("《公路安全保护条例》第六十四条")}和{ART("《超限运输车辆行驶公路管理规定》第四十三条第（二）项")}，决定：罚款合计{AMT("人民币伍万叁仟元整（53000元）")}。

{remedy("大连市交通运输局", "大连市中山区人民法院")}

{AGY("大连市交通运输综合行政执法队")}
{DATE("2024年4月25日")}"""
    return rec(
        "tra-h001",
        "transport",
        "penalty",
        f"{ORG('大连港湾物流有限公司')}车辆超限运输案",
        party_org("大连港湾物流有限公司", code, "隋海波", "大连市中山区人民路56号"),
        [
            person("driver", "隋立新", id_number=d_ids[0]),
            person("driver", "夏侯明辉", id_number=d_ids[1]),
            person("driver", "逄德胜", id_number=d_ids[2]),
            person("driver", "宫金宝"),
            person("driver", "曲国栋"),
            person("employee", "曲丽", phone="15941126630"),
        ],
        "大连市交通运输综合行政执法队",
        "辽宁省大连市中山区",
        text,
    )


def tra_h002() -> dict[str, Any]:
    # ride-hailing without licence: the passenger's destination is her home (a person address);
    # the platform company is named and stays
    idn = rid("310115", "19870822", "515")
    text = f"""{AGY("上海市交通委员会执法总队")}
行政处罚决定书
{DOC("沪交执罚〔2024〕第31011524055号")}

当事人：{P("顾卫东")}，男，{OTH("1987年8月22日")}生，公民身份号码{ID(idn)}，住所地{ADDR("上海市浦东新区三林镇上钢新村42号502室")}。

{DATE("2024年6月30日")}14时05分，本总队执法人员{OFF("陶雪")}（证号{OFF("31011500214")}）、{OFF("邵军")}（证号{OFF("31011500288")}）在{PLACE("浦东机场T2航站楼")}到达层检查时发现，当事人驾驶号牌为{PLATE("沪AD52817")}的小型轿车，通过{ORG("上海易行网络科技有限公司")}运营的平台接单，搭载乘客{T("蔡诗涵")}前往{ADDR("花木街道由由新村18号")}，当事人未取得网络预约出租汽车驾驶员证，车辆未取得网络预约出租汽车运输证。
乘客{T("蔡诗涵")}称：“我在{BRAND("易行出行")}App上叫的车，显示车费{AMT("186元")}，到家后在App里付钱。”平台订单号{REG("2024063014052281736")}。
当事人承认自{DATE("2024年5月")}起通过该平台接单，已完成订单43笔。

依据{ART("《网络预约出租汽车经营服务管理暂行办法》第三十四条")}和{ART("《上海市网络预约出租汽车经营服务管理若干规定》第二十七条")}，决定：罚款{AMT("10000元")}。

{remedy("上海市交通委员会", "上海铁路运输法院")}

{AGY("上海市交通委员会执法总队")}
{DATE("2024年7月22日")}"""
    return rec(
        "tra-h002",
        "transport",
        "penalty",
        f"{P('顾卫东')}未取得网约车驾驶员证从事网约车经营案",
        party_person("顾卫东", id_number=idn, address="上海市浦东新区三林镇上钢新村42号502室"),
        [person("passenger", "蔡诗涵")],
        "上海市交通委员会执法总队",
        "上海市浦东新区",
        text,
    )


def tra_h003() -> dict[str, Any]:
    # a foreign complainant: a Latin-script name, a passport number, an interpreter; the taxi
    # driver's service card number is kept
    code = uscc("91", "610113", "MA6U3C1L")
    text = f"""{AGY("西安市交通运输综合执法支队")}
行政处罚决定书
{DOC("西交执罚字〔2023〕第1507号")}

当事人：{ORG("西安古城出租汽车有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("蔺振华")}
地址：{BADDR("西安市雁塔区长安南路210号")}

{DATE("2023年10月3日")}，本支队接到外籍乘客{T("Michael BROWN")}（英国籍，护照号码{OTH("533821477")}）经翻译{T("郝佳琪")}转述的投诉：其于{DATE("2023年10月2日")}在{PLACE("大雁塔北广场")}乘坐当事人所属号牌为{PLATE("陕A·T2389")}的出租汽车前往酒店，驾驶员{T("郭建平")}（服务监督卡号{REG("陕A-0021873")}）未使用计价器，收取车费{AMT("200元")}，正常计价约{AMT("32元")}。
{T("Brown")}先生的联系邮箱为{MAIL("m.brown1979@gmail.com")}。驾驶员{T("郭建平")}承认绕路并议价收费，已向乘客退还多收车费。

本支队认为，当事人未履行对驾驶员的管理责任，违反了{ART("《巡游出租汽车经营服务管理规定》第二十六条")}，依据{ART("《巡游出租汽车经营服务管理规定》第四十七条")}，决定罚款{AMT("3000元")}。

{remedy("西安市交通运输局", "西安铁路运输法院")}

{AGY("西安市交通运输综合执法支队")}
{DATE("2023年11月1日")}"""
    return rec(
        "tra-h003",
        "transport",
        "penalty",
        f"{ORG('西安古城出租汽车有限公司')}所属驾驶员不按规定使用计价器案",
        party_org("西安古城出租汽车有限公司", code, "蔺振华", "西安市雁塔区长安南路210号"),
        [person("complainant", "Michael BROWN"), person("third_party", "郝佳琪"), person("driver", "郭建平")],
        "西安市交通运输综合执法支队",
        "陕西省西安市雁塔区",
        text,
    )


def tra_h004() -> dict[str, Any]:
    # vehicle seizure: the car is registered to the party's wife; the party has an old 15-digit ID;
    # a plate written in three ways in one document
    idn = old15("500103", "690510", "317")
    text = f"""{AGY("重庆市交通运输综合行政执法总队渝中支队")}
扣押决定书
{DOC("渝中交扣〔2024〕0077号")}

当事人：{P("冉福根")}
身份证号码：{ID(idn)}
联系电话：{MOB("17783095210")}

{DATE("2024年2月8日")}，本支队在{PLACE("朝天门广场")}检查时发现当事人驾驶{PLATE("渝A·3M6K9")}小型普通客车非法从事道路客运经营。经查，该车行驶证登记所有人为当事人之妻{T("谭小芬")}（住{ADDR("两路口街道枇杷山小区4栋7-2")}）。依据{ART("《中华人民共和国道路运输条例》第六十八条")}，决定扣押该车（号牌{PLATE("渝A3M6K9")}，车架号后六位116528），扣押期限三十日。
车上乘客{T("彭一诺")}、{T("彭红霞")}系母女，称从{PLACE("解放碑步行街")}上车，约定车费{AMT("80元")}。
车辆停放于本支队停车场。当事人在扣押清单上签名时将号牌写作“{PLATE("渝Ａ 3M6K9")}”。

当事人可在收到本决定书之日起六十日内向{AGY("重庆市交通运输委员会")}申请行政复议，或六个月内向{AGY("重庆市渝中区人民法院")}提起行政诉讼。

{AGY("重庆市交通运输综合行政执法总队渝中支队")}
{DATE("2024年2月8日")}"""
    return rec(
        "tra-h004",
        "transport",
        "coercive_measure",
        "冉某某涉嫌非法营运车辆扣押",
        party_person("冉福根", id_number=idn, phone="17783095210"),
        [person("third_party", "谭小芬"), person("passenger", "彭一诺"), person("passenger", "彭红霞")],
        "重庆市交通运输综合行政执法总队渝中支队",
        "重庆市渝中区",
        text,
    )


def eco_h001() -> dict[str, Any]:
    # night construction noise: an appendix listing the complaining residents with flats and phones
    code = uscc("91", "330106", "MA28E5YQ")
    text = f"""{AGY("杭州市生态环境局西湖分局")}
行政处罚决定书
{DOC("杭环西罚〔2024〕38号")}

当事人：{ORG("浙江钱江市政工程有限公司")}，统一社会信用代码：{USCC(code)}，法定代表人：{REP("钟离卫东")}，地址：{BADDR("杭州市西湖区西溪路525号")}。

{DATE("2024年7月")}以来，本局陆续接到桂花城{W("周边")}居民关于夜间施工噪声的投诉（投诉人名单附后）。{DATE("2024年7月19日")}23时40分，本局执法人员{OFF("厉建华")}（{OFF("33010601127")}）、{OFF("费嘉怡")}（{OFF("33010601173")}）在当事人承建的{PLACE("西溪路地块安置房项目")}检查，发现当事人正在进行混凝土浇筑，未取得夜间施工证明。项目经理{T("杭志刚")}在现场检查笔录上签字，其手机{MOB("15858191026")}。
经监测，桂花城最近敏感点夜间等效声级为62分贝。

本局认为……依据{ART("《中华人民共和国噪声污染防治法》第七十七条第一款")}，决定罚款{AMT("50000元")}。

{remedy("杭州市生态环境局", "杭州市西湖区人民法院")}

{AGY("杭州市生态环境局西湖分局")}
{DATE("2024年8月30日")}

附：投诉人名单
1. {T("戚美玲")}　{ADDR("桂花城11幢2单元1402")}　{MOB("138 5719 2044")}
2. {T("章国强")}　{ADDR("桂花城11幢1单元601")}　{TEL("0571-88916532")}
3. {C("诸葛文博")}　{ADDR("桂花城9幢3单元302")}　{MOB("18657100893")}
4. {T("金鑫")}　{ADDR("桂花城12幢801")}　（未留电话）
5. {R("眭晓燕")}　{ADDR("桂花城10幢2单元1101")}　{MOB("13600571136")}"""
    return rec(
        "eco-h001",
        "ecology",
        "penalty",
        f"{ORG('浙江钱江市政工程有限公司')}夜间施工噪声污染案",
        party_org("浙江钱江市政工程有限公司", code, "钟离卫东", "杭州市西湖区西溪路525号"),
        [
            person("employee", "杭志刚", phone="15858191026"),
            person("complainant", "戚美玲", phone="13857192044"),
            person("complainant", "章国强"),
            person("complainant", "诸葛文博"),
            person("complainant", "金鑫"),
            person("complainant", "眭晓燕"),
        ],
        "杭州市生态环境局西湖分局",
        "浙江省杭州市西湖区",
        text,
    )


def eco_h002() -> dict[str, Any]:
    # an individual dumping waste oil at a riverbank: the party, his driver, the villager who saw it,
    # a payment by bank transfer; 江边 and 石油 are ordinary words here
    idn = rid("440305", "19820316", "633")
    text = f"""{AGY("深圳市生态环境局南山管理局")}
行政处罚决定书
{DOC("深环南罚〔2023〕216号")}

当事人：{P("冼国栋")}，男，身份证号{ID(idn)}，住{ADDR("南头村二坊51号301")}，电话{MOB("(+86)13714523391")}。

经查，{DATE("2023年4月2日")}夜间，当事人雇用驾驶员{T("梁子豪")}驾驶{PLATE("粤B·D72619")}货车，将从{ORG("深圳市蓝海汽车维修有限公司")}收取的废机油约3.2吨倾倒在大沙河{W("江边")}的荒地上。目击村民{T("黎明")}拍摄了视频并报警，{T("黎明")}称“那股{W("石油")}味几百米外都闻得到”。
当事人收取{ORG("深圳市蓝海汽车维修有限公司")}处置费{AMT("9600元")}，款项转入其{BRAND("招商银行")}账户（卡号{CARD(spaced4(card_from("621483755102937210")))}）。{T("梁子豪")}的劳务费{AMT("800元")}由当事人以微信转账支付。

本局认为，当事人的行为违反了{ART("《中华人民共和国固体废物污染环境防治法》第八十条第三款")}，依据{ART("《中华人民共和国固体废物污染环境防治法》第一百一十四条第一款")}，决定罚款{AMT("200000元")}，没收违法所得{AMT("9600元")}。本案涉嫌污染环境罪部分已移送公安机关。

{remedy("深圳市生态环境局", "深圳市南山区人民法院")}

{AGY("深圳市生态环境局南山管理局")}
{DATE("2023年6月15日")}"""
    return rec(
        "eco-h002",
        "ecology",
        "penalty",
        f"{R('冼国栋')}非法倾倒危险废物案",
        party_person("冼国栋", id_number=idn, phone="13714523391"),
        [person("driver", "梁子豪"), person("witness", "黎明")],
        "深圳市生态环境局南山管理局",
        "广东省深圳市南山区",
        text,
    )


def eco_h003() -> dict[str, Any]:
    # the legal representative 皇甫志远 (kept) and the environment officer 皇甫志强 (hidden): one
    # character apart; the employee's e-mail and desk phone are personal
    code = uscc("91", "130102", "MA0DQ8X6")
    text = f"""{AGY("石家庄市生态环境局长安区分局")}
行政处罚决定书
{DOC("石环长罚〔2024〕第015号")}

当事人：{ORG("石家庄华夏表面处理有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("皇甫志远")}
地址：{BADDR("石家庄市长安区和平东路318号")}

{DATE("2024年4月11日")}，本局执法人员{OFF("訾国华")}（执法证号{OFF("13010200417")}）、{OFF("薄一鸣")}（执法证号{OFF("13010200452")}）对当事人进行检查，发现其电镀废水处理设施旁路管道未拆除，部分废水未经处理直接排入市政管网。经采样监测（监测报告编号{REG(bad18("130102", "20240411", "226"))}），总铬浓度超标4.7倍。
当事人环保专员{C("皇甫志强")}（法定代表人{REP("皇甫志远")}之堂兄，办公电话{TEL("0311-86051277-803")}，邮箱{MAIL("hfzq1975@126.com")}）陈述：旁路是去年检修时临时接的，事后没拆。

依据{ART("《中华人民共和国水污染防治法》第八十三条第（三）项")}，决定：责令改正，罚款{AMT("贰拾伍万元")}。

{remedy("石家庄市生态环境局", "石家庄市长安区人民法院")}

{AGY("石家庄市生态环境局长安区分局")}
{DATE("2024年6月3日")}"""
    return rec(
        "eco-h003",
        "ecology",
        "penalty",
        f"{ORG('石家庄华夏表面处理有限公司')}通过暗管逃避监管排放水污染物案",
        party_org("石家庄华夏表面处理有限公司", code, "皇甫志远", "石家庄市长安区和平东路318号"),
        [person("employee", "皇甫志强")],
        "石家庄市生态环境局长安区分局",
        "河北省石家庄市长安区",
        text,
    )


def eco_h004() -> dict[str, Any]:
    # licensing denial to a pig farmer in a village; the village committee's contact person; the
    # applicant's name appears in the title
    idn = rid("450103", "19710908", "271")
    text = f"""{AGY("南宁市生态环境局")}
不予行政许可决定书
{DOC("南环审不许〔2024〕3号")}

申请人：{P("韦金宝")}
身份证号码：{ID(idn)}
住址：{ADDR("长塘村那况坡27号")}
联系电话：{MOB("177 7710 2385")}

你于{DATE("2024年1月9日")}申请生猪养殖场（存栏800头）建设项目环境影响报告表审批，项目拟选址于{PLACE("伶俐镇水库东侧山地")}。经审查，项目选址位于饮用水水源二级保护区内，不符合{ART("《中华人民共和国水污染防治法》第六十六条第一款")}的规定。{W("相关")}情况已由村委会文书{T("农秀兰")}（{MOB("13878805126")}）现场确认。
依据{ART("《中华人民共和国行政许可法》第三十八条第二款")}，决定不予批准。

如不服本决定，可在六十日内向{AGY("广西壮族自治区生态环境厅")}申请行政复议，或六个月内向{AGY("南宁铁路运输法院")}提起行政诉讼。

{AGY("南宁市生态环境局")}
{DATE("2024年2月1日")}"""
    return rec(
        "eco-h004",
        "ecology",
        "licensing_denial",
        f"{P('韦金宝')}生猪养殖场环境影响报告表审批",
        party_person(
            "韦金宝", id_number=idn, address="广西壮族自治区南宁市青秀区长塘村那况坡27号", phone="17777102385"
        ),
        [person("third_party", "农秀兰", phone="13878805126")],
        "南宁市生态环境局",
        "广西壮族自治区南宁市青秀区",
        text,
    )


def hea_h001() -> dict[str, Any]:
    # an unlicensed clinic: a list of patients with diagnoses (health data), one a minor; the
    # party's bank card; the names sit next to brackets and enumeration commas
    idn = rid("420106", "19660403", "019")
    text = f"""{AGY("武汉市武昌区卫生健康局")}
行政处罚决定书
{DOC("武昌卫医罚〔2024〕9号")}

当事人：{P("石金花")}，女，{OTH("1966年4月3日")}出生，身份证号码：{ID(idn)}，住址：{ADDR("武汉市武昌区粮道街道粮道街178号3栋2门401")}，电话：{MOB("13098831275")}。

{DATE("2024年3月6日")}，本局卫生监督员{OFF("邹俊")}、{OFF("龚立新")}（监督证号{OFF("42010601015")}、{OFF("42010601022")}）根据举报，对当事人住所进行检查，发现当事人未取得《医疗机构执业许可证》，在家中开展输液、针灸等诊疗活动。现场有患者3人：{T("杜凤英")}（{OTH("高血压、冠心病")}）、{T("万海燕")}（{OTH("腰椎间盘突出")}）、{T("孔梓轩")}（{OTH("9岁，急性扁桃体炎")}，由其祖母{T("孔桂英")}陪同）。
当事人的处方登记本记载近三个月接诊{W("顾客")}276人次，收费通过其本人银行卡（{CARD(card_from("622848040256489001"))}）和现金收取，违法所得{AMT("18640元")}。

依据{ART("《医疗机构管理条例》第四十三条")}和{ART("《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款")}，决定：没收药品器械；没收违法所得{AMT("18640元")}；罚款{AMT("100000元")}。

{remedy("武汉市武昌区人民政府", "武汉市武昌区人民法院")}

{AGY("武汉市武昌区卫生健康局")}
{DATE("2024年4月18日")}"""
    return rec(
        "hea-h001",
        "health",
        "penalty",
        "石某某未取得医疗机构执业许可证擅自执业案",
        party_person("石金花", id_number=idn, phone="13098831275"),
        [
            person("patient", "杜凤英"),
            person("patient", "万海燕"),
            person("patient", "孔梓轩", minor=True),
            person("third_party", "孔桂英"),
        ],
        "武汉市武昌区卫生健康局",
        "湖北省武汉市武昌区",
        text,
    )


def hea_h002() -> dict[str, Any]:
    # cosmetic surgery gone wrong: the consumer's injuries, her husband's complaint, the
    # unlicensed operator (a third person, not the party)
    code = uscc("91", "440305", "MA5GL0R2")
    text = f"""{AGY("深圳市南山区卫生健康局")}
行政处罚决定书
{DOC("深南卫医罚〔2024〕第66号")}

当事人：{ORG("深圳市尚品医疗美容诊所有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("上官婉清")}
地址：{BADDR("深圳市南山区海岸城东座1806")}

{DATE("2024年5月20日")}，本局接到{T("罗铭泽")}（电话{MOB("186-2033-9951")}）投诉，称其妻子{T("唐若曦")}于{DATE("2024年5月11日")}在当事人处接受“玻尿酸隆鼻”注射后{OTH("出现鼻部皮肤坏死、左眼视力下降")}，现在{ORG("南方医科大学深圳医院")}住院治疗（{OTH("住院号2405110388")}）。
经查，为{T("唐若曦")}注射的人员{T("桑红梅")}未取得医师资格，系当事人聘用的美容师。当事人当日收取{T("唐若曦")}费用{AMT("6800元")}。

依据{ART("《医疗美容服务管理办法》第二十八条")}和{ART("《中华人民共和国医师法》第五十九条")}，决定：罚款{AMT("50000元")}。

{remedy("深圳市南山区人民政府", "深圳市南山区人民法院")}

{AGY("深圳市南山区卫生健康局")}
{DATE("2024年7月9日")}"""
    return rec(
        "hea-h002",
        "health",
        "penalty",
        f"{ORG('深圳市尚品医疗美容诊所有限公司')}使用非卫生技术人员从事医疗卫生技术工作案",
        party_org("深圳市尚品医疗美容诊所有限公司", code, "上官婉清", "深圳市南山区海岸城东座1806"),
        [
            person("complainant", "罗铭泽", phone="18620339951"),
            person("patient", "唐若曦"),
            person("employee", "桑红梅"),
        ],
        "深圳市南山区卫生健康局",
        "广东省深圳市南山区",
        text,
    )


def hea_h003() -> dict[str, Any]:
    # inspection result of a swimming pool: lifeguards by name, the pool's water test figures
    code = uscc("91", "370202", "MA3R4LKC")
    text = f"""{AGY("青岛市市南区卫生健康局")}
公共场所卫生监督抽检结果
{DOC("青南卫监抽〔2024〕47号")}

被检单位：{ORG("青岛海信游泳健身有限公司")}　统一社会信用代码：{USCC(code)}
负责人：{REP("邢浩然")}　地址：{BADDR("青岛市市南区闽江路12号")}
检查日期：{DATE("2024年8月2日")}
监督员：{OFF("臧德胜")}、{OFF("逯丽")}

检查情况：浸脚池余氯0.8mg/L，池水浑浊度0.6NTU，尿素3.8mg/L（超标）。当班救生员{T("于子涵")}、{T("牟国强")}持证上岗，其中{T("牟国强")}的健康合格证明已过期（{OTH("体检提示肝功能异常待复查")}）。水质检测由当事人员工{T("苗欣怡")}负责，记录不全。
检查结论：不合格，已责令立即整改并复检。

{AGY("青岛市市南区卫生健康局")}
{DATE("2024年8月5日")}"""
    return rec(
        "hea-h003",
        "health",
        "inspection_result",
        f"{ORG('青岛海信游泳健身有限公司')}公共场所卫生监督抽检",
        party_org("青岛海信游泳健身有限公司", code, "邢浩然", "青岛市市南区闽江路12号"),
        [person("employee", "于子涵"), person("employee", "牟国强"), person("employee", "苗欣怡")],
        "青岛市市南区卫生健康局",
        "山东省青岛市市南区",
        text,
    )


def hea_h004() -> dict[str, Any]:
    # secondary water supply contaminated: residents fell ill (names, flats, symptoms)
    code = uscc("91", "350203", "MA8RYK41")
    text = f"""{AGY("厦门市思明区卫生健康局")}
行政处罚决定书
{DOC("厦思卫水罚〔2023〕12号")}

当事人：{ORG("厦门鹭江物业服务有限公司")}；统一社会信用代码：{USCC(code)}；法定代表人：{REP("庄明辉")}；地址：{BADDR("厦门市思明区湖滨南路66号")}。

{DATE("2023年8月14日")}，莲花五村居民反映自来水有异味。经调查，当事人管理的二次供水水箱未按规定每半年清洗消毒，水样菌落总数超标。{DATE("8月12日")}至{DATE("8月14日")}，住在{ADDR("莲花五村16号楼")}的{T("柯素芬")}、{T("柯一诺")}（6岁）和{ADDR("莲花五村18号楼302")}的{T("洪伟民")}先后{OTH("出现腹泻、发热症状")}，在社区卫生服务中心就诊。
当事人水箱管理员{T("蔡德胜")}（{MOB("15960227314")}）承认近一年未清洗。

依据{ART("《生活饮用水卫生监督管理办法》第二十六条第（一）项")}，决定：警告，罚款{AMT("5000元")}。

{remedy("厦门市思明区人民政府", "厦门市思明区人民法院")}

{AGY("厦门市思明区卫生健康局")}
{DATE("2023年9月22日")}"""
    return rec(
        "hea-h004",
        "health",
        "penalty",
        f"{ORG('厦门鹭江物业服务有限公司')}二次供水设施未按规定清洗消毒案",
        party_org("厦门鹭江物业服务有限公司", code, "庄明辉", "厦门市思明区湖滨南路66号"),
        [
            person("third_party", "柯素芬"),
            person("third_party", "柯一诺", minor=True),
            person("third_party", "洪伟民"),
            person("employee", "蔡德胜", phone="15960227314"),
        ],
        "厦门市思明区卫生健康局",
        "福建省厦门市思明区",
        text,
    )


def hea_h005() -> dict[str, Any]:
    # licensing denial of an individual clinic; the applicant's own illness is the reason
    idn = rid("610113", "19580604", "842")
    text = f"""{AGY("西安市雁塔区卫生健康局")}
不予行政许可决定书
{DOC("雁卫医不许〔2024〕2号")}

申请人：{P("党建平")}，身份证号码：{ID(" ".join([idn[:6], idn[6:14], idn[14:]]))}，联系电话：{MOB("13991275530")}。

你于{DATE("2024年3月4日")}申请设置个体诊所（拟设地址：{BADDR("西安市雁塔区小寨东路77号")}）。经审查，你提交的体检报告显示{OTH("患有帕金森病，不能胜任诊疗工作")}，不符合{ART("《医疗机构管理条例实施细则》第十二条第（五）项")}的规定，决定不予{W("许可")}。

如不服本决定，可在六十日内向{AGY("西安市雁塔区人民政府")}申请行政复议，或六个月内向{AGY("西安市雁塔区人民法院")}提起行政诉讼。

{AGY("西安市雁塔区卫生健康局")}
{DATE("2024年3月26日")}"""
    return rec(
        "hea-h005",
        "health",
        "licensing_denial",
        "党某某设置个体诊所申请",
        party_person("党建平", id_number=idn, phone="13991275530"),
        [],
        "西安市雁塔区卫生健康局",
        "陕西省西安市雁塔区",
        text,
    )


def lab_h001() -> dict[str, Any]:
    # wage arrears on a building site: a table of workers with IDs and bank cards (grouped and not),
    # the labour contractor, the general contractor (kept)
    code = uscc("91", "510107", "MA6CF2K9")
    ws = [
        ("阿苏木呷", rid("513431", "19890201", "117"), card_from("621700290000512734"), 28600),
        ("吉克伍各", rid("513431", "19930917", "031"), card_from("621700290000512"), 19400),
        ("杨国庆", rid("510107", "19720411", "058"), card_from("622202440200178263"), 33150),
        ("司徒建军", rid_x("510107", "19800827"), card_from("622588020711239"), 21000),
        ("亢丽娟", rid("140202", "19850111", "224"), card_from("623052010003218877"), 16800),
    ]
    rows = []
    for i, (n, idn, cd, amt) in enumerate(ws, 1):
        cls = C if n.startswith("司徒") else R if n[0] in "亢" else T
        shown = spaced4(cd) if i % 2 else cd
        rows.append(f"{i}　{cls(n)}　{ID(idn)}　{CARD(shown)}　{AMT(str(amt) + '.00')}")
    table = "\n".join(rows)
    text = f"""{AGY("成都市武侯区人力资源和社会保障局")}
劳动保障监察行政处理决定书
{DOC("武人社监理〔2024〕17号")}

用人单位：{ORG("四川佳禾建筑劳务有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("钟天佑")}
地址：{BADDR("成都市武侯区人民南路四段12号")}

{DATE("2024年1月15日")}，本局接到{T("阿苏木呷")}等5名农民工投诉，反映当事人在{ORG("中建华夏建设集团有限公司")}总承包的{PLACE("武侯祠大街城市更新项目")}拖欠工资。经查，当事人将劳务分包给不具备用工主体资格的个人{T("刘德胜")}（{MOB("18180639927")}），{T("刘德胜")}于{DATE("2023年12月")}离开工地后失联。拖欠工资明细如下：
序号　姓名　身份证号码　工资卡号　欠薪（元）
{table}
合计{AMT("118950元")}。

依据{ART("《保障农民工工资支付条例》第三十六条")}和{ART("《劳动保障监察条例》第二十六条")}，决定：当事人于{DATE("2024年2月5日")}前支付上述工资；逾期不支付的，按应付金额50%以上1倍以下加付赔偿金。

{remedy("成都市武侯区人民政府", "成都市武侯区人民法院")}

{AGY("成都市武侯区人力资源和社会保障局")}
{DATE("2024年1月29日")}"""
    return rec(
        "lab-h001",
        "labour",
        "penalty",
        f"{ORG('四川佳禾建筑劳务有限公司')}拖欠农民工工资案",
        party_org("四川佳禾建筑劳务有限公司", code, "钟天佑", "成都市武侯区人民南路四段12号"),
        [person("employee", n, id_number=idn) for n, idn, _, _ in ws] + [person("third_party", "刘德胜")],
        "成都市武侯区人力资源和社会保障局",
        "四川省成都市武侯区",
        text,
    )


def lab_h002() -> dict[str, Any]:
    # social insurance: the worker's social security number is his ID (id_in_certificate)
    code = uscc("91", "320102", "MA1PUD6H")
    sid = rid("320102", "19940516", "317")
    text = f"""{AGY("南京市玄武区人力资源和社会保障局")}
行政处罚决定书
{DOC("玄人社监罚〔2023〕5号")}

当事人：{ORG("南京明珠电子科技有限公司")}，统一社会信用代码：{USCC(code)}，法定代表人：{REP("尉迟嘉诚")}，住所：{BADDR("南京市玄武区龙蟠路155号")}。

经查，当事人自{DATE("2022年7月")}起与员工{T("陶晓东")}（社会保障号码{CID(sid)}）建立劳动关系，但未为其办理社会保险登记。{T("陶晓东")}于{DATE("2023年3月")}在工作中受伤（{OTH("右手腕粉碎性骨折，九级伤残")}），因无工伤保险，医疗费{AMT("47800元")}由其本人垫付。当事人人事主管{T("安雨桐")}称“试用期员工都不交社保”。

依据{ART("《中华人民共和国社会保险法》第八十四条")}，决定：责令限期改正，罚款{AMT("1000元")}。

{remedy("南京市玄武区人民政府", "南京市玄武区人民法院")}

{AGY("南京市玄武区人力资源和社会保障局")}
{DATE("2023年6月20日")}"""
    return rec(
        "lab-h002",
        "labour",
        "penalty",
        f"{ORG('南京明珠电子科技有限公司')}未办理社会保险登记案",
        party_org("南京明珠电子科技有限公司", code, "尉迟嘉诚", "南京市玄武区龙蟠路155号"),
        [person("employee", "陶晓东", id_number=sid), person("employee", "安雨桐")],
        "南京市玄武区人力资源和社会保障局",
        "江苏省南京市玄武区",
        text,
    )


def lab_h003() -> dict[str, Any]:
    # child labour in a garment workshop: the child's home address in another province, her
    # father, an ID written with spaces in groups of four
    code = uscc("92", "330212", "MA2H1G5N")
    child_id = rid("522121", "20090312", "126")
    text = f"""{AGY("宁波市鄞州区人力资源和社会保障局")}
行政处罚决定书
{DOC("鄞人社监罚〔2024〕第31号")}

当事人：{ORG("鄞州区丰收服装加工厂")}（个体工商户），统一社会信用代码：{USCC(code)}，经营者：{P("袁承志")}，经营场所：{BADDR("宁波市鄞州区姜山镇走马塘工业区8号")}。

{DATE("2024年7月16日")}，本局劳动保障监察员{OFF("贺嘉怡")}、{OFF("蓝国栋")}检查发现，当事人招用{T("王梦瑶")}（{OTH("2009年3月12日")}出生，身份证号{ID(spaced4(child_id))}，户籍地{ADDR("贵州省遵义县虾子镇新民村五组")}）从事缝纫工作，已工作41天，月工资{AMT("3200元")}。{T("王梦瑶")}系由其父{T("王德胜")}（{MOB("151 8521 0067")}）送来。

依据{ART("《禁止使用童工规定》第六条第一款")}，决定罚款{AMT("5000元")}，并责令当事人将{T("王梦瑶")}送回其父母身边，所需交通和食宿费用全部由当事人承担。

{remedy("宁波市鄞州区人民政府", "宁波市鄞州区人民法院")}

{AGY("宁波市鄞州区人力资源和社会保障局")}
{DATE("2024年8月2日")}"""
    return rec(
        "lab-h003",
        "labour",
        "penalty",
        f"{ORG('鄞州区丰收服装加工厂')}使用童工案",
        {
            "kind": "individual_business",
            "name": "鄞州区丰收服装加工厂",
            "uscc": code,
            "business_address": "宁波市鄞州区姜山镇走马塘工业区8号",
        },
        [
            person("operator", "袁承志"),
            person("employee", "王梦瑶", minor=True, id_number=child_id),
            person("third_party", "王德胜", phone="15185210067"),
        ],
        "宁波市鄞州区人力资源和社会保障局",
        "浙江省宁波市鄞州区",
        text,
    )


def eme_h001() -> dict[str, Any]:
    # a fall from height: the worker's injuries and hospital, a welder's T+ID certificate that
    # belongs to someone else, the site safety officer
    code = uscc("91", "410105", "MA47BN0W")
    cert_owner = rid("410105", "19770613", "295")
    text = f"""{AGY("郑州市金水区应急管理局")}
行政处罚决定书
{DOC("金应急罚〔2024〕22号")}

当事人：{ORG("河南龙腾钢结构有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("闻人德胜")}
住所：{BADDR("郑州市金水区花园路219号")}

{DATE("2024年5月8日")}9时20分许，当事人员工{T("晁建军")}在{PLACE("金水路与经三路交叉口")}东北角厂房屋面作业时坠落，{OTH("造成腰椎爆裂性骨折、双下肢瘫痪")}，现在{ORG("郑州大学第一附属医院")}治疗。
经调查：（一）当事人未为{T("晁建军")}配备安全带；（二）现场焊工{T("申国庆")}出示的特种作业操作证（{CID("T" + cert_owner)}）持证人为{T("申宏伟")}（{T("申国庆")}之兄），{T("申国庆")}本人无证；（三）安全员{T("巩晓明")}当日请假，无人监护。{T("晁建军")}之妻{T("郑翠花")}（{MOB("13598020617")}）已与当事人达成赔偿协议。

依据{ART("《中华人民共和国安全生产法》第九十九条第（五）项")}、{ART("第九十七条第（七）项")}及{ART("第一百一十四条第一款第（一）项")}，决定合并罚款{AMT("350000元")}。

{remedy("郑州市金水区人民政府", "郑州市金水区人民法院")}

{AGY("郑州市金水区应急管理局")}
{DATE("2024年7月15日")}"""
    return rec(
        "eme-h001",
        "emergency",
        "penalty",
        f"{ORG('河南龙腾钢结构有限公司')}“5·8”高处坠落事故案",
        party_org("河南龙腾钢结构有限公司", code, "闻人德胜", "郑州市金水区花园路219号"),
        [
            person("employee", "晁建军"),
            person("employee", "申国庆"),
            person("third_party", "申宏伟", id_number=cert_owner),
            person("employee", "巩晓明"),
            person("third_party", "郑翠花", phone="13598020617"),
        ],
        "郑州市金水区应急管理局",
        "河南省郑州市金水区",
        text,
    )


def eme_h002() -> dict[str, Any]:
    # a filling station: 石油 appears inside the organization name and as a word; the cashier who
    # smoked is hidden; the station manager is the 负责人 (kept)
    code = uscc("91", "330212", "MA2CGX8E")
    text = f"""{AGY("宁波市鄞州区应急管理局")}
行政处罚决定书
{DOC("鄞应急罚〔2023〕第041号")}

当事人：{ORG("中国石油天然气股份有限公司浙江宁波鄞州天童南路加油站")}
统一社会信用代码：{USCC(code)}
负责人：{REP("江浩然")}
地址：{BADDR("宁波市鄞州区天童南路1088号")}

{DATE("2023年11月2日")}，本局执法人员检查发现，当事人卸油作业时未设置警戒区域，收银员{T("孙巧云")}在站房门口吸烟，距加油机不足10米。当事人未能提供{W("石油")}产品卸车作业的安全操作记录。站长{REP("江浩然")}承认管理不到位。加油员{T("石磊")}当班未穿防静电工作服。

依据{ART("《中华人民共和国安全生产法》第一百零一条第（四）项")}，决定：责令改正，罚款{AMT("30000元")}。

{remedy("宁波市鄞州区人民政府", "宁波市鄞州区人民法院")}

{AGY("宁波市鄞州区应急管理局")}
{DATE("2023年12月7日")}"""
    return rec(
        "eme-h002",
        "emergency",
        "penalty",
        f"{ORG('中国石油天然气股份有限公司浙江宁波鄞州天童南路加油站')}未采取措施消除事故隐患案",
        party_org("中国石油天然气股份有限公司浙江宁波鄞州天童南路加油站", code, "江浩然", "宁波市鄞州区天童南路1088号"),
        [person("employee", "孙巧云"), person("employee", "石磊")],
        "宁波市鄞州区应急管理局",
        "浙江省宁波市鄞州区",
        text,
    )


def eme_h003() -> dict[str, Any]:
    # fireworks stored in a village shop that is also the family home; the son runs it
    idn = rid("430104", "19610222", "413")
    text = f"""{AGY("长沙市岳麓区应急管理局")}
行政处罚决定书
{DOC("岳应急罚〔2024〕3号")}

当事人：{P("易福根")}，男，身份证号码：{ID(idn)}，住所：{ADDR("含浦村易家湾组18号")}。

{DATE("2024年2月5日")}，本局执法人员{OFF("邓博文")}、{OFF("易红兵")}检查发现，当事人未取得烟花爆竹经营（零售）许可证，在其住所一楼堂屋存放、销售烟花爆竹共计146箱，与家人居住的卧室仅一墙之隔。当事人之子{T("易子豪")}负责销售，通过其手机{MOB("173-1740-8826")}接受村民订货。村民{T("易梓轩")}证实在此购买过烟花。

依据{ART("《烟花爆竹安全管理条例》第三十六条第一款")}，决定：没收烟花爆竹146箱，没收违法所得{AMT("2400元")}，罚款{AMT("10000元")}。

{remedy("长沙市岳麓区人民政府", "长沙市岳麓区人民法院")}

{AGY("长沙市岳麓区应急管理局")}
{DATE("2024年3月1日")}"""
    return rec(
        "eme-h003",
        "emergency",
        "penalty",
        "易某某未经许可经营烟花爆竹案",
        party_person("易福根", id_number=idn, address="湖南省长沙市岳麓区含浦街道含浦村易家湾组18号"),
        [person("third_party", "易子豪", phone="17317408826"), person("witness", "易梓轩")],
        "长沙市岳麓区应急管理局",
        "湖南省长沙市岳麓区",
        text,
    )


def eme_h004() -> dict[str, Any]:
    # inspection result: officers with rare surnames 訾 and 乜 (kept) and staff with the very same
    # surnames (hidden)
    code = uscc("91", "150102", "MA0Q9YT7")
    text = f"""{AGY("呼和浩特市新城区应急管理局")}
危险化学品企业安全检查结果
{DOC("新应急检〔2024〕第19号")}

检查对象：{ORG("内蒙古安泰化工有限公司")}（{USCC(code)}）
法定代表人：{REP("巴特尔")}
地址：{BADDR("呼和浩特市新城区兴安北路92号")}
检查时间：{DATE("2024年9月10日")}
检查人员：{OFF("訾建国")}（{OFF("15010200331")}）、{OFF("乜红梅")}（{OFF("15010200347")}）

检查情况：企业安全管理员{R("訾丽")}、仓库保管员{R("乜国强")}陪同检查。储罐区可燃气体报警器3台未按期检定；{R("乜国强")}的危险化学品作业证书已于{DATE("2024年6月")}过期。动火作业票签发人{T("乌云其木格")}（{MOB("15848113267")}）未到现场确认。
检查结论：发现隐患3项，已下达整改通知书，限期{DATE("2024年9月30日")}前完成整改。

{AGY("呼和浩特市新城区应急管理局")}
{DATE("2024年9月12日")}"""
    return rec(
        "eme-h004",
        "emergency",
        "inspection_result",
        f"{ORG('内蒙古安泰化工有限公司')}安全检查",
        party_org("内蒙古安泰化工有限公司", code, "巴特尔", "呼和浩特市新城区兴安北路92号"),
        [
            person("employee", "訾丽"),
            person("employee", "乜国强"),
            person("employee", "乌云其木格", phone="15848113267"),
        ],
        "呼和浩特市新城区应急管理局",
        "内蒙古自治区呼和浩特市新城区",
        text,
    )
