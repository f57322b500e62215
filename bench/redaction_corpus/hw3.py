"""Hand-written records, part 3: culture and tourism, fire, housing, agriculture, civil affairs,
and a few records built around one adversarial trick each."""

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
    ean,
    old15,
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
        f"如不服本决定，可以自收到本决定书之日起六十日内向{AGY(gov)}申请行政复议，"
        f"也可以在六个月内向{AGY(court)}提起行政诉讼。"
    )


def cul_h001() -> dict[str, Any]:
    # an internet café admitting three minors: their names, birth dates and IDs (one with a
    # lower-case x), the parents who came to fetch them, the attendant
    code = uscc("91", "330302", "MA2J6QW1")
    m1, m2, m3 = rid("330302", "20080917", "216"), rid_x("330302", "20090523"), rid("330304", "20080102", "043")
    text = f"""{AGY("温州市鹿城区文化和广电旅游体育局")}
行政处罚决定书
{DOC("鹿文旅罚〔2024〕第08号")}

当事人：{ORG("温州极速网络会所有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("蒋嘉诚")}
经营场所：{BADDR("温州市鹿城区车站大道577号3楼")}

{DATE("2024年1月20日")}22时15分，本局执法人员{OFF("潘俊杰")}（{OFF("33030200881")}）、{OFF("章丹丹")}（{OFF("33030200915")}）检查发现，当事人经营场所内有3名未成年人正在上网：{T("陈子豪")}（{OTH("2008年9月17日")}出生，身份证号{ID(m1)}）、{T("吴欣怡")}（{OTH("2009年5月23日")}出生，身份证号{ID(m2.lower())}）、{T("周浩然")}（身份证号{ID(m3)}）。三人均使用成年人身份证登记上网，其中{T("陈子豪")}使用的是其表哥{T("林志强")}的身份证。
当晚到场领回孩子的家长为{T("陈国庆")}（{MOB("13706771502")}）、{T("吴红梅")}（{MOB("158 6771 3320")}）；{T("周浩然")}的母亲{T("许秀兰")}电话未接通。网管{T("戴宇轩")}称“看身份证照片差不多就开了”。

依据{ART("《互联网上网服务营业场所管理条例》第三十一条第（二）项")}，决定：警告，罚款{AMT("15000元")}。

{remedy("温州市鹿城区人民政府", "温州市鹿城区人民法院")}

{AGY("温州市鹿城区文化和广电旅游体育局")}
{DATE("2024年2月26日")}"""
    return rec(
        "cul-h001",
        "culture",
        "penalty",
        f"{ORG('温州极速网络会所有限公司')}接纳未成年人进入营业场所案",
        party_org("温州极速网络会所有限公司", code, "蒋嘉诚", "温州市鹿城区车站大道577号3楼"),
        [
            person("minor", "陈子豪", minor=True, id_number=m1),
            person("minor", "吴欣怡", minor=True, id_number=m2),
            person("minor", "周浩然", minor=True, id_number=m3),
            person("third_party", "陈国庆", phone="13706771502"),
            person("third_party", "吴红梅", phone="15867713320"),
            person("employee", "戴宇轩"),
        ],
        "温州市鹿城区文化和广电旅游体育局",
        "浙江省温州市鹿城区",
        text,
    )


def cul_h002() -> dict[str, Any]:
    # a tour group from Tibet: Tibetan names without surnames, the tour leader's e-mail, the guide's
    # licence number (kept)
    code = uscc("91", "530102", "MA6N2F7T")
    text = f"""{AGY("昆明市五华区文化和旅游局")}
行政处罚决定书
{DOC("五文旅罚〔2023〕第27号")}

当事人：{ORG("云南彩云之南国际旅行社有限公司")}，统一社会信用代码：{USCC(code)}，法定代表人：{REP("段正华")}，地址：{BADDR("昆明市五华区东风西路9号")}。

{DATE("2023年9月18日")}，本局接到游客{T("次仁卓玛")}代表同团12名游客的投诉。经查，当事人组织的“昆大丽六日游”团队于{DATE("2023年9月10日")}在{PLACE("翠湖公园北门")}集合出发，导游{T("和丽娟")}（导游证号{REG("D-5301-862147")}）擅自增加购物项目，带团前往翡翠店购物，游客{T("扎西多吉")}购买手镯花费{AMT("12800元")}，{T("格桑拉姆")}购买挂件花费{AMT("3600元")}。领队{T("次仁卓玛")}通过邮箱{MAIL("tsering.drolma@qq.com")}向本局提交了行程单和购物小票。{T("卓玛")}还反映导游以“不购物不发{W("房卡")}”相要挟。

依据{ART("《中华人民共和国旅游法》第九十八条")}，决定：没收违法所得{AMT("3280元")}，罚款{AMT("50000元")}；对直接负责的主管人员处{AMT("3000元")}罚款。

{remedy("昆明市五华区人民政府", "昆明市五华区人民法院")}

{AGY("昆明市五华区文化和旅游局")}
{DATE("2023年10月30日")}"""
    return rec(
        "cul-h002",
        "culture",
        "penalty",
        f"{ORG('云南彩云之南国际旅行社有限公司')}擅自增加购物项目案",
        party_org("云南彩云之南国际旅行社有限公司", code, "段正华", "昆明市五华区东风西路9号"),
        [
            person("complainant", "次仁卓玛"),
            person("employee", "和丽娟"),
            person("consumer", "扎西多吉"),
            person("consumer", "格桑拉姆"),
        ],
        "昆明市五华区文化和旅游局",
        "云南省昆明市五华区",
        text,
    )


def cul_h003() -> dict[str, Any]:
    # pirated books seized from a stall: titles and authors (public, kept) next to the stall
    # keeper and a buyer (hidden); an ISBN and a barcode kept
    idn = rid("610113", "19790808", "435")
    text = f"""{AGY("西安市文化市场综合执法支队")}
查封扣押决定书
{DOC("西文执扣〔2024〕第0031号")}

当事人：{P("路红兵")}，身份证号码：{ID(idn)}，住址：{ADDR("雁塔区杜城村三组58号")}，手机：{MOB("+86 139 9182 0046")}。

{DATE("2024年4月23日")}，本支队执法人员在{PLACE("小寨十字")}地下通道检查时发现，当事人摆摊销售的图书涉嫌盗版，包括{BRAND("《平凡的世界》（路遥著）")}46套、{BRAND("《活着》（余华著）")}80册、{BRAND("《三体》（刘慈欣著）")}35套。其中《活着》封底标注ISBN {REG("978-7-5063-6543-7")}，条码{REG(ean("978750636543"))}，与正版版权页不一致。顾客{T("路遥远")}（当事人侄子）证实图书系从郊区仓库批发而来。
依据{ART("《出版管理条例》第六十一条")}和{ART("《中华人民共和国行政强制法》第九条")}，决定对上述图书予以扣押，期限三十日。

见证人：{T("史佳琪")}，{MOB("18991760038")}。

{remedy("西安市文化和旅游局", "西安铁路运输法院")}

{AGY("西安市文化市场综合执法支队")}
{DATE("2024年4月23日")}"""
    return rec(
        "cul-h003",
        "culture",
        "coercive_measure",
        "路某某涉嫌销售盗版图书扣押",
        party_person("路红兵", id_number=idn, phone="13991820046"),
        [person("third_party", "路遥远"), person("witness", "史佳琪", phone="18991760038")],
        "西安市文化市场综合执法支队",
        "陕西省西安市雁塔区",
        text,
    )


def cul_h004() -> dict[str, Any]:
    # an unlicensed tour guide (natural person) with a tourist list; 'given name only' mentions
    idn = rid("350203", "19950302", "618")
    text = f"""{AGY("厦门市思明区文化和旅游局")}
行政处罚决定书
{DOC("厦思文旅罚〔2024〕12号")}

当事人：{P("曾一鸣")}，男，身份证号{ID(idn)}，联系电话{MOB("15259203317")}。

{DATE("2024年5月1日")}，本局执法人员在{PLACE("轮渡码头")}检查时发现，当事人未取得导游证，为一个9人散客团提供鼓浪屿讲解服务，每人收费{AMT("150元")}。游客{T("房佳怡")}、{T("边子涵")}、{T("边晓明")}等证实，当事人自称“{P("一鸣")}导游”，通过其个人微信（{OTH("wxid_ym0302xm")}）收款。游客{T("房佳怡")}称：“是在网上看到{P("一鸣")}的广告联系的。”

依据{ART("《中华人民共和国旅游法》第一百零二条第二款")}，决定：没收违法所得{AMT("1350元")}，罚款{AMT("1000元")}。

{remedy("厦门市思明区人民政府", "厦门市思明区人民法院")}

{AGY("厦门市思明区文化和旅游局")}
{DATE("2024年5月30日")}"""
    return rec(
        "cul-h004",
        "culture",
        "penalty",
        "曾某某未取得导游证从事导游活动案",
        party_person("曾一鸣", id_number=idn, phone="15259203317"),
        [person("consumer", "房佳怡"), person("consumer", "边子涵"), person("consumer", "边晓明")],
        "厦门市思明区文化和旅游局",
        "福建省厦门市思明区",
        text,
    )


def fir_h001() -> dict[str, Any]:
    # an e-bike fire in a stairwell: the party charged it, neighbours injured (health data), flats
    idn = rid("320102", "19880719", "275")
    text = f"""{AGY("南京市玄武区消防救援大队")}
行政处罚决定书
{DOC("玄消行罚决字〔2024〕第0045号")}

当事人：{P("封建华")}，男，{OTH("1988年7月19日")}生，公民身份号码{ID(idn)}，住{ADDR("玄武区孝陵卫街道童卫路小区7幢2单元302室")}。

经查，{DATE("2024年3月9日")}凌晨，当事人将其{BRAND("雅迪")}牌电动自行车停放在{ADDR("童卫路小区7幢2单元")}一楼楼道内充电，电池故障起火，烟气蔓延至楼上。住在401室的{T("伍秀英")}（{OTH("78岁，吸入性损伤住院治疗")}）和502室的{R("单晓雯")}{OTH("轻度吸入烟气")}。邻居{T("樊振华")}发现火情后报警并用灭火器扑救。
当事人对上述事实无异议，表示已承担{T("伍秀英")}的医疗费用。

依据{ART("《中华人民共和国消防法》第六十四条第（二）项")}，决定：罚款{AMT("500元")}。

{remedy("南京市消防救援支队", "南京铁路运输法院")}

{AGY("南京市玄武区消防救援大队")}
{DATE("2024年4月2日")}"""
    return rec(
        "fir-h001",
        "fire",
        "penalty",
        "封某某过失引起火灾案",
        party_person("封建华", id_number=idn, address="江苏省南京市玄武区孝陵卫街道童卫路小区7幢2单元302室"),
        [person("third_party", "伍秀英"), person("third_party", "单晓雯"), person("witness", "樊振华")],
        "南京市玄武区消防救援大队",
        "江苏省南京市玄武区",
        text,
    )


def fir_h002() -> dict[str, Any]:
    # sealing a group-rental flat: the landlord is the party; tenants listed with workplaces
    idn = rid("110105", "19700106", "094")
    text = f"""{AGY("北京市朝阳区消防救援支队")}
临时查封决定书
{DOC("朝消临封字〔2024〕第0012号")}

当事人：{P("邸福根")}，身份证号码：{ID(idn)}，联系电话：{MOB("13801236601")}。

{DATE("2024年10月11日")}，本支队对当事人出租的{ADDR("双井街道劲松一区214楼3单元101")}进行检查，发现该房屋被分隔为9个单间群租，共住14人，疏散通道被隔断墙堵塞，存在严重威胁公共安全的火灾隐患。承租人{T("严佳琪")}（在{ORG("北京尚品餐饮管理有限公司")}工作）、{T("钮梓轩")}、{R("郗家豪")}等在场。
依据{ART("《中华人民共和国消防法》第五十四条")}和{ART("《消防监督检查规定》第二十二条")}，决定对上述房屋予以临时查封，查封期间禁止使用。

{remedy("北京市朝阳区人民政府", "北京市朝阳区人民法院")}

{AGY("北京市朝阳区消防救援支队")}
{DATE("2024年10月11日")}"""
    return rec(
        "fir-h002",
        "fire",
        "coercive_measure",
        "邸某某出租房屋临时查封",
        party_person("邸福根", id_number=idn, phone="13801236601"),
        [person("third_party", "严佳琪"), person("third_party", "钮梓轩"), person("third_party", "郗家豪")],
        "北京市朝阳区消防救援支队",
        "北京市朝阳区",
        text,
    )


def fir_h003() -> dict[str, Any]:
    # fire safety inspection of a hotel: the on-duty operators and their certificate numbers
    # (professional certificates, not IDs: kept as registration numbers)
    code = uscc("91", "420106", "MA4K5T8X")
    text = f"""{AGY("武汉市武昌区消防救援大队")}
消防监督检查结果
{DOC("武昌消检字〔2024〕第206号")}

被检查单位：{ORG("武汉黄鹤楼大酒店有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("夏天佑")}
地址：{BADDR("武汉市武昌区武珞路88号")}
检查时间：{DATE("2024年11月6日")}
消防监督员：{OFF("钱丽")}、{OFF("公孙晓东")}

检查情况：消防控制室值班人员{T("简雨桐")}（消防设施操作员证书编号{REG("2342000031054866")}）在岗，另一名值班人员{T("应宏伟")}无证。5楼疏散通道堆放布草车；自动喷水灭火系统末端试水压力不足。值班经理{T("黄佳怡")}（{MOB("13971350028")}）在检查记录上签字。
检查结论：发现问题2项，已当场责令改正。

{AGY("武汉市武昌区消防救援大队")}
{DATE("2024年11月8日")}"""
    return rec(
        "fir-h003",
        "fire",
        "inspection_result",
        f"{ORG('武汉黄鹤楼大酒店有限公司')}消防监督检查",
        party_org("武汉黄鹤楼大酒店有限公司", code, "夏天佑", "武汉市武昌区武珞路88号"),
        [person("employee", "简雨桐"), person("employee", "应宏伟"), person("employee", "黄佳怡", phone="13971350028")],
        "武汉市武昌区消防救援大队",
        "湖北省武汉市武昌区",
        text,
    )


def fir_h004() -> dict[str, Any]:
    # licensing denial (pre-opening fire inspection) of a karaoke bar run by a natural person
    idn = rid("371302", "19910412", "851")
    text = f"""{AGY("青岛市市南区消防救援大队")}
不同意投入使用、营业决定书
{DOC("南消不字〔2024〕第0009号")}

申请人：{P("付明辉")}，身份证号码：{ID(idn)}，联系电话：{MOB("182-6397-1150")}。
场所名称：{ORG("市南区麦霸量贩KTV")}　地址：{BADDR("青岛市市南区香港中路76号地下一层")}

你于{DATE("2024年6月20日")}申请公众聚集场所投入使用、营业前消防安全检查，经检查，该场所地下一层仅设一个安全出口，包间装修使用易燃材料，不符合{ART("《建筑设计防火规范》（GB 50016-2014）第5.5.8条")}的规定。依据{ART("《中华人民共和国消防法》第十五条")}，决定不同意投入使用、营业。现场陪同人员为你的合伙人{T("丛家豪")}。

{remedy("青岛市消防救援支队", "青岛市市南区人民法院")}

{AGY("青岛市市南区消防救援大队")}
{DATE("2024年6月28日")}"""
    return rec(
        "fir-h004",
        "fire",
        "licensing_denial",
        "市南区麦霸量贩KTV投入使用营业前消防安全检查",
        party_person("付明辉", id_number=idn, phone="18263971150"),
        [person("third_party", "丛家豪")],
        "青岛市市南区消防救援大队",
        "山东省青岛市市南区",
        text,
    )


def hou_h001() -> dict[str, Any]:
    # presale without permit: buyers' purchased flats (their homes to be) and contract numbers
    code = uscc("91", "430104", "MA4L1QRT")
    text = f"""{AGY("长沙市岳麓区住房和城乡建设局")}
行政处罚决定书
{DOC("岳住建罚〔2023〕第19号")}

当事人：{ORG("长沙盛世置业有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("令狐冲霄")}
地址：{BADDR("长沙市岳麓区枫林一路303号")}

经查，当事人开发的{PLACE("盛世枫林苑")}项目在未取得商品房预售许可证的情况下，于{DATE("2023年2月")}起以“认筹”名义收取购房款。已查实的购房人包括：{T("舒文博")}（认购8栋1203，合同编号{REG("SSFL-2023-0217")}，付款{AMT("30万元")}）、{T("甘雨桐")}（认购8栋1504，付款{AMT("20万元")}，付款账户{CARD(spaced4(card_from("622202190200351772")))}）、{T("危建军")}（认购9栋602，付款{AMT("15万元")}）。购房人{T("舒文博")}现租住于{ADDR("望月湖街道望月湖小区3片11栋501")}。

依据{ART("《城市商品房预售管理办法》第十四条")}，决定：责令停止违法行为，罚款{AMT("30000元")}（已收取预付款的1%以下）。

{remedy("长沙市岳麓区人民政府", "长沙市岳麓区人民法院")}

{AGY("长沙市岳麓区住房和城乡建设局")}
{DATE("2023年5月16日")}"""
    return rec(
        "hou-h001",
        "housing",
        "penalty",
        f"{ORG('长沙盛世置业有限公司')}未取得预售许可证预售商品房案",
        party_org("长沙盛世置业有限公司", code, "令狐冲霄", "长沙市岳麓区枫林一路303号"),
        [person("consumer", "舒文博"), person("consumer", "甘雨桐"), person("consumer", "危建军")],
        "长沙市岳麓区住房和城乡建设局",
        "湖南省长沙市岳麓区",
        text,
    )


def hou_h002() -> dict[str, Any]:
    # property management overcharging: owners' flat numbers, the owners' committee chair
    code = uscc("91", "440305", "MA5H8K1B")
    text = f"""{AGY("深圳市南山区住房和建设局")}
行政处罚决定书
{DOC("深南建罚〔2024〕107号")}

当事人：{ORG("深圳市和美物业管理有限公司")}，统一社会信用代码：{USCC(code)}，法定代表人：{REP("慕容小凤")}，地址：{BADDR("深圳市南山区后海大道2388号")}。

{DATE("2024年4月")}，海月花园业主委员会主任{T("范志刚")}代表43户业主投诉当事人擅自提高停车费。经查，当事人自{DATE("2024年1月1日")}起将月租车位费由{AMT("400元")}提高至{AMT("600元")}，未经业主大会同意。业主{T("骆美玲")}（{ADDR("海月花园6栋2201")}）、{T("祁浩")}（{ADDR("海月花园3栋805")}）提供了缴费凭证；{T("骆美玲")}另称其车辆{PLATE("粤B·5KK38")}曾被当事人保安{T("卢德胜")}锁车。

依据{ART("《物业管理条例》第五十九条")}，决定：责令限期退还多收费用，罚款{AMT("50000元")}。

{remedy("深圳市南山区人民政府", "深圳市南山区人民法院")}

{AGY("深圳市南山区住房和建设局")}
{DATE("2024年6月14日")}"""
    return rec(
        "hou-h002",
        "housing",
        "penalty",
        f"{ORG('深圳市和美物业管理有限公司')}擅自提高收费标准案",
        party_org("深圳市和美物业管理有限公司", code, "慕容小凤", "深圳市南山区后海大道2388号"),
        [
            person("complainant", "范志刚"),
            person("third_party", "骆美玲"),
            person("third_party", "祁浩"),
            person("employee", "卢德胜"),
        ],
        "深圳市南山区住房和建设局",
        "广东省深圳市南山区",
        text,
    )


def hou_h003() -> dict[str, Any]:
    # construction company: the project manager's registered-constructor number is kept, his
    # name and mobile hidden; a worker's injury
    code = uscc("91", "370202", "MA3C6D0H")
    text = f"""{AGY("青岛市市南区住房和城乡建设局")}
行政处罚决定书
{DOC("青南建罚〔2024〕第33号")}

当事人：{ORG("青岛常青藤建设工程有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("东方明哲")}
地址：{BADDR("青岛市市南区南京路120号")}

{DATE("2024年3月27日")}，本局检查{PLACE("燕儿岛路东侧改造项目")}时发现，当事人未按规定在塔吊作业区设置警戒，项目经理{T("孙立新")}（注册建造师证书编号{REG("鲁237141516832")}，手机{MOB("15092138871")}）未在岗履职，由无资格的{T("孙小龙")}代为管理。当日信号工{T("宫长生")}被吊物擦伤{OTH("左肩软组织挫伤")}。

依据{ART("《建设工程安全生产管理条例》第六十二条第（一）项")}，决定：责令限期改正，罚款{AMT("50000元")}。

{remedy("青岛市市南区人民政府", "青岛市市南区人民法院")}

{AGY("青岛市市南区住房和城乡建设局")}
{DATE("2024年5月8日")}"""
    return rec(
        "hou-h003",
        "housing",
        "penalty",
        f"{ORG('青岛常青藤建设工程有限公司')}未按规定设置安全警示标志案",
        party_org("青岛常青藤建设工程有限公司", code, "东方明哲", "青岛市市南区南京路120号"),
        [person("employee", "孙立新", phone="15092138871"), person("employee", "孙小龙"), person("employee", "宫长生")],
        "青岛市市南区住房和城乡建设局",
        "山东省青岛市市南区",
        text,
    )


def hou_h004() -> dict[str, Any]:
    # rental agency: the tenant's ID and the landlord's flat; the deposit paid to the agent's own
    # Alipay account (given as a mobile number)
    code = uscc("91", "110105", "MA01G7PL")
    tid = rid("232301", "19980925", "526")
    text = f"""{AGY("北京市朝阳区住房和城乡建设委员会")}
行政处罚决定书
{DOC("京朝建罚字〔2024〕第219号")}

当事人：{ORG("北京安达房地产经纪有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("单于飞")}
地址：{BADDR("北京市朝阳区建国路93号院8号楼")}

{DATE("2024年8月5日")}，本委接到承租人{T("富佳琪")}（身份证号{ID(tid)}）投诉。经查，当事人经纪人员{T("何俊杰")}在出租{ADDR("望京西园三区311号楼1202")}（出租人{T("章秀兰")}）时，要求{T("富佳琪")}将押金及中介费共计{AMT("18400元")}转入{T("何俊杰")}的个人支付宝账户（账号为其手机号{MOB("18610072649")}）。

依据{ART("《北京市住房租赁条例》第六十八条")}，决定：罚款{AMT("20000元")}。

{remedy("北京市朝阳区人民政府", "北京市朝阳区人民法院")}

{AGY("北京市朝阳区住房和城乡建设委员会")}
{DATE("2024年9月20日")}"""
    return rec(
        "hou-h004",
        "housing",
        "penalty",
        f"{ORG('北京安达房地产经纪有限公司')}经纪人员以个人名义收取费用案",
        party_org("北京安达房地产经纪有限公司", code, "单于飞", "北京市朝阳区建国路93号院8号楼"),
        [person("complainant", "富佳琪", id_number=tid), person("employee", "何俊杰"), person("third_party", "章秀兰")],
        "北京市朝阳区住房和城乡建设委员会",
        "北京市朝阳区",
        text,
    )


def agr_h001() -> dict[str, Any]:
    # animal quarantine: a pig farmer sells pigs without certificates; ear-tag numbers and the
    # quarantine certificate number are kept, the buyer's truck plate hidden
    idn = rid("410105", "19740915", "113")
    text = f"""{AGY("郑州市金水区农业农村局")}
行政处罚决定书
{DOC("金农（牧）罚〔2024〕5号")}

当事人：{R("靳国强")}，男，身份证号码{ID(idn)}，住址：{ADDR("庙李村七组12号")}，电话：{MOB("150-3710-8842")}。

{DATE("2024年2月26日")}，本局执法人员在{PLACE("郑州东站西广场")}附近检查一辆号牌为{PLATE("豫A·7H3K2")}的货车，车上装载生猪22头，无动物检疫证明。经查，生猪系当事人饲养并出售给生猪经纪人{T("胡宝山")}（{MOB("13938266301")}），货值{AMT("48400元")}。部分生猪耳标号为{REG("141050298317825")}至{REG("141050298317846")}。当事人称曾于{DATE("2024年2月20日")}申报检疫（申报单号{REG(bad18("410105", "20240220", "118"))}），未等出证即出售。

依据{ART("《中华人民共和国动物防疫法》第一百条第一款")}，决定：罚款{AMT("14520元")}（货值金额的30%）。

{remedy("郑州市金水区人民政府", "郑州市金水区人民法院")}

{AGY("郑州市金水区农业农村局")}
{DATE("2024年3月19日")}"""
    return rec(
        "agr-h001",
        "agriculture",
        "penalty",
        "靳某某经营未经检疫生猪案",
        party_person("靳国强", id_number=idn, phone="15037108842"),
        [person("third_party", "胡宝山", phone="13938266301")],
        "郑州市金水区农业农村局",
        "河南省郑州市金水区",
        text,
    )


def agr_h002() -> dict[str, Any]:
    # counterfeit seed: a table of farmers with villages and losses
    code = uscc("93", "450103", "MA5KT1C0")
    text = f"""{AGY("南宁市青秀区农业农村局")}
行政处罚决定书
{DOC("青农罚〔2023〕第11号")}

当事人：{ORG("南宁市青秀区丰收农资专业合作社")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("黄金凤")}
地址：{BADDR("南宁市青秀区竹溪大道31号")}

经查，当事人于{DATE("2023年3月")}销售标称{BRAND("“丰优香占”水稻种子")}1260公斤，经检验发芽率仅41%，为劣种子。购种农户及受损情况如下：
{T("黄德胜")}　{ADDR("伶俐村那坡组")}　8亩　损失{AMT("6400元")}
{T("梁红英")}　{ADDR("伶俐村新屋组")}　5亩　损失{AMT("4000元")}
{R("覃金宝")}　{ADDR("长塘村坡头组")}　12亩　损失{AMT("9600元")}
{T("卢丹丹")}　（外出务工，由其父{T("卢福根")}代签）　3亩
当事人已赔偿上述农户损失。

依据{ART("《中华人民共和国种子法》第七十五条第一款")}，决定：没收违法所得{AMT("15120元")}，罚款{AMT("50000元")}。

{remedy("南宁市青秀区人民政府", "南宁市青秀区人民法院")}

{AGY("南宁市青秀区农业农村局")}
{DATE("2023年7月4日")}"""
    return rec(
        "agr-h002",
        "agriculture",
        "penalty",
        f"{ORG('南宁市青秀区丰收农资专业合作社')}销售劣种子案",
        party_org("南宁市青秀区丰收农资专业合作社", code, "黄金凤", "南宁市青秀区竹溪大道31号"),
        [
            person("consumer", "黄德胜"),
            person("consumer", "梁红英"),
            person("consumer", "覃金宝"),
            person("consumer", "卢丹丹"),
            person("third_party", "卢福根"),
        ],
        "南宁市青秀区农业农村局",
        "广西壮族自治区南宁市青秀区",
        text,
    )


def agr_h003() -> dict[str, Any]:
    # pesticide shop inspection result; shop operator (hidden) and his wife who keeps the ledger
    code = uscc("92", "330106", "MA2DE7F3")
    text = f"""{AGY("杭州市西湖区农业农村局")}
农药经营单位“双随机”检查结果
{DOC("西农检〔2024〕第42号")}

检查对象：{ORG("西湖区田园农资店")}（个体工商户，{USCC(code)}）
经营者：{P("喻建平")}
经营场所：{BADDR("杭州市西湖区三墩镇古墩路889号")}
检查日期：{DATE("2024年4月17日")}
检查人员：{OFF("金海波")}、{OFF("童思远")}

检查情况：农药经营许可证（{REG("农药经许（浙）33010620150012")}）在有效期内；限制使用农药未实行定点经营；购销台账由经营者之妻{T("虞巧云")}记录，部分购买人未登记{W("联系方式")}。
检查结果：发现问题，已责令整改。

{AGY("杭州市西湖区农业农村局")}
{DATE("2024年4月19日")}"""
    return rec(
        "agr-h003",
        "agriculture",
        "inspection_result",
        f"{ORG('西湖区田园农资店')}农药经营检查",
        party_shop("西湖区田园农资店", code, "杭州市西湖区三墩镇古墩路889号"),
        [person("operator", "喻建平"), person("third_party", "虞巧云")],
        "杭州市西湖区农业农村局",
        "浙江省杭州市西湖区",
        text,
    )


def civ_h001() -> dict[str, Any]:
    # an old people's home: residents with ages and illnesses, their children as contacts
    code = uscc("52", "510107", "MJ2K7F50")
    text = f"""{AGY("成都市武侯区民政局")}
行政处罚决定书
{DOC("武民罚〔2024〕1号")}

当事人：{ORG("成都市武侯区康宁颐养院")}（民办非企业单位）
统一社会信用代码：{USCC(code)}
法定代表人：{REP("欧阳静")}
地址：{BADDR("成都市武侯区一环路南四段55号")}

{DATE("2024年1月10日")}，本局接到{T("卓立新")}投诉，称其父{T("卓长生")}（{OTH("89岁，阿尔茨海默病，失能")}）入住当事人处期间{OTH("发生二度压疮")}未被及时发现。经查，当事人护理员{T("邝秀兰")}负责的6名失能老人中，{T("卓长生")}、{T("麦凤英")}（{OTH("偏瘫")}）未按护理计划每2小时翻身。当事人护理员与失能老人配比为1:6，低于规定标准。
{T("卓立新")}的联系电话为{MOB("18628031147")}，其住址为{ADDR("玉林街道玉林小区14栋3单元6号")}。

依据{ART("《养老机构管理办法》第四十六条第（二）项")}，决定：警告，罚款{AMT("20000元")}。

{remedy("成都市武侯区人民政府", "成都市武侯区人民法院")}

{AGY("成都市武侯区民政局")}
{DATE("2024年3月12日")}"""
    return rec(
        "civ-h001",
        "civil",
        "penalty",
        f"{ORG('成都市武侯区康宁颐养院')}未按照国家有关标准提供养老服务案",
        party_org("成都市武侯区康宁颐养院", code, "欧阳静", "成都市武侯区一环路南四段55号"),
        [
            person("complainant", "卓立新", phone="18628031147"),
            person("third_party", "卓长生"),
            person("employee", "邝秀兰"),
            person("third_party", "麦凤英"),
        ],
        "成都市武侯区民政局",
        "四川省成都市武侯区",
        text,
    )


def civ_h002() -> dict[str, Any]:
    # selling grave plots without approval: buyers, the deceased (names of the dead are also
    # personal information of their families), plot numbers
    idn = rid("530102", "19650630", "318")
    text = f"""{AGY("昆明市五华区民政局")}
行政处罚决定书
{DOC("五民罚〔2023〕3号")}

当事人：{P("普建国")}，身份证号码{ID(idn)}，住{ADDR("普吉村委会下村127号")}。

经查，当事人未经批准，在{PLACE("普吉村后山")}集体林地上建造并出售墓穴12个。购买人包括{T("李红梅")}（为其亡父{T("李德顺")}购买A-3号墓穴，价款{AMT("26000元")}）、{T("杨丽")}（购买A-7号，价款{AMT("26000元")}）。{T("李红梅")}提供的收款收据上有当事人签名及手机号{MOB("13888051962")}。

依据{ART("《殡葬管理条例》第二十条")}，决定：责令恢复原状，没收违法所得{AMT("312000元")}，罚款{AMT("624000元")}。

{remedy("昆明市五华区人民政府", "昆明市五华区人民法院")}

{AGY("昆明市五华区民政局")}
{DATE("2023年12月1日")}"""
    return rec(
        "civ-h002",
        "civil",
        "penalty",
        "普某某未经批准擅自兴建殡葬设施案",
        party_person("普建国", id_number=idn, phone="13888051962"),
        [person("consumer", "李红梅"), person("third_party", "李德顺"), person("consumer", "杨丽")],
        "昆明市五华区民政局",
        "云南省昆明市五华区",
        text,
    )


def mkt_h013() -> dict[str, Any]:
    # names against punctuation: after a colon, inside “ ”, in an enumeration with 、, before 某日,
    # directly followed by a phone without separator
    code = uscc("91", "320102", "MA1R9HD3")
    text = f"""{AGY("南京市玄武区市场监督管理局")}
行政处罚决定书
{DOC("宁玄市监罚决〔2024〕217号")}

当事人：{ORG("南京优品生活超市有限公司")}（统一社会信用代码{USCC(code)}；法定代表人{REP("龙文博")}；住所{BADDR("南京市玄武区北京东路41号")}）

案件来源：投诉人：{T("袁丽")}；{T("袁丽")}{MOB("13770582216")}
证人：{T("孟凡")}、{T("邢晓燕")}、{C("公孙博")}（均系当事人员工）
经查，{T("邢晓燕")}某日在整理货架时发现{BRAND("“优品”牌鲜榨果汁")}已过期，向店长报告后店长称“先卖着”。{T("孟凡")}的证言（“店长说先卖着，卖完再说”）与{T("邢晓燕")}的陈述一致。{C("公孙博")}：“我听到店长这么说的。”
{T("袁丽")}于{DATE("2024年3月3日")}购买该果汁后投诉，当事人已{W("向其")}退还货款并赔偿{AMT("1000元")}。

依据{ART("《中华人民共和国食品安全法》第一百二十四条第一款第（五）项")}，决定：没收过期果汁17瓶，罚款{AMT("50000元")}。

{remedy("南京市玄武区人民政府", "南京市玄武区人民法院")}

{AGY("南京市玄武区市场监督管理局")}
{DATE("2024年4月11日")}"""
    return rec(
        "mkt-h013",
        "market",
        "penalty",
        f"{ORG('南京优品生活超市有限公司')}经营超过保质期食品案",
        party_org("南京优品生活超市有限公司", code, "龙文博", "南京市玄武区北京东路41号"),
        [
            person("complainant", "袁丽", phone="13770582216"),
            person("witness", "孟凡"),
            person("witness", "邢晓燕"),
            person("witness", "公孙博"),
        ],
        "南京市玄武区市场监督管理局",
        "江苏省南京市玄武区",
        text,
    )


def mkt_h014() -> dict[str, Any]:
    # names that are words (文明, 方正, 安康) as people, with 文件, 方式, 安全 as words, and the
    # trade name 金鑫 (a name elsewhere) as an organization that stays
    code = uscc("91", "330106", "MA2GKR3Y")
    text = f"""{AGY("杭州市西湖区市场监督管理局")}
行政处罚决定书
{DOC("杭西市监处罚〔2024〕608号")}

当事人：{ORG("杭州金鑫建材有限公司")}，统一社会信用代码{USCC(code)}，法定代表人{REP("章建华")}，住所{BADDR("杭州市西湖区天目山路398号")}。

经查，当事人销售的{BRAND("“金鑫”牌PPR管材")}经抽检不合格。当事人仓库管理员{T("文明")}称产品合格证明{W("文件")}由供货商提供；销售员{T("方正")}称以“先试用后付款”的{W("方式")}推销；质检员{T("安康")}承认未对该批次进行{W("安全")}性能检测。三人的联系电话分别为{MOB("13588120947")}、{MOB("13588120948")}、{MOB("13588120949")}。

依据{ART("《中华人民共和国产品质量法》第四十九条")}，决定：没收不合格管材，罚款货值金额等值即{AMT("36500元")}。

{remedy("杭州市西湖区人民政府", "杭州市西湖区人民法院")}

{AGY("杭州市西湖区市场监督管理局")}
{DATE("2024年8月15日")}"""
    return rec(
        "mkt-h014",
        "market",
        "penalty",
        f"{ORG('杭州金鑫建材有限公司')}销售不合格产品案",
        party_org("杭州金鑫建材有限公司", code, "章建华", "杭州市西湖区天目山路398号"),
        [person("employee", "文明"), person("employee", "方正"), person("employee", "安康")],
        "杭州市西湖区市场监督管理局",
        "浙江省杭州市西湖区",
        text,
    )


def mkt_h015() -> dict[str, Any]:
    # a Hong Kong resident as party: Home Return Permit and HK identity card numbers, an address in
    # Hong Kong; a Taiwan resident buyer with a Taiwan permit number
    text = f"""{AGY("深圳市市场监督管理局南山监管局")}
行政处罚决定书
{DOC("深市监南罚〔2024〕2211号")}

当事人：{P("冯家豪")}，男，香港居民，港澳居民来往内地通行证号码{OTH("H60283917")}，香港身份证号码{OTH("K123456(8)")}，住址：{ADDR("香港九龙旺角弥敦道580号12楼B室")}，内地联系电话{MOB("13510772406")}，香港电话{MOB("+852 9123 4578")}。

经查，当事人在{PLACE("海岸城")}商场租用临时展位，销售标称“香港制造”的{BRAND("“金至尊”牌足金吊坠")}，实际产地为深圳。台湾居民{T("林淑珍")}（台湾居民来往大陆通行证号码{OTH("01234567")}）购买后投诉。当事人的内地银行卡为{CARD(card_from("621483755103281"))}。

依据{ART("《中华人民共和国产品质量法》第五十三条")}，决定：没收违法所得{AMT("8600元")}，罚款{AMT("12000元")}。

{remedy("深圳市南山区人民政府", "深圳市南山区人民法院")}

{AGY("深圳市市场监督管理局南山监管局")}
{DATE("2024年10月17日")}"""
    return rec(
        "mkt-h015",
        "market",
        "penalty",
        "冯某某伪造产品产地案",
        party_person("冯家豪", phone="13510772406", address="香港九龙旺角弥敦道580号12楼B室"),
        [person("complainant", "林淑珍")],
        "深圳市市场监督管理局南山监管局",
        "广东省深圳市南山区",
        text,
    )


def tra_h005() -> dict[str, Any]:
    # a disability certificate number is the ID plus two digits (id_in_certificate); the party
    # drives a disabled-person's tricycle as a taxi
    idn = rid("420106", "19670304", "431")
    text = f"""{AGY("武汉市交通运输综合执法支队")}
行政处罚决定书
{DOC("武交执罚〔2024〕第0532号")}

当事人：{P("柴金宝")}，男，身份证号{ID(idn)}，残疾人证号{CID(idn + "42")}，住{ADDR("白沙洲村十一组9号")}，电话{MOB("158 2735 9061")}。

{DATE("2024年7月9日")}，本支队执法人员在{PLACE("武昌火车站")}东出站口检查发现，当事人驾驶残疾人机动轮椅车（号牌{PLATE("鄂A·C1736")}）搭载乘客{T("彭思彤")}，收取车费{AMT("15元")}。当事人{OTH("系肢体三级残疾")}，称靠拉客补贴家用。

鉴于当事人系残疾人且为初次违法，依据{ART("《中华人民共和国行政处罚法》第三十三条第一款")}，决定不予罚款，责令改正。

{remedy("武汉市交通运输局", "武汉铁路运输法院")}

{AGY("武汉市交通运输综合执法支队")}
{DATE("2024年7月26日")}"""
    return rec(
        "tra-h005",
        "transport",
        "penalty",
        "柴某某非法营运案",
        party_person("柴金宝", id_number=idn, phone="15827359061"),
        [person("passenger", "彭思彤")],
        "武汉市交通运输综合执法支队",
        "湖北省武汉市武昌区",
        text,
    )


def lab_h004() -> dict[str, Any]:
    # workers called by given name only after the first mention (建华说, 秀英说), an old 15-digit ID
    code = uscc("91", "350203", "MA8T2MKQ")
    text = f"""{AGY("厦门市思明区人力资源和社会保障局")}
行政处罚决定书
{DOC("厦思人社监罚〔2024〕9号")}

当事人：{ORG("厦门一品茶业有限公司")}，统一社会信用代码{USCC(code)}，法定代表人{REP("苏振华")}，住所{BADDR("厦门市思明区厦禾路820号")}。

经查，当事人安排员工{T("柯建华")}、{T("黄秀英")}在春节期间连续加班12天，未支付加班工资，且拒不提供考勤记录。{T("建华")}在询问中说，老板让他们“自愿”加班；{T("秀英")}说工资条是手写的，被公司收走了。{T("黄秀英")}出示的身份证为旧证，号码{ID(old15("350203", "650807", "124"))}。

依据{ART("《劳动保障监察条例》第三十条第一款第（三）项")}，决定：罚款{AMT("10000元")}。

{remedy("厦门市思明区人民政府", "厦门市思明区人民法院")}

{AGY("厦门市思明区人力资源和社会保障局")}
{DATE("2024年3月22日")}"""
    return rec(
        "lab-h004",
        "labour",
        "penalty",
        f"{ORG('厦门一品茶业有限公司')}拒不提供有关资料案",
        party_org("厦门一品茶业有限公司", code, "苏振华", "厦门市思明区厦禾路820号"),
        [person("employee", "柯建华"), person("employee", "黄秀英")],
        "厦门市思明区人力资源和社会保障局",
        "福建省厦门市思明区",
        text,
    )


def urb_h006() -> dict[str, Any]:
    # a vendor called 夏天 fined in summer: 夏季 is a word, 夏天 a name; plus a name right before
    # a line break and a landline in full-width brackets
    idn = rid("500103", "19900621", "245")
    text = f"""{AGY("重庆市渝中区城市管理局")}
行政处罚决定书
{DOC("渝中城管罚〔2024〕第1130号")}

当事人：{P("夏天")}
身份证号码：{ID(idn)}
住址：{ADDR("大坪街道大坪正街小区2栋8-3")}
联系电话：{TEL("（023）63508817")}

{DATE("2024年7月30日")}，{W("夏季")}夜市期间，本局执法人员在{PLACE("洪崖洞")}停车场入口发现当事人摆摊销售冰粉，占用消防通道。当事人的帮工{T("邹小红")}称摊位是{P("夏天")}
的，她只负责收钱。

依据{ART("《重庆市市容环境卫生管理条例》第五十条")}，决定：罚款{AMT("200元")}。

{remedy("重庆市渝中区人民政府", "重庆市渝中区人民法院")}

{AGY("重庆市渝中区城市管理局")}
{DATE("2024年8月12日")}"""
    return rec(
        "urb-h006",
        "urban",
        "penalty",
        "夏某某占道经营案",
        party_person("夏天", id_number=idn),
        [person("employee", "邹小红")],
        "重庆市渝中区城市管理局",
        "重庆市渝中区",
        text,
    )
