"""The world the access matrix is probed against: three agencies, the personas and per context the
objects (case, document, evidence, upload, publication, review request, ledger entry…), made
through the services."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile

from yangguang.access.roles import (
    AGENCY_HEAD,
    AUDIT_ADMIN,
    OFFICER,
    REVIEWER,
    SECURITY_ADMIN,
    SUPERVISOR,
    SYSTEM_ADMIN,
    UNIT_HEAD,
)
from yangguang.cases.demo import approved
from yangguang.cases.models import ApprovalRequest
from yangguang.cases.services import case_transition, create_case
from yangguang.core.validators import make_uscc
from yangguang.discretion.models import Benchmark
from yangguang.documents.models import IssuedDocument
from yangguang.evidence import services as evidence_services
from yangguang.inspections import services as inspection_services
from yangguang.jobs import outbox
from yangguang.publicity import reports
from yangguang.publicity import services as publicity_services
from yangguang.publicity.models import SourceKind
from yangguang.publicity.redaction import Known
from yangguang.publicity.tokens import certificate_token
from yangguang.review.models import ReviewRequest, ReviewRound
from yangguang.roster.models import (
    ActionKind,
    Agency,
    EnforcementItem,
    Entity,
    EntityChangeProposal,
    InspectionItem,
    Officer,
    Region,
    Unit,
)
from yangguang.roster.services import create_user
from yangguang.supervision.evaluation import default_sheet
from yangguang.supervision.models import (
    Answer,
    Campaign,
    Clue,
    ClueSource,
    DocKind,
    DocStatus,
    EvaluationFile,
    EvaluationPlan,
    Participant,
    Problem,
    SupervisionDocument,
)

CONTEXTS = ("own", "other", "secret")
CONTEXT_LABELS = {"own": "本机关", "other": "外机关", "secret": "涉密案件"}
# (column, username, role label); the anonymous visitor first.
PRINCIPALS: tuple[tuple[str, str], ...] = (
    ("anonymous", "游客"),
    ("officer", "执法人员（承办）"),
    ("bystander", "执法人员（非承办）"),
    ("unit_head", "承办机构负责人"),
    ("reviewer", "法制审核人员"),
    ("agency_head", "行政机关负责人"),
    ("supervisor", "执法监督人员"),
    ("system_admin", "系统管理员"),
    ("security_admin", "安全管理员"),
    ("audit_admin", "审计管理员"),
)
PASSWORD = "Matrix-2026-access"
TODAY = dt.date(2026, 3, 2)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND"
    b"\xaeB`\x82"
)


class MatrixError(AssertionError):
    """An endpoint the matrix does not know how to call (add it to ``SPECS``)."""


@dataclass
class Objects:
    """The objects of one context (own agency, other agency, secret case of the own agency)."""

    agency: Any = None
    officer: Any = None
    item: Any = None
    case: Any = None
    document: Any = None
    evidence: Any = None
    upload: Any = None
    publication: Any = None
    review: Any = None
    entry: int = 0
    benchmark: Any = None
    report: Any = None
    token: str = ""
    entity: Any = None  # a directory entry the context's agency registered …
    proposal: Any = None  # … and another agency's pending change proposal on it
    clue: Any = None  # a supervision clue about the context's agency …
    sup_document: Any = None  # … an opinion sent to it …
    sup_answer: Any = None  # … and its answer with evidence
    campaign: Any = None  # a campaign the context's agency takes part in …
    problem: Any = None  # … and a problem of its list, reported with evidence
    plan: Any = None  # a drawn random inspection plan of the agency …
    draw: Any = None  # … its draw, a task, an inspector's assignment and a recusal conflict
    task: Any = None
    assignment: Any = None
    conflict: Any = None
    approval: Any = None  # a pending approval request (延长办案期限) of the case


@dataclass
class World:
    users: dict[str, Any]
    ctx: dict[str, Objects]
    extra: dict[str, Any] = field(default_factory=dict)


def _party(n: int) -> dict[str, Any]:
    return {
        "kind": "organization",
        "name": f"杭州矩阵食品有限公司{n}",
        "id_number": make_uscc(970_000 + n),
        "address": "杭州市西湖区文三路1号",
        "phone": "0571-88888888",
        "legal_representative": "王五",
    }


def _inspection(o: Objects, ag: Any, *, maker: Any, head: Any, serial: int) -> None:
    """A random inspection plan of ``ag``: made, approved, published, committed, drawn; a recusal
    conflict of the context's officer."""
    item = InspectionItem.objects.create(agency=ag, code=f"SJ{serial:04d}", name="餐饮服务食品安全检查")
    targets = [
        Entity.objects.create(
            name=f"矩阵抽查餐饮{serial}-{n}", uscc=make_uscc(990_000 + serial * 10 + n), region=ag.region
        )
        for n in range(3)
    ]
    o.conflict = inspection_services.declare_conflict(
        officer=o.officer, entity=targets[0], kind="kinship", note="", actor=head
    )
    plan = inspection_services.create_plan(
        actor=maker,
        title="矩阵双随机抽查计划",
        year=TODAY.year,
        items=[item],
        period_start=TODAY,
        period_end=TODAY + dt.timedelta(days=60),
        quotas={"low": {"count": 2}},
    )
    inspection_services.approve_plan(plan=plan, actor=head)
    inspection_services.publish_plan(plan=plan, actor=maker)
    draw = inspection_services.commit_draw(
        plan=plan, actor=maker, seed_source="drand 1", revealer=head, inspection_date=TODAY
    )
    o.draw = inspection_services.reveal_draw(draw=draw, actor=head, seed="matrix")
    o.plan = plan
    o.task = o.draw.tasks.order_by("rank").first()
    o.assignment = o.task.assignments.order_by("pk").first()


def build_world() -> World:
    """Regions, three agencies (the city market bureau, the city justice bureau that supervises it,
    and a market bureau of another city), the personas, and per context a case with a document, a
    piece of evidence, an open upload, a publication, a review request and a ledger entry."""

    def region(code: str, name: str, level: str, parent: Any = None) -> Any:
        path = f"{parent.path if parent else '/'}{code}/"
        found, _ = Region.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent, "path": path}
        )
        return found

    province = region("330000", "浙江省", "province")
    hangzhou = region("330100", "杭州市", "city", province)
    ningbo = region("330200", "宁波市", "city", province)
    kinds = [ActionKind.PENALTY, ActionKind.INSPECTION, ActionKind.LICENSING, ActionKind.COERCION]

    # The world's roster data for the remedies and the account its decisions print.
    appeal = {
        "330100": (
            "杭州市人民政府",
            "杭州市西湖区人民法院",
            "中国工商银行杭州分行（户名：杭州市财政局，账号：1202000000000000001）",
        ),
        "330200": (
            "宁波市人民政府",
            "宁波市海曙区人民法院",
            "中国工商银行宁波分行（户名：宁波市财政局，账号：3901000000000000001）",
        ),
    }

    def agency(name: str, reg: Any, n: int, supervisor: bool = False) -> Any:
        organ, court, account = appeal[reg.code]
        return Agency.objects.create(
            name=name,
            uscc=make_uscc(960_000 + n, org_type="11"),
            region=reg,
            is_supervisor=supervisor,
            power_kinds=[] if supervisor else kinds,
            reconsideration_organ=organ,
            court=court,
            payment_account=account,
        )

    own = agency("杭州市矩阵市场监督管理局", hangzhou, 1)
    justice = agency("杭州市矩阵司法局", hangzhou, 2, supervisor=True)
    other = agency("宁波市矩阵市场监督管理局", ningbo, 3)
    serial = iter(range(1, 1000))

    def officer(ag: Any, name: str, unit: Any = None, **kw: Any) -> Any:
        return Officer.objects.create(
            name=name,
            agency=ag,
            unit=unit,
            certificate_no=f"MX{next(serial):08d}",
            categories=kinds,
            region=ag.region,
            cert_valid_from=dt.date(2024, 1, 1),
            cert_valid_until=dt.date(2030, 12, 31),
            **kw,
        )

    def user(username: str, role: str, ag: Any = None, off: Any = None) -> Any:
        return create_user(username=username, password=PASSWORD, role=role, actor=None, agency=ag, officer=off)

    units = {}
    for ag in (own, other):
        units[ag.pk] = (
            Unit.objects.create(agency=ag, name="执法稽查处"),
            Unit.objects.create(agency=ag, name="法规处", is_review_unit=True),
        )
    case_unit, review_unit = units[own.pk]
    users = {
        "officer": user("mx_officer", OFFICER, own, officer(own, "李明", case_unit)),
        "officer2": user("mx_officer2", OFFICER, own, officer(own, "赵强", case_unit)),
        "bystander": user("mx_bystander", OFFICER, own, officer(own, "钱多", case_unit)),
        "unit_head": user("mx_unit_head", UNIT_HEAD, own, officer(own, "孙科长", case_unit)),
        "reviewer": user(
            "mx_reviewer",
            REVIEWER,
            own,
            officer(own, "周审核", review_unit, is_reviewer=True, legal_qualification=True),
        ),
        "agency_head": user("mx_agency_head", AGENCY_HEAD, own, officer(own, "吴局长")),
        "supervisor": user("mx_supervisor", SUPERVISOR, justice),
        "system_admin": user("mx_system_admin", SYSTEM_ADMIN),
        "security_admin": user("mx_security_admin", SECURITY_ADMIN),
        "audit_admin": user("mx_audit_admin", AUDIT_ADMIN),
        # the other agency's own staff, who make its objects
        "other_officer": user("mx_other_officer", OFFICER, other, officer(other, "郑伟", units[other.pk][0])),
        "other_officer2": user("mx_other_officer2", OFFICER, other, officer(other, "王芳", units[other.pk][0])),
        "other_head": user("mx_other_head", AGENCY_HEAD, other, officer(other, "冯局长")),
    }

    def objects(name: str, ag: Any, handler: Any, second: Any, head: Any, *, secret: bool = False) -> Objects:
        o = Objects(agency=ag, officer=handler.officer, token=certificate_token(handler.officer.certificate_no))
        o.item = EnforcementItem.objects.create(
            agency=ag, code=f"MX{next(serial):04d}", name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY
        )
        o.case = create_case(
            actor=handler,
            kind="penalty_ordinary",
            title=f"涉嫌销售过期食品案（{name}）",
            parties=[_party(next(serial))],
            officers=[second.officer],
            item=o.item,
            source="complaint",
            facts="当事人销售超过保质期的食品。",
            violation_date=TODAY - dt.timedelta(days=30),
            discovery_date=TODAY,
            occurred_on=TODAY,
            is_secret=secret,
        )
        o.entry = int(o.case.steps.get(seq=1).ledger_seq or 0)
        # 立案: the handler submits it, the agency's responsible person approves it (审批)
        approved(case_transition(case=o.case, action="file", actor=handler, data={}, occurred_on=TODAY), approver=head)
        o.case.refresh_from_db()
        # an extension of the decision period waiting for approval (the approval pages and API)
        request_step = case_transition(
            case=o.case,
            action="extend_decision_deadline",
            actor=handler,
            data={"days": 30},
            reason="案情复杂",
            occurred_on=TODAY,
        )
        o.approval = ApprovalRequest.objects.get(pk=request_step.data["request"])
        o.document = IssuedDocument.objects.filter(subject=o.case.subject_label).order_by("pk").first()
        meta = evidence_services.parse_meta(o.case, {"kind": "photo", "filename": "现场.png"})
        o.evidence = evidence_services.ingest_stream(case=o.case, actor=handler, meta=meta, stream=io.BytesIO(PNG))
        o.upload = evidence_services.create_upload(
            case=o.case, actor=handler, length=len(PNG), metadata={"kind": "photo", "filename": "b.png"}
        )
        draft = publicity_services.Draft(
            source_kind=SourceKind.CASE_DECISION,
            source_id=o.case.pk,
            case=o.case,
            agency=ag,
            region=ag.region,
            action_kind="penalty",
            number=o.case.number,
            title=o.case.title,
            party_label="杭州矩阵食品有限公司",
            conclusion="罚款5000元",
            decided_on=TODAY,
            original_text="当事人杭州矩阵食品有限公司，罚款5000元。",
            known=Known(),
            blocked_reason="涉密案件，不予公开" if secret else "",
        )
        o.publication = publicity_services.create_publication(draft=draft, actor=None)
        o.review = ReviewRequest.objects.create(
            case=o.case, agency=ag, submitted_by=handler, submitted_on=TODAY, major_reasons=["罚款数额较大"]
        )
        ReviewRound.objects.create(
            request=o.review,
            number=1,
            submitted_by=handler,
            submitted_on=TODAY,
            due_on=TODAY + dt.timedelta(days=7),
            truth_statement="材料真实、完整",
        )
        if secret:  # the agency's other objects are the own context's
            return o
        o.benchmark = Benchmark.objects.create(
            agency=ag,
            item=o.item,
            violation="销售过期食品",
            violation_basis="《食品安全法》第三十四条",
            penalty_basis="《食品安全法》第一百二十四条",
            version="2026版",
            effective_from=dt.date(2026, 1, 1),
            published=True,
        )
        o.report = reports.publish_report(agency=ag, year=2025, actor=head, on=TODAY)
        o.entity = Entity.objects.create(
            name=f"矩阵名录企业（{name}）", uscc=make_uscc(980_000 + next(serial)), registering_agency=ag
        )
        proposer = users["other_head"] if ag == own else users["agency_head"]
        o.proposal = EntityChangeProposal.objects.create(
            entity=o.entity,
            agency=proposer.agency,
            proposed_by=proposer,
            changes={"phone": "0571-12345678"},
            original={"phone": ""},
        )
        _inspection(o, ag, maker=users["unit_head"] if ag == own else head, head=head, serial=next(serial))
        return o

    ctx = {
        "own": objects("本机关", own, users["officer"], users["officer2"], users["agency_head"], secret=False),
        "other": objects(
            "外机关", other, users["other_officer"], users["other_officer2"], users["other_head"], secret=False
        ),
    }
    secret = objects("涉密", own, users["officer"], users["officer2"], users["agency_head"], secret=True)
    secret.benchmark, secret.report = ctx["own"].benchmark, ctx["own"].report
    secret.entity, secret.proposal = ctx["own"].entity, ctx["own"].proposal
    for name in ("plan", "draw", "task", "assignment", "conflict"):
        setattr(secret, name, getattr(ctx["own"], name))
    ctx["secret"] = secret
    for name in ("own", "other"):
        o = ctx[name]
        o.clue = Clue.objects.create(
            bureau=justice,
            number=f"矩阵线索{name}",
            source=ClueSource.SUPERVISOR,
            agency=o.agency,
            title="矩阵线索",
            description="矩阵线索内容",
            received_on=TODAY,
            created_by=users["supervisor"],
        )
        o.sup_document = SupervisionDocument.objects.create(
            clue=o.clue,
            bureau=justice,
            agency=o.agency,
            kind=DocKind.OPINION,
            number=f"矩阵监意{name}",
            problems="问题",
            requirements="整改",
            issued_on=TODAY,
            issued_by=users["supervisor"],
            due_on=TODAY + dt.timedelta(days=30),
            status=DocStatus.ANSWERED,
            sha256="0" * 64,
        )
        o.sup_answer = Answer(
            document=o.sup_document, round=1, rectification="已整改", answered_by=users["supervisor"], answered_on=TODAY
        )
        o.sup_answer.evidence.save(f"matrix-{name}.txt", ContentFile(b"evidence"), save=False)
        o.sup_answer.evidence_name = "证明.txt"
        o.sup_answer.save()
    evaluation_plan = EvaluationPlan.objects.create(
        bureau=justice,
        code="PC-MATRIX",
        name="矩阵评查",
        sheet=default_sheet(),
        closed_from=TODAY,
        closed_until=TODAY,
        size=1,
        seed="matrix",
        population=1,
        population_sha256="0" * 64,
        result_sha256="0" * 64,
        created_by=users["supervisor"],
        drawn_on=TODAY,
    )
    EvaluationFile.objects.create(plan=evaluation_plan, case=ctx["own"].case, agency=own, rank=1, ticket="0" * 64)
    campaign = Campaign.objects.create(
        bureau=justice,
        title="矩阵专项活动",
        tasks="自查",
        report_due=TODAY + dt.timedelta(days=30),
        region_path=justice.region.path,
        created_by=users["supervisor"],
        created_on=TODAY,
    )
    for name in ("own", "other"):
        o = ctx[name]
        part = Participant.objects.create(campaign=campaign, agency=o.agency)
        o.campaign = campaign
        o.problem = Problem(
            participant=part,
            category="publicity",
            description="矩阵问题",
            measure="整改",
            owner="法规科",
            due_on=TODAY + dt.timedelta(days=20),
            status="submitted",
            progress="已整改",
            evidence_name="证明.txt",
        )
        o.problem.evidence.save(f"matrix-problem-{name}.txt", ContentFile(b"evidence"), save=False)
        o.problem.save()
    ctx["secret"].campaign, ctx["secret"].problem = campaign, ctx["own"].problem
    ctx["secret"].clue, ctx["secret"].sup_document = ctx["own"].clue, ctx["own"].sup_document
    ctx["secret"].sup_answer = ctx["own"].sup_answer
    # The publications are redacted, published and indexed after commit by the task workers:
    # do here what a worker would, so the matrix probes published decisions.
    outbox.drain()
    for o in ctx.values():
        if getattr(o, "publication", None) is not None:
            o.publication.refresh_from_db()
    return World(users=users, ctx=ctx, extra={"plan": evaluation_plan})
