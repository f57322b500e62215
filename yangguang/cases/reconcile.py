"""Reconciling case steps with their ledger entries (registered in ``CasesConfig.ready``): every
step of every case timeline is one ``cases.<action>`` entry written in the step's transaction, so a
step changed, inserted or deleted outside the services, or an entry forged about a step that never
happened, is found by ``ledger verify``."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from yangguang.cases.models import Case, Step


def _fields(step: Step) -> dict[str, Any]:
    """What the step's entry recorded, from the step as it is now."""
    return {
        "action": f"cases.{step.action}",
        "actor": step.actor.username if step.actor is not None else "system",
        "case": step.case.number,
        "label": step.label,
        "from": step.from_state,
        "to": step.to_state,
        "occurred_on": step.occurred_on.isoformat(),
        "reason": step.reason,
        "data": step.data,
        "documents": step.documents,
    }


_LABELS = {
    "action": "动作",
    "actor": "操作人",
    "case": "案件编号",
    "label": "步骤",
    "from": "原状态",
    "to": "新状态",
    "occurred_on": "发生日期",
    "reason": "理由",
    "data": "记录内容",
    "documents": "执法文书",
}


class StepReconciler:
    name = "办案步骤"
    many_entries = False

    def __init__(self) -> None:
        self._numbers: dict[Any, str] = {}

    def key(self, doc: Mapping[str, Any]) -> Hashable | None:
        subject = str(doc.get("subject", ""))
        payload = doc.get("payload")
        if not str(doc.get("action", "")).startswith("cases.") or not subject.startswith("cases.case:"):
            return None
        if not isinstance(payload, dict) or "step" not in payload:
            return None
        try:
            return (int(subject.split(":", 1)[1]), int(payload["step"]))
        except (TypeError, ValueError):
            return None

    def load(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        wanted = set(keys)
        case_ids = {k[0] for k in wanted if isinstance(k, tuple)}
        out: dict[Hashable, Step] = {}
        for step in Step.objects.filter(case_id__in=case_ids).select_related("actor", "case"):
            self._numbers[step.case_id] = step.case.number
            if (step.case_id, step.seq) in wanted:
                out[(step.case_id, step.seq)] = step
        return out

    def differs(self, doc: Mapping[str, Any], seq: int, record: Any) -> str | None:
        step: Step = record
        payload = doc.get("payload") or {}
        recorded = {"action": doc.get("action"), "actor": doc.get("actor"), **payload}
        changed = [label for name, label in _LABELS.items() if recorded.get(name) != _fields(step)[name]]
        if step.ledger_seq != seq:
            changed.append("记录序号")
        return "、".join(changed) or None

    def all_keys(self) -> Iterator[Hashable]:
        yield from Step.objects.order_by("case_id", "seq").values_list("case_id", "seq").iterator(chunk_size=5000)

    def describe(self, key: Any) -> str:
        case_id, step_no = key
        if case_id not in self._numbers:
            self._numbers[case_id] = Case.objects.filter(pk=case_id).values_list("number", flat=True).first() or "?"
        return f"案件 {self._numbers[case_id]} 第 {step_no} 步"
