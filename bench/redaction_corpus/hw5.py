"""Hand-written records, part 5: a long decision with two interview transcripts, parcels with
senders and recipients, a dog bite, smoking in a public place."""

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
    DATE,
    DOC,
    ID,
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
    party_org,
    party_person,
    person,
    rec,
    rid,
    spaced4,
    uscc,
)


def remedy(gov: str, court: str) -> str:
    return (
        f"当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向{AGY(gov)}申请行政复议，"
        f"或者在六个月内依法向{AGY(court)}提起行政诉讼。申请行政复议或者提起行政诉讼期间，本决定不停止执行。"
    )


def mkt_h021() -> dict[str, Any]:
    # a long decision as officers really write the big ones: case source, two interview
    # transcripts (the shop manager and a supplier's driver), evidence described item by item,
    # discretion reasoning; names recur many times in different forms
    code = uscc("91", "330106", "MA2N7WLC")
    mgr_id = rid("330106", "19840511", "227")
    drv_id = rid("341221", "19790302", "416")
    text = f"""{AGY("杭州市西湖区市场监督管理局")}
行政处罚决定书
{DOC("杭西市监处罚〔2024〕1147号")}

当事人：{ORG("杭州江南百草堂食品有限公司")}
统一社会信用代码：{USCC(code)}
法定代表人：{REP("尉迟国栋")}
住所：{BADDR("杭州市西湖区文三路478号1-2层")}

一、案件来源
{DATE("2024年6月3日")}，本局接到{ORG("杭州市西湖区疾病预防控制中心")}通报：{DATE("2024年6月1日")}晚，{T("诸晓燕")}等7名顾客在当事人门店就餐后陆续{OTH("出现腹痛、腹泻、发热症状")}，其中{T("诸晓燕")}（{OTH("孕22周")}）、{T("任一诺")}（8岁，由其母{T("邹丽娟")}陪同）在{ORG("浙江省中医院")}住院治疗。经流行病学调查和实验室检测，判定为一起由副溶血性弧菌引起的食源性疾病事件。同日，经本局负责人批准立案调查（{DOC("杭西市监立〔2024〕812号")}）。

二、调查经过
{DATE("2024年6月3日")}，本局执法人员{OFF("叶振华")}（执法证号{OFF("33010600301")}）、{OFF("俞思彤")}（执法证号{OFF("33010600376")}）对当事人经营场所进行现场检查，发现：后厨凉菜间内生熟刀具、砧板混用；冷藏柜内存放的{BRAND("“海纳”牌冰鲜小黄鱼")}（商品条码{REG(ean("693829110045"))}）未标注进货日期；{W("周边")}下水道有异味。执法人员依法对剩余食品、环境表面进行了采样（抽样单编号{REG(bad18("330106", "20240603", "052"))}）。
（一）对当事人门店经理的询问
{DATE("2024年6月4日")}，本局对当事人门店经理{T("骆宏伟")}制作询问笔录。笔录记载：
问：请讲一下你的身份信息。
答：我叫{T("骆宏伟")}，身份证号码{ID(mgr_id)}，住{ADDR("西湖区转塘街道西溪诚园7幢2单元901")}，手机{MOB("158-5817-0336")}。我是门店经理，负责日常经营，法定代表人{REP("尉迟国栋")}一般不来店里。
问：6月1日的凉菜是谁做的？
答：是凉菜师傅{T("宋金宝")}做的，他做了八年了。那天小黄鱼用量大，{W("于是")}我们上午就从冷库拿出来解冻，放在常温下大概五个小时。
问：凉菜间的刀具砧板为什么混用？
答：新来的学徒{T("阮子豪")}不懂，{T("宋金宝")}也没盯着，这个是我们管理上的问题。
（二）对供货商驾驶员的询问
{DATE("2024年6月5日")}，本局对向当事人送货的驾驶员{C("上官德胜")}制作询问笔录。{C("上官德胜")}称：其受雇于{ORG("舟山海纳水产有限公司")}，身份证号码{ID(drv_id)}，驾驶{PLATE("浙L·6C317")}冷藏车，{DATE("5月31日")}凌晨送货时车载冷机故障，车厢温度约10℃，“到店时鱼已经有点软了，我跟{T("骆宏伟")}说过，他说没事”。上官师傅的手机号{MOB("13967208851")}与送货单上记载一致。

三、证据
1.营业执照、食品经营许可证（{REG("JY13301060157762")}）复印件，证明当事人主体资格；
2.《现场笔录》及照片32张，证明现场检查情况；
3.{ORG("杭州市西湖区疾病预防控制中心")}流行病学调查报告，证明事件性质；
4.对{T("骆宏伟")}、{C("上官德胜")}的询问笔录，证明加工和进货情况；
5.就诊顾客名单（{T("诸晓燕")}、{T("任一诺")}、{T("韩梦瑶")}、{T("吕思远")}、{R("仇立新")}、{T("黄婷")}、{T("江晨")}），证明损害后果；
6.当事人向顾客赔偿的转账记录，其中向{T("诸晓燕")}的转账账户为{CARD(spaced4(card_from("622848040256127733")))}，赔偿{W("金额")}{AMT("20000元")}。

四、告知及陈述申辩
{DATE("2024年7月8日")}，本局向当事人送达《行政处罚告知书》（{DOC("杭西市监罚告〔2024〕1147号")}），当事人于{DATE("2024年7月12日")}提出{W("陈述")}申辩，称已积极救治患者并赔偿，请求从轻处罚。本局经复核，对该申辩意见予以部分采纳。

五、处罚依据和决定
本局认为，当事人在食品加工过程中未保证食品安全，生熟混用，造成食源性疾病，违反了{ART("《中华人民共和国食品安全法》第三十三条第一款第（五）项")}的规定。依据{ART("《中华人民共和国食品安全法》第一百二十六条第一款第（五）项")}及{ART("《浙江省市场监督管理行政处罚裁量基准》")}的规定，鉴于当事人主动赔偿、积极配合调查，决定：
1.警告；
2.罚款人民币{AMT("肆万伍仟元整")}（{AMT("45000元")}）。

当事人{W("应自收到")}本决定书之日起十五日内缴纳罚款。{remedy("杭州市西湖区人民政府", "杭州市西湖区人民法院")}

{AGY("杭州市西湖区市场监督管理局")}
{DATE("2024年8月2日")}"""
    return rec(
        "mkt-h021",
        "market",
        "penalty",
        f"{ORG('杭州江南百草堂食品有限公司')}“6·1”食源性疾病事件案",
        party_org("杭州江南百草堂食品有限公司", code, "尉迟国栋", "杭州市西湖区文三路478号1-2层"),
        [
            person("consumer", "诸晓燕"),
            person("consumer", "任一诺", minor=True),
            person("third_party", "邹丽娟"),
            person("interviewee", "骆宏伟", id_number=mgr_id, phone="15858170336"),
            person("employee", "宋金宝"),
            person("employee", "阮子豪"),
            person("interviewee", "上官德胜", id_number=drv_id, phone="13967208851"),
            person("consumer", "韩梦瑶"),
            person("consumer", "吕思远"),
            person("consumer", "仇立新"),
            person("consumer", "黄婷"),
            person("consumer", "江晨"),
        ],
        "杭州市西湖区市场监督管理局",
        "浙江省杭州市西湖区",
        text,
    )


def tra_h008() -> dict[str, Any]:
    # a parcel company opens parcels without consent: senders, recipients and addresses copied
    # from waybills (waybill numbers kept)
    code = uscc("91", "370202", "MA3FE2Q9")
    text = f"""{AGY("青岛市邮政管理局")}
行政处罚决定书
{DOC("青邮罚〔2024〕第016号")}

当事人：{ORG("青岛迅达快递服务有限公司")}；统一社会信用代码：{USCC(code)}；负责人：{REP("綦志强")}；地址：{BADDR("青岛市市南区闽江路58号")}。

经查，当事人分拣员{T("纪晓明")}于{DATE("2024年5月")}私自拆开3件快件，取出其中物品。涉及快件如下：
运单号{REG("YT7502218836415")}，寄件人{T("丛丽")}，收件人{T("隋家豪")}，收件地址{ADDR("市南区金门路街道海信山庄6号楼1单元302户")}，电话{MOB("18561772093")}；
运单号{REG("YT7502218836422")}，寄件人{T("孙红霞")}，收件人{R("逄思远")}，收件地址{ADDR("香港中路街道湛山花园12号楼")}，电话{TEL("0532-85913308")}；
运单号{REG("YT7502219001187")}，收件人{T("于欣怡")}（{OTH("快件内为处方药，包装上注明“抑郁症用药”")}）。
收件人{T("隋家豪")}发现快件破损后向本局投诉。

依据{ART("《快递暂行条例》第四十二条第一款")}，决定：罚款{AMT("30000元")}。

{remedy("山东省邮政管理局", "青岛市市南区人民法院")}

{AGY("青岛市邮政管理局")}
{DATE("2024年6月21日")}"""
    return rec(
        "tra-h008",
        "transport",
        "penalty",
        f"{ORG('青岛迅达快递服务有限公司')}从业人员私自开拆快件案",
        party_org("青岛迅达快递服务有限公司", code, "綦志强", "青岛市市南区闽江路58号"),
        [
            person("employee", "纪晓明"),
            person("third_party", "丛丽"),
            person("complainant", "隋家豪", phone="18561772093"),
            person("third_party", "孙红霞"),
            person("third_party", "逄思远"),
            person("third_party", "于欣怡"),
        ],
        "青岛市邮政管理局",
        "山东省青岛市市南区",
        text,
    )


def urb_h008() -> dict[str, Any]:
    # a dog bite: the owner is the party, the victim's injury and vaccination are health data; the
    # dog licence number is kept
    idn = rid("110105", "19920711", "583")
    text = f"""{AGY("北京市朝阳区城市管理综合行政执法局")}
行政处罚决定书
{DOC("京朝城管罚字〔2024〕第3368号")}

当事人：{P("甄梓轩")}，男，身份证号码{ID(idn)}，住{ADDR("望京街道望京西园四区412号楼")}，电话{MOB("155 0117 6629")}。

{DATE("2024年9月14日")}7时许，当事人在{PLACE("朝阳公园西门")}遛犬时未拴犬绳，其饲养的一只金毛犬（犬证编号{REG("京朝犬字2023第068127号")}）将晨练的{T("俞秀兰")}咬伤，{OTH("左小腿两处咬伤，已注射狂犬疫苗和免疫球蛋白")}。目击者{T("喻国庆")}拨打110报警。

依据{ART("《北京市养犬管理规定》第二十五条")}，决定：罚款{AMT("500元")}。

{remedy("北京市朝阳区人民政府", "北京市朝阳区人民法院")}

{AGY("北京市朝阳区城市管理综合行政执法局")}
{DATE("2024年10月9日")}"""
    return rec(
        "urb-h008",
        "urban",
        "penalty",
        "甄某某携犬出户未束犬链案",
        party_person("甄梓轩", id_number=idn, phone="15501176629"),
        [person("third_party", "俞秀兰"), person("witness", "喻国庆")],
        "北京市朝阳区城市管理综合行政执法局",
        "北京市朝阳区",
        text,
    )


def hea_h007() -> dict[str, Any]:
    # smoking in a hospital waiting hall: the party's workplace (identifying, hidden as personal),
    # the security guard who stopped him
    idn = rid("440305", "19760928", "371")
    text = f"""{AGY("深圳市南山区卫生健康局")}
行政处罚决定书
{DOC("深南卫控烟罚〔2024〕0215号")}

当事人：{P("龚海波")}，男，身份证号码{ID(idn)}，联系电话{MOB("13632851027")}，工作单位：{OTH("深圳市南山区某中学体育教师")}。

{DATE("2024年3月19日")}10时20分，本局控烟监督员{OFF("伍佳琪")}、{OFF("麦文博")}在{ORG("深圳市南山区人民医院")}门诊候诊大厅检查时发现，当事人在禁止吸烟区域吸烟。医院保安{T("邝建国")}此前已劝阻一次。当事人称其陪同{OTH("患肺癌的父亲")}就诊，心情烦躁。

依据{ART("《深圳经济特区控制吸烟条例》第三十条第二款")}，决定：罚款{AMT("50元")}。

{remedy("深圳市南山区人民政府", "深圳市南山区人民法院")}

{AGY("深圳市南山区卫生健康局")}
{DATE("2024年3月19日")}"""
    return rec(
        "hea-h007",
        "health",
        "penalty",
        "龚某某在禁止吸烟场所吸烟案",
        party_person("龚海波", id_number=idn, phone="13632851027"),
        [person("witness", "邝建国")],
        "深圳市南山区卫生健康局",
        "广东省深圳市南山区",
        text,
    )
