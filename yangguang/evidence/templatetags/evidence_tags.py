"""``{% evidence_panel case %}``: the evidence section of the case page (cases/detail.html)."""

from __future__ import annotations

from typing import Any

from django import template

from yangguang.cases.workflow import workflow_for
from yangguang.evidence import selectors
from yangguang.evidence.models import EvidenceKind

register = template.Library()


@register.inclusion_tag("evidence/case_panel.html", takes_context=True)
def evidence_panel(context: dict[str, Any], case: Any) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    wf = workflow_for(case.kind)
    steps: dict[str, str] = {}
    for t in wf.transitions:
        steps.setdefault(t.action, t.label)
    rows = [
        {"ev": ev, "kind_label": EvidenceKind(ev.kind).label, "step_label": steps.get(ev.step, ev.step)}
        for ev in selectors.case_evidence(case)
    ]
    return {
        "case": case,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "rows": rows,
        "requirements": selectors.requirements(case),
        "gaps": selectors.gaps(case),
        "exceptions": [{"e": e, "step_label": steps.get(e.step, e.step)} for e in selectors.case_exceptions(case)],
        "steps": sorted(steps.items(), key=lambda kv: kv[1]),
        "kinds": EvidenceKind.choices,
        "can_upload": selectors.can_upload(user, case),
        "show_log": selectors.can_see_access_log(user, case),
        "log": list(selectors.access_log(case)[:200]),
    }
