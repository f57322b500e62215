"""The review materials, assembled from the case itself (nothing re-typed), and what changed
between two rounds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yangguang.cases.workflow import CaseKind, PartyKind, PenaltyType
from yangguang.documents.selectors import documents_for_subject

from .gate import major_reasons

if TYPE_CHECKING:
    from yangguang.cases.models import Case

# Sections of the materials, in the order the reviewer reads them.
MATERIAL_LABELS: dict[str, str] = {
    "case": "案件",
    "party": "当事人",
    "officers": "承办人员",
    "facts": "违法事实",
    "violated_provisions": "违反的规定",
    "legal_basis": "处罚依据",
    "evidence": "证据",
    "proposal": "拟处罚决定",
    "major_reasons": "重大执法决定情形",
    "discretion": "裁量基准及裁量理由",
    "outside_reason": "超出裁量基准的书面理由",
    "procedure": "办案程序",
    "documents": "执法文书",
}
EVIDENCE_ACTIONS = {
    "evidence": "name",
    "inspection_record": "place",
    "inquiry_record": "person",
    "preserve_evidence": "items",
}
# Steps of the review itself are not materials (they would show up as changes of every round).
REVIEW_ACTIONS = {"submit_review", "resubmit_review", "flag_major", "clear_major_flag"}


def _money(value: Any) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def proposal_text(case: Case) -> str:
    parts = [str(PenaltyType(t).label) for t in case.proposed_penalty_types or [] if t in PenaltyType.values]
    text = "、".join(parts) or "—"
    if case.proposed_fine:
        text += f"；罚款{_money(case.proposed_fine)}元"
    if case.proposed_confiscation:
        text += f"；没收{_money(case.proposed_confiscation)}元"
    return text


def assemble(case: Case, *, discretion: dict[str, Any]) -> dict[str, Any]:
    """Everything the reviewer needs, read from the case: texts or lists of lines."""

    steps = list(case.steps.order_by("seq"))
    evidence = []
    procedure = []
    for s in steps:
        if s.action in EVIDENCE_ACTIONS:
            what = str((s.data or {}).get(EVIDENCE_ACTIONS[s.action]) or "").strip()
            evidence.append(f"{s.label}：{what}（{s.occurred_on.isoformat()}）")
        if s.action not in REVIEW_ACTIONS and not s.action.startswith("review_"):
            procedure.append(f"{s.occurred_on.isoformat()} {s.label}（{s.actor_name}）")
    documents = [
        f"{d.title}{'（' + d.number + '）' if d.number else ''}"
        for d in documents_for_subject(case.subject_label)
        if d.doc_type != "legal_review_opinion"
    ]
    parties = [
        f"{p.name}（{PartyKind(p.kind).label}，{p.id_number}）"
        for p in case.parties.all()
        if p.kind in PartyKind.values
    ]
    officers = [
        f"{link.officer.name}（{link.officer.certificate_no}）{'' if link.active else '（已回避）'}"
        for link in case.case_officers.select_related("officer")
    ]
    return {
        "case": f"{case.number} {case.title}（{CaseKind(case.kind).label}，{case.agency.name}）",
        "party": parties,
        "officers": officers,
        "facts": case.facts,
        "violated_provisions": case.violated_provisions,
        "legal_basis": case.legal_basis,
        "evidence": evidence,
        "proposal": proposal_text(case),
        "major_reasons": [r.text for r in major_reasons(case)],
        "discretion": list(discretion.get("lines", [])),
        "outside_reason": discretion.get("outside_reason", ""),
        "procedure": procedure,
        "documents": documents,
    }


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value not in (None, "") else []


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections that changed between two rounds: for texts before and after, for lists the lines
    added and removed."""
    out = []
    for key, label in MATERIAL_LABELS.items():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        old_lines, new_lines = _lines(old), _lines(new)
        out.append(
            {
                "key": key,
                "label": label,
                "before": "\n".join(old_lines),
                "after": "\n".join(new_lines),
                "added": [x for x in new_lines if x not in old_lines],
                "removed": [x for x in old_lines if x not in new_lines],
            }
        )
    return out
