"""The record generator's toolbox: people, numbers written the way people write them, officers,
agencies, dates, amounts, and the common parts of a decision (party block, remedies, signature).

Sector-specific facts live in ``gen_sectors.py``. All randomness comes from one ``random.Random``
per record, so the corpus is reproducible (``build.py``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from banks import (
    COMMON_SURNAMES,
    COMPOUND_SURNAMES,
    GIVEN_FEMALE_1,
    GIVEN_FEMALE_2,
    GIVEN_MALE_1,
    GIVEN_MALE_2,
    MINORITY_NAMES,
    RARE_SURNAMES,
    REGIONS,
    SHOP_NAMES,
    TRADE_NAMES,
    WORD_NAMES,
)
from corpuslib import (
    cn_upper_amount,
    fullwidth,
    luhn_digit,
    m,
    make_id,
    make_id_ending_x,
    make_uscc,
    mod11_10,
)

CN_NUM = "〇一二三四五六七八九"


def cn_date(d: date) -> str:
    def small(n: int) -> str:
        if n < 10:
            return CN_NUM[n]
        if n == 10:
            return "十"
        if n < 20:
            return "十" + CN_NUM[n % 10]
        return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")

    return "".join(CN_NUM[int(c)] for c in str(d.year)) + "年" + small(d.month) + "月" + small(d.day) + "日"


SECTOR_AGENCY = {
    "market": ("{city}{district}市场监督管理局", "市监处罚", "{city}{district}人民政府"),
    "transport": ("{city}交通运输行政执法队", "交执罚", "{city}交通运输局"),
    "ecology": ("{city}生态环境局{district}分局", "环罚", "{city}生态环境局"),
    "health": ("{city}{district}卫生健康局", "卫医罚", "{city}{district}人民政府"),
    "urban": ("{city}{district}综合行政执法局", "综执罚决字", "{city}{district}人民政府"),
    "labour": ("{city}{district}人力资源和社会保障局", "人社监罚", "{city}{district}人民政府"),
    "emergency": ("{city}{district}应急管理局", "应急罚", "{city}{district}人民政府"),
    "culture": ("{city}{district}文化和旅游局", "文旅罚", "{city}{district}人民政府"),
    "fire": ("{city}{district}消防救援大队", "消行罚决字", "{city}消防救援支队"),
    "housing": ("{city}{district}住房和城乡建设局", "建罚", "{city}{district}人民政府"),
    "agriculture": ("{city}{district}农业农村局", "农罚", "{city}{district}人民政府"),
    "civil": ("{city}{district}民政局", "民罚", "{city}{district}人民政府"),
}

SEX_WORD = {"M": "男", "F": "女"}


@dataclass
class Person:
    full: str
    surname: str
    given: str
    kind: str  # common | rare | compound | word | minority
    sex: str
    role: str
    party: bool
    minor: bool
    birth: date
    id_number: str
    phone: str
    address_full: str
    address_tail: str  # without province and city
    address_local: str  # without province, city and district
    short: str = ""  # the part of a minority name used alone
    typed: set[str] = field(default_factory=set)

    @property
    def cls(self) -> str:
        if self.kind == "compound":
            return "compound_surname_name"
        if self.kind == "rare":
            return "rare_surname_name"
        return "party_person_name" if self.party else "third_person_name"

    def case_entry(self) -> dict[str, Any]:
        e: dict[str, Any] = {"role": self.role, "name": self.full, "minor": self.minor}
        if "id" in self.typed:
            e["id_number"] = self.id_number
        if "phone" in self.typed:
            e["phone"] = self.phone
        if "address" in self.typed:
            e["address"] = self.address_full
        return e


class Gen:
    """One record under construction."""

    def __init__(self, rng: random.Random, sector: str, kind: str) -> None:
        self.rng = rng
        self.sector = sector
        self.kind = kind
        self.region = rng.choice(REGIONS)
        r = self.region
        self.city = r["city"] or r["province"]  # 北京市朝阳区, not 朝阳区 alone
        self.district = r["district"]
        self.region_name = r["province"] + r["city"] + r["district"]
        self.city_only = r["city"]
        self.used_names: list[str] = []
        self.used_numbers: set[str] = set()
        self.people: list[Person] = []
        agency_t, self.docword, review_t = SECTOR_AGENCY[sector]
        self.agency = agency_t.format(city=self.city, district=self.district)
        self.review_body = review_t.format(city=self.city, district=self.district)
        self.court = f"{self.city}{self.district}人民法院" if self.city else f"{self.district}人民法院"
        self.officers = [self.officer() for _ in range(2)]
        self.day0 = date(2023, 1, 3) + timedelta(days=rng.randrange(0, 900))
        self.party_case: dict[str, Any] = {}
        self.party_person: Person | None = None
        self.org_name = ""
        self.org_short = ""
        self.legal_rep = ""
        self.business_address = ""

    # ------------------------------------------------------------ choices
    def pick(self, seq: Any) -> Any:
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # ------------------------------------------------------------ names
    def _fresh(self, full: str) -> bool:
        return all(full not in u and u not in full for u in self.used_names) and len(full) >= 2

    def new_name(
        self, sex: str, mix: str | None = None, surname_of: Person | None = None
    ) -> tuple[str, str, str, str, str]:
        """(full, surname, given, kind, short); ``surname_of``: a relative with the same surname."""
        if surname_of is not None and surname_of.surname:
            for _ in range(100):
                pool = GIVEN_MALE_2 if sex == "M" else GIVEN_FEMALE_2
                if self.chance(0.4):
                    pool = GIVEN_MALE_1 if sex == "M" else GIVEN_FEMALE_1
                full = surname_of.surname + self.pick(pool)
                if self._fresh(full):
                    self.used_names.append(full)
                    return full, surname_of.surname, full[len(surname_of.surname) :], surname_of.kind, ""
        for _ in range(200):
            r = self.rng.random()
            kind = mix or (
                "rare"
                if r < 0.14
                else "compound"
                if r < 0.28
                else "word"
                if r < 0.35
                else "minority"
                if r < 0.43
                else "common"
            )
            short = ""
            if kind == "minority":
                full, short = self.pick(MINORITY_NAMES)
                surname, given = "", full
            elif kind == "word":
                full = self.pick(WORD_NAMES)
                surname, given = full[0], full[1:]
            else:
                surname = (
                    self.pick(RARE_SURNAMES)
                    if kind == "rare"
                    else self.pick(COMPOUND_SURNAMES)
                    if kind == "compound"
                    else self.pick(COMMON_SURNAMES)
                )
                if self.chance(0.45):
                    given = self.pick(GIVEN_MALE_1 if sex == "M" else GIVEN_FEMALE_1)
                else:
                    given = self.pick(GIVEN_MALE_2 if sex == "M" else GIVEN_FEMALE_2)
                full = surname + given
            if self._fresh(full) and (not short or self._fresh(short)):
                self.used_names.append(full)
                return full, surname, given, kind, short
        raise RuntimeError("no fresh name")

    def keep_name(self, mix: str | None = None) -> str:
        """A name that stays public (officer, legal representative)."""
        sex = self.pick("MF")
        r = self.rng.random()
        kind = mix or ("rare" if r < 0.1 else "compound" if r < 0.2 else "common")
        return self.new_name(sex, kind)[0]

    # ------------------------------------------------------------ numbers
    def mobile_number(self) -> str:
        while True:
            n = (
                self.pick(["13", "15", "18", "17", "19", "16"])
                + str(self.rng.randrange(0, 10))
                + "".join(str(self.rng.randrange(10)) for _ in range(8))
            )
            if n[:3] not in ("154", "171", "160", "161") and n not in self.used_numbers:
                self.used_numbers.add(n)
                return n

    def fmt_mobile(self, n: str) -> str:
        s = self.rng.random()
        if s < 0.34:
            return n
        if s < 0.48:
            return f"{n[:3]}-{n[3:7]}-{n[7:]}"
        if s < 0.58:
            return f"{n[:3]} {n[3:7]} {n[7:]}"
        if s < 0.64:
            return f"+86{n}"
        if s < 0.70:
            return f"+86 {n[:3]} {n[3:7]} {n[7:]}"
        if s < 0.74:
            return f"+86-{n}"
        if s < 0.81:
            return fullwidth(n)
        if s < 0.86:
            return f"{n[:3]}-{n[3:]}"
        if s < 0.89:
            return f"(+86){n}"
        if s < 0.91:
            return f"0086 {n}"
        if s < 0.95:
            return f"{n[:4]}-{n[4:7]}-{n[7:]}"
        return f"{n[:3]}－{n[3:7]}－{n[7:]}"

    def landline_number(self) -> str:
        area = self.region["area"]
        local_len = 8 if len(area) == 3 else self.pick([7, 8])
        local = str(self.rng.randrange(2, 9)) + "".join(str(self.rng.randrange(10)) for _ in range(local_len - 1))
        return f"{area}-{local}"

    def fmt_landline(self, canon: str) -> str:
        area, local = canon.split("-")
        s = self.rng.random()
        if s < 0.3:
            return canon
        if s < 0.4:
            return f"({area}){local}"
        if s < 0.55:
            return f"（{area}）{local}"
        if s < 0.65:
            return f"{area} {local[:4]} {local[4:]}"
        if s < 0.75:
            return f"{area}{local}"
        if s < 0.87:
            return canon + self.pick(["转", "-", "-", "分机"]) + str(self.rng.randrange(100, 9000))
        if s < 0.93:
            return f"{area}－{local}"
        return fullwidth(f"({area})") + fullwidth(local)

    def landline(self) -> str:
        return self.hide("landline", self.fmt_landline(self.landline_number()))

    def resident_id(self, birth: date) -> str:
        code = self.region["code"] if self.chance(0.6) else self.pick(REGIONS)["code"]
        b = birth.strftime("%Y%m%d")
        if self.chance(0.12):
            return make_id_ending_x(code, b)
        return make_id(code, b, f"{self.rng.randrange(1, 999):03d}")

    def id18(self, p: Person) -> str:
        """The 18-digit form of a person's ID (an old 15-digit one is converted the official way)."""
        n = p.id_number
        if len(n) == 18:
            return n
        first = n[:6] + "19" + n[6:]
        return make_id(first[:6], first[6:14], first[14:17])

    def fmt_id(self, p: Person) -> str:
        n = p.id_number
        if len(n) == 15:
            return n
        s = self.rng.random()
        if s < 0.6:
            return n.lower() if n.endswith("X") and self.chance(0.4) else n
        if s < 0.72:
            return f"{n[:6]} {n[6:14]} {n[14:]}"
        if s < 0.8:
            return " ".join(n[i : i + 4] for i in range(0, 18, 4))
        if s < 0.86:
            return fullwidth(n)
        if s < 0.92:
            return f"{n[:12]}\n{n[12:]}"
        return f"{n[:6]}-{n[6:14]}-{n[14:]}"

    def bank_card(self) -> str:
        prefix = self.pick(["622202", "622848", "621700", "621483", "623052", "622588", "621226", "622262"])
        length = self.pick([16, 19, 19, 19])
        body = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length - len(prefix) - 1))
        return body + luhn_digit(body)

    def fmt_card(self, c: str) -> str:
        s = self.rng.random()
        if s < 0.5:
            return c
        if s < 0.85:
            return " ".join(c[i : i + 4] for i in range(0, len(c), 4))
        return "-".join(c[i : i + 4] for i in range(0, len(c), 4))

    def plate(self, kind: str = "car") -> str:
        prefix = self.region["plate"] if self.chance(0.8) else self.pick(REGIONS)["plate"]
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        if kind == "truck_trailer":
            body = "".join(str(self.rng.randrange(10)) for _ in range(4)) + "挂"
        elif kind == "ev" or (kind == "car" and self.chance(0.2)):
            body = self.pick("DF") + "".join(str(self.rng.randrange(10)) for _ in range(5))
            if self.chance(0.2):
                body = body[1:] + body[0]
        else:
            chars = [str(self.rng.randrange(10)) for _ in range(5)]
            for i in self.rng.sample(range(5), self.rng.randrange(0, 3)):
                chars[i] = self.pick(letters)
            body = "".join(chars)
        s = self.rng.random()
        if s < 0.4:
            return f"{prefix}{body}"
        if s < 0.7:
            return f"{prefix}·{body}"
        if s < 0.8:
            return f"{prefix} {body}"
        if s < 0.87:
            return f"{prefix}-{body}"
        if s < 0.93:
            return prefix[0] + fullwidth(prefix[1:] + body)
        return f"{prefix}•{body}"

    def email(self, p: Person) -> str:
        local = self.pick(
            [
                f"{self.rng.randrange(10000000, 3999999999)}",
                f"{self.pick(['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'xiao', 'ouyang', 'situ'])}"
                f"{self.pick(['wei', 'fang', 'ming', 'jun', 'hong', 'xia', 'yy', 'lele'])}{p.birth.year}",
                f"{self.pick(['happy', 'sunny', 'tiger', 'moon', 'lucky'])}_{self.rng.randrange(10, 999)}",
            ]
        )
        domain = "qq.com" if local.isdigit() else self.pick(["163.com", "126.com", "sina.com", "qq.com", "foxmail.com"])
        return f"{local}@{domain}"

    # ------------------------------------------------------------ addresses
    def home(self) -> tuple[str, str, str]:
        r = self.region
        if self.chance(0.25):
            local = f"{self.pick(r['streets'])}{self.pick(r['villages'])}{self.rng.randrange(1, 12)}组{self.rng.randrange(1, 99)}号"
        else:
            local = (
                f"{self.pick(r['streets'])}{self.pick(r['compounds'])}{self.rng.randrange(1, 40)}幢"
                + (f"{self.rng.randrange(1, 5)}单元" if self.chance(0.6) else "")
                + f"{self.rng.randrange(1, 28)}0{self.rng.randrange(1, 6)}室"
            )
        tail = r["district"] + local
        return r["province"] + r["city"] + tail, tail, local

    def fmt_home(self, p: Person) -> str:
        s = self.rng.random()
        if s < 0.2:
            return p.address_full
        if s < 0.7:
            return p.address_tail
        return p.address_local

    def biz_address(self) -> str:
        r = self.region
        base = f"{self.pick(r['roads'])}{self.rng.randrange(1, 600)}号"
        s = self.rng.random()
        if s < 0.4:
            return r["city"] + r["district"] + base
        if s < 0.8:
            return r["district"] + base + self.pick(["", "1楼", "2幢101室", "B座1203室", "一层商铺"])
        return r["province"] + r["city"] + r["district"] + base

    # ------------------------------------------------------------ people
    def person(
        self,
        role: str,
        *,
        party: bool = False,
        minor: bool = False,
        typed: tuple[str, ...] | None = None,
        mix: str | None = None,
        in_case: bool | None = None,
        relative_of: Person | None = None,
        sex: str | None = None,
    ) -> Person:
        sex = sex or self.pick("MF")
        full, surname, given, kind, short = self.new_name(sex, mix, relative_of)
        if minor:
            birth = date(self.rng.randrange(2007, 2011), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        else:
            birth = date(self.rng.randrange(1952, 2004), self.rng.randrange(1, 13), self.rng.randrange(1, 29))
        idn = self.resident_id(birth)
        if not minor and birth.year < 1975 and self.chance(0.25):
            idn = idn[:6] + idn[8:17]  # the old 15-digit form, as still written on some old papers
        afull, atail, alocal = self.home()
        p = Person(
            full=full,
            surname=surname,
            given=given,
            kind=kind,
            sex=sex,
            role=role,
            party=party,
            minor=minor,
            birth=birth,
            id_number=idn,
            phone=self.landline_number() if self.chance(0.1) else self.mobile_number(),
            address_full=afull,
            address_tail=atail,
            address_local=alocal,
            short=short,
        )
        if typed is None:
            typed = tuple(f for f in ("id", "phone", "address") if self.chance(0.7))
        if in_case is None:
            in_case = party or self.chance(0.8)
        p.typed = set(typed) | {"name"} if in_case else set()
        self.people.append(p)
        return p

    def case_persons(self) -> list[dict[str, Any]]:
        return [p.case_entry() for p in self.people if not p.party and "name" in p.typed]

    # ------------------------------------------------------------ mentions
    def nm(self, p: Person) -> str:
        return m(p.cls, p.full)

    def hide(self, cls: str, text: str, structured: bool | None = None) -> str:
        return m(cls, text, structured)

    def keep(self, cls: str, text: str) -> str:
        return m(cls, text)

    def W(self, word: str) -> str:
        return m("ordinary_word_surname_like", word)

    def ref(self, p: Person) -> str:
        """A later mention of a person: a pseudonym, a nickname, or the full name again."""
        if p.kind == "minority":
            return self.pick([m(p.cls, p.short), m(p.cls, p.full), "该人"])
        s = p.surname
        honor = "先生" if p.sex == "M" else "女士"
        forms = [f"{s}某", f"{s}某某", f"{s}{honor}", m(p.cls, p.full), m(p.cls, p.full)]
        if len(s) == 1:
            forms.append(("老" if p.birth.year < 1985 else "小") + s)
        if len(p.given) == 2 and self.chance(0.3):
            forms.append(m(p.cls, p.given, True if "name" in p.typed else None))
        return self.pick(forms)

    def phone_of(self, p: Person) -> str:
        if "-" in p.phone:
            return m("landline", self.fmt_landline(p.phone))
        return m("mobile", self.fmt_mobile(p.phone))

    def id_of(self, p: Person) -> str:
        return m("resident_id", self.fmt_id(p))

    def home_of(self, p: Person) -> str:
        return m("person_address", self.fmt_home(p))

    def birth_of(self, p: Person) -> str:
        b = p.birth
        txt = self.pick([f"{b.year}年{b.month}月{b.day}日", f"{b.year}年{b.month:02d}月{b.day:02d}日", f"{b:%Y.%m.%d}"])
        return m("other_personal", txt)

    def plate_of(self, plate: str) -> str:
        return m("licence_plate", plate)

    # ------------------------------------------------------------ officers, dates, money, numbers
    def officer(self) -> tuple[str, str]:
        name = self.keep_name()
        code = self.region["code"]
        s = self.rng.random()
        if s < 0.5:
            cert = code[:2] + "".join(str(self.rng.randrange(10)) for _ in range(9))
        elif s < 0.7:
            cert = code + "".join(str(self.rng.randrange(10)) for _ in range(5))
        elif s < 0.85:
            cert = f"{self.region['abbr'][0]}{code[2:4]}{self.rng.randrange(0, 100):02d}-{self.rng.randrange(1, 99999):05d}"
        else:
            cert = f"ZF{code}{self.rng.randrange(1000, 9999)}"
        return name, cert

    def officers_text(self) -> str:
        (n1, c1), (n2, c2) = self.officers
        k = self.keep
        style = self.rng.random()
        if style < 0.5:
            return (
                f"{k('officer_name_cert', n1)}（执法证号：{k('officer_name_cert', c1)}）、"
                f"{k('officer_name_cert', n2)}（执法证号：{k('officer_name_cert', c2)}）"
            )
        if style < 0.8:
            return (
                f"{k('officer_name_cert', n1)}、{k('officer_name_cert', n2)}"
                f"（执法证件号分别为{k('officer_name_cert', c1)}、{k('officer_name_cert', c2)}）"
            )
        return f"{k('officer_name_cert', n1)}{k('officer_name_cert', c1)}、{k('officer_name_cert', n2)}{k('officer_name_cert', c2)}"

    def day(self, offset: int) -> date:
        return self.day0 + timedelta(days=offset)

    def d(self, offset: int, style: str | None = None) -> str:
        dt = self.day(offset)
        style = style or self.pick(["cn"] * 8 + ["dash", "dot"])
        if style == "dash":
            t = f"{dt:%Y-%m-%d}"
        elif style == "dot":
            t = f"{dt.year}.{dt.month}.{dt.day}"
        elif style == "upper":
            t = cn_date(dt)
        else:
            t = f"{dt.year}年{dt.month}月{dt.day}日"
        return m("date", t)

    def money(self, n: int, *, upper: bool = False) -> str:
        s = self.rng.random()
        if n >= 10000 and n % 10000 == 0 and s < 0.3:
            t = f"{n // 10000}万元"
        elif n >= 10000 and s < 0.5:
            t = f"{n:,}元"
        elif s < 0.6:
            t = f"{n}.00元"
        else:
            t = f"{n}元"
        out = m("amount", t)
        if upper:
            out = (
                f"{m('amount', cn_upper_amount(n))}（{out}）"
                if self.chance(0.5)
                else f"{out}（大写：{m('amount', cn_upper_amount(n))}）"
            )
        return out

    def docno(self, word: str | None = None, offset: int = 0) -> str:
        year = self.day(offset).year
        word = word or self.docword
        n = self.rng.randrange(1, 2000)
        s = self.rng.random()
        if s < 0.5:
            t = f"{self.region['abbr']}{word}〔{year}〕{n}号"
        elif s < 0.7:
            t = f"{self.region['abbr']}{word}〔{year}〕第{n:04d}号"
        elif s < 0.85:
            t = f"{self.region['abbr']}{word}[{year}]{n}号"
        else:
            t = f"{self.region['abbr']}{word}（{year}）{n:03d}号"
        return m("doc_number", t)

    def reg(self, text: str) -> str:
        return m("registration_number", text)

    # ------------------------------------------------------------ parties
    def org_party(self, suffixes: list[str], *, reg_type: str = "91") -> None:
        trade = self.pick(TRADE_NAMES)
        suffix = self.pick(suffixes)
        city = self.city or self.district
        self.org_name = (
            f"{city}{trade}{suffix}" if self.chance(0.8) else f"{self.region['province'][:2]}{trade}{suffix}"
        )
        self.org_short = f"{trade}公司" if suffix.endswith("公司") else self.org_name
        self.legal_rep = self.keep_name()
        self.used_names.append(self.legal_rep)
        self.business_address = self.biz_address()
        if self.chance(0.6):
            body = "MA" + "".join(self.pick("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
        else:
            body = "".join(self.pick("0123456789") for _ in range(8))
        self.uscc = make_uscc(reg_type, self.region["code"], body)
        self.party_case = {
            "kind": "organization",
            "name": self.org_name,
            "uscc": self.uscc,
            "legal_rep": self.legal_rep,
            "business_address": self.business_address,
        }

    def shop_party(self) -> Person:
        """An individual business (个体工商户): the shop name stays, the operator is a natural person."""
        self.org_name = self.district + self.pick(SHOP_NAMES)
        self.org_short = "该店"
        self.business_address = self.biz_address()
        body = "MA" + "".join(self.pick("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
        self.uscc = make_uscc("92", self.region["code"], body)
        op = self.person("operator", party=True, typed=tuple(f for f in ("id", "phone", "address") if self.chance(0.8)))
        self.party_person = op
        self.party_case = {
            "kind": "individual_business",
            "name": self.org_name,
            "uscc": self.uscc,
            "business_address": self.business_address,
        }
        return op

    def person_party(self, role: str = "party") -> Person:
        p = self.person(role, party=True, typed=tuple(f for f in ("id", "phone", "address") if self.chance(0.85)))
        self.party_person = p
        self.party_case = {"kind": "person", "name": p.full}
        if "id" in p.typed:
            self.party_case["id_number"] = p.id_number
        if "phone" in p.typed:
            self.party_case["phone"] = p.phone
        if "address" in p.typed:
            self.party_case["address"] = p.address_full
        return p

    def party_block(self) -> str:
        k = self.keep
        kind = self.party_case["kind"]
        nl = self.pick(["\n", "\n", "，"])
        if kind == "organization":
            parts = [
                f"当事人：{k('org_name', self.org_name)}",
                f"统一社会信用代码：{k('uscc', self.uscc)}",
                f"{self.pick(['法定代表人', '法定代表人', '负责人'])}：{k('legal_rep_name', self.legal_rep)}",
                f"{self.pick(['住所', '地址', '经营场所', '住所（经营场所）'])}：{k('business_address', self.business_address)}",
            ]
            out = nl.join(parts)
            if self.chance(0.5):
                contact = self.person("contact", typed=("phone",) if self.chance(0.5) else ())
                out += f"{nl}联系人：{self.nm(contact)}{self.pick(['，', '　', ' '])}联系电话：{self.phone_of(contact)}"
            return out
        if kind == "individual_business":
            op = self.party_person
            assert op is not None
            parts = [
                f"当事人：{k('org_name', self.org_name)}（个体工商户）",
                f"统一社会信用代码：{k('uscc', self.uscc)}",
                f"经营者：{self.nm(op)}",
                f"经营场所：{k('business_address', self.business_address)}",
            ]
            if self.chance(0.2):
                old = (
                    self.region["code"] + f"{self.rng.randrange(0, 100):02d}00" + f"{self.rng.randrange(0, 10000):04d}"
                )
                parts.insert(2, f"原注册号：{self.reg(mod11_10(old))}")
            if self.chance(0.7):
                parts.append(f"经营者身份证号码：{self.id_of(op)}")
            if self.chance(0.6):
                parts.append(f"联系电话：{self.phone_of(op)}")
            return nl.join(parts)
        p = self.party_person
        assert p is not None
        parts = [f"当事人：{self.nm(p)}"]
        if self.chance(0.7):
            parts.append(f"性别：{SEX_WORD[p.sex]}")
        if self.chance(0.5):
            parts.append(f"出生日期：{self.birth_of(p)}")
        if self.chance(0.4):
            if p.kind == "minority":
                nation = self.pick(["维吾尔族", "藏族", "蒙古族", "彝族", "朝鲜族", "傣族", "哈萨克族"])
            else:
                nation = self.pick(["汉族", "汉族", "汉族", "汉族", "回族", "满族", "土家族"])
            parts.append(f"民族：{nation}")
        label = self.pick(["身份证号码", "公民身份号码", "身份证件号码", "身份证号"])
        parts.append(f"{label}：{self.id_of(p)}")
        parts.append(f"{self.pick(['住址', '住所', '现住址', '户籍地址'])}：{self.home_of(p)}")
        if self.chance(0.85):
            parts.append(f"{self.pick(['联系电话', '联系方式', '手机号码', '电话'])}：{self.phone_of(p)}")
        if self.chance(0.15):
            parts.append(f"{self.pick(['住宅电话', '固定电话', '家庭电话'])}：{self.landline()}")
        return nl.join(parts) if nl == "\n" else "，".join(parts) + "。"

    def party_ref(self) -> str:
        """How the facts refer back to the party."""
        if self.party_case["kind"] == "person":
            p = self.party_person
            assert p is not None
            return self.pick(["当事人", "当事人", self.ref(p), f"当事人{self.nm(p)}"])
        if self.party_case["kind"] == "individual_business":
            return self.pick(["当事人", "当事人", f"当事人{self.keep('org_name', self.org_name)}"])
        return self.pick(["当事人", "当事人", self.keep("org_name", self.org_short)])

    # ------------------------------------------------------------ common paragraphs
    def notice_paragraph(self) -> str:
        W = self.W
        statement = self.rng.random()
        notice = self.docno(self.pick(["罚告", "告字", "听告"]))
        base = (
            f"{self.d(40)}，本{self.pick(['局', '机关'])}向当事人送达了《行政处罚告知书》（{notice}），"
            f"告知当事人拟作出行政处罚的事实、理由、依据、处罚内容及其依法享有的{W('陈述')}、申辩和要求听证的权利。"
        )
        if statement < 0.55:
            return base + "当事人在法定期限内未提出陈述、申辩，也未要求听证。"
        if statement < 0.85:
            return (
                base
                + f"当事人于{self.d(44)}提交书面{W('陈述')}申辩材料，称其系初次违法、对法律规定不了解，请求从轻处罚。"
                f"本局经复核认为，当事人提出的理由不能成立，{W('关于')}从轻处罚的请求部分予以采纳。"
            )
        return base + f"当事人要求举行听证，本局于{self.d(52)}依法举行了听证会，听证中当事人未提出新的事实和理由。"

    def remedies(self) -> str:
        W = self.W
        days = self.pick(["十五日", "15日"])
        pay = self.pick(
            [
                f"当事人{W('应自收到')}本处罚决定书之日起{days}内，持本决定书到指定银行缴纳罚没款。",
                f"当事人{W('应自收到')}本决定书之日起{days}内将罚没款缴至{self.pick(['财政代收账户', '指定的代收银行', '非税收入代收银行'])}，"
                f"也可通过“{'浙里办' if self.region['province'] == '浙江省' else '政务服务网'}”等平台在线缴纳。到期不缴纳罚款的，本局将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。",
                f"罚没款请于收到本决定书之日起{days}内缴纳，逾期不缴纳的，每日按罚款数额的3%加处罚款，"
                f"加处罚款的数额不超出罚款的数额。",
            ]
        )
        review = (
            f"当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向{self.keep('agency_name', self.review_body)}申请行政复议，"
            f"或者在六个月内依法向{self.keep('agency_name', self.court)}提起行政诉讼。"
            f"申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行，法律另有规定的除外。"
        )
        return pay + "\n" + review

    def signature(self, offset: int = 60) -> str:
        s = f"\n\n{self.keep('agency_name', self.agency)}\n{self.d(offset, self.pick(['cn', 'cn', 'upper']))}"
        if self.chance(0.3):
            s += (
                f"\n（本文书一式{self.pick(['两', '三'])}份，一份送达当事人，一份归档。"
                f"办案机构联系电话：{self.region['area']}-{self.rng.randrange(20000000, 89999999)}）"
            )
        return s

    def case_dict(self) -> dict[str, Any]:
        case: dict[str, Any] = {"party": self.party_case}
        persons = self.case_persons()
        if self.party_case.get("kind") == "individual_business" and self.party_person is not None:
            persons.insert(0, self.party_person.case_entry())
        if persons:
            case["persons"] = persons
        case["agency"] = self.agency
        case["region"] = self.region_name
        return case
