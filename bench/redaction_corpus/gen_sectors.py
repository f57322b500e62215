"""Sector templates for generated decisions: the facts of each kind of case, in the officers' words.

Each ``facts_*`` function fills a ``Gen`` (party, persons) and returns a ``Facts``; the
assemblers at the bottom turn it into a 行政处罚决定书, 不予许可决定书, 检查结果 or 查封扣押决定书.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from banks import PRODUCTS
from corpuslib import ean13, make_bad_id
from gen_base import Gen, Person


@dataclass
class Facts:
    title: str
    facts: str
    evidence: list[str]
    violated: str
    basis: str
    decision: list[str]
    discretion: str = ""
    extra: list[str] = field(default_factory=list)


def digits(g: Gen, n: int) -> str:
    return "".join(str(g.rng.randrange(10)) for _ in range(n))


def report_no(g: Gen, offset: int) -> str:
    """A report/acceptance number built as area code + date + sequence: 18 digits shaped like a
    resident ID, whose last digit fails the ID check (so it is a registration number to keep)."""
    return g.reg(make_bad_id(g.region["code"], g.day(offset).strftime("%Y%m%d"), f"{g.rng.randrange(1, 999):03d}"))


def art(g: Gen, text: str) -> str:
    return g.keep("article", text)


def party_title(g: Gen, what: str) -> str:
    """案由 as officers type it: the party's name (a person's name is hidden there too)."""
    kind = g.party_case["kind"]
    if kind == "organization":
        return g.keep("org_name", g.org_name) + what + "案"
    if kind == "individual_business":
        op = g.party_person
        assert op is not None
        if g.chance(0.3):
            return g.nm(op) + what + "案"
        return g.keep("org_name", g.org_name) + what + "案"
    p = g.party_person
    assert p is not None
    if g.chance(0.55):
        return g.nm(p) + what + "案"
    return (p.surname or p.full[0]) + "某某" + what + "案"


def quote(g: Gen, p: Person, words: str) -> str:
    lead = g.pick(["陈述", "称", "在询问笔录中陈述", "在接受询问时称", "证实"])
    return f"{g.nm(p)}{lead}：“{words}”"


def qa(g: Gen, p: Person, role_word: str, answer: str) -> str:
    """A 询问笔录 excerpt in which the person states who they are."""
    return (
        f"{g.d(2)}对{role_word}{g.nm(p)}制作的《询问笔录》记载：“问：请讲一下你的基本情况。"
        f"答：我叫{g.nm(p)}，身份证号码{g.id_of(p)}，住{g.home_of(p)}，手机{g.phone_of(p)}。"
        f"问：请讲一下事情经过。答：{answer}”"
    )


# ============================================================ market


def facts_market_food(g: Gen) -> Facts:
    W, k = g.W, g.keep
    if g.chance(0.4):
        g.org_party(["超市有限公司", "食品有限公司", "商贸有限公司", "便利店有限公司"])
    else:
        g.shop_party()
    consumer = g.person("consumer")
    clerk = g.person("employee")
    prod = g.pick(PRODUCTS["food"])
    barcode = ean13("69" + digits(g, 10))
    licence = "JY1" + g.region["code"] + digits(g, 7)
    n_total, n_sold = g.rng.randrange(12, 80), g.rng.randrange(2, 10)
    unit = g.rng.randrange(3, 60)
    fine = g.pick([5000, 8000, 10000, 13800, 20000, 50000])
    ref = g.party_ref()
    facts = (
        f"{g.d(0)}，本局接到消费者{g.nm(consumer)}（联系电话：{g.phone_of(consumer)}）投诉，反映其于{g.d(-2)}在{ref}"
        f"购买的{k('product_or_brand', prod)}已超过保质期。{g.d(1)}，本局执法人员{g.officers_text()}"
        f"对当事人位于{k('business_address', g.business_address)}的经营场所进行现场检查，在食品货架上发现"
        f"{k('product_or_brand', prod)}（商品条码：{g.reg(barcode)}）共{n_total - n_sold}件，标签标示的生产日期为"
        f"{g.d(-300)}，保质期九个月，均已超过保质期。执法人员当场{W('查验')}了当事人的《食品经营许可证》"
        f"（许可证编号：{g.reg(licence)}）和进货{W('单据')}。\n"
        f"经查，当事人于{g.d(-200)}从供货商处购进上述批次{k('product_or_brand', prod)}共{n_total}件，进货价每件"
        f"{g.money(unit)}，销售价每件{g.money(unit + 2)}，截至检查时已售出{n_sold}件。当班收银员"
        + quote(
            g,
            clerk,
            f"这批货是上半年进的，一直摆在最下面一层，我们没有及时{W('查验')}保质期，{W('于是')}就一直在卖，"
            f"那天卖给{g.ref(consumer)}的就是这批。",
        )
        + f"\n消费者{g.ref(consumer)}提供了购物小票和手机支付截图，与当事人收银系统记录一致。"
    )
    if g.chance(0.4):
        facts += f"{g.ref(consumer)}另称其家中老人食用后出现{g.hide('other_personal', '腹泻、呕吐症状，曾到社区医院输液两天')}，当事人已与其协商赔偿。"
    evidence = [
        "当事人营业执照、食品经营许可证复印件",
        f"{g.d(1)}《现场笔录》及现场照片{g.rng.randrange(4, 20)}张",
        f"对当班收银员{g.nm(clerk)}的《询问笔录》",
        f"消费者{g.nm(consumer)}提供的购物小票、支付记录",
        "进货单据、销售记录",
    ]
    return Facts(
        title=party_title(g, g.pick(["经营超过保质期食品", "销售过期食品", "经营超过保质期的食品"])),
        facts=facts,
        evidence=evidence,
        violated=art(g, "《中华人民共和国食品安全法》第三十四条第（十）项"),
        basis=art(g, "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项"),
        decision=[
            f"没收超过保质期的{k('product_or_brand', prod)}{n_total - n_sold}件",
            f"没收违法所得{g.money((unit + 2) * n_sold)}",
            f"罚款{g.money(fine, upper=True)}",
        ],
        discretion=f"鉴于当事人积极配合调查，主动召回已售商品，依据{art(g, '《中华人民共和国行政处罚法》第三十二条第（一）项')}的规定，对当事人从轻处罚。",
    )


def facts_market_price(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["酒店管理有限公司", "停车场管理有限公司", "餐饮有限公司", "旅游开发有限公司"])
    tourist = g.person("complainant")
    friend = g.person("witness", in_case=False)
    manager = g.person("employee")
    charged, listed = g.rng.randrange(300, 1800), g.rng.randrange(100, 299)
    fine = g.pick([5000, 10000, 30000, 50000])
    facts = (
        f"{g.d(0)}，本局通过12315平台收到游客{g.nm(tourist)}的投诉，{g.ref(tourist)}反映其与朋友{g.nm(friend)}"
        f"于{g.d(-3)}在{g.keep('org_name', g.org_name)}消费时，实际收费{g.money(charged)}，明显高于店内公示价格。"
        f"{g.ref(tourist)}留下的联系电话为{g.phone_of(tourist)}，另留有电子邮箱{g.hide('email', g.email(tourist))}。\n"
        f"{g.d(2)}，执法人员{g.officers_text()}到当事人位于{k('business_address', g.business_address)}的经营场所"
        f"进行检查，发现当事人在收银台{W('张贴')}的价目表标示“标准间{g.money(listed)}/晚”，但未标明节假日浮动价格，"
        f"收银系统记录显示当日向{g.ref(tourist)}收取{g.money(charged)}。当事人值班经理"
        + quote(g, manager, f"节假日价格是老板临时定的，价目表没来得及换，收费{W('明细')}我们可以提供。")
        + f"\n经核查，{g.d(-10)}至{g.d(1)}期间，当事人按未公示的价格收费共{g.rng.randrange(20, 300)}笔，"
        f"多收价款合计{g.money(g.rng.randrange(3000, 40000))}，当事人已于立案后全部退还。"
    )
    return Facts(
        title=party_title(g, "不执行明码标价规定"),
        facts=facts,
        evidence=[
            "当事人营业执照复印件",
            f"对值班经理{g.nm(manager)}的《询问笔录》",
            "价目表照片、收银系统记录",
            f"投诉人{g.nm(tourist)}提供的消费凭证",
            "退款凭证",
        ],
        violated=art(g, "《明码标价和禁止价格欺诈规定》第五条、第十条"),
        basis=art(g, "《中华人民共和国价格法》第四十二条") + "及" + art(g, "《明码标价和禁止价格欺诈规定》第二十一条"),
        decision=[f"罚款{g.money(fine, upper=True)}"],
        discretion=f"鉴于当事人已主动退还多收价款，{W('符合')}从轻处罚情形。",
    )


def facts_market_ad(g: Gen) -> Facts:
    W, k = g.W, g.keep
    if g.chance(0.5):
        g.org_party(["电子商务有限公司", "生物科技有限公司", "健康管理有限公司", "家居有限公司"])
        ref = g.party_ref()
    else:
        p = g.person_party()
        ref = g.ref(p)
    designer = g.person("employee")
    prod = g.pick(PRODUCTS["goods"] + PRODUCTS["food"])
    fine = g.pick([10000, 20000, 200000, 300000])
    words = g.pick(["全网销量第一", "国家级产品", "最佳选择", "顶级品质", "100%无副作用"])
    shop_id = digits(g, 12)
    facts = (
        f"{g.d(0)}，本局在网络交易监测中发现，{ref}在其开设的网店（店铺编号：{g.reg(shop_id)}）"
        f"销售{k('product_or_brand', prod)}，商品详情页使用了“{words}”等用语。{g.d(3)}，执法人员{g.officers_text()}"
        f"依法对网店页面进行了电子取证。\n经查，上述广告由当事人自行设计、制作并发布，广告发布时间为{g.d(-60)}至"
        f"{g.d(4)}，期间该商品销售{g.rng.randrange(10, 500)}件，广告费用无法计算。负责网店美工的员工"
        + quote(
            g, designer, f"页面文案是老板让写的，参考了别家的{W('宣传')}，我{W('曾经')}提醒过“第一”之类的词不能用。"
        )
    )
    if g.party_case["kind"] == "person":
        p = g.party_person
        assert p is not None
        facts += (
            f"\n另查明，当事人{g.ref(p)}通过其本人名下银行卡（卡号：{g.hide('bank_card', g.fmt_card(g.bank_card()))}）"
            f"收取货款，并使用邮箱{g.hide('email', g.email(p))}与买家联系。"
        )
    return Facts(
        title=party_title(g, "发布违法广告"),
        facts=facts,
        evidence=["网页电子证据", f"对{g.nm(designer)}的《询问笔录》", "销售记录", "当事人身份证明"],
        violated=art(g, "《中华人民共和国广告法》第九条第（三）项"),
        basis=art(g, "《中华人民共和国广告法》第五十七条第（一）项"),
        decision=["责令停止发布违法广告，并在相应范围内消除影响", f"罚款{g.money(fine, upper=True)}"],
    )


def facts_market_weights(g: Gen) -> Facts:
    W, k = g.W, g.keep
    vendor = g.person_party()
    buyer = g.person("consumer")
    manager = g.person("witness")
    market = f"{g.district}{g.pick(['农贸市场', '菜市场', '水产市场', '果品批发市场'])}"
    stall = f"{g.rng.randrange(1, 3)}区{g.rng.randrange(1, 120)}号摊位"
    short = g.rng.randrange(80, 400)
    facts = (
        f"{g.d(0)}，消费者{g.nm(buyer)}在{k('place_name', market)}{stall}购买猪肉后到市场公平秤复秤，发现短缺{short}克，"
        f"遂拨打{g.phone_of(buyer) if g.chance(0.3) else '12345热线'}投诉。本局执法人员{g.officers_text()}当日到场检查，"
        f"该摊位由{g.nm(vendor)}经营，现场使用的电子计价秤显示屏下方加装了遥控装置，经市场管理员{g.nm(manager)}"
        f"在场见证，执法人员对该秤进行了{W('查验')}并拍照取证。\n"
        + qa(
            g,
            vendor,
            "当事人",
            f"秤是在外地买的，遥控器是卖秤的人一起给的，用了大概两个月，{W('何时')}按我也记不清了。",
        )
        + f"\n经{k('org_name', (g.city or g.district) + '计量检定测试院')}检定（检定证书编号：{report_no(g, 3)}），该电子计价秤示值误差超出最大允许误差。"
        f"{g.ref(buyer)}被多收的款项当事人已当场退还。"
    )
    return Facts(
        title=party_title(g, "使用不合格计量器具"),
        facts=facts,
        evidence=["现场笔录及照片", f"对{g.nm(vendor)}的询问笔录", "计量检定报告", f"证人{g.nm(manager)}的证言"],
        violated=art(g, "《中华人民共和国计量法》第九条第一款")
        + "和"
        + art(g, "《集贸市场计量监督管理办法》第八条第（一）项"),
        basis=art(g, "《集贸市场计量监督管理办法》第十四条第（二）项"),
        decision=["没收作弊用电子计价秤一台及遥控器一个", f"罚款{g.money(g.pick([1000, 2000, 3000, 5000]))}"],
    )


def facts_market_unlicensed(g: Gen) -> Facts:
    k = g.keep
    p = g.person_party()
    neighbour = g.person("complainant")
    buyer = g.person("consumer", in_case=g.chance(0.5))
    income = g.rng.randrange(800, 30000)
    at_home = g.chance(0.5)
    place = g.home_of(p) if at_home else k("place_name", g.pick(g.region["places"]))
    facts = (
        f"{g.d(0)}，本局接到群众{g.nm(neighbour)}举报，反映{place}有人未经许可加工销售{g.pick(['卤味熟食', '手工糕点', '自制辣椒酱', '冷面'])}。"
        f"执法人员{g.officers_text()}于{g.d(1)}到场检查，现场负责人为{g.nm(p)}，{g.ref(p)}未能出示营业执照和食品经营许可证。"
        f"现场有顾客{g.nm(buyer)}正在购买，{g.ref(buyer)}称其经常在此购买，通过微信向{g.ref(p)}付款。\n"
        f"经查，当事人自{g.d(-120)}起在上述地点加工销售食品，违法所得{g.money(income)}。"
        f"当事人通过个人账户{g.hide('bank_card', g.fmt_card(g.bank_card()))}收款。"
        f"举报人{g.ref(neighbour)}要求对其身份保密，其联系电话{g.phone_of(neighbour)}仅用于回复。"
    )
    return Facts(
        title=party_title(g, "未取得食品经营许可从事食品经营活动"),
        facts=facts,
        evidence=["现场笔录", f"对{g.nm(p)}的询问笔录", "收款记录", "现场照片"],
        violated=art(g, "《中华人民共和国食品安全法》第三十五条第一款"),
        basis=art(g, "《中华人民共和国食品安全法》第一百二十二条第一款"),
        decision=[
            "没收违法加工的食品及原料",
            f"没收违法所得{g.money(income)}",
            f"罚款{g.money(g.pick([50000, 60000, 80000]))}",
        ],
    )


# ============================================================ transport


def facts_transport_overload(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["物流有限公司", "运输有限公司", "货运有限公司"])
    driver = g.person("driver")
    escort = g.person("employee", in_case=False)
    tractor, trailer = g.plate("truck"), g.plate("truck_trailer")
    total = g.rng.randrange(55, 110)
    limit = 49
    station = g.pick([f"{g.district}公路超限检测站", "G60沪昆高速收费站出口", f"{g.city}东治超站", "104国道治超检测点"])
    cert_style = g.rng.random()
    cert = g.hide(
        "id_in_certificate", g.id18(driver) if cert_style < 0.6 or len(driver.id_number) == 15 else g.fmt_id(driver)
    )
    facts = (
        f"{g.d(0)}{g.rng.randrange(0, 24)}时许，本队执法人员{g.officers_text()}在{k('place_name', station)}执勤时，"
        f"对一辆牵引车号牌为{g.plate_of(tractor)}、挂车号牌为{g.plate_of(trailer)}的重型半挂车进行检测。"
        f"经称重，该车车货总质量{total}.{g.rng.randrange(0, 10)}吨，超过限定标准{limit}吨，超限{total - limit}吨。"
        f"驾驶员{g.nm(driver)}（从业资格证号：{cert}，联系电话：{g.phone_of(driver)}）持有的道路运输证显示该车登记在"
        f"当事人名下。\n"
        + quote(
            g,
            driver,
            f"货是公司调度派的，单子上写的{W('毛重')}我没细看，{W('车辆')}平时都这么装，押车的{g.ref(escort)}也知道。",
        )
        + f"\n当事人{W('车辆')}卸载后予以放行，卸载货物存放于检测站卸货场。"
    )
    return Facts(
        title=party_title(g, "超限运输"),
        facts=facts,
        evidence=["称重检测单", "现场照片及视频", f"对驾驶员{g.nm(driver)}的《询问笔录》", "道路运输证、行驶证复印件"],
        violated=art(g, "《公路安全保护条例》第三十三条第一款"),
        basis=art(g, "《公路安全保护条例》第六十四条")
        + "及"
        + art(g, "《超限运输车辆行驶公路管理规定》第四十三条第（二）项"),
        decision=[f"罚款{g.money(g.pick([5000, 10000, 20000, 30000]))}"],
        discretion=f"根据{art(g, '《' + g.region['province'] + '交通运输行政处罚裁量基准》')}，超限{total - limit}吨，属一般情形。",
    )


def facts_transport_blackcar(g: Gen) -> Facts:
    W, k = g.W, g.keep
    p = g.person_party(role="driver")
    pax = [g.person("passenger") for _ in range(g.rng.randrange(1, 3))]
    plate = g.plate("car")
    fare = g.rng.randrange(30, 300)
    place = g.pick(g.region["places"])
    pax_names = "、".join(g.nm(x) for x in pax)
    facts = (
        f"{g.d(0)}，本队执法人员{g.officers_text()}在{k('place_name', place)}附近巡查时，发现一辆号牌为{g.plate_of(plate)}的"
        f"{g.pick(['白色', '黑色', '银灰色'])}小型轿车搭载乘客。经检查，驾驶员{g.nm(p)}不能提供《道路运输证》和"
        f"《网络预约出租汽车运输证》。车上乘客{pax_names}证实，系通过微信群联系乘车，约定车费{g.money(fare)}。\n"
        + qa(g, pax[0], "乘客", f"我在群里看到有车去机场，加了司机微信，他说{fare}块，我{W('于是')}就坐了。")
        + f"\n当事人{g.ref(p)}承认其使用{W('车辆')}从事非法营运已有{g.rng.randrange(1, 12)}个月，通过微信收款，"
        f"收款账户绑定的银行卡号为{g.hide('bank_card', g.fmt_card(g.bank_card()))}。"
    )
    if g.chance(0.4):
        facts += f"{g.ref(p)}的机动车驾驶证号为{g.hide('id_in_certificate', g.id18(p))}。"
    return Facts(
        title=party_title(g, "未取得道路运输经营许可擅自从事道路客运经营"),
        facts=facts,
        evidence=["现场笔录", f"对乘客{pax_names}的询问笔录", "微信聊天记录及收款截图", "车辆行驶证复印件"],
        violated=art(g, "《中华人民共和国道路运输条例》第十条"),
        basis=art(g, "《中华人民共和国道路运输条例》第六十三条"),
        decision=[f"罚款{g.money(g.pick([10000, 20000, 30000]), upper=True)}"],
    )


def facts_transport_taxi(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["出租汽车有限公司", "汽车服务有限公司", "客运有限公司"])
    driver = g.person("driver")
    pax = g.person("complainant")
    plate = g.plate("car")
    card = f"{g.region['abbr'][0]}{digits(g, 6)}"
    over = g.rng.randrange(20, 200)
    facts = (
        f"{g.d(0)}，本队接乘客{g.nm(pax)}（电话{g.phone_of(pax)}）投诉，称其{g.d(-1)}晚在{k('place_name', g.pick(g.region['places']))}"
        f"乘坐号牌为{g.plate_of(plate)}的巡游出租汽车，驾驶员不打表、一口价收费{g.money(over + 30)}，且拒绝出具发票。"
        f"经查，该车属当事人所有，当班驾驶员为{g.nm(driver)}（服务监督卡号{g.reg(card)}）。"
        f"{g.ref(driver)}承认当晚未使用计价器，按约定价格收费，{W('何时')}开始这样做未能说清。"
        f"当事人对驾驶员的日常管理不到位，未按规定组织驾驶员参加继续教育。乘客{g.ref(pax)}的多收车费已由当事人退还。"
    )
    return Facts(
        title=party_title(g, g.pick(["所属驾驶员不按规定使用计价器", "巡游出租汽车不按规定收费"])),
        facts=facts,
        evidence=["投诉记录", "车载视频截图", f"对驾驶员{g.nm(driver)}的询问笔录", "当事人的管理台账"],
        violated=art(g, "《巡游出租汽车经营服务管理规定》第二十六条"),
        basis=art(g, "《巡游出租汽车经营服务管理规定》第四十七条"),
        decision=[f"罚款{g.money(g.pick([200, 500, 1000]))}"],
    )


# ============================================================ ecology


def facts_ecology_emission(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["化工有限公司", "印染有限公司", "机械制造有限公司", "表面处理有限公司", "食品加工有限公司"])
    env = g.person("employee")
    worker = g.person("employee", in_case=False)
    permit = f"{g.uscc}{digits(g, 3)}{g.pick('PRUVWXY')}"
    ratio = g.rng.randrange(12, 380) / 10
    pollutant = g.pick(["化学需氧量", "氨氮", "总磷", "非甲烷总烃", "颗粒物"])
    facts = (
        f"{g.d(0)}，本局执法人员{g.officers_text()}对当事人进行现场检查。当事人持有排污许可证（证书编号：{g.reg(permit)}），"
        f"厂区位于{k('business_address', g.business_address)}。检查时当事人{g.pick(['废水处理设施', '废气收集处理设施'])}正在运行，"
        f"执法人员委托{k('org_name', g.city + '环境监测中心站')}对排放口进行了采样。\n"
        f"{g.d(6)}出具的监测报告（报告编号：{report_no(g, 6)}）显示，排放口{pollutant}浓度超过排放标准{ratio}倍。当事人环保负责人"
        + quote(g, env, f"那几天设备在检修，加药量没跟上，我们{W('曾经')}向{W('相关')}部门报备过。")
        + f"\n操作工{g.nm(worker)}证实检修期间未停产。"
    )
    return Facts(
        title=party_title(g, f"超标排放{pollutant}"),
        facts=facts,
        evidence=["现场检查（勘察）笔录", "监测报告", f"对{g.nm(env)}的调查询问笔录", "排污许可证复印件"],
        violated=art(g, "《中华人民共和国水污染防治法》第十条")
        if pollutant in ("化学需氧量", "氨氮", "总磷")
        else art(g, "《中华人民共和国大气污染防治法》第十八条"),
        basis=art(g, "《中华人民共和国水污染防治法》第八十三条第（二）项")
        if pollutant in ("化学需氧量", "氨氮", "总磷")
        else art(g, "《中华人民共和国大气污染防治法》第九十九条第（二）项"),
        decision=["责令改正违法行为", f"罚款{g.money(g.pick([100000, 150000, 230000, 400000]), upper=True)}"],
    )


def facts_ecology_noise(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["建设工程有限公司", "建筑工程有限公司", "市政工程有限公司"])
    residents = [g.person("complainant") for _ in range(g.rng.randrange(2, 4))]
    foreman = g.person("employee")
    site = f"{g.pick(g.region['roads'])}{g.pick(['地块', '改造工程', '综合体项目'])}施工工地"
    listing = "；".join(f"{g.nm(r)}，住{g.home_of(r)}" for r in residents)
    facts = (
        f"{g.d(0)}至{g.d(5)}，本局陆续接到{len(residents)}名{W('周边')}居民投诉（{listing}），反映{k('place_name', site)}"
        f"夜间施工噪声扰民，距工地最近的敏感点为{k('place_name', g.pick(g.region['places']))}。{g.d(6)}23时10分，执法人员{g.officers_text()}到场检查，发现当事人正在进行混凝土浇筑作业，"
        f"不能提供夜间施工证明。现场负责人{g.nm(foreman)}（{g.phone_of(foreman)}）在现场检查笔录上签字确认。"
        f"经监测，敏感点夜间噪声为{g.rng.randrange(58, 75)}分贝。"
    )
    return Facts(
        title=party_title(g, "夜间违规施工产生噪声污染"),
        facts=facts,
        evidence=["现场检查笔录", "噪声监测报告", "投诉记录", f"对{g.nm(foreman)}的询问笔录"],
        violated=art(g, "《中华人民共和国噪声污染防治法》第四十三条第一款"),
        basis=art(g, "《中华人民共和国噪声污染防治法》第七十七条第一款"),
        decision=[f"罚款{g.money(g.pick([20000, 50000, 100000]))}"],
    )


def facts_ecology_waste(g: Gen) -> Facts:
    W = g.W
    if g.chance(0.5):
        g.org_party(["汽车维修有限公司", "汽车服务有限公司", "机电有限公司"])
    else:
        g.shop_party()
    mechanic = g.person("employee")
    buyer = g.person("third_party")
    tons = g.rng.randrange(2, 40) / 10
    facts = (
        f"{g.d(0)}，执法人员{g.officers_text()}检查发现，当事人将维修产生的废机油、废滤芯等危险废物约{tons}吨堆放在"
        f"露天场地，未设置危险废物识别标志，且未执行转移联单制度，将部分废机油以每桶{g.money(g.rng.randrange(50, 200))}"
        f"的价格出售给无经营许可证的个人{g.nm(buyer)}（车辆号牌{g.plate_of(g.plate('truck'))}）。维修工"
        + quote(g, mechanic, f"废油都是{g.ref(buyer)}来拉的，他开个小货车，给现金，也没有签什么{W('单据')}。")
    )
    return Facts(
        title=party_title(g, "未按规定贮存、转移危险废物"),
        facts=facts,
        evidence=["现场检查笔录及照片", f"对{g.nm(mechanic)}的询问笔录", "销售记录"],
        violated=art(g, "《中华人民共和国固体废物污染环境防治法》第七十七条、第八十二条"),
        basis=art(g, "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第（二）项、第（五）项"),
        decision=["责令改正违法行为", f"罚款{g.money(g.pick([100000, 150000, 200000]))}"],
    )


# ============================================================ health


def facts_health_clinic(g: Gen) -> Facts:
    W, k = g.W, g.keep
    p = g.person_party()
    patients = [g.person("patient") for _ in range(g.rng.randrange(1, 3))]
    income = g.rng.randrange(500, 20000)
    illness = g.pick(["高血压", "糖尿病", "腰椎间盘突出", "慢性胃炎", "支气管炎"])
    drug = g.pick(PRODUCTS["drug"])
    facts = (
        f"{g.d(0)}，本局卫生监督员{g.officers_text()}根据举报，对位于{g.home_of(p)}的一处民房进行检查，发现{g.nm(p)}"
        f"正在为患者输液。现场查获{k('product_or_brand', drug)}等药品{g.rng.randrange(5, 40)}种、输液器具若干，"
        f"{g.ref(p)}不能出示《医疗机构执业许可证》和《医师执业证书》。\n"
        + qa(
            g,
            patients[0],
            "患者",
            f"我有{g.hide('other_personal', illness)}好几年了，听人说这里看病{W('方便')}又便宜，这次是来挂水的，一次收八十块。",
        )
    )
    if len(patients) > 1:
        facts += f"\n另一名患者{g.nm(patients[1])}（{g.hide('other_personal', g.pick(['孕', '哺乳期', '术后']) + '期间')}）称曾在此处就诊三次。"
    facts += f"\n经查，当事人自{g.d(-90)}起在上述地点擅自执业，违法所得{g.money(income)}。"
    return Facts(
        title=party_title(g, "未取得医疗机构执业许可证擅自执业"),
        facts=facts,
        evidence=["现场笔录", "药品器械清单", "患者询问笔录", "收费记录"],
        violated=art(g, "《医疗机构管理条例》第十四条"),
        basis=art(g, "《医疗机构管理条例》第四十三条")
        + "、"
        + art(g, "《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款"),
        decision=[
            "没收药品、器械",
            f"没收违法所得{g.money(income)}",
            f"罚款{g.money(g.pick([50000, 80000, 100000]), upper=True)}",
        ],
    )


def facts_health_public(g: Gen) -> Facts:
    W, k = g.W, g.keep
    if g.chance(0.5):
        g.org_party(["宾馆有限公司", "浴场有限公司", "美容美发有限公司", "游泳健身有限公司"])
    else:
        g.shop_party()
    staff = [g.person("employee") for _ in range(g.rng.randrange(1, 3))]
    names = "、".join(g.nm(s) for s in staff)
    facts = (
        f"{g.d(0)}，本局卫生监督员{g.officers_text()}对当事人位于{k('place_name', g.pick(g.region['places']))}附近的经营场所进行监督检查，发现当事人从业人员{names}"
        f"未取得有效的健康合格证明即从事直接为顾客服务的工作，当事人公共场所卫生许可证已于{g.d(-30)}过期。"
    )
    if g.chance(0.6):
        facts += f"经安排体检，{g.ref(staff[0])}{g.hide('other_personal', g.pick(['被诊断为活动性肺结核', '乙肝表面抗原阳性', '患有化脓性皮肤病']))}，已调离直接为顾客服务的岗位。"
    facts += f"{W('顾客')}休息区的布草未按规定更换，消毒记录不全。"
    return Facts(
        title=party_title(g, "安排未获得有效健康合格证明的从业人员从事服务工作"),
        facts=facts,
        evidence=["现场笔录", "从业人员名单", "卫生许可证复印件", "照片"],
        violated=art(g, "《公共场所卫生管理条例》第七条"),
        basis=art(g, "《公共场所卫生管理条例实施细则》第三十八条"),
        decision=["警告", f"罚款{g.money(g.pick([500, 1000, 3000, 5000]))}"],
    )


# ============================================================ urban


def facts_urban_stall(g: Gen) -> Facts:
    W, k = g.W, g.keep
    p = g.person_party()
    place = g.pick(g.region["places"])
    goods = g.pick(["水果", "烤红薯", "煎饼", "服装", "小龙虾", "玩具"])
    facts = (
        f"{g.d(0)}{g.rng.randrange(8, 22)}时许，本局执法队员{g.officers_text()}在{k('place_name', place)}巡查时发现，"
        f"{g.nm(p)}使用{g.pick(['三轮车', '推车', '面包车'])}在人行道上摆摊销售{goods}，占用道路面积约{g.rng.randrange(2, 15)}平方米。"
        f"执法队员当场予以劝导，{g.ref(p)}收摊离开，但于{g.d(3)}在同一地点再次出摊。"
    )
    if g.chance(0.5):
        plate = g.plate("car")
        facts += f"其使用的{W('车辆')}号牌为{g.plate_of(plate)}。"
    if g.chance(0.5):
        facts += f"{g.ref(p)}称其家住{g.home_of(p)}，{g.hide('other_personal', g.pick(['家中有残疾子女需要照顾', '本人患有尿毒症需长期透析', '妻子患病在床']))}，请求从轻处罚。"
    return Facts(
        title=party_title(g, "擅自占用道路摆摊经营"),
        facts=facts,
        evidence=["现场照片", "调查询问笔录", "责令改正通知书"],
        violated=art(g, "《城市市容和环境卫生管理条例》第十四条"),
        basis=art(g, "《城市市容和环境卫生管理条例》第三十六条第（二）项"),
        decision=[f"罚款{g.money(g.pick([100, 200, 300, 500]))}"],
        discretion=f"鉴于当事人家庭困难，{W('关于')}从轻处罚的请求予以采纳。",
    )


def facts_urban_muck(g: Gen) -> Facts:
    k = g.keep
    g.org_party(["渣土运输有限公司", "土石方工程有限公司", "运输有限公司"])
    driver = g.person("driver")
    plate = g.plate("truck")
    place = g.pick(g.region["places"])
    facts = (
        f"{g.d(0)}凌晨，执法队员{g.officers_text()}在{k('place_name', place)}发现一辆号牌为{g.plate_of(plate)}的"
        f"重型自卸货车在运输建筑垃圾过程中沿途撒漏，污染路面约{g.rng.randrange(20, 400)}平方米。驾驶员{g.nm(driver)}"
        f"（驾驶证号{g.hide('id_in_certificate', g.id18(driver))}）称其受当事人指派运输，车厢密闭装置损坏未及时维修。"
    )
    return Facts(
        title=party_title(g, "运输建筑垃圾沿途撒漏"),
        facts=facts,
        evidence=["现场照片及视频", f"对{g.nm(driver)}的询问笔录", "车辆信息"],
        violated=art(g, "《城市建筑垃圾管理规定》第十四条"),
        basis=art(g, "《城市建筑垃圾管理规定》第二十三条"),
        decision=[f"罚款{g.money(g.pick([5000, 10000, 20000]))}"],
    )


def facts_urban_build(g: Gen) -> Facts:
    W = g.W
    p = g.person_party()
    n1 = g.person("complainant")
    area = g.rng.randrange(8, 120)
    facts = (
        f"{g.d(0)}，本局接到{g.pick(['业主', '邻居', '群众'])}{g.nm(n1)}投诉，反映{g.home_of(p)}的住户在屋顶平台搭建建筑物。"
        f"经查，{g.nm(p)}未取得建设工程规划许可证，于{g.d(-40)}起在其住所顶层平台搭建彩钢板房，面积约{area}平方米，"
        f"{W('高度')}约三米。{g.ref(p)}称搭建是为了给{g.hide('other_personal', '患阿尔茨海默病的母亲')}居住。"
    )
    return Facts(
        title=party_title(g, "未取得建设工程规划许可证进行建设"),
        facts=facts,
        evidence=["现场勘验笔录", "测绘报告", "询问笔录", "照片"],
        violated=art(g, "《中华人民共和国城乡规划法》第四十条第一款"),
        basis=art(g, "《中华人民共和国城乡规划法》第六十四条"),
        decision=[f"限{g.pick(['十五日', '三十日'])}内自行拆除违法建筑物"],
    )


# ============================================================ labour


def facts_labour_wages(g: Gen) -> Facts:
    W = g.W
    g.org_party(["建筑劳务有限公司", "服装有限公司", "餐饮管理有限公司", "电子科技有限公司"])
    workers = [g.person("employee") for _ in range(g.rng.randrange(2, 5))]
    lines = []
    total = 0
    for w in workers:
        owe = g.rng.randrange(3000, 40000)
        total += owe
        card = g.bank_card()
        lines.append(f"{g.nm(w)}（身份证号{g.id_of(w)}，工资卡{g.hide('bank_card', g.fmt_card(card))}）{g.money(owe)}")
    order = g.docno("人社监令")
    facts = (
        f"{g.d(0)}，本局接到{g.nm(workers[0])}等{len(workers)}名劳动者投诉，反映当事人拖欠工资。"
        f"经调查，当事人拖欠{W('相关')}劳动者工资共计{g.money(total)}，明细如下：{'；'.join(lines)}。\n"
        f"{g.d(10)}，本局向当事人送达《劳动保障监察限期改正指令书》（{order}），责令其于{g.d(20)}前支付，"
        f"当事人逾期未支付。当事人财务负责人称公司资金周转困难。"
    )
    return Facts(
        title=party_title(g, "拖欠劳动者工资"),
        facts=facts,
        evidence=["投诉材料", "工资表", "限期改正指令书及送达回证", "询问笔录"],
        violated=art(g, "《保障农民工工资支付条例》第十五条"),
        basis=art(g, "《劳动保障监察条例》第二十六条"),
        decision=[f"责令支付劳动者工资{g.money(total)}", f"加付赔偿金{g.money(total // 2)}"],
    )


def facts_labour_child(g: Gen) -> Facts:
    g.shop_party() if g.chance(0.6) else g.org_party(["餐饮有限公司", "服装加工有限公司"])
    child = g.person("employee", minor=True)
    parent = g.person("third_party", relative_of=child, sex="M")
    facts = (
        f"{g.d(0)}，本局执法人员{g.officers_text()}检查发现，当事人招用未满十六周岁的{g.nm(child)}"
        f"（{g.birth_of(child)}出生，身份证号{g.id_of(child)}）从事{g.pick(['洗碗', '传菜', '缝纫', '打包'])}工作。"
        f"{g.ref(child)}系由其父亲{g.nm(parent)}（电话{g.phone_of(parent)}）经老乡介绍带来，已工作{g.rng.randrange(10, 90)}天。"
    )
    return Facts(
        title=party_title(g, "非法招用童工"),
        facts=facts,
        evidence=["询问笔录", "工资发放记录", "户籍证明"],
        violated=art(g, "《禁止使用童工规定》第二条"),
        basis=art(g, "《禁止使用童工规定》第六条第一款"),
        decision=[f"罚款{g.money(5000 * g.rng.randrange(1, 4))}", "责令将童工送回其父母"],
    )


# ============================================================ emergency


def facts_emergency_welding(g: Gen) -> Facts:
    W = g.W
    g.org_party(["五金制品有限公司", "钢结构有限公司", "机械有限公司", "木业有限公司"])
    welder = g.person("employee")
    injured = g.person("employee")
    cert_owner = g.person("third_party", in_case=False)
    cert_id = g.id18(cert_owner)
    facts = (
        f"{g.d(0)}，本局执法人员{g.officers_text()}对当事人进行安全生产检查，发现焊工{g.nm(welder)}正在进行电焊作业，"
        f"其出示的特种作业操作证（证号{g.hide('id_in_certificate', 'T' + cert_id)}）持证人为{g.nm(cert_owner)}，"
        f"{g.ref(welder)}本人未取得特种作业操作资格。\n"
        f"另查明，当事人员工{g.nm(injured)}于{g.d(-20)}在车间作业时受伤，{g.hide('other_personal', g.pick(['右手食指末节离断', '左小腿骨折', '面部二度烧伤']))}，"
        f"当事人未将该事故如实记录。{W('相关')}安全培训记录缺失。"
    )
    return Facts(
        title=party_title(g, "特种作业人员未持证上岗"),
        facts=facts,
        evidence=["现场检查记录", "特种作业操作证复印件", "询问笔录"],
        violated=art(g, "《中华人民共和国安全生产法》第三十条第一款"),
        basis=art(g, "《中华人民共和国安全生产法》第九十七条第（七）项"),
        decision=["责令限期改正", f"罚款{g.money(g.pick([30000, 50000, 80000]))}"],
    )


def facts_emergency_hazard(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["化工有限公司", "燃气有限公司", "涂料有限公司"])
    keeper = g.person("employee")
    facts = (
        f"{g.d(0)}，执法人员{g.officers_text()}检查发现，当事人将{k('product_or_brand', g.pick(['“立邦”牌稀释剂', '“三棵树”牌清漆', '天那水', '工业酒精']))}等{W('易燃')}液体{g.rng.randrange(10, 90)}桶存放在"
        f"员工宿舍楼一楼，与宿舍未分隔。仓库管理员{g.nm(keeper)}（{g.phone_of(keeper)}）称仓库满了临时堆放。"
        f"当事人主要负责人未组织开展隐患排查。"
    )
    return Facts(
        title=party_title(g, "生产经营场所与员工宿舍未保持安全距离"),
        facts=facts,
        evidence=["现场检查记录", "照片", "询问笔录"],
        violated=art(g, "《中华人民共和国安全生产法》第四十二条第一款"),
        basis=art(g, "《中华人民共和国安全生产法》第一百零五条第（二）项"),
        decision=["责令限期改正", f"罚款{g.money(g.pick([20000, 30000, 50000]))}"],
    )


# ============================================================ culture


def facts_culture_netcafe(g: Gen) -> Facts:
    W = g.W
    if g.chance(0.5):
        g.org_party(["网络会所有限公司", "网络科技有限公司", "电竞馆有限公司"])
    else:
        g.shop_party()
    minors = [g.person("minor", minor=True) for _ in range(g.rng.randrange(1, 4))]
    clerk = g.person("employee")
    lst = "、".join(f"{g.nm(x)}（{g.birth_of(x)}出生）" for x in minors)
    facts = (
        f"{g.d(0)}21时许，本局执法人员{g.officers_text()}对当事人经营的互联网上网服务营业场所进行检查，"
        f"发现未成年人{lst}正在上网。网管{g.nm(clerk)}称是用别人的身份证开的机。"
        f"经{W('查验')}上网登记系统，{g.ref(minors[0])}登记使用的身份证号码为{g.hide('resident_id', g.resident_id(g.day(-12000)), False)}。"
    )
    return Facts(
        title=party_title(g, "接纳未成年人进入营业场所"),
        facts=facts,
        evidence=["现场检查笔录", "上网登记记录", "监控录像截图", "询问笔录"],
        violated=art(g, "《互联网上网服务营业场所管理条例》第二十一条"),
        basis=art(g, "《互联网上网服务营业场所管理条例》第三十一条第（二）项"),
        decision=["警告", f"罚款{g.money(g.pick([5000, 10000, 15000]))}"],
    )


def facts_culture_travel(g: Gen) -> Facts:
    W, k = g.W, g.keep
    g.org_party(["旅行社有限公司", "国际旅行社有限公司"])
    guide = g.person("employee")
    tourists = [g.person("complainant") for _ in range(g.rng.randrange(1, 3))]
    card = f"D-{g.region['code'][:4]}-{digits(g, 6)}"
    facts = (
        f"{g.d(0)}，本局接到游客{'、'.join(g.nm(t) for t in tourists)}投诉，反映当事人组织的“{g.pick(['云南六日游', '华东五市游', '海南双飞游'])}”"
        f"团队于{g.d(-5)}在{k('place_name', g.pick(g.region['places']))}集合出发，由导游{g.nm(guide)}（导游证号{g.reg(card)}）指定购物场所，并诱导购买{W('黄金')}饰品。"
        f"{g.ref(tourists[0])}提供的行程单、购物小票显示购物{W('金额')}为{g.money(g.rng.randrange(2000, 30000))}。"
    )
    return Facts(
        title=party_title(g, "指定具体购物场所"),
        facts=facts,
        evidence=["旅游合同", "行程单", "购物凭证", "询问笔录"],
        violated=art(g, "《中华人民共和国旅游法》第三十五条第二款"),
        basis=art(g, "《中华人民共和国旅游法》第九十八条"),
        decision=[
            "责令改正",
            f"没收违法所得{g.money(g.rng.randrange(1000, 8000))}",
            f"罚款{g.money(g.pick([30000, 50000]))}",
        ],
    )


# ============================================================ fire


def facts_fire_passage(g: Gen) -> Facts:
    g.org_party(["物业服务有限公司", "物业管理有限公司", "商业管理有限公司"])
    guard = g.person("employee")
    owner = g.person("third_party")
    plate = g.plate("car")
    facts = (
        f"{g.d(0)}，本大队监督员{g.officers_text()}检查发现，当事人管理的小区消防车通道被{g.pick(['铁桩', '地锁', '花坛'])}"
        f"和一辆号牌为{g.plate_of(plate)}的私家车占用。经查，该车车主为业主{g.nm(owner)}，住{g.home_of(owner)}。"
        f"当事人值班保安{g.nm(guard)}称已多次劝离无果。"
    )
    return Facts(
        title=party_title(g, "占用、堵塞消防车通道"),
        facts=facts,
        evidence=["消防监督检查记录", "照片", "询问笔录"],
        violated=art(g, "《中华人民共和国消防法》第二十八条"),
        basis=art(g, "《中华人民共和国消防法》第六十条第一款第（五）项"),
        decision=[f"罚款{g.money(g.pick([5000, 10000, 20000]))}"],
    )


def facts_fire_ebike(g: Gen) -> Facts:
    W, k = g.W, g.keep
    p = g.person_party()
    facts = (
        f"{g.d(0)}，本大队根据群众举报，对{g.home_of(p)}所在楼栋进行检查，发现{g.nm(p)}将电动自行车停放在"
        f"楼道内充电，影响疏散。该车为{k('product_or_brand', g.pick(['雅迪', '爱玛', '新日', '台铃', '小牛']) + '牌电动自行车')}。{g.ref(p)}称家中{g.hide('other_personal', '老人行动不便、需每日接送透析')}，图{W('方便')}。"
    )
    return Facts(
        title=party_title(g, "占用疏散通道"),
        facts=facts,
        evidence=["现场照片", "询问笔录"],
        violated=art(g, "《中华人民共和国消防法》第二十八条"),
        basis=art(g, "《中华人民共和国消防法》第六十条第二款"),
        decision=["警告"] if g.chance(0.5) else [f"罚款{g.money(g.pick([200, 300, 500]))}"],
    )


# ============================================================ housing & agriculture


def facts_housing_decor(g: Gen) -> Facts:
    W = g.W
    p = g.person_party()
    worker = g.person("third_party")
    neighbour = g.person("complainant")
    facts = (
        f"{g.d(0)}，本局接到{g.home_of(neighbour)}业主{g.nm(neighbour)}投诉，反映楼上住户装修时拆除{W('承重')}墙。"
        f"经查，{g.nm(p)}在其住宅（{g.home_of(p)}）装修中，委托装修工{g.nm(worker)}拆除{W('梁柱')}间承重墙体约"
        f"{g.rng.randrange(3, 20)}平方米。"
    )
    return Facts(
        title=party_title(g, "装修时擅自变动建筑主体和承重结构"),
        facts=facts,
        evidence=["现场勘验笔录", "鉴定报告", "询问笔录"],
        violated=art(g, "《住宅室内装饰装修管理办法》第五条第一款第（一）项"),
        basis=art(g, "《住宅室内装饰装修管理办法》第三十八条第（一）项"),
        decision=["责令改正", f"罚款{g.money(g.pick([500, 800, 1000]))}"],
    )


def facts_housing_agent(g: Gen) -> Facts:
    g.org_party(["房地产经纪有限公司", "房产中介有限公司", "置业顾问有限公司"])
    buyer = g.person("complainant")
    agent = g.person("employee")
    card = g.bank_card()
    facts = (
        f"{g.d(0)}，本局接到购房人{g.nm(buyer)}（身份证号{g.id_of(buyer)}）投诉，反映当事人经纪人员{g.nm(agent)}"
        f"要求其将定金{g.money(g.pick([20000, 50000, 100000]))}转入{g.ref(agent)}个人银行账户（{g.hide('bank_card', g.fmt_card(card))}）。"
        f"经查属实，当事人未建立交易资金监管账户。"
    )
    return Facts(
        title=party_title(g, "通过经纪人员个人账户划转交易资金"),
        facts=facts,
        evidence=["转账凭证", "询问笔录", "合同"],
        violated=art(g, "《房地产经纪管理办法》第二十五条第（五）项"),
        basis=art(g, "《房地产经纪管理办法》第三十七条"),
        decision=[f"罚款{g.money(g.pick([10000, 20000, 30000]))}"],
    )


def facts_agriculture_pesticide(g: Gen) -> Facts:
    W, k = g.W, g.keep
    if g.chance(0.5):
        g.shop_party()
    else:
        g.org_party(["农资有限公司", "农业科技有限公司"], reg_type=g.pick(["91", "93"]))
    farmer = g.person("complainant")
    reg = f"PD{g.pick(['2008', '2012', '2016', '2019'])}{digits(g, 4)}"
    facts = (
        f"{g.d(0)}，本局接到{g.home_of(farmer)}农户{g.nm(farmer)}投诉，称其在当事人处购买的除草剂造成{W('田间')}水稻药害约"
        f"{g.rng.randrange(2, 30)}亩。涉案产品为{k('product_or_brand', g.pick(['“稻田净”', '“一扫光”', '“禾丰”', '“金稻”']) + '牌' + g.pick(['丁草胺乳油', '草甘膦水剂', '五氟磺草胺可分散油悬浮剂']))}，经抽样检验，该农药标签标注的农药登记证号{g.reg(reg)}与所含有效成分不符，判定为假农药。"
    )
    return Facts(
        title=party_title(g, "经营假农药"),
        facts=facts,
        evidence=["检验报告", "进货单据", "询问笔录"],
        violated=art(g, "《农药管理条例》第二十七条"),
        basis=art(g, "《农药管理条例》第五十五条第一款"),
        decision=["没收假农药", f"罚款{g.money(g.pick([5000, 10000, 50000]))}"],
    )


def facts_civil_eldercare(g: Gen) -> Facts:
    W = g.W
    if g.chance(0.5):
        g.org_party(["养老服务有限公司", "健康养老有限公司"])
    else:
        g.org_party(["颐养院", "老年公寓", "养老服务中心"], reg_type="52")
    elder = g.person("third_party", in_case=g.chance(0.6))
    child = g.person("complainant", relative_of=elder if g.chance(0.7) else None)
    carer = g.person("employee")
    age = g.rng.randrange(72, 98)
    harm = g.pick(["摔倒致股骨颈骨折", "发生二度压疮", "误食清洁剂后洗胃", "走失两天后被找回"])
    facts = (
        f"{g.d(0)}，本局接到{g.nm(child)}（{g.phone_of(child)}）投诉，称其{g.pick(['父亲', '母亲'])}{g.nm(elder)}"
        f"（{g.hide('other_personal', f'{age}岁，' + g.pick(['失能', '半失能', '患阿尔茨海默病', '偏瘫']))}）入住当事人处期间{g.hide('other_personal', harm)}。"
        f"经查，当事人护理员{g.nm(carer)}夜间同时负责{g.rng.randrange(8, 20)}名老人，未按护理等级{W('巡查')}，"
        f"当事人未建立{W('安全')}风险评估制度。{g.ref(child)}住{g.home_of(child)}，已与当事人就赔偿达成协议。"
    )
    return Facts(
        title=party_title(g, "未按照国家有关标准和规定提供养老服务"),
        facts=facts,
        evidence=["投诉材料", "护理记录", "监控录像", f"对{g.nm(carer)}的询问笔录"],
        violated=art(g, "《养老机构管理办法》第十五条"),
        basis=art(g, "《养老机构管理办法》第四十六条第（一）项"),
        decision=["警告", f"罚款{g.money(g.pick([10000, 20000, 30000]))}"],
    )


PENALTY_FACTS: dict[str, list[Callable[[Gen], Facts]]] = {
    "market": [facts_market_food, facts_market_price, facts_market_ad, facts_market_weights, facts_market_unlicensed],
    "transport": [facts_transport_overload, facts_transport_blackcar, facts_transport_taxi],
    "ecology": [facts_ecology_emission, facts_ecology_noise, facts_ecology_waste],
    "health": [facts_health_clinic, facts_health_public],
    "urban": [facts_urban_stall, facts_urban_muck, facts_urban_build],
    "labour": [facts_labour_wages, facts_labour_child],
    "emergency": [facts_emergency_welding, facts_emergency_hazard],
    "culture": [facts_culture_netcafe, facts_culture_travel],
    "fire": [facts_fire_passage, facts_fire_ebike],
    "housing": [facts_housing_decor, facts_housing_agent],
    "agriculture": [facts_agriculture_pesticide],
    "civil": [facts_civil_eldercare],
}


# ============================================================ assemblers


def procedure(g: Gen) -> str:
    """The investigation steps officers narrate between the facts and the evidence list."""
    W = g.W
    me = g.pick(["局", "机关"])
    parts = []
    if g.chance(0.7):
        parts.append(
            f"{g.d(2)}，经本{me}负责人批准，本案立案调查（立案编号：{g.docno(g.pick(['立', '立字', '案']))}）。"
        )
    kind = g.party_case["kind"]
    if kind == "organization" and g.chance(0.6):
        agent = g.person("agent", typed=("id", "phone") if g.chance(0.5) else ("phone",))
        parts.append(
            f"{g.d(9)}，当事人委托{g.pick(['员工', '行政主管', '法务专员', '门店店长'])}{g.nm(agent)}"
            f"（身份证号码：{g.id_of(agent)}，联系电话：{g.phone_of(agent)}）到本{me}接受询问，"
            f"提交了授权委托书、营业执照复印件等{W('相关')}材料，对上述事实予以确认。"
        )
    elif kind != "organization" and g.party_person is not None and g.chance(0.6):
        p = g.party_person
        parts.append(
            f"{g.d(9)}，{g.ref(p)}到本{me}接受询问，确认其送达地址为{g.home_of(p)}，"
            + (
                f"同意以电子邮件方式接收执法文书（电子邮箱：{g.hide('email', g.email(p))}）。"
                if g.chance(0.5)
                else f"联系电话为{g.phone_of(p)}。"
            )
        )
    if g.chance(0.5):
        helper = g.pick(
            ["社区网格员", "物业管理员", "村（居）委会工作人员", "楼栋长"]
            + (["市场管理员"] if g.sector == "market" else [])
        )
        witness = g.person("witness", in_case=g.chance(0.6))
        parts.append(
            f"现场检查时，{helper}{g.nm(witness)}作为见证人在场，"
            f"在《现场笔录》上签字确认{g.pick(['', '，并留下联系电话' + g.phone_of(witness)])}。"
        )
    if g.chance(0.45):
        answer = g.pick(
            [
                "我们对法律规定不了解，以后一定改正，希望能从轻处理。",
                "这个情况我不清楚，是下面的人操作的，我回去会加强管理。",
                "我承认，愿意接受处理。当时图方便，没想到后果这么严重。",
                "东西是朋友介绍来的，我以为没有问题，也没有细看。",
            ]
        )
        if kind == "person" and g.party_person is not None:
            who = g.ref(g.party_person)
        else:
            who = "当事人" + g.pick(["负责人", "现场负责人", "委托代理人"])
        parts.append(f"{who}在询问中称：“{answer}”")
    if g.chance(0.5):
        history = g.pick(
            [
                "另查明，当事人近两年内无同类违法记录。",
                f"另查明，当事人曾于{g.d(-400)}因同类违法行为被本{me}责令改正（{g.docno(g.pick(['责改', '责令']), -400)}）。",
                f"另查明，当事人{W('曾经')}在{g.d(-250)}的日常检查中被指出同类问题，当时未予整改。",
            ]
        )
        parts.append(history)
    if g.chance(0.4):
        parts.append(f"{g.d(35)}，本案经本{me}重大执法决定法制审核，并经案件审核委员会集体讨论。")
    return "\n".join(parts)


def assemble_penalty(g: Gen) -> tuple[str, str]:
    f = g.pick(PENALTY_FACTS[g.sector])(g)
    ev = "；".join(f"{i}.{e}" for i, e in enumerate(f.evidence, 1))
    decision = "；".join(f"{i}.{x}" for i, x in enumerate(f.decision, 1)) if len(f.decision) > 1 else f.decision[0]
    basis_word = g.pick(["依据", "根据"])
    proc = procedure(g)
    text = (
        f"{g.keep('agency_name', g.agency)}\n行政处罚决定书\n{g.docno()}\n\n"
        f"{g.party_block()}\n\n{f.facts}\n{proc}\n\n"
        f"上述事实，有以下证据证明：{ev}。\n\n{g.notice_paragraph()}\n\n"
        f"本{g.pick(['局', '机关'])}认为，当事人的上述行为违反了{f.violated}的规定。"
        f"{f.discretion}{basis_word}{f.basis}的规定，本{g.pick(['局', '机关'])}决定对当事人作出如下行政处罚：{decision}。\n\n"
        f"{g.remedies()}{g.signature()}"
    )
    return f.title, text


LICENCES = {
    "market": ("食品经营许可", "《食品经营许可和备案管理办法》第十五条", "经营场所与有毒有害场所的距离不符合要求"),
    "transport": (
        "网络预约出租汽车驾驶员证",
        "《网络预约出租汽车经营服务管理暂行办法》第十四条",
        "申请人近三个记分周期内有满分记录",
    ),
    "ecology": ("排污许可", "《排污许可管理条例》第十一条", "污染防治设施不能达到许可排放浓度要求"),
    "health": ("公共场所卫生许可", "《公共场所卫生管理条例实施细则》第二十二条", "经营场所布局不符合卫生要求"),
    "urban": ("城市道路临时占用许可", "《城市道路管理条例》第三十一条", "申请占用路段属于禁止占道经营区域"),
    "labour": ("劳务派遣经营许可", "《劳务派遣行政许可实施办法》第六条", "注册资本不符合法定要求"),
    "emergency": ("危险化学品经营许可", "《危险化学品经营许可证管理办法》第六条", "储存设施与周边建筑安全距离不足"),
    "culture": ("出版物零售经营许可", "《出版物市场管理规定》第九条", "申请材料中的经营场所证明与实际不符"),
    "fire": (
        "公众聚集场所投入使用、营业前消防安全检查",
        "《中华人民共和国消防法》第十五条",
        "疏散通道宽度不符合消防技术标准",
    ),
    "housing": ("建筑工程施工许可", "《建筑工程施工许可管理办法》第四条", "建设资金未落实"),
    "agriculture": ("农药经营许可", "《农药经营许可管理办法》第五条", "无专业技术人员"),
    "civil": ("养老机构设立备案变更", "《养老机构管理办法》第九条", "消防验收手续不全"),
}


def assemble_denial(g: Gen) -> tuple[str, str]:
    W, k = g.W, g.keep
    item, article, reason = LICENCES[g.sector]
    as_person = g.chance(0.4)
    if as_person:
        p = g.person_party(role="applicant")
        applicant = f"申请人：{g.nm(p)}，身份证号码：{g.id_of(p)}，住址：{g.home_of(p)}，联系电话：{g.phone_of(p)}"
        who = g.ref(p)
    else:
        g.org_party(["有限公司", "商贸有限公司", "科技有限公司", "服务有限公司"])
        agent = g.person("agent")
        applicant = (
            f"申请人：{k('org_name', g.org_name)}\n统一社会信用代码：{k('uscc', g.uscc)}\n"
            f"法定代表人：{k('legal_rep_name', g.legal_rep)}\n住所：{k('business_address', g.business_address)}\n"
            f"委托代理人：{g.nm(agent)}，联系电话：{g.phone_of(agent)}"
        )
        who = "申请人"
    inspector_note = ""
    if g.chance(0.6):
        site = g.person("witness", in_case=g.chance(0.5))
        inspector_note = (
            f"{g.d(8)}，本{g.pick(['局', '机关'])}工作人员{g.officers_text()}进行了现场核查，"
            f"{g.pick(['现场负责人', '申请人员工', '房东'])}{g.nm(site)}在场并在核查记录上签字。"
        )
    text = (
        f"{k('agency_name', g.agency)}\n不予行政许可决定书\n{g.docno(g.pick(['许不字', '不许', '审不予']))}\n\n{applicant}\n\n"
        f"{who}于{g.d(0)}向本{g.pick(['局', '机关'])}提出{item}{W('申请')}，本机关于{g.d(1)}依法受理（受理编号：{report_no(g, 1)}）。{inspector_note}"
        f"经审查，{reason}，不符合{art(g, article)}规定的条件。\n"
        f"根据{art(g, '《中华人民共和国行政许可法》第三十八条第二款')}的规定，本{g.pick(['局', '机关'])}决定不予{W('许可')}。\n"
        f"如对本决定不服，可以在收到本决定书之日起六十日内向{k('agency_name', g.review_body)}申请行政复议，"
        f"也可以在六个月内向{k('agency_name', g.court)}提起行政诉讼。{g.signature(g.rng.randrange(10, 20))}"
    )
    title = (
        f"{item}{W('申请')}（{g.nm(g.party_person) if as_person and g.party_person else k('org_name', g.org_name)}）"
    )
    return title, text


INSPECTION_ITEMS = {
    "market": ["食品经营者落实进货查验记录制度情况", "价格公示情况", "计量器具检定情况"],
    "transport": ["道路运输企业安全生产主体责任落实情况", "车辆技术档案管理情况"],
    "ecology": ["排污许可证执行情况", "危险废物规范化管理情况"],
    "health": ["公共场所卫生管理情况", "医疗机构依法执业情况"],
    "urban": ["门前三包落实情况", "户外广告设施设置情况"],
    "labour": ["用人单位遵守工资支付规定情况", "劳动合同签订情况"],
    "emergency": ["安全生产教育培训情况", "隐患排查治理情况"],
    "culture": ["互联网上网服务营业场所经营情况", "旅行社经营情况"],
    "fire": ["消防设施器材完好有效情况", "疏散通道安全出口畅通情况"],
    "housing": ["施工现场质量安全管理情况", "物业服务收费公示情况"],
    "agriculture": ["农药经营台账记录情况", "种子标签标注情况"],
    "civil": ["养老机构服务安全情况"],
}


def assemble_inspection(g: Gen) -> tuple[str, str]:
    W, k = g.W, g.keep
    if g.chance(0.75):
        g.org_party(["有限公司", "商贸有限公司", "实业有限公司", "服务有限公司", "科技有限公司"])
    else:
        g.shop_party()
    on_site = g.person("interviewee")
    items = g.rng.sample(INSPECTION_ITEMS[g.sector], k=min(2, len(INSPECTION_ITEMS[g.sector])))
    problem = g.chance(0.5)
    result = (
        f"发现问题：{g.pick(['台账记录不完整', '部分设施未按期维护', '公示信息未及时更新'])}，已责令于{g.d(30)}前整改完毕。"
        if problem
        else "未发现问题。"
    )
    party_line = (
        f"检查对象：{k('org_name', g.org_name)}（统一社会信用代码：{k('uscc', g.uscc)}）\n"
        + (
            f"法定代表人：{k('legal_rep_name', g.legal_rep)}\n"
            if g.party_case["kind"] == "organization"
            else f"经营者：{g.nm(g.party_person) if g.party_person else ''}\n"
        )
        + f"地址：{k('business_address', g.business_address)}\n"
    )
    text = (
        f"{k('agency_name', g.agency)}\n“双随机、一公开”抽查检查结果\n{g.docno(g.pick(['抽查', '随检']))}\n\n{party_line}"
        f"抽查计划：{g.day0.year}年度{g.pick(['第一', '第二', '第三'])}批次双随机抽查\n"
        f"检查事项：{'；'.join(items)}\n检查日期：{g.d(0)}\n检查人员：{g.officers_text()}\n\n"
        f"检查情况：执法人员{W('依法')}对检查对象进行了现场检查，现场负责人{g.nm(on_site)}"
        f"（联系电话：{g.phone_of(on_site)}）陪同检查并在检查记录上签字。{W('查验')}了{W('相关')}证照、台账和制度文件。\n"
        f"检查结果：{result}\n\n{k('agency_name', g.agency)}\n{g.d(3)}"
    )
    title = f"{k('org_name', g.org_name)}{g.day0.year}年度双随机抽查"
    return title, text


COERCIVE = {
    "market": ("涉嫌不符合食品安全标准的", "食品", "箱", "《中华人民共和国食品安全法》第一百一十条第（四）项"),
    "transport": ("涉嫌非法营运的", "车辆", "辆", "《中华人民共和国道路运输条例》第六十三条"),
    "ecology": ("造成污染物排放的", "设施、设备", "台（套）", "《中华人民共和国环境保护法》第二十五条"),
    "health": ("涉嫌无证行医使用的", "药品、器械", "件", "《中华人民共和国基本医疗卫生与健康促进法》第九十九条"),
    "urban": ("违法占道经营使用的", "经营工具", "件", "《城市市容和环境卫生管理条例》第三十六条"),
    "emergency": (
        "有根据认为不符合保障安全生产的国家标准的",
        "设施、设备、器材",
        "台（套）",
        "《中华人民共和国安全生产法》第六十五条第一款第（四）项",
    ),
    "culture": ("用于非法经营的", "出版物", "册", "《出版管理条例》第六十一条"),
    "agriculture": ("涉嫌假劣的", "农药", "瓶", "《农药管理条例》第四十一条第（四）项"),
    "labour": ("涉嫌隐匿的", "工资台账", "本", "《劳动保障监察条例》第十五条"),
    "fire": ("严重威胁公共安全的", "场所内设备", "台", "《中华人民共和国消防法》第五十四条"),
    "housing": ("违法施工使用的", "施工机械", "台", "《建设工程安全生产管理条例》第六十五条"),
    "civil": ("存在重大安全隐患的", "电器设备", "台", "《养老机构管理办法》第四十六条"),
}


def assemble_coercive(g: Gen) -> tuple[str, str]:
    W, k = g.W, g.keep
    adj, thing, unit, article = COERCIVE[g.sector]
    person_party = g.sector in ("transport", "urban", "health") or g.chance(0.3)
    if person_party:
        p = g.person_party()
        party = (
            f"当事人：{g.nm(p)}\n身份证号码：{g.id_of(p)}\n住址：{g.home_of(p)}\n联系电话：{g.phone_of(p)}"
            if g.chance(0.7)
            else f"当事人：{g.nm(p)}，{g.id_of(p)}，{g.phone_of(p)}"
        )
    else:
        g.org_party(["有限公司", "商贸有限公司", "实业有限公司"])
        party = (
            f"当事人：{k('org_name', g.org_name)}\n统一社会信用代码：{k('uscc', g.uscc)}\n"
            f"法定代表人：{k('legal_rep_name', g.legal_rep)}\n地址：{k('business_address', g.business_address)}"
        )
    witness = g.person("witness")
    things = f"{thing}{g.rng.randrange(1, 60)}{unit}"
    if g.sector == "transport":
        things = f"号牌为{g.plate_of(g.plate('car'))}的小型轿车一辆（车架号后六位{digits(g, 6)}）"
    measure = g.pick(["查封", "扣押"])
    text = (
        f"{k('agency_name', g.agency)}\n{'实施行政强制措施决定书'}\n{g.docno(g.pick(['强制', '扣字', '封字']))}\n\n{party}\n\n"
        f"本{g.pick(['局', '机关'])}在{g.d(0)}的检查中发现你（单位）{adj}{thing}，依据{art(g, article)}和"
        f"{art(g, '《中华人民共和国行政强制法》第九条')}的规定，决定对{things}予以{measure}，期限为{g.pick(['三十日', '30日'])}"
        f"（自{g.d(0)}至{g.d(29)}）。{measure}地点：{k('place_name', g.pick(g.region['places']) + '附近暂存点') if g.chance(0.3) else '本局暂扣物品仓库'}。\n"
        f"现场见证人：{g.nm(witness)}（{g.phone_of(witness)}），住{g.home_of(witness)}。\n"
        f"{W('查封')}、扣押物品清单一式两份，交当事人一份。\n"
        f"当事人对本决定不服的，可以在收到本决定书之日起六十日内向{k('agency_name', g.review_body)}申请行政复议，"
        f"或者在六个月内向{k('agency_name', g.court)}提起行政诉讼。{g.signature(0)}"
    )
    if person_party and g.party_person is not None:
        p = g.party_person
        who = g.nm(p) if g.chance(0.5) else (p.surname or p.full[:1]) + "某某"
    else:
        who = k("org_name", g.org_name)
    title = f"{who}{adj.removesuffix('的')}{thing}{measure}"
    return title, text


ASSEMBLERS = {
    "penalty": assemble_penalty,
    "licensing_denial": assemble_denial,
    "inspection_result": assemble_inspection,
    "coercive_measure": assemble_coercive,
}
