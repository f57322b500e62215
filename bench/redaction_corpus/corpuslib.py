"""Shared helpers for writing the redaction corpus (stdlib only).

Records are written in a small markup: ``⟦class:text⟧`` marks a span of the decision text (or of
the case title) that must be hidden or must stay, by the class name (the two class sets are
disjoint, so the class says which). ``⟦class!:text⟧`` forces ``structured: true`` and
``⟦class?:text⟧`` forces ``structured: false``; otherwise a must-hide span is structured when its
normalized form matches a value typed in the case data (the party's or a person's name, ID,
phone, address).

``build_record`` strips the markup and checks, for every record, what the validator cannot know
without the markup: every occurrence of a must-hide string in the text lies inside a span marked
must-hide (so a name never also appears as an ordinary word elsewhere), and no occurrence of a
must-keep string overlaps a must-hide span.

This module also holds the check-digit arithmetic (GB 11643 resident IDs, GB 32100 unified social
credit codes with the GB 11714 organization code inside, Luhn bank cards, EAN-13 barcodes,
ISO 7064 MOD 11,10 business registration numbers).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

HIDE_CLASSES = (
    "party_person_name",
    "third_person_name",
    "rare_surname_name",
    "compound_surname_name",
    "mobile",
    "landline",
    "resident_id",
    "id_in_certificate",
    "bank_card",
    "licence_plate",
    "person_address",
    "email",
    "other_personal",
)
KEEP_CLASSES = (
    "org_name",
    "uscc",
    "legal_rep_name",
    "business_address",
    "amount",
    "date",
    "article",
    "doc_number",
    "agency_name",
    "ordinary_word_surname_like",
    "place_name",
    "product_or_brand",
    "registration_number",
    "officer_name_cert",
)
SECTORS = (
    "market",
    "transport",
    "ecology",
    "health",
    "urban",
    "labour",
    "emergency",
    "culture",
    "fire",
    "housing",
    "agriculture",
    "civil",
)
KINDS = ("penalty", "licensing_denial", "inspection_result", "coercive_measure")

# ---------------------------------------------------------------- check digits

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def valid_birth(yyyymmdd: str) -> bool:
    try:
        d = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= d.year <= 2025


def is_valid_resident_id(s: str) -> bool:
    """An 18-digit ID with a correct GB 11643 check digit, or a 15-digit old ID with a real birth date."""
    s = s.upper()
    if re.fullmatch(r"\d{17}[\dX]", s):
        return valid_birth(s[6:14]) and id_check_digit(s[:17]) == s[17]
    if re.fullmatch(r"\d{15}", s):
        return valid_birth("19" + s[6:12])
    return False


def make_id(area: str, birth: str, seq: str) -> str:
    first = area + birth + seq
    return first + id_check_digit(first)


def make_id_ending_x(area: str, birth: str) -> str:
    for n in range(1000):
        first = f"{area}{birth}{n:03d}"
        if id_check_digit(first) == "X":
            return first + "X"
    raise ValueError("no X")


def make_bad_id(area: str, birth: str, seq: str) -> str:
    """18 digits shaped like an ID whose check digit is wrong (a registration number, not an ID)."""
    good = make_id(area, birth, seq)
    for d in "0123456789":
        if d != good[-1]:
            return good[:-1] + d
    raise AssertionError


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_digit(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def org_code_check_digit(first8: str) -> str:
    def value(c: str) -> int:
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    c = 11 - sum(value(ch) * w for ch, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def is_valid_uscc(s: str) -> bool:
    if not re.fullmatch(r"[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}", s):
        return False
    return uscc_check_digit(s[:17]) == s[17]


def make_uscc(reg_type: str, area: str, body8: str) -> str:
    """reg_type: '91' company, '92' individual business, '93' cooperative, '12' public institution, '52' NGO."""
    org = body8 + org_code_check_digit(body8)
    if org[-1] not in USCC_CHARS:  # cannot happen: X and 0-9 are in the set
        raise ValueError(org)
    first = reg_type + area + org
    return first + uscc_check_digit(first)


def luhn_digit(partial: str) -> str:
    total = 0
    for i, c in enumerate(reversed(partial)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(s: str) -> bool:
    return s.isdigit() and luhn_digit(s[:-1]) == s[-1]


def ean13(first12: str) -> str:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def mod11_10(first14: str) -> str:
    """ISO 7064 MOD 11,10 check digit, used by the old 15-digit business registration numbers."""
    p = 10
    for c in first14:
        s = (p + int(c)) % 10 or 10
        p = (s * 2) % 11
    return first14 + str((11 - p) % 10)


# ---------------------------------------------------------------- text helpers


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


SEPARATORS = re.compile(r"[\s\-‐‑–—－·•・．.()（）+＋/_]")


def normalize(s: str) -> str:
    return SEPARATORS.sub("", unicodedata.normalize("NFKC", s)).upper()


CN_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def cn_upper_amount(n: int) -> str:
    """Integer yuan in 大写, e.g. 13800 -> 壹万叁仟捌佰元整."""
    if n == 0:
        return "零元整"

    def four(x: int) -> str:
        out = ""
        zero = False
        for unit, div in (("仟", 1000), ("佰", 100), ("拾", 10), ("", 1)):
            d = x // div % 10
            if d == 0:
                zero = bool(out)
            else:
                if zero:
                    out += "零"
                    zero = False
                out += CN_DIGITS[d] + unit
        return out

    parts = []
    yi, wan, rest = n // 100_000_000, n // 10_000 % 10_000, n % 10_000
    if yi:
        parts.append(four(yi) + "亿")
    if wan:
        if yi and wan < 1000:
            parts.append("零")
        parts.append(four(wan) + "万")
    if rest:
        if (yi or wan) and rest < 1000:
            parts.append("零")
        parts.append(four(rest))
    return "".join(parts) + "元整"


# ---------------------------------------------------------------- markup

MARK = re.compile(r"⟦([a-z_]+)([!?]?):(.*?)⟧", re.S)


def m(cls: str, text: str, structured: bool | None = None) -> str:
    """Mark ``text`` with ``cls``; structured None = decide from the case data."""
    if cls not in HIDE_CLASSES and cls not in KEEP_CLASSES:
        raise ValueError(f"unknown class {cls}")
    flag = "" if structured is None else ("!" if structured else "?")
    return f"⟦{cls}{flag}:{text}⟧"


def parse(marked: str) -> tuple[str, list[tuple[int, int, str, str, bool | None]]]:
    plain: list[str] = []
    spans = []
    pos = 0
    length = 0
    for mt in MARK.finditer(marked):
        before = marked[pos : mt.start()]
        plain.append(before)
        length += len(before)
        cls, flag, text = mt.group(1), mt.group(2), mt.group(3)
        if "⟦" in text or "⟧" in text:
            raise ValueError(f"nested markup in {text!r}")
        spans.append((length, length + len(text), cls, text, {"": None, "!": True, "?": False}[flag]))
        plain.append(text)
        length += len(text)
        pos = mt.end()
    plain.append(marked[pos:])
    out = "".join(plain)
    if "⟦" in out or "⟧" in out:
        raise ValueError(f"unbalanced markup near {out[out.find('⟦') - 20 : out.find('⟦') + 40]!r}")
    return out, spans


def occurrences(hay: str, needle: str) -> list[int]:
    out = []
    i = hay.find(needle)
    while i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


class CorpusError(ValueError):
    pass


def _case_values(case: dict[str, Any]) -> list[str]:
    vals = []
    people = [case.get("party", {}), *case.get("persons", [])]
    for p in people:
        if p.get("kind") in ("organization", "individual_business") and p is case.get("party"):
            continue  # an organization's own data is public; not a source of personal strings
        for key in ("name", "id_number", "phone", "address"):
            if p.get(key):
                vals.append(normalize(p[key]))
    return [v for v in vals if len(v) >= 2]


def _check_field(plain: str, spans: list[tuple[int, int, str, str, bool | None]], where: str) -> None:
    hide_spans = [(a, b) for a, b, cls, _, _ in spans if cls in HIDE_CLASSES]
    for _, _, cls, text, _ in spans:
        if not text.strip():
            raise CorpusError(f"{where}: empty span of {cls}")
        if text != text.strip():
            raise CorpusError(f"{where}: span {text!r} has surrounding spaces")
        if cls in HIDE_CLASSES:
            for o in occurrences(plain, text):
                if not any(ha <= o and o + len(text) <= hb for ha, hb in hide_spans):
                    ctx = plain[max(0, o - 15) : o + len(text) + 15]
                    raise CorpusError(f"{where}: must-hide {text!r} ({cls}) also occurs unmarked: …{ctx}…")
        else:
            for o in occurrences(plain, text):
                if any(o < hb and ha < o + len(text) for ha, hb in hide_spans):
                    ctx = plain[max(0, o - 15) : o + len(text) + 15]
                    raise CorpusError(f"{where}: must-keep {text!r} ({cls}) overlaps a must-hide span: …{ctx}…")


def build_record(rid: str, sector: str, kind: str, case: dict[str, Any], title: str, text: str) -> dict[str, Any]:
    if sector not in SECTORS:
        raise CorpusError(f"{rid}: unknown sector {sector}")
    if kind not in KINDS:
        raise CorpusError(f"{rid}: unknown kind {kind}")
    plain_title, tspans = parse(title)
    plain_text, spans = parse(text)
    _check_field(plain_text, spans, f"{rid} text")
    _check_field(plain_title, tspans, f"{rid} title")
    # a string marked in the title must be hidden/kept in the text under the same class too
    case = {"title": plain_title, **{k: v for k, v in case.items() if k != "title"}}
    values = _case_values(case)

    def structured(text_: str, override: bool | None) -> bool:
        if override is not None:
            return override
        n = normalize(text_)
        return any(n in v or (len(v) >= 6 and v in n) for v in values)

    hide: list[dict[str, Any]] = []
    keep: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], str] = {}
    for field, sp in (("text", spans), ("title", tspans)):
        for _, _, cls, t, override in sp:
            key = (t, field)
            if key in seen:
                if seen[key] != cls:
                    raise CorpusError(f"{rid}: {t!r} marked as both {seen[key]} and {cls}")
                continue
            seen[key] = cls
            item: dict[str, Any] = {"text": t, "class": cls}
            if cls in HIDE_CLASSES:
                item["structured"] = structured(t, override)
            if field == "title":
                item["field"] = "title"
            (hide if cls in HIDE_CLASSES else keep).append(item)
    # same string hidden in one field and kept in another is a contradiction
    hidden = {h["text"] for h in hide}
    for k in keep:
        if k["text"] in hidden:
            raise CorpusError(f"{rid}: {k['text']!r} is both hidden and kept")
    return {
        "id": rid,
        "sector": sector,
        "kind": kind,
        "case": case,
        "text": plain_text,
        "must_hide": hide,
        "must_keep": keep,
    }
