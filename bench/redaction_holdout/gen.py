#!/usr/bin/env python3
"""Write the held-out redaction set ``decisions.jsonl`` (deterministic; stdlib only).

    python3 bench/redaction_holdout/gen.py            # rewrite decisions.jsonl
    python3 bench/redaction_holdout/check.py          # validate it

Written without reading the detectors, their tests, or the main corpus's records and generators:
only the record format in bench/redaction_corpus/README.md. Text is marked up inline:
``[[h:CLASS:S|text]]`` is a must-hide string (S = 1 when it is case data), ``[[k:CLASS|text]]`` a
must-keep string; the markup is stripped and turned into the record's annotations.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "decisions.jsonl"

RARE = set("亓仉笪訾亢佘逄眭冼蒯禚钭厍乜甯郗隗璩麴暨阚昝缪恽邴逯鄢郦阙濮闵仇覃靳揭郜粟桓查单解区盖占种那是能过后")
COMPOUND = [
    "欧阳",
    "司马",
    "上官",
    "宇文",
    "尉迟",
    "万俟",
    "钟离",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "公孙",
    "慕容",
    "端木",
    "夏侯",
    "澹台",
]
COMMON = list(
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金廖贾韦付邹孟熊秦邱尹薛闫段雷侯史陶贺顾毛郝龚邵钱严武戴莫孔汤傅葛庞"
)
RARE_USED = list("亓仉笪訾亢佘逄眭冼蒯禚钭乜甯郗隗璩麴暨阚昝缪恽邴逯鄢郦阙濮闵靳郜粟")
GIVEN = [
    "志刚",
    "秀兰",
    "海燕",
    "建军",
    "丽娟",
    "晓东",
    "俊杰",
    "雨萱",
    "子涵",
    "国庆",
    "桂英",
    "春生",
    "明辉",
    "佳怡",
    "振华",
    "淑芬",
    "宏伟",
    "慧敏",
    "立新",
    "文博",
    "梓轩",
    "婷婷",
    "鹏飞",
    "金凤",
    "永福",
    "玉兰",
    "德胜",
    "红梅",
    "思远",
    "一鸣",
    "浩然",
    "诗琪",
    "磊",
    "静",
    "勇",
    "敏",
    "涛",
    "娜",
    "超",
    "颖",
    "斌",
    "琳",
    "峥嵘",
    "守仁",
    "冬梅",
    "晨曦",
    "若楠",
    "宗耀",
    "伟",
    "欣怡",
    "家豪",
    "秋菊",
    "兆丰",
    "亚楠",
    "嘉琪",
    "少波",
    "卫东",
    "翠花",
]
REGIONS = [
    ("浙江省", "杭州市", "西湖区", "330106", "浙", "A", "0571", ["文三路", "古墩路", "天目山路", "留下街"]),
    ("江苏省", "南京市", "鼓楼区", "320106", "苏", "A", "025", ["中山北路", "湖南路", "汉中门大街"]),
    ("广东省", "深圳市", "南山区", "440305", "粤", "B", "0755", ["南海大道", "科技园北区", "桃园路"]),
    ("山东省", "青岛市", "市南区", "370202", "鲁", "B", "0532", ["香港中路", "闽江路", "东海西路"]),
    ("四川省", "成都市", "武侯区", "510107", "川", "A", "028", ["人民南路四段", "玉林北路", "武侯祠大街"]),
    ("湖北省", "武汉市", "洪山区", "420111", "鄂", "A", "027", ["珞喻路", "雄楚大道", "南湖大道"]),
    ("辽宁省", "沈阳市", "和平区", "210102", "辽", "A", "024", ["南京北街", "太原街", "三好街"]),
    ("河南省", "郑州市", "金水区", "410105", "豫", "A", "0371", ["花园路", "经三路", "农业路"]),
    ("福建省", "厦门市", "思明区", "350203", "闽", "D", "0592", ["中山路", "厦禾路", "莲前西路"]),
    ("河北省", "石家庄市", "长安区", "130102", "冀", "A", "0311", ["中山东路", "建设北大街", "广安街"]),
]
FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CN_NUM = "〇一二三四五六七八九"


def id_check(s17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(s17, ID_W, strict=True)) % 11]


def uscc(rng: random.Random, area: str) -> str:
    body = "91" + area + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_W, strict=True))
    return body + USCC_CHARS[(31 - total % 31) % 31]


def luhn_complete(prefix: str, n: int, rng: random.Random) -> str:
    s = prefix + "".join(str(rng.randint(0, 9)) for _ in range(n - len(prefix) - 1))
    for d in "0123456789":
        t = s + d
        tot = 0
        for i, c in enumerate(reversed(t)):
            k = int(c)
            if i % 2:
                k = k * 2 - 9 if k * 2 > 9 else k * 2
            tot += k
        if tot % 10 == 0:
            return t
    raise AssertionError


def H(cls: str, s: str, st: bool) -> str:
    return f"[[h:{cls}:{int(st)}|{s}]]"


def K(cls: str, s: str) -> str:
    return f"[[k:{cls}|{s}]]"


class Person:
    def __init__(self, rng: random.Random, reg, kind: str = "any", used: set | None = None):
        used = used if used is not None else set()
        while True:
            r = rng.random()
            if kind == "compound" or (kind == "any" and r < 0.15):
                self.sur = rng.choice(COMPOUND)
            elif kind == "rare" or (kind == "any" and r < 0.32):
                self.sur = rng.choice(RARE_USED)
            else:
                self.sur = rng.choice(COMMON)
            self.given = rng.choice(GIVEN)
            self.name = self.sur + self.given
            if (
                self.name not in used
                and self.sur not in {u[: len(self.sur)] for u in used}
                and self.given not in {u[-len(self.given) :] for u in used}
            ):
                used.add(self.name)
                break
        self.rng = rng
        self.reg = reg
        y, m, d = rng.randint(1956, 2003), rng.randint(1, 12), rng.randint(1, 28)
        self.birth = (y, m, d)
        self.sex = rng.choice("MF")
        s17 = f"{reg[3]}{y:04d}{m:02d}{d:02d}{rng.randint(10, 99)}{rng.randrange(1, 10, 2) if self.sex == 'M' else rng.randrange(0, 10, 2)}"
        self.idn = s17 + id_check(s17)
        self.mobile = rng.choice(["138", "139", "135", "150", "158", "186", "187", "177", "199", "131"]) + "".join(
            str(rng.randint(0, 9)) for _ in range(8)
        )
        street = rng.choice(reg[7])
        self.addr_tail = f"{street}{rng.randint(3, 399)}号{rng.randint(1, 30)}幢{rng.randint(1, 6)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室"
        self.addr_full = reg[0] + reg[1] + reg[2] + self.addr_tail

    def cls(self, party: bool = False) -> str:
        if any(self.sur == c for c in COMPOUND):
            return "compound_surname_name"
        if self.sur in RARE:
            return "rare_surname_name"
        return "party_person_name" if party else "third_person_name"

    def id_fmt(self, style: int) -> str:
        s = self.idn
        if style == 1:
            return f"{s[:6]} {s[6:14]} {s[14:]}"
        if style == 2:
            return s.lower()
        if style == 3:
            return " ".join(s[i : i + 4] for i in range(0, 18, 4))
        if style == 4:
            return s.translate(FW)
        return s

    def id15(self) -> str:
        y, m, d = self.birth
        return f"{self.reg[3]}{y % 100:02d}{m:02d}{d:02d}{self.rng.randint(100, 999)}"

    def mob_fmt(self, style: int) -> str:
        m = self.mobile
        return [
            m,
            f"{m[:3]}-{m[3:7]}-{m[7:]}",
            f"{m[:3]} {m[3:7]} {m[7:]}",
            f"+86 {m}",
            f"+86-{m[:3]}-{m[3:7]}-{m[7:]}",
            m.translate(FW),
            f"{m[:3]}－{m[3:7]}－{m[7:]}".translate(FW),
            f"0086{m}",
        ][style % 8]

    def case(self, role: str, fields=(), minor: bool = False) -> dict:
        d = {"role": role, "name": self.name, "minor": minor}
        if "id" in fields:
            d["id_number"] = self.idn
        if "phone" in fields:
            d["phone"] = self.mobile
        if "address" in fields:
            d["address"] = self.addr_full
        return d


def plate(rng: random.Random, reg, style: int) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    tail = "".join(rng.choice("0123456789") for _ in range(3)) + rng.choice(letters) + rng.choice("0123456789")
    if style == 0:
        return f"{reg[4]}{reg[5]}·{tail}"
    if style == 1:
        return f"{reg[4]}{reg[5]}{tail}"
    if style == 2:
        return f"{reg[4]}{reg[5]}·D{rng.randint(10000, 99999)}"
    if style == 3:
        return f"{reg[4]}{reg[5]}F{rng.choice(letters)}{rng.randint(1000, 9999)}"
    if style == 4:
        return f"{reg[4]}{reg[5]} {tail}"
    return f"{reg[4]}{reg[5]}-{tail}"


def landline(rng: random.Random, reg, style: int) -> str:
    n = f"{rng.randint(5, 8)}{rng.randint(1000000, 9999999)}"
    code = reg[6]
    return [
        f"({code}){n}",
        f"（{code}）{n[:4]} {n[4:]}",
        f"{code}-{n}",
        f"{code} {n}转{rng.randint(100, 899)}",
        f"（{code.translate(FW)}）{n.translate(FW)}",
    ][style % 5]


def cn_date(y: int, m: int, d: int) -> str:
    return f"{y}年{m}月{d}日"


class Org:
    def __init__(self, rng: random.Random, reg, name: str, rep: Person):
        self.name = name
        self.uscc = uscc(rng, reg[3])
        self.rep = rep
        self.addr = f"{reg[1]}{reg[2]}{rng.choice(reg[7])}{rng.randint(10, 500)}号"

    def case(self) -> dict:
        return {
            "kind": "organization",
            "name": self.name,
            "uscc": self.uscc,
            "legal_rep": self.rep.name,
            "address": self.addr,
        }


MARK = re.compile(r"\[\[(h|k):([a-z_]+)(?::([01]))?\|(.*?)\]\]", re.S)


def parse(markup: str) -> tuple[str, list, list, list[tuple[int, int]]]:
    out, hide, keep, spans = [], [], [], []
    pos = n = 0
    for m in MARK.finditer(markup):
        out.append(markup[pos : m.start()])
        n += len(markup[pos : m.start()])
        s = m.group(4)
        if m.group(1) == "h":
            spans.append((n, n + len(s)))
            item = {"text": s, "class": m.group(2), "structured": m.group(3) == "1"}
            if item not in hide:
                hide.append(item)
        else:
            item = {"text": s, "class": m.group(2)}
            if item not in keep:
                keep.append(item)
        out.append(s)
        n += len(s)
        pos = m.end()
    out.append(markup[pos:])
    return "".join(out), hide, keep, spans


def consistent(text: str, hide: list, keep: list, spans: list) -> bool:
    """Every occurrence of a must-hide string lies inside a marked must-hide span; keep strings
    never overlap one; no must-hide string sits inside a must-keep string."""
    for h in hide:
        i = text.find(h["text"])
        while i >= 0:
            if not any(a <= i and i + len(h["text"]) <= b for a, b in spans):
                return False
            i = text.find(h["text"], i + 1)
    for k in keep:
        i = text.find(k["text"])
        while i >= 0:
            if any(a < i + len(k["text"]) and i < b for a, b in spans):
                return False
            i = text.find(k["text"], i + 1)
    return True


def officers(rng: random.Random, reg, used: set) -> str:
    a, b = Person(rng, reg, used=used), Person(rng, reg, used=used)
    ca = f"{reg[3][:2]}{rng.randint(100000000, 999999999)}"
    cb = rng.choice([f"{reg[3][:2]}{rng.randint(100000000, 999999999)}", f"13{rng.randint(100000000, 999999999)}"])
    return (
        f"执法人员：{K('officer_name_cert', a.name)}（执法证号：{K('officer_name_cert', ca)}）、"
        f"{K('officer_name_cert', b.name)}（执法证号：{K('officer_name_cert', cb)}）"
    )


def remedies(agency_gov: str, court: str) -> str:
    return (
        f"当事人{K('ordinary_word_surname_like', '应自收到')}本决定书之日起十五日内缴纳罚款。到期不缴纳的，每日按罚款数额的百分之三加处罚款。"
        f"如不服本决定，可以在收到本决定书之日起六十日内向{agency_gov}申请行政复议，或者在六个月内向{court}提起行政诉讼。"
    )


def head(rng, reg, agency: str, abbr: str, title: str, year: int) -> tuple[str, str]:
    no = f"{abbr}〔{year}〕{rng.randint(3, 480)}号"
    return f"{K('agency_name', agency)}\n{title}\n{K('doc_number', no)}\n", no


def rdate(rng, year=2026) -> tuple[int, int, int]:
    return (year, rng.randint(1, 10), rng.randint(1, 28))


def ag(reg, dept: str) -> tuple[str, str, str]:
    agency = f"{reg[1]}{reg[2]}{dept}"
    return agency, f"{reg[1]}{reg[2]}人民政府", f"{reg[1]}{reg[2]}人民法院"


def t_food_org(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "市场监督管理局")
    rep, emp, comp = Person(rng, reg, used=used), Person(rng, reg, used=used), Person(rng, reg, used=used)
    org = Org(
        rng,
        reg,
        f"{reg[1][:-1]}{rng.choice(['鑫源', '联华', '惠民', '百佳', '万家福'])}{rng.choice(['超市有限公司', '商贸有限公司', '生鲜连锁有限公司'])}",
        rep,
    )
    d1, d2 = rdate(rng), rdate(rng)
    fine = rng.choice([5000, 8000, 12000, 20000, 30000])
    sc = f"JY1{reg[3]}{rng.randint(10000000, 99999999)}"
    mstyle = rng.randint(0, 7)
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}市监罚", "行政处罚决定书", 2026)
    txt = (
        h + f"当事人：{K('org_name', org.name)}\n统一社会信用代码：{K('uscc', org.uscc)}\n"
        f"住所：{K('business_address', org.addr)}\n法定代表人：{K('legal_rep_name', rep.name)}\n"
        f"食品经营许可证编号：{K('registration_number', sc)}\n\n"
        f"{cn_date(*d1)}，本局接到消费者{H(comp.cls(), comp.name, False)}投诉（联系电话{H('mobile', comp.mob_fmt(mstyle), False)}），"
        f"反映其在当事人处购买的酸奶已超过保质期。执法人员当日到当事人经营场所进行检查，在冷柜中发现标示生产日期为{rng.randint(2025, 2026)}年{rng.randint(1, 9)}月的"
        f"某品牌风味发酵乳共{rng.randint(12, 80)}盒，均已过期。现场对货架商品进行{K('ordinary_word_surname_like', '查验')}，"
        f"当事人店长{H(emp.cls(), emp.name, True)}（身份证号：{H('resident_id', emp.id_fmt(rng.randint(0, 3)), True)}）在场见证并签字。"
        f"经询问，{H(emp.cls(), emp.name, True)}称门店未按{K('ordinary_word_surname_like', '常规')}每日巡检临期商品，"
        f"{K('ordinary_word_surname_like', '于是')}过期商品未及时下架。{comp.sur}某另称曾于前一日向店员反映，未获处理。\n\n"
        f"上述事实有现场检查笔录、询问笔录、照片、进货单据等证据证实。当事人的行为违反了{K('article', '《中华人民共和国食品安全法》第三十四条第（十）项')}的规定。"
        f"本局于{cn_date(*d2)}向当事人送达了行政处罚告知书，当事人未提出陈述申辩。\n"
        f"依据{K('article', '《中华人民共和国食品安全法》第一百二十四条第一款第（五）项')}，本局决定：没收过期食品，并处罚款人民币{K('amount', f'{fine}元')}。\n"
        + remedies(gov, court)
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('agency_name', agency)}\n{K('date', cn_date(2026, d2[1] % 12 + 1 if d2[1] < 12 else 12, 20))}"
    )
    case = {
        "title": "销售超过保质期食品案",
        "party": org.case(),
        "persons": [emp.case("employee", ("id",))],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "market", "penalty", case, txt, None


def t_indiv_shop(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "市场监督管理局")
    op, cons = Person(rng, reg, used=used), Person(rng, reg, used=used)
    shop = f"{reg[2][:2]}{rng.choice(['兴旺', '红日', '佳乐', '诚信', '顺心'])}{rng.choice(['烟酒商行', '五金店', '日杂店', '手机维修部'])}"
    cc = uscc(rng, reg[3]).replace("91", "92", 1)
    # recompute check for 92
    body = cc[:17]
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(body, USCC_W, strict=True))
    cc = body + USCC_CHARS[(31 - total % 31) % 31]
    baddr = f"{reg[2]}{rng.choice(reg[7])}{rng.randint(1, 300)}号一楼"
    d1 = rdate(rng)
    fine = rng.choice([1500, 3000, 6000])
    ids = rng.randint(0, 4)
    two = len(op.given) == 2
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}市监罚", "行政处罚决定书", 2026)
    later = f"{H(op.cls(True), op.given, True)}承认" if two else f"{op.sur}某承认"
    txt = (
        h
        + f"当事人：{K('org_name', shop)}（个体工商户）\n统一社会信用代码：{K('uscc', cc)}\n经营场所：{K('business_address', baddr)}\n"
        f"经营者：{H(op.cls(True), op.name, True)}，{'男' if op.sex == 'M' else '女'}，{H('other_personal', f'{op.birth[0]}年{op.birth[1]}月{op.birth[2]}日出生', True)}，"
        f"公民身份号码{H('resident_id', op.id_fmt(ids), True)}，住{H('person_address', op.addr_tail, True)}，"
        f"联系电话{H('mobile', op.mob_fmt(rng.randint(0, 7)), True)}。\n\n"
        f"经查，当事人于{cn_date(*d1)}向消费者{H(cons.cls(), cons.name, False)}销售无中文标签的进口食品，货值金额{K('amount', f'{rng.randint(200, 900)}元')}。"
        f"执法人员检查时，{later}上述商品系从网上购进，无法提供进货{K('ordinary_word_surname_like', '查验')}记录。"
        f"违法所得{K('amount', f'{rng.randint(30, 200)}元')}。\n"
        f"当事人违反了{K('article', '《中华人民共和国食品安全法》第九十七条')}，依据{K('article', '《中华人民共和国食品安全法》第一百二十五条第一款第（四）项')}，"
        f"决定罚款{K('amount', f'{fine}元')}，没收违法所得。\n"
        + remedies(gov, court)
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('date', cn_date(2026, min(d1[1] + 1, 12), rng.randint(1, 28)))}"
    )
    case = {
        "title": "经营无中文标签进口食品案",
        "party": {"kind": "individual_business", "name": shop, "uscc": cc, "address": baddr},
        "persons": [{**op.case("operator", ("id", "phone", "address"))}],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "market", "penalty", case, txt, None


def t_traffic(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "交通运输局")
    drv, p1, p2 = Person(rng, reg, used=used), Person(rng, reg, used=used), Person(rng, reg, used=used)
    pl = plate(rng, reg, rng.randint(0, 5))
    d1 = rdate(rng)
    seize = rng.random() < 0.4
    kind = "coercive_measure" if seize else "penalty"
    title = "扣押决定书" if seize else "行政处罚决定书"
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}交执{'扣' if seize else '罚'}", title, 2026)
    lic = rng.random() < 0.5
    two = len(p1.given) == 2
    txt = (
        h
        + f"当事人：{H(drv.cls(True), drv.name, True)}\n身份证件号码：{H('resident_id', drv.id_fmt(rng.randint(0, 4)), True)}\n"
        f"住址：{H('person_address', drv.addr_tail, True)}\n联系方式：{H('mobile', drv.mob_fmt(rng.randint(0, 7)), True)}\n"
        + (f"机动车驾驶证号：{H('id_in_certificate', drv.idn, True)}\n" if lic else "")
        + f"\n{cn_date(*d1)}{rng.randint(8, 21)}时许，执法人员在{K('place_name', reg[2] + '火车站南广场')}开展{K('ordinary_word_surname_like', '常规')}检查，发现当事人驾驶车牌号为"
        f"{H('licence_plate', pl, False)}的小型轿车，未取得网络预约出租汽车运输证从事经营活动。车上乘客{H(p1.cls(), p1.name, False)}、"
        f"{H(p2.cls(), p2.name, False)}称系通过微信群约车，约定车费{K('amount', f'{rng.randint(40, 180)}元')}，"
        + (f"{H(p1.cls(), p1.given, False)}出示了转账记录。" if two else "乘客出示了转账记录。")
        + f"乘客{p2.sur}某的手机号为{H('mobile', p2.mob_fmt(rng.randint(0, 7)), False)}。\n"
        f"当事人的行为违反了{K('article', '《网络预约出租汽车经营服务管理暂行办法》第十三条')}的规定。"
        + (
            f"为防止证据损毁，依据{K('article', '《中华人民共和国行政强制法》第九条第（二）项')}，本机关决定扣押上述车辆，期限三十日，"
            f"扣押期间车辆存放于{K('place_name', reg[2] + '停车场')}。"
            if seize
            else f"依据{K('article', '《网络预约出租汽车经营服务管理暂行办法》第三十四条')}，决定罚款{K('amount', f'{rng.choice([10000, 15000, 20000])}元')}。"
            + remedies(gov, court)
        )
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('date', cn_date(*d1))}"
    )
    case = {
        "title": "未取得网约车运输证从事经营案",
        "party": {
            "kind": "person",
            "name": drv.name,
            "id_number": drv.idn,
            "phone": drv.mobile,
            "address": drv.addr_full,
        },
        "persons": [],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "transport", kind, case, txt, None


def t_clinic(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "卫生健康委员会")
    doc, pa, pb, wit = (Person(rng, reg, used=used) for _ in range(4))
    d1 = rdate(rng)
    card = luhn_complete(rng.choice(["6222", "6217", "6228"]), rng.choice([16, 19]), rng)
    cardf = " ".join(card[i : i + 4] for i in range(0, len(card), 4)) if rng.random() < 0.6 else card
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}卫医罚", "行政处罚决定书", 2026)
    txt = (
        h
        + f"当事人：{H(doc.cls(True), doc.name, True)}，{'男' if doc.sex == 'M' else '女'}，身份证号{H('resident_id', doc.id_fmt(rng.randint(0, 4)), True)}，"
        f"现住{H('person_address', doc.addr_tail, True)}。\n\n"
        f"经查，当事人未取得《医疗机构执业许可证》，自{d1[0]}年{d1[1]}月起在其租住房屋内开展针灸、输液等诊疗活动。"
        f"{cn_date(*d1)}，执法人员现场检查时，患者{H(pa.cls(), pa.name, False)}正在接受输液，其自述{H('other_personal', '患有高血压、二型糖尿病', False)}；"
        f"另一患者{H(pb.cls(), pb.name, False)}（{H('mobile', pb.mob_fmt(rng.randint(0, 7)), False)}）称曾因{H('other_personal', '腰椎间盘突出', False)}在此治疗三次。"
        f"邻居{H(wit.cls(), wit.name, False)}证实当事人在此行医已近一年，因看病{K('ordinary_word_surname_like', '方便')}，附近老人常来。"
        f"当事人诊疗收入通过银行卡{H('bank_card', cardf, False)}收取，共计{K('amount', f'{rng.randint(3000, 15000)}元')}。\n"
        f"当事人违反了{K('article', '《医疗机构管理条例》第十四条')}，依据{K('article', '《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款')}，"
        f"决定没收违法所得及药品器械，并处罚款{K('amount', f'{rng.choice([50000, 60000, 80000])}元')}。\n"
        + remedies(gov, court)
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('date', cn_date(2026, min(d1[1] + 2, 12), 9))}"
    )
    party = {"kind": "person", "name": doc.name, "id_number": doc.idn, "address": doc.addr_full}
    case = {
        "title": "未取得医疗机构执业许可证擅自执业案",
        "party": party,
        "persons": [],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "health", "penalty", case, txt, None


def t_env_org(rng, reg):
    used: set = set()
    agency, gov, court = (f"{reg[1]}生态环境局", f"{reg[1]}人民政府", f"{reg[1]}中级人民法院")
    rep, mgr, vil = (Person(rng, reg, used=used) for _ in range(3))
    org = Org(
        rng,
        reg,
        f"{reg[1][:-1]}{rng.choice(['宏达', '恒通', '金诚', '瑞丰'])}{rng.choice(['电镀有限公司', '印染有限公司', '化工科技有限公司'])}",
        rep,
    )
    d1 = rdate(rng)
    rep_no = f"{reg[3]}{d1[0]}{d1[1]:02d}{d1[2]:02d}{rng.randint(1000, 9999)}"
    # an 18-digit report number that must fail the ID check
    while id_check(rep_no[:17]) == rep_no[17]:
        rep_no = rep_no[:17] + str((int(rep_no[17]) + 1) % 10)
    land = landline(rng, reg, rng.randint(0, 4))
    h, _ = head(rng, reg, agency, f"{reg[1][:1]}环罚", "行政处罚决定书", 2026)
    txt = (
        h
        + f"当事人：{K('org_name', org.name)}\n统一社会信用代码：{K('uscc', org.uscc)}\n法定代表人：{K('legal_rep_name', rep.name)}\n地址：{K('business_address', org.addr)}\n\n"
        f"{cn_date(*d1)}，本局根据村民{H(vil.cls(), vil.name, False)}（电话{H('landline', land, False)}）的举报，对当事人进行现场检查，"
        f"发现其废水处理设施未运行，生产废水经雨水管排入厂区外沟渠。监测报告（编号{K('registration_number', rep_no)}）显示，总铬浓度超过排放标准{rng.randint(2, 9)}倍。"
        f"当事人环保负责人{H(mgr.cls(), mgr.name, True)}在询问笔录中承认设施已停运{rng.randint(3, 20)}天，"
        f"手机{H('mobile', mgr.mob_fmt(rng.randint(0, 7)), True)}。超标{K('ordinary_word_surname_like', '高度')}集中在排口{K('ordinary_word_surname_like', '区域')}。\n"
        f"当事人违反了{K('article', '《中华人民共和国水污染防治法》第三十九条')}，依据{K('article', '《中华人民共和国水污染防治法》第八十三条第（三）项')}，"
        f"决定责令改正，并处罚款{K('amount', f'{rng.choice([200000, 350000, 500000])}元')}。\n"
        + remedies(gov, court)
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('agency_name', agency)}　{K('date', cn_date(2026, min(d1[1] + 1, 12), 15))}"
    )
    case = {
        "title": "通过逃避监管方式排放水污染物案",
        "party": org.case(),
        "persons": [mgr.case("interviewee", ("phone",))],
        "agency": agency,
        "region": reg[0] + reg[1],
    }
    return "ecology", "penalty", case, txt, None


def t_vendor(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "综合行政执法局")
    v, w = Person(rng, reg, "rare" if rng.random() < 0.5 else "any", used=used), Person(rng, reg, used=used)
    d1 = rdate(rng)
    old = rng.random() < 0.5
    idtxt = v.id15() if old else v.id_fmt(rng.randint(0, 4))
    h, _ = head(
        rng,
        reg,
        agency,
        f"{reg[2][:1]}综执不罚" if old else f"{reg[2][:1]}综执罚",
        "不予行政处罚决定书" if old else "行政处罚决定书",
        2026,
    )
    body = (
        f"当事人{H(v.cls(True), v.name, True)}，公民身份号码：{H('resident_id', idtxt, True)}，住址：{H('person_address', v.addr_tail, True)}。\n\n"
        f"{cn_date(*d1)}，执法队员巡查至{K('place_name', reg[2] + rng.choice(reg[7]) + '与' + rng.choice(reg[7]) + '交叉口')}，发现当事人在人行道上摆摊销售水果，"
        f"{K('ordinary_word_surname_like', '占道')}面积约{rng.randint(3, 12)}平方米。路过群众{H(w.cls(), w.name, False)}反映该摊位影响通行。"
        f"执法队员当场责令改正，当事人随即收摊。\n"
    )
    if old:
        body += f"鉴于当事人系初次违法，危害后果轻微并及时改正，依据{K('article', '《中华人民共和国行政处罚法》第三十三条第一款')}，本局决定不予行政处罚。"
    else:
        body += (
            f"依据{K('article', '《城市市容和环境卫生管理条例》第三十六条第（二）项')}，决定罚款{K('amount', f'{rng.choice([100, 200, 500])}元')}。"
            + remedies(gov, court)
        )
    txt = h + body + "\n" + officers(rng, reg, used) + f"\n{K('date', cn_date(*d1))}"
    p = {"kind": "person", "name": v.name, "id_number": idtxt if old else v.idn, "address": v.addr_full}
    case = {"title": "擅自占道经营案", "party": p, "persons": [], "agency": agency, "region": reg[0] + reg[1] + reg[2]}
    return "urban", "penalty", case, txt, None


def t_netcafe(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "文化和旅游局")
    rep, att, kid, par = (Person(rng, reg, used=used) for _ in range(4))
    y = rng.randint(2010, 2012)
    m, dd = rng.randint(1, 12), rng.randint(1, 28)
    s17 = f"{reg[3]}{y}{m:02d}{dd:02d}{rng.randint(100, 999)}"
    kid_id = s17 + id_check(s17)
    org = Org(rng, reg, f"{reg[1][:-1]}{rng.choice(['极速', '星际', '网鱼', '电竞'])}网络会所有限公司", rep)
    d1 = rdate(rng)
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}文旅罚", "行政处罚决定书", 2026)
    txt = (
        h
        + f"当事人：{K('org_name', org.name)}\n统一社会信用代码：{K('uscc', org.uscc)}\n法定代表人：{K('legal_rep_name', rep.name)}\n经营地址：{K('business_address', org.addr)}\n\n"
        f"{cn_date(*d1)}晚，执法人员检查时发现未成年人{H(kid.cls(), kid.name, True)}（{H('other_personal', f'{y}年{m}月{dd}日出生', True)}，身份证号{H('resident_id', kid_id, True)}）"
        f"在当事人经营场所上网。当班网管{H(att.cls(), att.name, True)}称未{K('ordinary_word_surname_like', '查验')}其身份证件。"
        f"其父{H(par.cls(), par.name, False)}（{H('mobile', par.mob_fmt(rng.randint(0, 7)), False)}）接到通知后到场将其带回。\n"
        f"当事人违反了{K('article', '《互联网上网服务营业场所管理条例》第二十一条')}，依据{K('article', '《互联网上网服务营业场所管理条例》第三十一条第（二）项')}，"
        f"决定给予警告，并处罚款{K('amount', f'{rng.choice([3000, 5000, 10000])}元')}。\n"
        + remedies(gov, court)
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('date', cn_date(2026, min(d1[1] + 1, 12), 3))}"
    )
    case = {
        "title": "接纳未成年人进入营业场所案",
        "party": org.case(),
        "persons": [{"role": "minor_user", "name": kid.name, "minor": True, "id_number": kid_id}, att.case("employee")],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "culture", "penalty", case, txt, None


def t_safety(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "应急管理局")
    rep, welder, fore = (Person(rng, reg, used=used) for _ in range(3))
    fake = Person(rng, reg, used=used)
    org = Org(rng, reg, f"{reg[1][:-1]}{rng.choice(['华建', '永固', '中天', '正阳'])}钢结构工程有限公司", rep)
    d1 = rdate(rng)
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}应急罚", "行政处罚决定书", 2026)
    txt = (
        h
        + f"被处罚单位：{K('org_name', org.name)}\n统一社会信用代码：{K('uscc', org.uscc)}\n主要负责人：{K('legal_rep_name', rep.name)}\n地址：{K('business_address', org.addr)}\n\n"
        f"{cn_date(*d1)}，本局执法人员对当事人承建的厂房项目进行检查，发现焊工{H(welder.cls(), welder.name, True)}正在高处进行电焊作业，"
        f"其出示的特种作业操作证（证号T{H('id_in_certificate', fake.idn, False)}）持证人为{H(fake.cls(), fake.name, False)}，并非本人。"
        f"现场负责人{H(fore.cls(), fore.name, False)}称因工期紧临时安排。{K('ordinary_word_surname_like', '单位')}未对作业人员进行安全培训。\n"
        f"当事人违反了{K('article', '《中华人民共和国安全生产法》第三十条第一款')}，依据{K('article', '《中华人民共和国安全生产法》第九十七条第（七）项')}，"
        f"决定责令限期改正，并处罚款{K('amount', f'{rng.choice([30000, 50000, 80000])}元')}。\n"
        + remedies(gov, court)
        + "\n"
        + officers(rng, reg, used)
        + f"\n{K('date', cn_date(2026, min(d1[1] + 1, 12), 12))}"
    )
    case = {
        "title": "特种作业人员未按规定持证上岗案",
        "party": org.case(),
        "persons": [welder.case("employee")],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "emergency", "penalty", case, txt, None


def t_denial(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "市场监督管理局")
    app, landlord = Person(rng, reg, used=used), Person(rng, reg, used=used)
    d1 = rdate(rng)
    acc = f"{rng.randint(2026, 2026)}{rng.randint(100000, 999999)}"
    email = f"{rng.choice(['xiaoyu', 'hz_lee', 'sunny', 'wangjf'])}{rng.randint(1970, 2005)}@{rng.choice(['163.com', 'qq.com', '126.com'])}"
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}市监许不", "不予行政许可决定书", 2026)
    txt = (
        h
        + f"申请人：{H(app.cls(True), app.name, True)}\n身份证号：{H('resident_id', app.id_fmt(rng.randint(0, 4)), True)}\n"
        f"联系电话：{H('mobile', app.mob_fmt(rng.randint(0, 7)), True)}　电子邮箱：{H('email', email, False)}\n\n"
        f"你于{cn_date(*d1)}提出的食品经营许可申请（受理号{K('registration_number', acc)}），经审查，拟经营场所位于{H('person_address', app.addr_tail, True)}，"
        f"系住宅，房屋出租人{H(landlord.cls(), landlord.name, False)}未能提供改变房屋用途的证明，经营场所与居住场所未有效隔离，不符合"
        f"{K('article', '《食品经营许可和备案管理办法》第十二条')}的规定。依据{K('article', '《中华人民共和国行政许可法》第三十八条第二款')}，本局决定不予行政许可。\n"
        f"如不服本决定，可以在收到本决定书之日起六十日内向{gov}申请行政复议，或者在六个月内向{court}提起行政诉讼。\n"
        f"{K('agency_name', agency)}（{K('ordinary_word_surname_like', '盖章')}）\n{K('date', cn_date(2026, min(d1[1] + 1, 12), 18))}"
    )
    case = {
        "title": "食品经营许可申请",
        "party": {
            "kind": "person",
            "name": app.name,
            "id_number": app.idn,
            "phone": app.mobile,
            "address": app.addr_full,
            "email": email,
        },
        "persons": [],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "market", "licensing_denial", case, txt, None


def t_seizure(rng, reg):
    used: set = set()
    agency, gov, court = ag(reg, "市场监督管理局")
    owner, keeper, drv = (Person(rng, reg, used=used) for _ in range(3))
    d1 = rdate(rng)
    pl = plate(rng, reg, rng.randint(0, 5))
    ean = "69" + "".join(str(rng.randint(0, 9)) for _ in range(10))
    s = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(ean))
    ean += str((10 - s % 10) % 10)
    card = luhn_complete("6217", 19, rng)
    cardf = " ".join(card[i : i + 4] for i in range(0, 19, 4))
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}市监强", "实施行政强制措施决定书", 2026)
    txt = (
        h
        + f"当事人：{H(owner.cls(True), owner.name, True)}\n身份证号码：{H('resident_id', owner.id_fmt(rng.randint(0, 4)), True)}\n"
        f"住所：{H('person_address', owner.addr_tail, True)}\n\n"
        f"{cn_date(*d1)}，本局执法人员在当事人租用的仓库内发现标注“某知名品牌”商标的运动鞋{rng.randint(100, 900)}双（商品条码{K('registration_number', ean)}），"
        f"经商标权利人鉴定为侵权商品。仓库管理员{H(keeper.cls(), keeper.name, True)}称货物由驾驶员{H(drv.cls(), drv.name, False)}驾驶{H('licence_plate', pl, False)}货车运来，"
        f"货款转入当事人尾号{card[-4:]}的银行卡（卡号{H('bank_card', cardf, False)}）。\n"
        f"依据{K('article', '《中华人民共和国商标法》第六十二条第一款')}，本局决定对上述商品予以查封（扣押），期限为三十日。"
        f"期间不得擅自转移、{K('ordinary_word_surname_like', '解除')}封条。\n"
        f"当事人如不服本决定，可以在收到本决定书之日起六十日内向{gov}申请行政复议，或者在六个月内向{court}提起行政诉讼。\n"
        + officers(rng, reg, used)
        + f"\n{K('date', cn_date(*d1))}"
    )
    case = {
        "title": "涉嫌销售侵犯注册商标专用权商品案",
        "party": {"kind": "person", "name": owner.name, "id_number": owner.idn, "address": owner.addr_full},
        "persons": [keeper.case("witness")],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "market", "coercive_measure", case, txt, None


def t_inspection(rng, reg):
    used: set = set()
    agency, _gov, _court = ag(reg, "卫生健康委员会")
    rep, staff = Person(rng, reg, used=used), Person(rng, reg, used=used)
    org = Org(rng, reg, f"{reg[1][:-1]}{rng.choice(['碧波', '海洋之星', '蓝湾'])}游泳健身有限公司", rep)
    d1 = rdate(rng)
    h, _ = head(rng, reg, agency, f"{reg[2][:1]}卫监查", "“双随机”抽查检查结果", 2026)
    txt = (
        h
        + f"被检查单位：{K('org_name', org.name)}（统一社会信用代码{K('uscc', org.uscc)}），法定代表人{K('legal_rep_name', rep.name)}，"
        f"地址{K('business_address', org.addr)}。\n检查时间：{K('date', cn_date(*d1))}\n"
        f"检查结果：游泳池水浑浊度、游离性余氯符合标准；从业人员健康证明不全，救生员{H(staff.cls(), staff.name, True)}"
        f"（{H('other_personal', '健康证明已过期', False)}）仍在岗。已责令限期整改。\n" + officers(rng, reg, used)
    )
    case = {
        "title": "公共场所卫生双随机抽查",
        "party": org.case(),
        "persons": [staff.case("employee")],
        "agency": agency,
        "region": reg[0] + reg[1] + reg[2],
    }
    return "health", "inspection_result", case, txt, None


TEMPLATES = [
    t_food_org,
    t_indiv_shop,
    t_traffic,
    t_clinic,
    t_env_org,
    t_vendor,
    t_netcafe,
    t_safety,
    t_denial,
    t_seizure,
    t_inspection,
]


# ---- hand-written adversarial records (each comment says what makes it hard) -------------------


def _id(rng, area: str, y: int, m: int, d: int, want_x: bool = False) -> str:
    while True:
        s17 = f"{area}{y}{m:02d}{d:02d}{rng.randint(100, 999)}"
        c = id_check(s17)
        if not want_x or c == "X":
            return s17 + c


def h_name_in_company(rng):
    """The legal representative's full name is the company's trade name (both kept); an employee with
    the same compound surname (hidden), later called by given name only."""
    reg = REGIONS[0]
    org_uscc = uscc(rng, reg[3])
    emp_id = _id(rng, "330106", 1994, 7, 19)
    txt = (
        f"{K('agency_name', '杭州市西湖区市场监督管理局')}\n行政处罚决定书\n{K('doc_number', '西市监罚〔2026〕217号')}\n"
        f"当事人：{K('org_name', '杭州欧阳明辉餐饮管理有限公司')}\n统一社会信用代码：{K('uscc', org_uscc)}\n法定代表人：{K('legal_rep_name', '欧阳明辉')}\n"
        f"住所：{K('business_address', '杭州市西湖区古墩路88号2楼')}\n\n"
        f"2026年5月6日，执法人员检查当事人后厨，发现冷藏柜内存放无标签半成品。厨师长{H('compound_surname_name', '欧阳婷婷', True)}"
        f"（身份证{H('resident_id', emp_id.lower(), True)}）在场。{H('compound_surname_name', '婷婷', True)}称系前一晚剩余食材。"
        f"{K('ordinary_word_surname_like', '于是')}执法人员对冷库进行了{K('ordinary_word_surname_like', '查验')}。\n"
        f"依据{K('article', '《中华人民共和国食品安全法》第一百三十二条')}，决定给予警告，并处罚款{K('amount', '5000元')}。\n"
        + remedies("杭州市西湖区人民政府", "杭州市西湖区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '谢文博')}（{K('officer_name_cert', '33010612345')}）\n{K('date', '2026年5月20日')}"
    )
    case = {
        "title": "未按要求贮存食品案",
        "party": {
            "kind": "organization",
            "name": "杭州欧阳明辉餐饮管理有限公司",
            "uscc": org_uscc,
            "legal_rep": "欧阳明辉",
            "address": "浙江省杭州市西湖区古墩路88号2楼",
        },
        "persons": [{"role": "employee", "name": "欧阳婷婷", "minor": False, "id_number": emp_id}],
        "agency": "杭州市西湖区市场监督管理局",
        "region": "浙江省杭州市西湖区",
    }
    return "market", "penalty", case, txt, None


def h_word_names(rng):
    """Witnesses whose names are words elsewhere in Chinese (方圆, 常青, 白雪), next to real ordinary
    words starting with the same characters (方便, 常规, 白天)."""
    txt = (
        f"{K('agency_name', '南京市鼓楼区城市管理局')}\n行政处罚决定书\n{K('doc_number', '鼓城管罚〔2026〕66号')}\n"
        f"当事人：{K('org_name', '南京锦城装饰工程有限公司')}，法定代表人{K('legal_rep_name', '季宏伟')}，地址{K('business_address', '南京市鼓楼区湖南路12号')}。\n"
        f"2026年6月2日，居民{H('third_person_name', '方圆', False)}、{H('third_person_name', '常青', False)}投诉当事人在夜间运输装修垃圾。"
        f"{H('third_person_name', '白雪', False)}（电话{H('mobile', '1３９-5１6２-7788', False)}）称车辆为图{K('ordinary_word_surname_like', '方便')}在"
        f"{K('ordinary_word_surname_like', '白天')}禁行时段之外倾倒。执法人员按{K('ordinary_word_surname_like', '常规')}程序调取了监控。\n"
        f"依据{K('article', '《南京市市容管理条例》第四十五条')}，决定罚款{K('amount', '20000元')}。\n"
        + remedies("南京市鼓楼区人民政府", "南京市鼓楼区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '鲍立新')}、{K('officer_name_cert', '何欣怡')}\n{K('date', '2026年6月25日')}"
    )
    case = {
        "title": "随意倾倒建筑垃圾案",
        "party": {
            "kind": "organization",
            "name": "南京锦城装饰工程有限公司",
            "legal_rep": "季宏伟",
            "address": "江苏省南京市鼓楼区湖南路12号",
        },
        "persons": [],
        "agency": "南京市鼓楼区城市管理局",
        "region": "江苏省南京市鼓楼区",
    }
    return "urban", "penalty", case, txt, None


def h_t_id(rng):
    """The party's own ID inside a certificate number (T + ID), a new-energy plate in two forms, an
    officer certificate number that looks like a mobile (13…)."""
    pid = _id(rng, "441302", 1988, 11, 3)
    txt = (
        f"{K('agency_name', '深圳市南山区交通运输局')}\n行政处罚决定书\n{K('doc_number', '深南交罚〔2026〕1023号')}\n"
        f"当事人：{H('rare_surname_name', '笪子涵', True)}，从业资格证号：{H('id_in_certificate', pid, True)}，联系电话：{H('mobile', '+86 187 2233 9016', True)}\n"
        f"2026年3月9日，当事人驾驶{H('licence_plate', '粤B·F23K71', False)}（登记牌照{H('licence_plate', '粤BF23K71', False)}）新能源车辆，"
        f"在未取得道路运输证的情况下从事货物运输。其持有的电工作业证号为T{H('id_in_certificate', pid, True)}，与本案无关。\n"
        f"依据{K('article', '《中华人民共和国道路运输条例》第六十三条')}，决定罚款{K('amount', '3000元')}。\n"
        + remedies("深圳市南山区人民政府", "深圳市南山区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '潘振华')}（{K('officer_name_cert', '13860015524')}）\n{K('date', '2026年3月30日')}"
    )
    case = {
        "title": "未取得道路运输证从事货运案",
        "party": {"kind": "person", "name": "笪子涵", "id_number": pid, "phone": "18722339016"},
        "persons": [],
        "agency": "深圳市南山区交通运输局",
        "region": "广东省深圳市南山区",
    }
    return "transport", "penalty", case, txt, None


def h_wage_table(rng):
    """Workers listed with IDs (spaced, lower-case x) and bank cards grouped by four; an old business
    registration number of 15 digits whose 'birth date' is not a date (kept)."""
    a, b, c = (
        _id(rng, "510107", 1979, 2, 14),
        _id(rng, "510107", 1990, 9, 30, want_x=True),
        _id(rng, "510122", 1985, 12, 1),
    )
    ca, cb = luhn_complete("6228", 19, rng), luhn_complete("6222", 16, rng)
    g = lambda s: " ".join(s[i : i + 4] for i in range(0, len(s), 4))  # noqa: E731
    org_uscc = uscc(rng, "510107")
    txt = (
        f"{K('agency_name', '成都市武侯区人力资源和社会保障局')}\n劳动保障监察行政处罚决定书\n{K('doc_number', '武人社监罚〔2026〕19号')}\n"
        f"被处罚单位：{K('org_name', '成都蜀安建筑劳务有限公司')}（注册号{K('registration_number', '510107600012345')}，"
        f"统一社会信用代码{K('uscc', org_uscc)}），法定代表人：{K('legal_rep_name', '尉迟守仁')}，住所：{K('business_address', '成都市武侯区玉林北路7号')}。\n"
        f"经查，当事人拖欠下列劳动者工资：\n"
        f"1. {H('compound_surname_name', '宇文国庆', False)}，身份证 {H('resident_id', a[:6] + ' ' + a[6:14] + ' ' + a[14:], False)}，工资卡 {H('bank_card', g(ca), False)}，欠薪{K('amount', '18600元')}；\n"
        f"2. {H('rare_surname_name', '訾秋菊', False)}，身份证 {H('resident_id', b.lower(), False)}，工资卡 {H('bank_card', cb, False)}，欠薪{K('amount', '9200元')}；\n"
        f"3. {H('third_person_name', '韩卫东', False)}，身份证 {H('resident_id', c, False)}，欠薪{K('amount', '12750元')}。\n"
        f"依据{K('article', '《保障农民工工资支付条例》第五十五条')}，决定罚款{K('amount', '50000元')}。\n"
        + remedies("成都市武侯区人民政府", "成都市武侯区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '易冬梅')}（{K('officer_name_cert', '51010700871')}）\n{K('date', '2026年7月8日')}"
    )
    case = {
        "title": "拖欠农民工工资案",
        "party": {
            "kind": "organization",
            "name": "成都蜀安建筑劳务有限公司",
            "uscc": org_uscc,
            "legal_rep": "尉迟守仁",
            "address": "四川省成都市武侯区玉林北路7号",
        },
        "persons": [],
        "agency": "成都市武侯区人力资源和社会保障局",
        "region": "四川省成都市武侯区",
    }
    return "labour", "penalty", case, txt, None


def h_minority(rng):
    """A minority name written with a middle dot in the case and a plain dot in the text, later by its
    first part only; a compound surname with a one-character given name; a landline in full-width
    brackets with an extension."""
    txt = (
        f"{K('agency_name', '郑州市金水区卫生健康委员会')}\n行政处罚决定书\n{K('doc_number', '金卫罚〔2026〕58号')}\n"
        f"当事人：{K('org_name', '郑州康宁口腔门诊部有限公司')}，负责人：{K('legal_rep_name', '钟离雪')}，地址：{K('business_address', '郑州市金水区花园路139号')}。\n"
        f"2026年8月11日，患者{H('third_person_name', '阿依努尔.吐尔逊', True)}投诉其在当事人处种植牙后{H('other_personal', '出现牙龈感染并住院治疗', False)}。"
        f"经查，为{H('third_person_name', '阿依努尔', True)}实施手术的{H('compound_surname_name', '令狐斌', False)}未取得医师资格。"
        f"投诉人家属电话{H('landline', '（0371）6552 8810转302', False)}。\n"
        f"依据{K('article', '《医疗机构管理条例》第四十七条')}，决定罚款{K('amount', '30000元')}。\n"
        + remedies("郑州市金水区人民政府", "郑州市金水区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '管明辉')}（{K('officer_name_cert', '41010501234')}）\n{K('date', '2026年9月2日')}"
    )
    case = {
        "title": "使用非卫生技术人员从事医疗卫生技术工作案",
        "party": {
            "kind": "organization",
            "name": "郑州康宁口腔门诊部有限公司",
            "legal_rep": "钟离雪",
            "address": "河南省郑州市金水区花园路139号",
        },
        "persons": [{"role": "complainant", "name": "阿依努尔·吐尔逊", "minor": False}],
        "agency": "郑州市金水区卫生健康委员会",
        "region": "河南省郑州市金水区",
    }
    return "health", "penalty", case, txt, None


def h_guide(rng):
    """An unlicensed guide (natural person) with the compound surname 万俟; tourists; later mentions
    as 万俟某 (not annotated) and by given name; e-mail with a full-width @; a WeChat id."""
    pid = _id(rng, "350203", 1992, 4, 5)
    txt = (
        f"{K('agency_name', '厦门市思明区文化和旅游局')}\n行政处罚决定书\n{K('doc_number', '思文旅罚〔2026〕31号')}\n"
        f"当事人：{H('compound_surname_name', '万俟晨曦', True)}，身份证号码：{H('resident_id', pid[:6] + '-' + pid[6:14] + '-' + pid[14:], True)}，"
        f"住{H('person_address', '思明区莲前西路202号7幢1单元1502室', True)}，电子邮箱{H('email', 'wqcx92＠163.com', False)}，微信号{H('other_personal', 'wqcx_travel', False)}。\n"
        f"2026年7月20日，游客{H('rare_surname_name', '冼若楠', False)}、{H('third_person_name', '彭家豪', False)}投诉称，{H('compound_surname_name', '晨曦', True)}以导游名义带团游览鼓浪屿，"
        f"收取讲解费每人{K('amount', '80元')}。万俟某无法出示导游证。\n"
        f"依据{K('article', '《中华人民共和国旅游法》第一百零二条第一款')}，决定没收违法所得{K('amount', '960元')}，并处罚款{K('amount', '2000元')}。\n"
        + remedies("厦门市思明区人民政府", "厦门市思明区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '阮德胜')}（{K('officer_name_cert', '35020300412')}）\n{K('date', '2026年8月3日')}"
    )
    case = {
        "title": "未取得导游证从事导游活动案",
        "party": {
            "kind": "person",
            "name": "万俟晨曦",
            "id_number": pid,
            "address": "福建省厦门市思明区莲前西路202号7幢1单元1502室",
        },
        "persons": [],
        "agency": "厦门市思明区文化和旅游局",
        "region": "福建省厦门市思明区",
    }
    return "culture", "penalty", case, txt, None


def h_fireworks(rng):
    """Individual business selling fireworks from the family home: the operator (rare surname 亓) is
    hidden; her son, the home address without province/city; an old 15-digit ID; a brand that looks
    like a person's name (王守义十三香) next to an employee 王守仁."""
    txt = (
        f"{K('agency_name', '青岛市市南区应急管理局')}\n行政处罚决定书\n{K('doc_number', '南应急罚〔2026〕9号')}\n"
        f"当事人：{K('org_name', '市南区亓记副食店')}（个体工商户），经营场所：{K('business_address', '青岛市市南区闽江路33号')}\n"
        f"经营者：{H('rare_surname_name', '亓桂英', True)}，身份证号：{H('resident_id', '370202610315482', True)}，"
        f"家庭住址：{H('person_address', '闽江路33号2单元401户', True)}。\n"
        f"2026年1月28日，执法人员发现当事人在店内及住宅内储存烟花爆竹{K('amount', '23箱')}。店内同时摆放{K('product_or_brand', '王守义十三香')}等调味品。"
        f"店员{H('third_person_name', '王守仁', False)}称货物系其子{H('rare_surname_name', '亓兆丰', False)}（{H('mobile', '150 6423 0917', False)}）从外地购进。\n"
        f"依据{K('article', '《烟花爆竹安全管理条例》第三十六条第一款')}，决定没收烟花爆竹，并处罚款{K('amount', '5000元')}。\n"
        + remedies("青岛市市南区人民政府", "青岛市市南区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '隋宏伟')}（{K('officer_name_cert', '37020200315')}）\n{K('date', '2026年2月10日')}"
    )
    case = {
        "title": "未经许可经营烟花爆竹案",
        "party": {"kind": "individual_business", "name": "市南区亓记副食店", "address": "山东省青岛市市南区闽江路33号"},
        "persons": [
            {
                "role": "operator",
                "name": "亓桂英",
                "minor": False,
                "id_number": "370202610315482",
                "address": "山东省青岛市市南区闽江路33号2单元401户",
            }
        ],
        "agency": "青岛市市南区应急管理局",
        "region": "山东省青岛市市南区",
    }
    return "emergency", "penalty", case, txt, None


def h_gaofeng(rng):
    """A driver called 高峰 (also a word) and a passenger 向前; 高度 and 于是 as words; a plate with a
    space; names right before a colon and a phone with no separator."""
    txt = (
        f"{K('agency_name', '武汉市洪山区交通运输局')}\n行政处罚决定书\n{K('doc_number', '洪交罚〔2026〕402号')}\n"
        f"当事人：{K('org_name', '武汉速达物流有限公司')}，法定代表人：{K('legal_rep_name', '上官鹏飞')}，地址：{K('business_address', '武汉市洪山区雄楚大道501号')}\n"
        f"2026年4月17日，当事人车辆{H('licence_plate', '鄂A 7Q2W8', False)}由驾驶员{H('third_person_name', '高峰', False)}驾驶，装载货物{K('ordinary_word_surname_like', '高度')}超过4米。"
        f"随车人员{H('third_person_name', '向前', False)}：“货是老板叫装的”。{H('third_person_name', '高峰', False)}{H('mobile', '13971520486', False)}当场联系公司。"
        f"{K('ordinary_word_surname_like', '于是')}执法人员责令卸载。\n"
        f"依据{K('article', '《中华人民共和国道路运输条例》第六十九条')}，决定罚款{K('amount', '1000元')}。\n"
        + remedies("武汉市洪山区人民政府", "武汉市洪山区人民法院")
        + f"\n执法人员：{K('officer_name_cert', '蒋少波')}（{K('officer_name_cert', '42011100290')}）\n{K('date', '2026年5月6日')}"
    )
    case = {
        "title": "货物装载超高案",
        "party": {
            "kind": "organization",
            "name": "武汉速达物流有限公司",
            "legal_rep": "上官鹏飞",
            "address": "湖北省武汉市洪山区雄楚大道501号",
        },
        "persons": [],
        "agency": "武汉市洪山区交通运输局",
        "region": "湖北省武汉市洪山区",
    }
    return "transport", "penalty", case, txt, None


HANDWRITTEN = [h_name_in_company, h_word_names, h_t_id, h_wage_table, h_minority, h_guide, h_fireworks, h_gaofeng]


def build(n_generated: int = 80) -> list[dict]:
    records = []
    for i, fn in enumerate(HANDWRITTEN, 1):
        sector, kind, case, markup, _ = fn(random.Random(1000 + i))
        text, hide, keep, spans = parse(markup)
        assert consistent(text, hide, keep, spans), fn.__name__
        records.append(
            {
                "id": f"ho-h{i:03d}",
                "sector": sector,
                "kind": kind,
                "origin": "handwritten",
                "case": case,
                "text": text,
                "must_hide": hide,
                "must_keep": keep,
            }
        )
    n = 0
    seed = 0
    while n < n_generated:
        seed += 1
        rng = random.Random(seed * 7919)
        fn = TEMPLATES[n % len(TEMPLATES)]
        reg = REGIONS[rng.randrange(len(REGIONS))]
        sector, kind, case, markup, _ = fn(rng, reg)
        text, hide, keep, spans = parse(markup)
        if not consistent(text, hide, keep, spans):
            continue
        n += 1
        records.append(
            {
                "id": f"ho-{n:04d}",
                "sector": sector,
                "kind": kind,
                "origin": "generated",
                "case": case,
                "text": text,
                "must_hide": hide,
                "must_keep": keep,
            }
        )
    return records


if __name__ == "__main__":
    recs = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(recs)} records -> {OUT}")
