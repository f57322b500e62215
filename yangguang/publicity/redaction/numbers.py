"""Numbers written the way people write them: found on a normalized form, masked in the original.

The text is first mapped character by character (same length, so positions carry over) to a
normal form: full-width digits, letters and signs become ASCII (NFKC), Chinese digits (〇一二…九,
幺) become ASCII digits. A candidate is then a run of digits that may contain separators (spaces,
dashes of every width, dots, middle dots, a line break) and may start with +86/0086; it is
classified on its digits alone:

- resident ID (居民身份证号码): 18 characters with a valid GB 11643 check digit and a real birth
  date, or the old 15-digit form with a real birth date — anywhere, also inside a certificate
  number (T + ID, a driving licence or social-security number that is the ID);
- mobile: 11 digits 1[3-9]…, optionally after 86/0086;
- landline: 0 + area code + 7–8 digits when the area code is set apart (dash, space, brackets) or a
  phone word stands before it; 7–8 digits right after a phone word;
- bank card: 16–19 digits passing the Luhn check (not an 18-digit number that is area code +
  date + sequence, i.e. a report or acceptance number failing the ID check).

Check digits decide between an ID and a credit code, barcode or registration number; a number
right after an officer's certificate word (执法证号) or a registration word (编号, 单号, 条码 …) is
not a phone or a card. When a whole run is not one number, its separator-delimited groups are tried
in windows (two numbers written one after the other).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from yangguang.core.validators import is_valid_resident_id

_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "幺": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6"}
_CN_DIGITS.update({"七": "7", "八": "8", "九": "9"})


def normalize_char(ch: str) -> str:
    """One character in normal form (always one character, so positions carry over)."""
    if ch in _CN_DIGITS:
        return _CN_DIGITS[ch]
    if ch.isascii():
        return ch
    n = unicodedata.normalize("NFKC", ch)
    if len(n) == 1:
        return n
    return ch


def normalize(text: str) -> str:
    return "".join(normalize_char(c) for c in text)


def digits_of(text: str) -> str:
    """The digits (and an ID's final X) of a value as typed: separators and widths removed."""
    return "".join(c for c in normalize(text).upper() if c.isdigit() or c == "X")


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


def _real_date(yyyymmdd: str) -> bool:
    try:
        day = dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= day.year <= dt.date.today().year


def is_resident_id(d: str) -> bool:
    if len(d) == 18:
        return d[0] in "12345678" and is_valid_resident_id(d) and _real_date(d[6:14])
    if len(d) == 15 and d.isdigit():
        return d[0] in "12345678" and _real_date("19" + d[6:12])
    return False


def _looks_like_area_date(d: str) -> bool:
    """An 18-digit number built as area code + date + sequence (a report number failing the ID check)."""
    return len(d) == 18 and d[0] in "12345678" and _real_date(d[6:14])


# Words right before a number that make it something other than a phone or a card.
KEEP_CONTEXT = re.compile(
    r"(执法证(?:件)?(?:号(?:码)?)?|执法证编号|证件编号|注册(?:证)?(?:编)?号|登记(?:证)?号|许可证(?:编)?号|许可证|"
    r"检疫证(?:明)?(?:编)?号|合格证(?:编)?号|编号|单号|订单|运单|条(?:形)?码|批号|批次|发票(?:号码|代码|号)?|合同(?:编)?号|"
    r"文号|报告(?:编)?号|受理号|案号|货号|型号|耳标号?|船号|信用代码|资格证(?:书)?(?:编)?号|执业证(?:书)?(?:编)?号|"
    r"服务(?:监督)?卡号|ISBN|专利号|工号|序列号|(?<!身份)证号)(?:[：:\s、，,]|分别|依次|为|是|[0-9A-Za-z])*$"
)
# An officer's name right before a number: the number is the certificate's (执法人员汪晨1320…、姜勇1380…).
OFFICER_CONTEXT = re.compile(
    r"(?:执法人员|监督员|检查人员|执法员|承办人|办案人员|工作人员)[：:\s]*"
    r"(?:[\u4e00-\u9fff]{2,4}[（(]?[^，。；\n]{0,12}?[0-9A-Za-z]{6,20}[)）]?[、，,和及]\s*)*[\u4e00-\u9fff]{2,4}[（(：:\s]*$"
)
# Words right before a number that make a short one a phone number.
PHONE_CONTEXT = re.compile(r"(电话|座机|固话|手机|联系方式|传真|Tel|TEL|tel|号码)[号码]?[：:\s]*(?:为|是)?[：:\s]*$")
CARD_CONTEXT = re.compile(r"(卡号|账号|帐号|账户|帐户|银行卡|储蓄卡|信用卡|收款)")

_SEP = r"(?:[ \t\u00a0\u3000\-‐‑‒–—―·•・.]{1,2}|[ \t]?\r?\n[ \t]?)"
CANDIDATE = re.compile(rf"(?<![0-9])(?:(?:\+|00)86(?:{_SEP})?)?\d(?:(?:{_SEP})?\d)*(?:(?:{_SEP})?[Xx])?(?![0-9])")
BRACKET_LANDLINE = re.compile(
    r"[(]\s*0\d{2,3}\s*[)]\s*-?\s*\d{3,4}[\s\-]?\d{3,4}(?:\s*(?:转|分机|-|ext\.?)\s*\d{1,5})?(?!\d)"
)
EXTENSION = re.compile(r"\s*(?:转|分机|-)\s*\d{1,5}(?!\d)")


@dataclass(frozen=True)
class NumberHit:
    kind: str  # resident_id, mobile, landline, bank_card
    start: int
    end: int
    digits: str


def classify(d: str, before: str) -> str:
    """The kind of a digit string (after separators were removed); ``before`` is the text before it."""
    if is_resident_id(d):
        return "resident_id"
    clause = re.split(r"[。；;\n]", before[-90:])[-1]
    keep = bool(KEEP_CONTEXT.search(clause) or OFFICER_CONTEXT.search(clause))
    phone_ctx = bool(PHONE_CONTEXT.search(before[-10:]))
    if keep and not phone_ctx:
        return ""
    body = d
    if len(d) == 13 and d.startswith("86"):
        body = d[2:]
    elif len(d) == 15 and d.startswith("0086"):
        body = d[4:]
    if len(body) == 11 and re.fullmatch(r"1[3-9]\d{9}", body):
        return "mobile"
    if 16 <= len(d) <= 19 and d.isdigit() and luhn_ok(d) and not _looks_like_area_date(d):
        if d[0] in "3456789" or CARD_CONTEXT.search(before[-16:]):
            return "bank_card"
    if phone_ctx and d.isdigit() and (7 <= len(d) <= 8 or (10 <= len(d) <= 12 and d[0] == "0")):
        return "landline"
    return ""


def _groups(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Separator-delimited digit groups inside [start, end)."""
    return [(m.start() + start, m.end() + start) for m in re.finditer(r"[0-9Xx+]+", norm[start:end])]


def find_numbers(text: str, norm: str | None = None) -> Iterator[NumberHit]:
    norm = normalize(text) if norm is None else norm
    taken: list[tuple[int, int]] = []
    for m in BRACKET_LANDLINE.finditer(norm):
        taken.append((m.start(), m.end()))
        yield NumberHit("landline", m.start(), m.end(), digits_of(m.group()))
    for m in CANDIDATE.finditer(norm):
        if any(s <= m.start() < e for s, e in taken):
            continue
        yield from _classify_run(norm, m.start(), m.end())


def _classify_run(norm: str, start: int, end: int) -> Iterator[NumberHit]:
    groups = _groups(norm, start, end)
    i = 0
    while i < len(groups):
        found = False
        for j in range(len(groups), i, -1):
            s, e = groups[i][0], groups[j - 1][1]
            d = re.sub(r"[^0-9X]", "", norm[s:e].upper())
            kind = classify(d, norm[max(0, s - 90) : s])
            if not kind:
                kind = _landline_with_area(norm, s, e, d)
            if kind:
                if kind == "landline":
                    ext = EXTENSION.match(norm, e)
                    if ext:
                        e = ext.end()
                yield NumberHit(kind, s, e, d)
                i = j
                found = True
                break
        if not found:
            i += 1


def _landline_with_area(norm: str, s: int, e: int, d: str) -> str:
    """0 + area code set apart by a separator + 7–8 digits (0571-88886666, 010 6123 4567)."""
    m = re.fullmatch(r"0\d{2,3}[\s\-‐‑‒–—―]+\d{3,4}[\s\-]?\d{3,4}", norm[s:e])
    if m and not KEEP_CONTEXT.search(norm[max(0, s - 14) : s]):
        return "landline"
    return ""


def find_known(norm: str, known: set[str]) -> Iterator[tuple[int, int]]:
    """Spans of the numbers the case data has (by their digits, any separators): the smallest
    window of digit groups of a run that contains a known number."""
    known = {k for k in known if len(k) >= 6}
    if not known:
        return
    for m in CANDIDATE.finditer(norm):
        groups = _groups(norm, m.start(), m.end())
        for size in range(1, len(groups) + 1):
            hits = []
            for i in range(len(groups) - size + 1):
                s, e = groups[i][0], groups[i + size - 1][1]
                d = re.sub(r"[^0-9X]", "", norm[s:e].upper())
                if any(k in d for k in known):
                    hits.append((s, e))
            if hits:
                yield from hits
                break
