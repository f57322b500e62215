"""Redaction (脱敏) of texts before publication, and the personal-data detectors that the leak
scanner shares.

Redaction starts from what the case data knows (``Known``): every natural person the case touches
(the party, witnesses, complainants, persons questioned, recipients, third parties) is masked in
every form of the name (张三 → 张某某, a given name alone, the parts of a minority name written with
any separator) and every identifier the officer typed (ID, phone, bank account, e-mail: matched on
the digits, whatever separators the text uses; addresses: also their tails without province, city
or district). The detectors then catch what the data does not know (``numbers``, ``patterns``,
``names``): numbers by their form and check digits, plates, e-mails, birth dates, numbers named by
their word, persons' addresses, and names by their context. A name found once is masked at every
later mention.

What stays (the precision guard): an organization's name, credit code, legal representative and
business address (decided once: ``Known.organizations`` and ``Known.keep``, the same in every
version), officers' names and certificate numbers, and every ordinary word: a name needs a context
and a boundary (``names``), a number a check digit or a phone form (``numbers``).

Resolution: every finding is a span of the original text with a priority (manual terms 4 > the
case's kept data 3 > the case's persons 2 > kept contexts (officers) 1.5 > detectors 1). A hidden
span inside a kept one of higher priority is dropped (a person's name inside a shop's name); a
hidden number or address that contains a kept string wins (the complainant's flat at the shop's
address). Overlapping hidden spans are merged; names become surname + 某某, the rest ``***``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .names import boundary_after, boundary_before, find_names, mask_name, name_variants
from .numbers import digits_of, find_known, find_numbers, luhn_ok, normalize
from .patterns import address_variants, find_patterns
from .surnames import surname_of

__all__ = [
    "MASK",
    "Hit",
    "Known",
    "detect",
    "known_from_case_data",
    "luhn_ok",
    "mask_name",
    "redact",
    "redact_all",
]

MASK = "***"
NUMBER_KINDS = frozenset({"resident_id", "mobile", "landline", "bank_card", "known_number", "email", "licence_plate"})
LABELS = {
    "resident_id": "身份证号码",
    "mobile": "手机号码",
    "landline": "固定电话",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "licence_plate": "车牌号码",
    "person_address": "个人住址",
    "other_personal": "其他个人信息",
    "name": "自然人姓名",
}
P_MANUAL, P_KEEP, P_PERSON, P_KEEP_CONTEXT, P_PART, P_DETECTED = 4.0, 3.0, 2.0, 1.5, 1.25, 1.0


@dataclass
class Known:
    """What the case data knows: natural persons' names to mask, their identifiers and addresses to
    remove, organizations (and their credit code, legal representative, business address) and other
    public strings to keep, and the officer's manual terms."""

    persons: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    """A detected piece of personal data: its kind (Chinese label) and the matched text."""

    kind: str
    text: str
    start: int


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    prio: float
    mask: str


def _clean(values: list[str]) -> list[str]:
    return sorted({v.strip() for v in values if v and v.strip()}, key=len, reverse=True)


def _occurrences(hay: str, needle: str) -> list[int]:
    out, i = [], hay.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = hay.find(needle, i + 1)
    return out


def _is_number(value: str) -> bool:
    d = digits_of(value)
    return len(d) >= 6 and len(d) >= 0.6 * len(re.sub(r"\s", "", value))


class _Plan:
    """The spans of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        self.hides: list[_Span] = []
        self.keeps: list[_Span] = []

    def literal(self, needle: str, kind: str, prio: float, mask: str, *, keep: bool = False) -> None:
        needle_norm = normalize(needle)
        starts = set(_occurrences(self.text, needle)) | set(_occurrences(self.norm, needle_norm))
        for s in starts:
            span = _Span(s, s + len(needle), kind, prio, mask)
            (self.keeps if keep else self.hides).append(span)


def _plans(texts: list[str], known: Known) -> list[_Plan]:
    plans = [_Plan(t) for t in texts]
    known_digits = {digits_of(v) for v in known.remove if _is_number(v)}
    known_places = [v for v in _clean(known.remove) if not _is_number(v)]
    keeps = _clean(known.organizations + known.keep)

    # Names: the case's persons, then those the detectors find (each masked at every mention).
    persons = set(_clean(known.persons))
    detected: set[str] = set()
    kept_names: set[str] = set()
    for plan in plans:
        for hit in find_names(plan.text):
            (kept_names if hit.keep else detected).add(hit.text(plan.text))
    detected -= persons
    detected -= kept_names
    # A found "name" that is part of a kept organization's or agency's name is not one.
    detected = {n for n in detected if not any(n in k for k in keeps)}

    for plan in plans:
        for value in keeps:
            plan.literal(value, "keep", P_KEEP, value, keep=True)
            for tail in address_variants(value)[1:]:
                plan.literal(tail, "keep", P_KEEP, tail, keep=True)
        for value in kept_names - persons:
            plan.literal(value, "keep", P_KEEP_CONTEXT, value, keep=True)
        for term in _clean(known.manual):
            plan.literal(term, "manual", P_MANUAL, MASK)
        for place in known_places:
            for variant in address_variants(place):
                plan.literal(variant, "person_address", P_PERSON, MASK)
        for names, prio in ((persons, P_PERSON), (detected, P_DETECTED)):
            for name in names:
                for form, mask in name_variants(name):
                    full = form == name or (len(form) > 2 and mask != "某某")
                    for s in _occurrences(plan.text, form):
                        e = s + len(form)
                        if full:
                            plan.hides.append(_Span(s, e, "name", prio, mask))
                        elif _standalone(plan.text, s, e, len(form), prio == P_PERSON):
                            # A given name alone yields to a kept officer's full name around it.
                            plan.hides.append(_Span(s, e, "name", P_PART, mask))
        # Numbers: the known ones by their digits, whatever the separators; then by form.
        for s, e in find_known(plan.norm, known_digits):
            plan.hides.append(_Span(s, e, "known_number", P_PERSON, MASK))
        for n in find_numbers(plan.text, plan.norm):
            plan.hides.append(_Span(n.start, n.end, n.kind, P_DETECTED, MASK))
        for p in find_patterns(plan.norm):
            plan.hides.append(_Span(p.start, p.end, p.kind, P_DETECTED, MASK))
    return plans


def _standalone(text: str, s: int, e: int, length: int, known: bool) -> bool:
    """A given name or a minority name's part used alone: a boundary on one side for a person the
    case data names (“一鸣导游”), on both sides for a name a detector found (so that a found 文明
    does not eat 文明施工)."""
    before, after = boundary_before(text, s), boundary_after(text, e)
    if length >= 3 or known:
        return before or after
    return before and after


def _lines_of(text: str, span: _Span) -> list[_Span]:
    """The span cut at its first line break (no mask runs into the next line or paragraph: a flat
    number must not take the next paragraph's year)."""
    cut = text.find("\n", span.start, span.end)
    if cut < 0:
        return [span]
    end = span.start + len(text[span.start : cut].rstrip())
    return [_Span(span.start, end, span.kind, span.prio, MASK)] if end > span.start else []


def _resolve(plan: _Plan) -> str:
    hides = []
    for h in (piece for span in plan.hides for piece in _lines_of(plan.text, span)):
        blocked = False
        for k in plan.keeps:
            if k.prio <= h.prio or k.end <= h.start or h.end <= k.start:
                continue
            inside = k.start <= h.start and h.end <= k.end
            # A person's known address or a number may contain a kept string (the complainant's flat
            # at the shop's address); a detector's address guessed from a cue word may not.
            contains = (
                h.start <= k.start
                and k.end <= h.end
                and (h.end - h.start) > (k.end - k.start)
                and (h.prio >= P_PERSON or h.kind in NUMBER_KINDS)
            )
            if inside or (not contains and h.kind not in NUMBER_KINDS):
                blocked = True
                break
        if not blocked:
            hides.append(h)
    hides.sort(key=lambda h: (h.start, -h.end))
    groups: list[list[_Span]] = []
    for h in hides:
        if groups and h.start < max(x.end for x in groups[-1]):
            groups[-1].append(h)
        else:
            groups.append([h])
    out, pos = [], 0
    for group in groups:
        start, end = group[0].start, max(x.end for x in group)
        widest = max(group, key=lambda x: (x.end - x.start, x.prio))
        if widest.start == start and widest.end == end:
            mask = widest.mask
        elif all(x.kind == "name" for x in group):
            mask = mask_name(plan.text[start:end])
        else:
            mask = MASK
        out.append(plan.text[pos:start])
        out.append(mask)
        pos = end
    out.append(plan.text[pos:])
    return "".join(out)


def redact_all(texts: list[str], known: Known) -> list[str]:
    """The public versions of several fields of one record (decision text, title, …): a name found
    in one of them is masked in all."""
    return [_resolve(plan) for plan in _plans(texts, known)]


def redact(text: str, known: Known) -> str:
    """The public version of ``text``."""
    return redact_all([text], known)[0]


def detect(text: str) -> list[Hit]:
    """Personal-data patterns in ``text`` (the leak scanner's check; redaction removes each)."""
    plan = _plans([text], Known())[0]
    hits = []
    for h in plan.hides:
        blocked = any(k.start <= h.start and h.end <= k.end for k in plan.keeps)
        if not blocked:
            kind = "name" if h.kind == "name" else h.kind
            hits.append(Hit(LABELS.get(kind, kind), text[h.start : h.end], h.start))
    return sorted(hits, key=lambda h: h.start)


def known_from_case_data(case: dict[str, Any]) -> Known:
    """``Known`` from case data as the API takes it (and the evaluation corpus writes it):
    ``{"party": {"kind": "person|organization|individual_business", "name", "id_number", "phone",
    "address", "uscc", "legal_rep", "business_address"}, "persons": [{"role", "name", "minor",
    "id_number", "phone", "address", "bank_account", "email"}], "agency": "…"}``."""
    known = Known()
    party = case.get("party") or {}
    personal = ("id_number", "phone", "address", "bank_account", "email")
    if party.get("kind") == "person":
        known.persons.append(str(party.get("name") or ""))
        known.remove.extend(str(party.get(k) or "") for k in personal)
    elif party:
        known.organizations.append(str(party.get("name") or ""))
        # An organization's address (住所, registered or business address) is public like its name.
        known.keep.extend(str(party.get(k) or "") for k in ("uscc", "legal_rep", "business_address", "address"))
    for person in case.get("persons") or []:
        known.persons.append(str(person.get("name") or ""))
        known.remove.extend(str(person.get(k) or "") for k in personal)
    if case.get("agency"):
        known.keep.append(str(case["agency"]))
    return known


def surname(name: str) -> str:
    return surname_of(name)
