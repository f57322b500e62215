"""Redaction (脱敏) of texts before publication, and the personal-data detectors that the leak
scanner shares.

Redaction starts from what the case data knows (``Known``): a natural-person party's name becomes
"张某某" and that party's ID number, phone, address and bank account are removed wherever they
appear. Detectors then catch what the data does not know:

- resident ID numbers (18 characters) whose check digit is valid;
- mobile numbers (1[3-9] + 9 digits) and landline numbers (0 + area code, optional dash, 7-8 digits);
- bank card numbers (16-19 digits) passing the Luhn check;
- e-mail addresses;
- names of other natural persons: the case's known persons (parties, recipients) and a conservative
  pattern: a common surname plus one or two characters right after a role word (证人, 当事人,
  举报人, 投诉人, 受害人, 见证人, 驾驶人, 监护人, 证明人, 被检查人) or right before "身份证".
  The legal representative (法定代表人) of an organization is published with the organization, as
  decisions commonly are.

Limits (documented): a name that follows no role word and is not in the case data is not found
(free-text name recognition without a dictionary is unreliable); a phone number written with spaces
inside is not found; 18-digit numbers that fail the ID check digit and the Luhn check stay (they are
most likely credit codes or document numbers); a detected name must end at punctuation or a
function word (称, 在, 于...), and a few common words (陈述, 申辩, 应当...) are never names, so
"当事人陈述申辩" stays as it is. Officers can add manual terms to mask.
Organizations keep their names and unified social credit codes: USCCs are never ID numbers (letters
and a different check) and organization names are not persons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yangguang.core.validators import is_valid_resident_id

MASK = "***"

# Common Chinese surnames (the ~120 most frequent single ones and a few double ones).
SURNAMES_DOUBLE = "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 夏侯 端木".split()
SURNAMES_SINGLE = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
ROLE_WORDS = "证人|当事人|举报人|投诉人|受害人|见证人|驾驶人|监护人|证明人|被检查人"
_SURNAME = "(?:" + "|".join(SURNAMES_DOUBLE) + "|[" + SURNAMES_SINGLE + "])"
# A name's given part: one or two CJK characters that are not 某 (already masked) and not the
# function words that commonly follow a name (称, 于, 在...).
_GIVEN = "(?:[\u4e00-\u9fff](?<![某称于在的是向对因等系已未到和与及为将被经说]))"
# The name must end where a name ends (punctuation or a function word), so that 当事人陈述申辩 or
# 当事人应当 are not taken for names.
_NAME_END = "(?=[，,。、；;：:（()）\\s称说于在的是向对因等系已未到和与及为将被经]|$)"
NAME_AFTER_ROLE = re.compile(f"(?:{ROLE_WORDS})[：:]?(?P<name>{_SURNAME}{_GIVEN}{{1,2}}){_NAME_END}")
NAME_BEFORE_ID = re.compile(f"(?P<name>{_SURNAME}{_GIVEN}{{1,2}})(?=[（(，,、\\s]?(?:公民)?身份证)")
# Words that look like surname + given name after a role word but are not names.
NOT_NAMES = frozenset({"陈述", "申辩", "申请", "应当", "应该", "于是", "于今", "时间", "安全", "任何", "全部", "方面"})
RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LANDLINE = re.compile(r"(?<![\d-])0\d{2,3}-?\d{7,8}(?![\d-])")
CARD = re.compile(r"(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask_name(name: str) -> str:
    """张三 -> 张某某; 欧阳娜娜 -> 欧阳某某."""
    name = name.strip()
    if not name:
        return name
    surname = name[:2] if name[:2] in SURNAMES_DOUBLE else name[0]
    return f"{surname}某某"


@dataclass
class Known:
    """What the case data knows: person names to mask, values to remove, organizations to keep."""

    persons: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    """A detected piece of personal data: its kind (Chinese label) and the matched text."""

    kind: str
    text: str
    start: int


def detect(text: str) -> list[Hit]:
    """Personal-data patterns in ``text`` (the leak scanner's check; redaction removes each)."""
    hits: list[Hit] = []
    for m in RESIDENT_ID.finditer(text):
        if is_valid_resident_id(m.group().upper()):
            hits.append(Hit("身份证号码", m.group(), m.start()))
    for m in CARD.finditer(text):
        if luhn_ok(m.group()) and not is_valid_resident_id(m.group()):
            hits.append(Hit("银行卡号", m.group(), m.start()))
    for m in MOBILE.finditer(text):
        hits.append(Hit("手机号码", m.group(), m.start()))
    for m in LANDLINE.finditer(text):
        hits.append(Hit("固定电话", m.group(), m.start()))
    for m in EMAIL.finditer(text):
        hits.append(Hit("电子邮箱", m.group(), m.start()))
    for pattern in (NAME_AFTER_ROLE, NAME_BEFORE_ID):
        for m in pattern.finditer(text):
            if m.group("name") not in NOT_NAMES and not any(h.start == m.start("name") for h in hits):
                hits.append(Hit("自然人姓名", m.group("name"), m.start("name")))
    return sorted(hits, key=lambda h: h.start)


def _replace_all(text: str, needle: str, replacement: str) -> str:
    return text.replace(needle, replacement) if needle else text


def redact(text: str, known: Known) -> str:
    """The public version of ``text``: known data first, then the detectors, then manual terms."""
    keep = sorted({o for o in known.organizations if o}, key=len, reverse=True)
    # Shield organization names (which may contain a person's name) while replacing.
    shields = {f"\x00{i}\x00": org for i, org in enumerate(keep)}
    for token, org in shields.items():
        text = text.replace(org, token)
    for value in sorted({v.strip() for v in known.remove if v and v.strip()}, key=len, reverse=True):
        text = _replace_all(text, value, MASK)
    for name in sorted({n.strip() for n in known.persons if n and n.strip()}, key=len, reverse=True):
        text = _replace_all(text, name, mask_name(name))
    for term in sorted({t.strip() for t in known.manual if t and t.strip()}, key=len, reverse=True):
        text = _replace_all(text, term, MASK)
    # Detectors, longest first (a card number contains no phone number once removed).
    hits = detect(text)
    for hit in sorted(hits, key=lambda h: len(h.text), reverse=True):
        if hit.kind == "自然人姓名":
            continue
        text = text.replace(hit.text, MASK)

    def name_sub(m: re.Match[str]) -> str:
        whole, start = m.group(0), m.start("name") - m.start(0)
        if m.group("name") in NOT_NAMES:
            return whole
        return whole[:start] + mask_name(m.group("name"))

    text = NAME_AFTER_ROLE.sub(name_sub, text)
    text = NAME_BEFORE_ID.sub(name_sub, text)
    for token, org in shields.items():
        text = text.replace(token, org)
    return text
