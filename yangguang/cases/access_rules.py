"""The cases app's part of the permission policy: who may read a case, register one, be made a
handler, and take each step of the declared workflows. Registered once by ``CasesConfig.ready()``.

The facts: case membership (an active handler, a former handler), the unit head of the handling
unit (the unit of an active handler), the agency, the supervisor's region, the secret flag (a
secret case is read only by its active handlers, the head of its handling unit and the agency's
heads; the review app adds the assigned reviewer), recusal, and the certificate on the act's date.
Each condition takes the path from the checked object to the case (``""`` for a case itself,
``"case"`` for evidence), so other apps reuse them for their own models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat

from yangguang.access import policy
from yangguang.access.policy import NONE, Condition, Ctx, grant
from yangguang.access.roles import AGENCY_HEAD, CASE_HANDLERS, OFFICER, REVIEWER, SUPERVISOR, UNIT_HEAD
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import certified, has_agency, in_supervised_region, same_agency
from yangguang.roster.models import Officer, Role
from yangguang.roster.selectors import certificate_state_on

from .models import ApprovalDelegation, Case
from .workflow import APPROVALS, Transition

SECRET_MESSAGE = "涉密案件仅限本案承办人员、承办机构负责人和机关负责人查看"


def _f(path: str, name: str) -> str:
    return f"{path}__{name}" if path else name


def case_of(obj: Any, path: str) -> Case | None:
    for part in path.split("__") if path else ():
        obj = getattr(obj, part, None) if obj is not None else None
    return obj if isinstance(obj, Case) else None


def active_handler(path: str = "") -> Condition:
    """The user is an active handler (承办人员, not recused) of the case."""

    def test(c: Ctx) -> bool:
        case = case_of(c.obj, path)
        oid = getattr(c.user, "officer_id", None)
        return bool(case and oid and case.case_officers.filter(officer_id=oid, active=True).exists())

    def q(c: Ctx) -> Q:
        oid = getattr(c.user, "officer_id", None)
        if not oid:
            return NONE
        return Q(**{_f(path, "case_officers__officer_id"): oid, _f(path, "case_officers__active"): True})

    return Condition("active_handler", "本案承办人员", test, "您不是本案的承办人员", q)


def former_handler(path: str = "") -> Condition:
    """The user handles or handled the case (a recused or removed handler keeps reading it)."""

    def test(c: Ctx) -> bool:
        case = case_of(c.obj, path)
        oid = getattr(c.user, "officer_id", None)
        return bool(case and oid and case.case_officers.filter(officer_id=oid).exists())

    def q(c: Ctx) -> Q:
        oid = getattr(c.user, "officer_id", None)
        return Q(**{_f(path, "case_officers__officer_id"): oid}) if oid else NONE

    return Condition("handler", "本案（曾任）承办人员", test, "您不是本案的承办人员", q)


def heads_handling_unit(path: str = "") -> Condition:
    """The user heads the handling unit: the unit of one of the case's active handlers."""

    def unit_id(user: Any) -> int | None:
        officer = getattr(user, "officer", None)
        return officer.unit_id if officer is not None else None

    def test(c: Ctx) -> bool:
        case, unit = case_of(c.obj, path), unit_id(c.user)
        return bool(case and unit and case.case_officers.filter(active=True, officer__unit_id=unit).exists())

    def q(c: Ctx) -> Q:
        unit = unit_id(c.user)
        if not unit:
            return NONE
        return Q(**{_f(path, "case_officers__officer__unit_id"): unit, _f(path, "case_officers__active"): True})

    return Condition("unit_head_of_case", "承办机构负责人", test, "您不是本案承办机构的负责人", q)


def not_secret(path: str = "") -> Condition:
    def test(c: Ctx) -> bool:
        case = case_of(c.obj, path)
        return bool(case is not None and not case.is_secret)

    return Condition("not_secret", "非涉密案件", test, SECRET_MESSAGE, lambda c: Q(**{_f(path, "is_secret"): False}))


def not_recused(path: str = "") -> Condition:
    def test(c: Ctx) -> bool:
        case = case_of(c.obj, path)
        oid = getattr(c.user, "officer_id", None)
        return bool(case is not None and not (oid and case.recusals.filter(officer_id=oid).exists()))

    def q(c: Ctx) -> Q:
        oid = getattr(c.user, "officer_id", None)
        return ~Q(**{_f(path, "recusals__officer_id"): oid}) if oid else Q()

    return Condition("recused", "未回避", test, "您已回避本案，不得继续承办（《行政处罚法》第四十三条）", q)


def case_agency(path: str = "", message: str = "只能办理本机关的案件") -> Condition:
    return same_agency(_f(path, "agency"), message)


def case_region(path: str = "") -> Condition:
    return in_supervised_region(_f(path, "agency"), "只能监督本区划及下级区划执法主体的案件")


def case_view_grants(path: str = "") -> list[policy.Grant]:
    """Who may read a case (or an object that is part of it, at ``path``)."""
    return [
        grant(OFFICER, active_handler(path)),
        grant(OFFICER, former_handler(path), not_secret(path)),
        grant(UNIT_HEAD, case_agency(path), heads_handling_unit(path)),
        grant(UNIT_HEAD, case_agency(path), not_secret(path)),
        grant(AGENCY_HEAD, case_agency(path)),
        grant(REVIEWER, case_agency(path), not_secret(path)),
        grant(SUPERVISOR, case_region(path), not_secret(path)),
    ]


def may_view_case(path: str = "") -> Condition:
    """The object's case is one the user may read (``case.view``)."""

    def test(c: Ctx) -> bool:
        case = case_of(c.obj, path)
        return bool(case is not None and policy.allows(c.user, "case.view", case, on=c.on))

    def q(c: Ctx) -> Q:
        if path:  # the case's conditions as joins when they can be (a supervisor's region), so no
            # subquery lists every case in scope
            inline = policy.scope_q(c.user, "case.view", path, on=c.on)
            if inline is not None:
                return inline
        visible = policy.scope(c.user, "case.view", Case.objects.all(), on=c.on).values("pk")
        return Q(**{_f(path, "pk__in") if not path else f"{path}__in": visible})

    return Condition("case_visible", "可查看本案", test, "无权查看本案", q)


# --- objects of the step actions ------------------------------------------------------------------


@dataclass(frozen=True)
class StepRequest:
    """``case.act``'s object: this step of the workflow on this case."""

    case: Case
    transition: Transition


@dataclass(frozen=True)
class HandlerCandidate:
    """``case.handler.assign``'s object: this officer made a handler of a case of ``agency_id``."""

    agency_id: int
    officer: Officer


def _workflow_role(c: Ctx) -> bool:
    return bool(getattr(c.user, "role", "") in c.obj.transition.roles)


def _workflow_role_message(c: Ctx) -> str:
    t: Transition = c.obj.transition
    if t.role_message:
        return t.role_message
    names = "、".join(str(Role(r).label) for r in sorted(t.roles))
    return f"“{t.label}”须由{names}办理"


workflow_role = Condition("workflow_role", "流程表规定的角色", _workflow_role, _workflow_role_message)


def _candidate_problem(c: Ctx) -> str | None:
    cand: HandlerCandidate = c.obj
    if cand.officer.agency_id != cand.agency_id:
        return "承办人员应为本机关的执法人员"
    state = certificate_state_on(cand.officer, c.on)
    if not state.valid:
        return f"持证上岗：执法人员{cand.officer.name}的{state.reason}，不得承办案件（《行政处罚法》第四十二条、第五十五条）"
    return None


candidate_eligible = Condition(
    "candidate_certificate",
    "被指派人员为本机关持证人员",
    lambda c: _candidate_problem(c) is None,
    lambda c: _candidate_problem(c) or "",
)


def _on_step_case(cond: Condition) -> Condition:
    """``cond`` judged on the case of a ``StepRequest``."""

    def moved(c: Ctx) -> Ctx:
        return Ctx(c.user, c.action, c.obj.case, c.on)

    return Condition(cond.name, cond.label, lambda c: cond.test(moved(c)), lambda c: cond.denial(moved(c)))


# --- approvals (审批) ---------------------------------------------------------------------------------

# Who may give each approval the workflows declare (``Transition.approval``): the agency's
# responsible person (行政机关负责人) always; the head of the handling unit (承办机构负责人) where the
# law lets the agency leave it to him (filing; a licensing decision he is authorized to make,
# 《行政许可法》第三十七条). Preservation of evidence (《行政处罚法》第五十六条), sealing and seizure
# (《行政强制法》第十八条), extensions of statutory periods and the penalty decision (第五十七条) are
# for the agency's responsible person.
APPROVERS: dict[str, frozenset[str]] = {
    "filing": frozenset({UNIT_HEAD, AGENCY_HEAD}),
    "preservation": frozenset({AGENCY_HEAD}),
    "seizure": frozenset({AGENCY_HEAD}),
    "extension": frozenset({AGENCY_HEAD}),
    "decision": frozenset({AGENCY_HEAD}),
    "licensing_decision": frozenset({UNIT_HEAD, AGENCY_HEAD}),
}


@dataclass(frozen=True)
class ApprovalSubject:
    """``case.approve``'s object: the approval of this step on this case, requested by
    ``requested_by`` (None: the approver takes the step himself). ``own`` judges only the user's own
    authority (a delegate's principal), never a delegation."""

    case: Case
    transition: Transition
    requested_by: Any = None
    own: bool = False


def _approval_roles(c: Ctx) -> bool:
    approval = c.obj.transition.approval
    return bool(approval is not None and getattr(c.user, "role", "") in APPROVERS.get(approval.code, frozenset()))


def _approval_role_message(c: Ctx) -> str:
    approval = c.obj.transition.approval
    if approval is None:
        return f"“{c.obj.transition.label}”无需审批"
    names = "或".join(str(Role(r).label) for r in sorted(APPROVERS.get(approval.code, ())))
    basis = f"（{approval.basis}）" if approval.basis else ""
    return f"{approval.label}由{names}审批{basis}"


approval_role = Condition("approval_role", "审批权限（依审批事项）", _approval_roles, _approval_role_message)


def _active_delegations(user: Any, on: Any) -> QuerySet[ApprovalDelegation]:
    return ApprovalDelegation.objects.filter(
        delegate_id=getattr(user, "pk", None), starts_on__lte=on, ends_on__gte=on, revoked_on__isnull=True
    ).select_related("principal")


def delegation_for(user: Any, subject: ApprovalSubject, on: Any) -> ApprovalDelegation | None:
    """The delegation under which ``user`` may approve ``subject`` on ``on`` (None: none does)."""
    if subject.own or not getattr(user, "is_authenticated", False):
        return None
    own = ApprovalSubject(subject.case, subject.transition, subject.requested_by, own=True)
    for d in _active_delegations(user, on):
        if d.principal.is_active and policy.allows(d.principal, "case.approve", own, on=on):
            return d
    return None


def _delegated(c: Ctx) -> bool:
    return delegation_for(c.user, c.obj, c.on) is not None


delegated_approver = Condition(
    "delegated_approver",
    "受委托审批（委托期间内，委托人有审批权限）",
    _delegated,
    "您没有审批该事项的权限，也未受有审批权限的负责人委托（委托须在有效期内）",
)


def _not_requester(c: Ctx) -> bool:
    requester = c.obj.requested_by
    return requester is None or getattr(requester, "pk", None) != getattr(c.user, "pk", None)


not_requester = Condition("not_requester", "非本事项提请人", _not_requester, "不得审批本人提请的事项")


def _on_approval_case(cond: Condition) -> Condition:
    def moved(c: Ctx) -> Ctx:
        return Ctx(c.user, c.action, c.obj.case, c.on)

    return Condition(cond.name, cond.label, lambda c: cond.test(moved(c)), lambda c: cond.denial(moved(c)))


# A delegate holds the principal's role or is the agency's responsible person (a deputy head signs for
# the head; a deputy unit head for the unit head), in the same agency.
DELEGATE_ROLES: dict[str, frozenset[str]] = {
    UNIT_HEAD: frozenset({UNIT_HEAD, AGENCY_HEAD}),
    AGENCY_HEAD: frozenset({AGENCY_HEAD}),
}


def _delegate_problem(c: Ctx) -> str | None:
    delegate = c.obj
    if c.user.agency_id is None or getattr(delegate, "agency_id", None) != c.user.agency_id:
        return "只能委托本机关的负责人代为审批"
    if getattr(delegate, "pk", None) == c.user.pk:
        return "不能委托本人"
    allowed = DELEGATE_ROLES.get(c.user.role, frozenset())
    if getattr(delegate, "role", "") not in allowed or not getattr(delegate, "is_active", False):
        names = "或".join(str(Role(r).label) for r in sorted(allowed))
        return f"受托人应为本机关在职的{names}"
    return None


delegate_eligible = Condition(
    "delegate_eligible",
    "受托人为本机关同级或上级负责人",
    lambda c: _delegate_problem(c) is None,
    lambda c: _delegate_problem(c) or "",
)


def _labels(user: Any) -> QuerySet[Any]:
    cases = policy.scope(user, "case.view", Case.objects.all())
    return cases.annotate(label=Concat(Value("cases.case:"), Cast("pk", CharField()))).values("label")


def register() -> None:
    missing = sorted(set(APPROVALS) - set(APPROVERS))
    if missing:
        raise ImproperlyConfigured(f"approvals declared by the workflows without approvers in the policy: {missing}")
    policy.register("case.view", label="查看案件", model=Case, owner="cases", grants=case_view_grants())
    policy.register(
        "case.create",
        label="登记案件",
        owner="cases",
        role_message="只有执法机关的执法人员或负责人可以登记案件",
        grants=[grant(CASE_HANDLERS, has_agency, certified)],
    )
    policy.register(
        "case.handler.assign",
        label="指派承办人员",
        owner="cases",
        grants=[grant(CASE_HANDLERS, candidate_eligible)],
    )
    policy.register(
        "case.act",
        label="办理案件步骤",
        owner="cases",
        grants=[
            grant(
                OFFICER,
                workflow_role,
                _on_step_case(case_agency()),
                _on_step_case(not_recused()),
                _on_step_case(active_handler()),
                certified,
            ),
            grant(
                {UNIT_HEAD, AGENCY_HEAD},
                workflow_role,
                _on_step_case(case_agency()),
                _on_step_case(may_view_case()),
                certified,
            ),
        ],
    )
    policy.register(
        "case.persons.edit",
        label="登记涉案人员",
        owner="cases",
        grants=[
            grant(OFFICER, case_agency(), not_recused(), active_handler(), certified),
            grant({UNIT_HEAD, AGENCY_HEAD}, case_agency(), may_view_case(), certified),
        ],
    )
    policy.register(
        "case.approve",
        label="审批案件步骤（立案、先行登记保存、查封扣押、延长期限、决定审签）",
        owner="cases",
        grants=[
            grant(UNIT_HEAD, approval_role, _on_approval_case(case_agency()), _on_approval_case(heads_handling_unit())),
            grant(AGENCY_HEAD, approval_role, _on_approval_case(case_agency())),
            # a delegation first: without one, the refusal names the approval's own rule
            grant({UNIT_HEAD, AGENCY_HEAD}, delegated_approver, _on_approval_case(case_agency()), not_requester),
        ],
    )
    policy.register(
        "case.approval.delegate",
        label="委托他人代为审批（外出期间）",
        owner="cases",
        grants=[grant({UNIT_HEAD, AGENCY_HEAD}, delegate_eligible)],
    )
    policy.register(
        "case.deadlines.agency",
        label="查看本机关（本区划）案件期限",
        owner="cases",
        grants=[grant({UNIT_HEAD, AGENCY_HEAD, REVIEWER, SUPERVISOR})],
    )
    policy.register_subject(
        "cases.case",
        resolve=lambda pk: row_by_id(Case.objects, pk),
        action="case.view",
        labels=_labels,
    )
