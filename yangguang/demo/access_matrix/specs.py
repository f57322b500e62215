"""How to call each endpoint: which object of which context its URL names, which body a write
sends. An endpoint without a line here fails the matrix (``MatrixError``)."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .world import CONTEXTS, PNG, Objects, World

Kw = Callable[[World, Objects], dict[str, Any]]

CASE_CTX = CONTEXTS
AGENCY_CTX = ("own", "other")


@dataclass(frozen=True)
class Spec:
    """How to probe one endpoint. ``contexts``: the contexts whose objects its URL names (empty: it
    names none); ``kwargs``: the URL's arguments; ``body``: what a write sends (form fields, or JSON
    with ``json``); ``query``: GET parameters; ``content``: case content, to which the secret and
    other-agency rules apply."""

    methods: tuple[str, ...] = ("GET",)
    contexts: tuple[str, ...] = ()
    kwargs: Kw | None = None
    body: Kw | None = None
    query: Kw | None = None
    json: bool = False
    content: bool = False
    headers: Kw | None = None


def _case(w: World, o: Objects) -> dict[str, Any]:
    return {"pk": o.case.pk}


def _case_id(w: World, o: Objects) -> dict[str, Any]:
    return {"case_id": o.case.pk}


def _get(**kw: Any) -> Spec:
    return Spec(**kw)


def _post(**kw: Any) -> Spec:
    return Spec(methods=("POST",), **kw)


def _tus_headers(w: World, o: Objects) -> dict[str, Any]:

    def b64(text: str) -> str:
        return base64.b64encode(text.encode()).decode()

    meta = f"case {b64(str(o.case.pk))},kind {b64('photo')},filename {b64('a.png')}"
    return {"HTTP_TUS_RESUMABLE": "1.0.0", "HTTP_UPLOAD_LENGTH": str(len(PNG)), "HTTP_UPLOAD_METADATA": meta}


# Pages, by URL name.
PAGES: dict[str, Spec] = {
    "home": _get(),
    "healthz": _get(),
    "login": _get(),
    "logout": _post(),
    "password_change": _get(),
    "password_change_done": _get(),
    "login_otp": _get(),
    "accounts:security": Spec(methods=("GET", "POST")),
    "accounts:security_qr": _get(),
    "accounts:users": _get(),
    "accounts:user_new": Spec(methods=("GET", "POST")),
    "accounts:user": Spec(methods=("GET", "POST"), contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.officer.user.pk}),
    "accounts:unlock": _post(),
    "accounts:audit": _get(),
    "roster:certificate": Spec(methods=("GET", "POST"), contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.officer.pk}),
    "roster:certificates": _get(),
    "roster:regions": _get(),
    "roster:agencies": _get(),
    "roster:agency": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.agency.pk}),
    "roster:officers": _get(),
    "roster:officer": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.officer.pk}),
    "roster:officer_photo": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.officer.pk}),
    "roster:items": _get(),
    "roster:item": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.item.pk}),
    "roster:inspection_items": _get(),
    "roster:entities": _get(),
    "roster:entity": Spec(
        methods=("GET", "POST"),
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"pk": o.entity.pk},
        body=lambda w, o: {"name": "矩阵改名企业", "risk_grade": "low"},
    ),
    "roster:entity_proposals": Spec(
        methods=("GET", "POST"), contexts=AGENCY_CTX, body=lambda w, o: {"proposal": o.proposal.pk, "op": "reject"}
    ),
    "roster:import": Spec(methods=("GET", "POST"), body=lambda w, o: {"kind": "officers"}),
    "roster:import_template": _get(kwargs=lambda w, o: {"kind": "officers"}),
    "roster:export": _get(kwargs=lambda w, o: {"kind": "officers"}),
    "workdays:calendar": _get(),
    "workdays:calculate": _get(),
    "workdays:schedule_edit": Spec(methods=("GET", "POST"), body=lambda w, o: {"year": ""}),
    "workdays:due_changes": _get(),
    "ledger:status": Spec(methods=("GET", "POST")),
    "ledger:status?seq": _get(contexts=CASE_CTX, query=lambda w, o: {"seq": o.entry}, content=True),
    "ledger:export": _post(contexts=CASE_CTX, body=lambda w, o: {"subject": o.case.subject_label}, content=True),
    "ledger:verifier": _get(),
    "ledger:witness": _get(),
    "ledger:checkpoint": _get(),
    "ledger:checkpoint_at": _get(kwargs=lambda w, o: {"size": 1}),
    "ledger:checkpoints_json": _get(),
    "documents:list": _get(),
    "documents:list?subject": _get(
        contexts=CASE_CTX, query=lambda w, o: {"subject": o.case.subject_label}, content=True
    ),
    "documents:types": _get(),
    "documents:detail": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.document.pk}, content=True),
    "documents:download": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.document.pk}, content=True),
    "field:home": _get(),
    "field:case": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"case_id": o.case.pk}, content=True),
    "field:manifest": _get(),
    "field:sw": _get(),
    "documents:sign": _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.document.pk},
        body=lambda w, o: {
            "signer_name": "王五",
            "role": "party",
            "method": "on_site",
            "signed_at": "2026-01-01T10:00",
        },
        content=True,
    ),
    "documents:signature_scan": _get(
        contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.document.pk, "signature_id": 1}, content=True
    ),
    "cases:my_cases": _get(),
    "cases:new": Spec(methods=("GET", "POST")),
    "cases:entity_lookup": _get(),
    "cases:deadlines": _get(),
    "cases:flowcharts": _get(),
    "cases:flowchart": _get(kwargs=lambda w, o: {"kind": "penalty_ordinary"}),
    "cases:detail": _get(contexts=CASE_CTX, kwargs=_case, content=True),
    "cases:act": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.case.pk, "action": "evidence"}, content=True),
    "cases:export": _get(contexts=CASE_CTX, kwargs=_case, content=True),
    "cases:person_add": _post(
        contexts=CASE_CTX, kwargs=_case, body=lambda w, o: {"role": "witness", "name": "证人甲"}, content=True
    ),
    "cases:person_remove": _post(
        contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.case.pk, "person_id": 999999}, content=True
    ),
    "cases:approvals": _get(),
    "cases:approval": Spec(
        methods=("GET", "POST"),
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.approval.pk},
        body=lambda w, o: {"op": "return", "opinion": "材料不全"},
        content=True,
    ),
    "cases:approval_withdraw": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.approval.pk}, content=True),
    "cases:delegate": _post(body=lambda w, o: {"delegate": "", "reason": "外出"}),
    "cases:delegation_revoke": _post(kwargs=lambda w, o: {"pk": 999999}),
    "todo": _get(),
    "todo_counts": _get(),
    "discretion:benchmarks": _get(),
    "discretion:benchmark": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.benchmark.pk}),
    "discretion:benchmark_publish": _post(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.benchmark.pk}),
    "discretion:benchmark_delete": _post(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.benchmark.pk}),
    "discretion:import": Spec(methods=("GET", "POST")),
    "discretion:import_template": _get(),
    "discretion:catalog": _get(),
    "discretion:assistant": _get(),
    "discretion:assistant_factors": _get(),
    "discretion:public": _get(),
    "discretion:public_detail": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.benchmark.pk}),
    "supervision:cockpit": _get(),
    "supervision:cockpit_cases": _get(query=lambda w, o: {"metric": "opened"}),
    "supervision:cockpit_export": _get(),
    "supervision:assessment": _get(),
    "inspections:plans": Spec(methods=("GET", "POST"), body=lambda w, o: {"title": ""}),
    "inspections:plan": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.plan.pk}),
    "inspections:plan_approve": _post(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.plan.pk}),
    "inspections:plan_publish": _post(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.plan.pk}),
    "inspections:draw_commit": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.plan.pk}, body=lambda w, o: {"seed_source": ""}
    ),
    "inspections:draw_reveal": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.draw.pk}, body=lambda w, o: {"seed": "x"}
    ),
    "inspections:my_tasks": _get(),
    "inspections:task": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.task.pk}),
    "inspections:task_result": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.task.pk}, body=lambda w, o: {"result_code": ""}
    ),
    "inspections:task_review": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.task.pk}, body=lambda w, o: {"decision": "return"}
    ),
    "inspections:task_case": _post(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.task.pk}),
    "inspections:assignment_replace": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.assignment.pk}, body=lambda w, o: {"reason": ""}
    ),
    "inspections:conflicts": Spec(methods=("GET", "POST"), body=lambda w, o: {"uscc": ""}),
    "inspections:conflict_withdraw": _post(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.conflict.pk}),
    "inspections:replacements": _get(),
    "inspections:public_plans": _get(),
    "inspections:public_plan": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.plan.pk}),
    "inspections:public_draw_file": _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.draw.pk, "name": "commitment.json"}
    ),
    "inspections:public_draw_py": _get(),
    "inspections:public_entity": _get(),
    "supervision:evaluations": Spec(methods=("GET", "POST"), body=lambda w, o: {"name": ""}),
    "supervision:sheets": Spec(methods=("GET", "POST"), body=lambda w, o: {"name": ""}),
    "supervision:evaluation": _get(kwargs=lambda w, o: {"pk": w.extra["plan"].pk}),
    "supervision:evaluation_file": Spec(
        methods=("GET", "POST"), kwargs=lambda w, o: {"pk": w.extra["plan"].pk, "rank": 1}, body=lambda w, o: {}
    ),
    "supervision:campaigns": Spec(methods=("GET", "POST"), body=lambda w, o: {"title": ""}),
    "supervision:campaign": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.campaign.pk}),
    "supervision:campaign_report": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.campaign.pk}, body=lambda w, o: {"report": ""}
    ),
    "supervision:campaign_problem": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.campaign.pk}, body=lambda w, o: {"category": ""}
    ),
    "supervision:problem_progress": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.problem.pk}, body=lambda w, o: {"progress": ""}, content=True
    ),
    "supervision:problem_decide": _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"pk": o.problem.pk},
        body=lambda w, o: {"decision": "return", "note": ""},
        content=True,
    ),
    "supervision:problem_evidence": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.problem.pk}, content=True),
    "supervision:models": _get(),
    "supervision:hits": _get(kwargs=lambda w, o: {"code": "publication_late"}),
    "supervision:mark": _post(
        kwargs=lambda w, o: {"code": "publication_late"}, body=lambda w, o: {"key": "x", "verdict": "confirmed"}
    ),
    "supervision:parameters": _post(
        kwargs=lambda w, o: {"code": "profit_driven"}, body=lambda w, o: {"p_share_percent": "", "reason": ""}
    ),
    "supervision:clue_from_hit": _post(
        kwargs=lambda w, o: {"code": "publication_late"}, body=lambda w, o: {"key": "x"}
    ),
    "supervision:clues": Spec(methods=("GET", "POST"), body=lambda w, o: {"title": ""}),
    "supervision:clue": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.clue.pk}, content=True),
    "supervision:clue_assign": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.clue.pk}, body=lambda w, o: {"assignee": ""}, content=True
    ),
    "supervision:clue_close": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.clue.pk}, body=lambda w, o: {"finding": ""}, content=True
    ),
    "supervision:clue_issue": _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.clue.pk}, body=lambda w, o: {"kind": ""}, content=True
    ),
    "supervision:documents": _get(),
    "supervision:document": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.sup_document.pk}, content=True),
    "supervision:document_answer": _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"pk": o.sup_document.pk},
        body=lambda w, o: {"rectification": ""},
        content=True,
    ),
    "supervision:document_decide": _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"pk": o.sup_document.pk},
        body=lambda w, o: {"decision": "return", "note": ""},
        content=True,
    ),
    "supervision:answer_evidence": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.sup_answer.pk}, content=True),
    "supervision:complaint": Spec(methods=("GET", "POST"), body=lambda w, o: {"title": ""}),
    "review:queue": _get(),
    "review:staffing": Spec(methods=("GET", "POST"), body=lambda w, o: {"days": "x"}),
    "review:detail": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.review.pk}, content=True),
    "review:assign": _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.review.pk},
        body=lambda w, o: {"reviewer": w.users["officer"].officer.pk},
        content=True,
    ),
    "review:opinion": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.review.pk}, content=True),
    "review:coordinate": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.review.pk}, content=True),
    "review:resolve": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.review.pk}, content=True),
    "evidence:tus_create": _post(contexts=CASE_CTX, headers=_tus_headers, content=True),
    "evidence:tus_upload": Spec(
        methods=("HEAD", "DELETE"),
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"upload_id": str(o.upload.pk)},
        headers=lambda w, o: {"HTTP_TUS_RESUMABLE": "1.0.0"},
        content=True,
    ),
    "evidence:upload": _post(
        contexts=CASE_CTX, kwargs=_case_id, body=lambda w, o: {"kind": "photo", "file": _png()}, content=True
    ),
    "evidence:add_exception": _post(
        contexts=CASE_CTX, kwargs=_case_id, body=lambda w, o: {"step": "", "reason": ""}, content=True
    ),
    "evidence:export": _post(contexts=CASE_CTX, kwargs=_case_id, body=lambda w, o: {"reason": ""}, content=True),
    "evidence:open_document": _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"case_id": o.case.pk, "doc_id": o.document.pk},
        body=lambda w, o: {"reason": ""},
        content=True,
    ),
    "evidence:exceptions": _get(),
    "evidence:av_items": Spec(methods=("GET", "POST"), body=lambda w, o: {"storage_years": "x"}),
    "evidence:detail": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.evidence.pk}, content=True),
    "evidence:download": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.evidence.pk}, content=True),
    "evidence:media": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.evidence.pk}, content=True),
    "evidence:thumb": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.evidence.pk}, content=True),
    "evidence:legal_hold": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.evidence.pk}, content=True),
    "jobs:overview": _get(),
    "jobs:retry": _post(kwargs=lambda w, o: {"pk": 999_999}),
    "publicity:home": _get(),
    "publicity:ledger": _get(),
    "publicity:agencies": _get(),
    "publicity:agency": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.agency.pk}),
    "publicity:officers": _get(),
    "publicity:items": _get(),
    "publicity:item": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.item.pk}),
    "publicity:inspection_items": _get(),
    "publicity:verify_check": _get(),
    "publicity:verify": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"token": o.token}),
    "publicity:certificate_qr": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"token": o.token}),
    "publicity:certificate_qr_svg": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"token": o.token}),
    "publicity:officer_photo": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"token": o.token}),
    "publicity:decisions": _get(),
    "publicity:search": _get(),
    "publicity:decision": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}),
    "publicity:open_data": _get(),
    "publicity:decisions_csv": _get(),
    "publicity:decisions_atom": _get(),
    "publicity:annual_reports": _get(),
    "publicity:annual_report_xlsx": _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"pk": o.report.pk}),
    "publicity:manage_board": _get(),
    "publicity:manage_setting": _post(),
    "publicity:manage_leaks": _get(),
    "publicity:manage_push": _get(),
    "publicity:manage_report": _get(),
    "publicity:manage_report_publish": _post(body=lambda w, o: {"year": "2030"}),
    "publicity:manage_report_region_xlsx": _get(),
    "publicity:manage_publication": _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}, content=True),
    "publicity:manage_approve": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}, content=True),
    "publicity:manage_redact": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}, content=True),
    "publicity:manage_correct": _post(
        contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}, body=lambda w, o: {"reason": ""}, content=True
    ),
    "publicity:manage_withdraw": _post(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}, content=True),
}


# API operations, by (method, OpenAPI path).
API: dict[tuple[str, str], Spec] = {
    ("GET", "/api/workdays/add"): _get(query=lambda w, o: {"start": "2026-03-02", "days": 5}),
    ("GET", "/api/workdays/between"): _get(query=lambda w, o: {"start": "2026-03-02", "end": "2026-03-09"}),
    ("GET", "/api/workdays/years"): _get(),
    ("GET", "/api/roster/agencies"): _get(),
    ("GET", "/api/roster/officers"): _get(),
    ("GET", "/api/roster/officers/{officer_id}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"officer_id": o.officer.pk}
    ),
    ("GET", "/api/roster/items"): _get(),
    ("GET", "/api/roster/inspection-items"): _get(),
    ("GET", "/api/roster/entities"): _get(),
    ("POST", "/api/roster/entities/{entity_id}/changes"): _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"entity_id": o.entity.pk}, json=True, body=lambda w, o: {"phone": "1"}
    ),
    ("GET", "/api/roster/entity-proposals"): _get(),
    ("POST", "/api/roster/entity-proposals/{proposal_id}/decision"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"proposal_id": o.proposal.pk},
        json=True,
        body=lambda w, o: {"accept": False},
    ),
    ("POST", "/api/roster/import"): _post(body=lambda w, o: {"kind": "officers", "file": _empty_file()}),
    ("GET", "/api/ledger/checkpoint"): _get(),
    ("GET", "/api/ledger/public-key"): _get(),
    ("GET", "/api/ledger/entries/{seq}"): _get(contexts=CASE_CTX, kwargs=lambda w, o: {"seq": o.entry}, content=True),
    ("GET", "/api/ledger/entries/{seq}/proof"): _get(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"seq": o.entry},
        query=lambda w, o: {"tree_size": o.entry + 1},
        content=True,
    ),
    ("GET", "/api/ledger/consistency"): _get(query=lambda w, o: {"first": 1, "second": 2}),
    ("GET", "/api/documents/types"): _get(),
    ("GET", "/api/documents/{document_id}"): _get(
        contexts=CASE_CTX, kwargs=lambda w, o: {"document_id": o.document.pk}, content=True
    ),
    ("GET", "/api/documents/{document_id}/signatures"): _get(
        contexts=CASE_CTX, kwargs=lambda w, o: {"document_id": o.document.pk}, content=True
    ),
    ("POST", "/api/documents/{document_id}/signatures"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"document_id": o.document.pk},
        json=True,
        body=lambda w, o: {
            "signer_name": "王五",
            "role": "party",
            "method": "on_site",
            "signed_at": "2026-01-01T10:00:00+08:00",
        },
        content=True,
    ),
    ("POST", "/api/cases/"): _post(
        json=True, body=lambda w, o: {"kind": "penalty_ordinary", "title": "", "parties": []}
    ),
    ("GET", "/api/cases/"): _get(),
    ("GET", "/api/cases/deadlines"): _get(),
    ("GET", "/api/cases/workflows"): _get(),
    ("GET", "/api/cases/approvals"): _get(),
    ("POST", "/api/cases/approvals/{request_id}/decision"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"request_id": o.approval.pk},
        body=lambda w, o: {"approve": False, "opinion": "材料不全"},
        json=True,
        content=True,
    ),
    ("GET", "/api/cases/{case_id}"): _get(contexts=CASE_CTX, kwargs=_case_id, content=True),
    ("POST", "/api/cases/{case_id}/transitions"): _post(
        contexts=CASE_CTX,
        kwargs=_case_id,
        json=True,
        body=lambda w, o: {"action": "evidence", "data": {}},
        content=True,
    ),
    ("GET", "/api/cases/{case_id}/record"): _get(contexts=CASE_CTX, kwargs=_case_id, content=True),
    ("POST", "/api/cases/{case_id}/persons"): _post(
        contexts=CASE_CTX,
        kwargs=_case_id,
        json=True,
        body=lambda w, o: {"role": "witness", "name": "证人甲"},
        content=True,
    ),
    ("DELETE", "/api/cases/{case_id}/persons/{person_id}"): Spec(
        methods=("DELETE",),
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"case_id": o.case.pk, "person_id": 999999},
        content=True,
    ),
    ("GET", "/api/discretion/benchmarks"): _get(),
    ("GET", "/api/discretion/benchmarks/{benchmark_id}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"benchmark_id": o.benchmark.pk}
    ),
    ("POST", "/api/discretion/suggest"): _post(
        json=True, body=lambda w, o: {"item_id": w.ctx["own"].item.pk, "party_kind": "organization"}
    ),
    ("POST", "/api/discretion/check"): _post(
        json=True, body=lambda w, o: {"item_id": w.ctx["own"].item.pk, "party_kind": "organization"}
    ),
    ("POST", "/api/discretion/major"): _post(json=True, body=lambda w, o: {"party_kind": "organization"}),
    ("POST", "/api/discretion/import"): _post(body=lambda w, o: {"file": _empty_file()}),
    ("GET", "/api/inspections/plans"): _get(),
    ("POST", "/api/inspections/plans"): _post(json=True, body=lambda w, o: {"title": ""}),
    ("GET", "/api/inspections/plans/{plan_id}"): _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"plan_id": o.plan.pk}),
    ("POST", "/api/inspections/plans/{plan_id}/approve"): _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"plan_id": o.plan.pk}
    ),
    ("POST", "/api/inspections/plans/{plan_id}/publish"): _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"plan_id": o.plan.pk}
    ),
    ("POST", "/api/inspections/plans/{plan_id}/commit"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"plan_id": o.plan.pk},
        json=True,
        body=lambda w, o: {"seed_source": "x", "revealer_id": o.plan.created_by_id, "inspection_date": "2026-03-02"},
    ),
    ("POST", "/api/inspections/draws/{draw_id}/reveal"): _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"draw_id": o.draw.pk}, json=True, body=lambda w, o: {"seed": "x"}
    ),
    ("GET", "/api/inspections/plans/{plan_id}/figures"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"plan_id": o.plan.pk}
    ),
    ("GET", "/api/inspections/tasks"): _get(),
    ("GET", "/api/inspections/tasks/{task_id}"): _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"task_id": o.task.pk}),
    ("POST", "/api/inspections/tasks/{task_id}/result"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"task_id": o.task.pk},
        json=True,
        body=lambda w, o: {"result_code": "no_problem", "record": "矩阵", "inspected_on": "2026-03-02"},
    ),
    ("POST", "/api/inspections/tasks/{task_id}/review"): _post(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"task_id": o.task.pk}, json=True, body=lambda w, o: {"approve": False}
    ),
    ("POST", "/api/inspections/tasks/{task_id}/case"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"task_id": o.task.pk},
        json=True,
        body=lambda w, o: {"item_id": o.item.pk},
    ),
    ("POST", "/api/inspections/assignments/{assignment_id}/replace"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"assignment_id": o.assignment.pk},
        json=True,
        body=lambda w, o: {"officer_id": o.officer.pk, "reason": ""},
    ),
    ("GET", "/api/inspections/conflicts"): _get(),
    ("POST", "/api/inspections/conflicts"): _post(
        contexts=AGENCY_CTX,
        json=True,
        body=lambda w, o: {"officer_id": o.officer.pk, "uscc": o.entity.uscc, "kind": "interest"},
    ),
    ("POST", "/api/inspections/import/plans"): _post(body=lambda w, o: {"file": _empty_file()}),
    ("POST", "/api/inspections/import/conflicts"): _post(body=lambda w, o: {"file": _empty_file()}),
    ("GET", "/api/inspections/public/plans"): _get(),
    ("GET", "/api/inspections/public/plans/{plan_id}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"plan_id": o.plan.pk}
    ),
    ("GET", "/api/inspections/public/entities/{uscc}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"uscc": o.task.entity.uscc}
    ),
    ("GET", "/api/supervision/models"): _get(),
    ("GET", "/api/supervision/models/{code}"): _get(kwargs=lambda w, o: {"code": "publication_late"}),
    ("GET", "/api/supervision/models/{code}/hits"): _get(kwargs=lambda w, o: {"code": "publication_late"}),
    ("POST", "/api/supervision/models/{code}/hits/mark"): _post(
        kwargs=lambda w, o: {"code": "publication_late"},
        json=True,
        body=lambda w, o: {"key": "x", "verdict": "confirmed"},
    ),
    ("POST", "/api/supervision/models/{code}/hits/clue"): _post(
        kwargs=lambda w, o: {"code": "publication_late"}, json=True, body=lambda w, o: {"key": "x"}
    ),
    ("GET", "/api/supervision/models/{code}/parameters"): _get(kwargs=lambda w, o: {"code": "profit_driven"}),
    ("POST", "/api/supervision/models/{code}/parameters"): _post(
        kwargs=lambda w, o: {"code": "profit_driven"}, json=True, body=lambda w, o: {"values": {}, "reason": ""}
    ),
    ("GET", "/api/supervision/clues"): _get(),
    ("POST", "/api/supervision/clues"): _post(
        contexts=AGENCY_CTX, json=True, body=lambda w, o: {"agency_id": o.agency.pk, "title": "", "description": ""}
    ),
    ("GET", "/api/supervision/clues/{clue_id}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"clue_id": o.clue.pk}, content=True
    ),
    ("POST", "/api/supervision/clues/{clue_id}/assign"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"clue_id": o.clue.pk},
        json=True,
        body=lambda w, o: {"assignee_id": o.officer.user.pk},
        content=True,
    ),
    ("POST", "/api/supervision/clues/{clue_id}/close"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"clue_id": o.clue.pk},
        json=True,
        body=lambda w, o: {"finding": "", "text": ""},
        content=True,
    ),
    ("POST", "/api/supervision/clues/{clue_id}/documents"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"clue_id": o.clue.pk},
        json=True,
        body=lambda w, o: {"kind": "", "problems": "", "requirements": ""},
        content=True,
    ),
    ("GET", "/api/supervision/documents"): _get(),
    ("GET", "/api/supervision/documents/{document_id}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"document_id": o.sup_document.pk}, content=True
    ),
    ("POST", "/api/supervision/documents/{document_id}/answer"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"document_id": o.sup_document.pk},
        body=lambda w, o: {"rectification": ""},
        content=True,
    ),
    ("GET", "/api/supervision/answers/{answer_id}/evidence"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"answer_id": o.sup_answer.pk}, content=True
    ),
    ("GET", "/api/supervision/problems/{problem_id}/evidence"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"problem_id": o.problem.pk}, content=True
    ),
    ("POST", "/api/supervision/documents/{document_id}/decide"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"document_id": o.sup_document.pk},
        json=True,
        body=lambda w, o: {"accept": False, "note": ""},
        content=True,
    ),
    ("GET", "/api/supervision/evaluations/sheets"): _get(),
    ("POST", "/api/supervision/evaluations/sheets"): _post(
        body=lambda w, o: {"name": "", "version": "", "file": _empty_file()}
    ),
    ("GET", "/api/supervision/evaluations"): _get(),
    ("POST", "/api/supervision/evaluations"): _post(
        json=True,
        body=lambda w, o: {"name": "", "size": 1, "closed_from": "2026-01-01", "closed_until": "2026-12-31"},
    ),
    ("GET", "/api/supervision/evaluations/{plan_id}"): _get(kwargs=lambda w, o: {"plan_id": w.extra["plan"].pk}),
    ("POST", "/api/supervision/evaluations/{plan_id}/files/{rank}/score"): _post(
        kwargs=lambda w, o: {"plan_id": w.extra["plan"].pk, "rank": 1}, json=True, body=lambda w, o: {"points": {}}
    ),
    ("GET", "/api/supervision/evaluations/{plan_id}/report"): _get(kwargs=lambda w, o: {"plan_id": w.extra["plan"].pk}),
    ("GET", "/api/supervision/campaigns"): _get(),
    ("POST", "/api/supervision/campaigns"): _post(
        json=True, body=lambda w, o: {"title": "", "tasks": "", "report_due": "2026-01-01"}
    ),
    ("GET", "/api/supervision/campaigns/{campaign_id}"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"campaign_id": o.campaign.pk}
    ),
    ("GET", "/api/supervision/campaigns/{campaign_id}/summary"): _get(
        contexts=AGENCY_CTX, kwargs=lambda w, o: {"campaign_id": o.campaign.pk}
    ),
    ("POST", "/api/supervision/campaigns/{campaign_id}/report"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"campaign_id": o.campaign.pk},
        json=True,
        body=lambda w, o: {"report": ""},
    ),
    ("POST", "/api/supervision/campaigns/{campaign_id}/problems"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"campaign_id": o.campaign.pk},
        json=True,
        body=lambda w, o: {"category": "", "description": "", "measure": "", "owner": "", "due_on": "2026-01-01"},
    ),
    ("POST", "/api/supervision/problems/{problem_id}/progress"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"problem_id": o.problem.pk},
        body=lambda w, o: {"progress": ""},
        content=True,
    ),
    ("POST", "/api/supervision/problems/{problem_id}/decide"): _post(
        contexts=AGENCY_CTX,
        kwargs=lambda w, o: {"problem_id": o.problem.pk},
        json=True,
        body=lambda w, o: {"accept": False, "note": ""},
        content=True,
    ),
    ("GET", "/api/supervision/assessment"): _get(),
    ("GET", "/api/supervision/cockpit"): _get(),
    ("GET", "/api/publicity/officers"): _get(),
    ("POST", "/api/publicity/manage/rerun-redaction"): _post(
        contexts=AGENCY_CTX, json=True, body=lambda w, o: {"agency": o.agency.pk, "apply": False}
    ),
    ("GET", "/api/publicity/verify/{token}"): _get(contexts=AGENCY_CTX, kwargs=lambda w, o: {"token": o.token}),
    ("GET", "/api/publicity/agencies"): _get(),
    ("GET", "/api/publicity/decisions"): _get(),
    ("GET", "/api/publicity/decisions/{pk}"): _get(contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.publication.pk}),
    ("GET", "/api/review/checks"): _get(),
    ("GET", "/api/review/queue"): _get(),
    ("GET", "/api/review/cases/{case_id}"): _get(contexts=CASE_CTX, kwargs=_case_id, content=True),
    ("POST", "/api/review/cases/{case_id}/submit"): _post(
        contexts=CASE_CTX, kwargs=_case_id, json=True, body=lambda w, o: {}, content=True
    ),
    ("POST", "/api/review/cases/{case_id}/resubmit"): _post(
        contexts=CASE_CTX, kwargs=_case_id, json=True, body=lambda w, o: {}, content=True
    ),
    ("GET", "/api/review/requests/{pk}"): _get(
        contexts=CASE_CTX, kwargs=lambda w, o: {"pk": o.review.pk}, content=True
    ),
    ("POST", "/api/review/requests/{pk}/assign"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.review.pk},
        json=True,
        body=lambda w, o: {"reviewer_id": w.users["officer"].officer.pk},
        content=True,
    ),
    ("POST", "/api/review/requests/{pk}/opinion"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.review.pk},
        json=True,
        body=lambda w, o: {"findings": [], "opinion": "agree", "text": ""},
        content=True,
    ),
    ("POST", "/api/review/requests/{pk}/coordination"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.review.pk},
        json=True,
        body=lambda w, o: {"unit_position": ""},
        content=True,
    ),
    ("POST", "/api/review/requests/{pk}/coordination/resolve"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"pk": o.review.pk},
        json=True,
        body=lambda w, o: {"method": "", "outcome": "", "conclusion": ""},
        content=True,
    ),
    ("GET", "/api/evidence/cases/{case_id}"): _get(contexts=CASE_CTX, kwargs=_case_id, content=True),
    ("POST", "/api/evidence/cases/{case_id}/exceptions"): _post(
        contexts=CASE_CTX, kwargs=_case_id, json=True, body=lambda w, o: {"step": "", "reason": ""}, content=True
    ),
    ("POST", "/api/evidence/{evidence_id}/access"): _post(
        contexts=CASE_CTX,
        kwargs=lambda w, o: {"evidence_id": o.evidence.pk},
        json=True,
        body=lambda w, o: {"reason": ""},
        content=True,
    ),
}
# The API's own documents (not operations of a router).
API_PAGES = {"api:openapi-json": _get(), "api:openapi-view": _get(), "api:api-root": _get()}


def _png() -> io.BytesIO:
    f = io.BytesIO(PNG)
    f.name = "a.png"
    return f


def _empty_file() -> io.BytesIO:
    f = io.BytesIO(b"")
    f.name = "empty.xlsx"
    return f
