#!/usr/bin/env python3
"""Check ``decisions.jsonl`` against the agreed format and print counts per class and sector.

    python3 bench/redaction_corpus/validate.py [path/to/decisions.jsonl] [--quiet]

Stdlib only and independent of the generator. Checks, per record: the fields and their values
(sector, kind, party kind, person roles), that every must_hide / must_keep text is an exact
substring of the text (or of case.title when ``"field": "title"``), that class names are known,
that ``structured`` is a boolean on every must_hide item, that no must_keep string overlaps an
occurrence of a must_hide string, that resident IDs are valid (18 digits with a correct GB 11643
check digit, or 15 digits with a real birth date), that an ID inside a certificate number contains
one, that credit codes (case data and must_keep ``uscc``) have a correct GB 32100 check digit,
that a must_keep ``registration_number`` of ID length is *not* a valid resident ID, and that bank
cards pass the Luhn check. Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

HIDE = {
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
}
KEEP = {
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
}
KINDS = {"penalty", "licensing_denial", "inspection_result", "coercive_measure"}
PARTY_KINDS = {"person", "organization", "individual_business"}
ID_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def digits_only(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s.upper() if c.isdigit() or c == "X")


def real_date(y: int, mth: int, d: int) -> bool:
    try:
        date(y, mth, d)
    except ValueError:
        return False
    return 1900 <= y <= 2025


def valid_id(s: str) -> bool:
    s = digits_only(s)
    if re.fullmatch(r"\d{17}[\dX]", s):
        if not real_date(int(s[6:10]), int(s[10:12]), int(s[12:14])):
            return False
        return "10X98765432"[sum(int(c) * w for c, w in zip(s[:17], ID_W, strict=True)) % 11] == s[17]
    if re.fullmatch(r"\d{15}", s):
        return real_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    return False


def contains_valid_id(s: str) -> bool:
    s = unicodedata.normalize("NFKC", s).upper()
    compact = re.sub(r"[\s\-]", "", s)
    for m in re.finditer(r"(?=(\d{17}[\dX]))", compact):
        if valid_id(m.group(1)):
            return True
    return False


def valid_uscc(s: str) -> bool:
    if not re.fullmatch(r"[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}", s):
        return False
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(s[:17], USCC_W, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31] == s[17]


def luhn(s: str) -> bool:
    d = digits_only(s)
    if not d.isdigit() or not 12 <= len(d) <= 19:
        return False
    total = 0
    for i, c in enumerate(reversed(d)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def spans(hay: str, needle: str) -> list[tuple[int, int]]:
    out = []
    i = hay.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = hay.find(needle, i + 1)
    return out


def check_record(r: dict[str, Any], errors: list[str]) -> None:
    rid = r.get("id", "?")

    def err(msg: str) -> None:
        errors.append(f"{rid}: {msg}")

    for key in ("id", "sector", "kind", "case", "text", "must_hide", "must_keep"):
        if key not in r:
            err(f"missing {key}")
            return
    if not isinstance(r["sector"], str) or not r["sector"]:
        err("sector must be a non-empty string")
    if r["kind"] not in KINDS:
        err(f"unknown kind {r['kind']!r}")
    case = r["case"]
    if not isinstance(case.get("title"), str):
        err("case.title missing")
    party = case.get("party", {})
    if party.get("kind") not in PARTY_KINDS:
        err(f"unknown party kind {party.get('kind')!r}")
    if not party.get("name"):
        err("party without a name")
    if party.get("uscc") and not valid_uscc(party["uscc"]):
        err(f"case party uscc {party['uscc']} fails the GB 32100 check")
    people = [party, *case.get("persons", [])]
    for p in case.get("persons", []):
        if not p.get("role") or not p.get("name"):
            err(f"person without role/name: {p}")
        if not isinstance(p.get("minor", False), bool):
            err("minor must be a boolean")
    for p in people:
        if p.get("id_number") and not valid_id(p["id_number"]):
            err(f"case id_number {p['id_number']} is not a valid resident ID")
    for key in ("agency", "region"):
        if not case.get(key):
            err(f"case.{key} missing")
    text, title = r["text"], case.get("title", "")
    hide_spans: dict[str, list[tuple[int, int]]] = {"text": [], "title": []}
    for item in r["must_hide"]:
        where = item.get("field", "text")
        hay = title if where == "title" else text
        t, cls = item.get("text", ""), item.get("class")
        if cls not in HIDE:
            err(f"unknown must_hide class {cls!r}")
        if not isinstance(item.get("structured"), bool):
            err(f"must_hide {t!r} without boolean structured")
        if not t or t not in hay:
            err(f"must_hide {t!r} not a substring of {where}")
            continue
        hide_spans[where].extend(spans(hay, t))
        if cls == "resident_id" and not valid_id(t):
            err(f"resident_id {t!r} is not a valid ID")
        if cls == "id_in_certificate" and not contains_valid_id(t):
            err(f"id_in_certificate {t!r} contains no valid ID")
        if cls == "bank_card" and not luhn(t):
            err(f"bank_card {t!r} fails the Luhn check")
    for item in r["must_keep"]:
        where = item.get("field", "text")
        hay = title if where == "title" else text
        t, cls = item.get("text", ""), item.get("class")
        if cls not in KEEP:
            err(f"unknown must_keep class {cls!r}")
        if not t or t not in hay:
            err(f"must_keep {t!r} not a substring of {where}")
            continue
        for a, b in spans(hay, t):
            if any(a < hb and ha < b for ha, hb in hide_spans[where]):
                err(f"must_keep {t!r} overlaps a must_hide string")
                break
        if cls == "uscc" and not valid_uscc(t):
            err(f"uscc {t!r} fails the GB 32100 check")
        if cls == "registration_number" and valid_id(t):
            err(f"registration_number {t!r} is a valid resident ID")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", default=str(Path(__file__).resolve().parent / "decisions.jsonl"))
    parser.add_argument("--quiet", action="store_true", help="print only errors and the total")
    args = parser.parse_args()
    errors: list[str] = []
    records = []
    with open(args.path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: {e}")
    ids = Counter(r.get("id") for r in records)
    errors += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    for r in records:
        check_record(r, errors)
    if len(records) < 300:
        errors.append(f"only {len(records)} records (at least 300 agreed)")

    if not args.quiet:
        by_sector = Counter(r["sector"] for r in records)
        by_kind = Counter(r["kind"] for r in records)
        by_origin = Counter(r.get("origin", "?") for r in records)
        hide = Counter(h["class"] for r in records for h in r["must_hide"])
        hide_unstructured = Counter(h["class"] for r in records for h in r["must_hide"] if not h["structured"])
        hide_recs = Counter(c for r in records for c in {h["class"] for h in r["must_hide"]})
        keep = Counter(k["class"] for r in records for k in r["must_keep"])
        keep_recs = Counter(c for r in records for c in {k["class"] for k in r["must_keep"]})
        print(f"records: {len(records)}  ({', '.join(f'{k} {v}' for k, v in sorted(by_origin.items()))})")
        print("per sector: " + ", ".join(f"{k} {v}" for k, v in by_sector.most_common()))
        print("per kind:   " + ", ".join(f"{k} {v}" for k, v in by_kind.most_common()))
        print(f"\n{'must_hide class':<28}{'items':>7}{'free-text':>11}{'records':>9}")
        for c in sorted(HIDE, key=lambda c: -hide[c]):
            print(f"{c:<28}{hide[c]:>7}{hide_unstructured[c]:>11}{hide_recs[c]:>9}")
        print(f"{'total':<28}{sum(hide.values()):>7}{sum(hide_unstructured.values()):>11}")
        print(f"\n{'must_keep class':<28}{'items':>7}{'records':>9}")
        for c in sorted(KEEP, key=lambda c: -keep[c]):
            print(f"{c:<28}{keep[c]:>7}{keep_recs[c]:>9}")
        print(f"{'total':<28}{sum(keep.values()):>7}")
        missing = [c for c in sorted(HIDE | KEEP) if not (hide[c] or keep[c])]
        if missing:
            errors.append(f"classes never used: {', '.join(missing)}")
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print(f"\n{len(records)} records, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
