"""Shared pieces of the document content: the ``Block`` and ``Content`` structures, and the
formatting helpers and block builders that every document type draws on (amounts in capital
numerals, dates, party rows, signature lines, seals, remedies)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from yangguang.workdays.periods import PERIODS


@dataclass(frozen=True)
class Block:
    """A piece of a document.

    ``para``: body paragraph with a two-character first-line indent; ``line``: unindented line
    (当事人：...); ``heading``: bold section heading; ``table``: two-column form rows (label, value);
    ``signs``: signature lines for records (签名栏); ``seal``: right-aligned issuer, seal and date
    lines; ``note``: small print at the foot.
    """

    kind: str
    text: str = ""
    rows: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Content:
    """A whole document: issuing agency, title, number line and body blocks."""

    agency_name: str
    title: str
    number: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    # Printed in the page footer: the ledger's key fingerprint at issue time, so that a reader of
    # the paper can check the record against the published, pinned key.
    footer: str = ""


Ctx = Mapping[str, Any]

# --- formatting helpers ---------------------------------------------------------------------------

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]
_SECTIONS = ["", "万", "亿", "万亿"]


def money_capital(amount: Decimal) -> str:
    """Amount in yuan as the capital numerals used on financial documents (人民币大写)."""
    amount = amount.quantize(Decimal("0.01"))
    if amount == 0:
        return "零元整"
    yuan = int(amount)
    cents = int((amount - yuan) * 100)
    out = ""
    if yuan:
        sections: list[str] = []
        n = yuan
        while n:
            sections.append(_section(n % 10000))
            n //= 10000
        parts: list[str] = []
        for idx in range(len(sections) - 1, -1, -1):
            sec_val = (yuan // (10000**idx)) % 10000
            if sec_val == 0:
                if parts and not parts[-1].endswith("零"):
                    parts.append("零")
                continue
            if parts and sec_val < 1000 and not parts[-1].endswith("零"):
                parts.append("零")
            parts.append(sections[idx] + _SECTIONS[idx])
        out = "".join(parts).rstrip("零") + "元"
    jiao, fen = divmod(cents, 10)
    if not cents:
        return out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


def _section(n: int) -> str:
    s = ""
    zero = False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            zero = bool(s)
            continue
        if zero:
            s += "零"
            zero = False
        s += _DIGITS[d] + _UNITS[pos]
    return s


def money_text(value: Any) -> str:
    """人民币贰万元整（¥20,000.00）."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return f"人民币{money_capital(amount)}（¥{amount:,.2f}）"


def cn_date(value: Any) -> str:
    """2026-11-22 -> 2026年11月22日 (GB/T 9704: Arabic numerals, year, month and day in full)."""
    if not value:
        return "    年  月  日"
    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def cn_datetime(value: Any) -> str:
    if not value:
        return "    年  月  日  时  分"
    if isinstance(value, dt.datetime):
        d = value
    else:
        d = dt.datetime.fromisoformat(str(value))
    return f"{d.year}年{d.month}月{d.day}日{d.hour}时{d.minute:02d}分"


def is_organization(party: Mapping[str, Any]) -> bool:
    kind = party.get("kind")
    if kind:
        return kind == "organization"
    return bool(party.get("legal_representative"))


def you(ctx: Ctx) -> str:
    """How the document addresses the party: 你单位 (organization) or 你 (natural person)."""
    return "你单位" if is_organization(ctx["party"]) else "你"


def party_rows(party: Mapping[str, Any], label: str = "当事人") -> list[tuple[str, str]]:
    org = is_organization(party)
    rows = [(label, str(party["name"]))]
    rows.append(("统一社会信用代码" if org else "身份证件号码", str(party["id_number"])))
    rows.append(("住所" if org else "住址", str(party["address"])))
    if org and party.get("legal_representative"):
        rows.append(("法定代表人（负责人）", str(party["legal_representative"])))
    if party.get("phone"):
        rows.append(("联系电话", str(party["phone"])))
    return rows


def party_lines(ctx: Ctx, label: str = "当事人") -> list[Block]:
    return [Block("line", f"{k}：{v}") for k, v in party_rows(ctx["party"], label)]


def officers_text(officers: Sequence[Mapping[str, Any]]) -> str:
    return "、".join(f"{o['name']}（执法证号：{o['certificate_no']}）" for o in officers)


def items_rows(items: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    rows = []
    for i, item in enumerate(items, 1):
        spec = f"，规格：{item['spec']}" if item.get("spec") else ""
        qty = f"，数量：{item['quantity']}" if item.get("quantity") not in (None, "") else ""
        rows.append((f"{i}", f"{item['name']}{spec}{qty}"))
    return rows


def numbered(lines: Sequence[str]) -> str:
    return "；".join(f"{i}.{line}" for i, line in enumerate(lines, 1)) + "。"


def _end(text: str) -> str:
    text = str(text).strip()
    return text if text.endswith(("。", "！", "；", ".", "？")) else text + "。"


def remedies(ctx: Ctx, what: str = "本决定") -> Block:
    return Block(
        "para",
        f"{you(ctx)}如不服{what}，可以在收到本决定书之日起{PERIODS['reconsideration'].text}内向{ctx['review_organ']}申请行政复议；"
        f"也可以在收到本决定书之日起{PERIODS['litigation'].text}内依法向{ctx['court']}提起行政诉讼。",
    )


def seal(agency_name: str, ctx: Ctx) -> Block:
    return Block("seal", rows=((agency_name, ""), ("（印章）", ""), (cn_date(ctx.get("date")), "")))


def contact(agency_name: str, ctx: Ctx) -> list[Block]:
    parts = []
    if ctx.get("contact_person"):
        parts.append(f"联系人：{ctx['contact_person']}")
    if ctx.get("contact_phone"):
        parts.append(f"联系电话：{ctx['contact_phone']}")
    if ctx.get("agency_address"):
        parts.append(f"地址：{ctx['agency_address']}")
    return [Block("line", "　　".join(parts))] if parts else []


def record_header(ctx: Ctx, place_label: str = "地点") -> list[Block]:
    rows = [
        ("时间", f"{cn_datetime(ctx['started_at'])}至{cn_datetime(ctx['ended_at'])}"),
        (place_label, str(ctx["place"])),
    ]
    if ctx.get("case_number"):
        rows.insert(0, ("案件编号", str(ctx["case_number"])))
    return [Block("table", rows=tuple(rows))]


def officers_block(ctx: Ctx, label: str = "执法人员") -> Block:
    return Block("table", rows=tuple((label, f"{o['name']}　执法证号：{o['certificate_no']}") for o in ctx["officers"]))


def record_signs(*labels: str) -> Block:
    return Block("signs", rows=tuple((label, "") for label in labels))


def show_certificates(ctx: Ctx) -> Block:
    names = "、".join(str(o["name"]) for o in ctx["officers"])
    return Block(
        "para",
        f"执法人员{names}向当事人出示了执法证件，表明身份，告知了当事人有申请回避的权利和如实回答询问、协助调查的义务。"
        "当事人表示：不申请回避。",
    )


def evidence_lines(ctx: Ctx) -> list[Block]:
    return [Block("line", f"{i}.{e}") for i, e in enumerate(ctx["evidence"], 1)]


def payment(ctx: Ctx) -> list[Block]:
    if ctx.get("fine_amount") in (None, ""):
        return []
    return [
        Block(
            "para",
            f"{you(ctx)}应当自收到本决定书之日起{PERIODS['payment'].text}内，将罚款{money_text(ctx['fine_amount'])}缴至{ctx['bank']}。"
            f"逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，"
            f"每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。"
            f"以上加处罚款的标准依据《中华人民共和国行政强制法》第四十五条的规定告知{you(ctx)}。",
        )
    ]
