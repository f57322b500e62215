"""Short markup helpers for the hand-written records (``hw_*.py``).

Each helper marks a string with its class (see ``corpuslib``); a trailing ``s`` argument forces
``structured`` (True/False) where the automatic rule (match against the case data) would be wrong.
Numbers with check digits are computed, never typed by hand: ``rid`` (resident ID), ``rid_x``
(ending in X), ``old15`` (15-digit form), ``bad18`` (ID-shaped, wrong check digit), ``uscc``,
``card`` (Luhn), ``ean``.
"""

from __future__ import annotations

from typing import Any

from corpuslib import ean13, luhn_digit, m, make_bad_id, make_id, make_id_ending_x, make_uscc, mod11_10


def _mk(cls: str):  # type: ignore[no-untyped-def]
    def f(text: str, s: bool | None = None) -> str:
        return m(cls, text, s)

    return f


# must hide
P = _mk("party_person_name")
T = _mk("third_person_name")
R = _mk("rare_surname_name")
C = _mk("compound_surname_name")
MOB = _mk("mobile")
TEL = _mk("landline")
ID = _mk("resident_id")
CID = _mk("id_in_certificate")
CARD = _mk("bank_card")
PLATE = _mk("licence_plate")
ADDR = _mk("person_address")
MAIL = _mk("email")
OTH = _mk("other_personal")
# must keep
ORG = _mk("org_name")
USCC = _mk("uscc")
REP = _mk("legal_rep_name")
BADDR = _mk("business_address")
AMT = _mk("amount")
DATE = _mk("date")
ART = _mk("article")
DOC = _mk("doc_number")
AGY = _mk("agency_name")
W = _mk("ordinary_word_surname_like")
PLACE = _mk("place_name")
BRAND = _mk("product_or_brand")
REG = _mk("registration_number")
OFF = _mk("officer_name_cert")


def rid(area: str, birth: str, seq: str) -> str:
    return make_id(area, birth, seq)


def rid_x(area: str, birth: str) -> str:
    return make_id_ending_x(area, birth)


def old15(area: str, birth6: str, seq: str) -> str:
    return area + birth6 + seq


def bad18(area: str, birth: str, seq: str) -> str:
    return make_bad_id(area, birth, seq)


def uscc(reg_type: str, area: str, body8: str) -> str:
    return make_uscc(reg_type, area, body8)


def card_from(partial: str) -> str:
    return partial + luhn_digit(partial)


def ean(first12: str) -> str:
    return ean13(first12)


def reg15(first14: str) -> str:
    return mod11_10(first14)


def spaced4(s: str) -> str:
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4))


def person(role: str, name: str, minor: bool = False, **fields: str) -> dict[str, Any]:
    e: dict[str, Any] = {"role": role, "name": name, "minor": minor}
    for key in ("id_number", "phone", "address"):
        if fields.get(key):
            e[key] = fields[key]
    return e


def party_person(name: str, **fields: str) -> dict[str, Any]:
    e: dict[str, Any] = {"kind": "person", "name": name}
    for key in ("id_number", "phone", "address"):
        if fields.get(key):
            e[key] = fields[key]
    return e


def party_org(name: str, code: str, rep: str, address: str) -> dict[str, Any]:
    return {"kind": "organization", "name": name, "uscc": code, "legal_rep": rep, "business_address": address}


def party_shop(name: str, code: str, address: str) -> dict[str, Any]:
    return {"kind": "individual_business", "name": name, "uscc": code, "business_address": address}


def rec(
    rid_: str,
    sector: str,
    kind: str,
    title: str,
    party: dict[str, Any],
    persons: list[dict[str, Any]],
    agency: str,
    region: str,
    text: str,
) -> dict[str, Any]:
    case: dict[str, Any] = {"party": party}
    if persons:
        case["persons"] = persons
    case["agency"] = agency
    case["region"] = region
    return {"id": rid_, "sector": sector, "kind": kind, "case": case, "title": title, "text": text}
