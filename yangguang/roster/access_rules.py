"""The roster's part of the permission policy: the role groups, the facts every app judges by
(agency, region scope, certificate) and the roster's own actions. Registered once by
``RosterConfig.ready()``.

Conditions are factories taking the path from the checked object to its agency (``"agency"`` for
a case, ``"case__agency"`` for evidence, ``""`` for an agency itself), so the same fact filters
any model for ``policy.scope``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from django.db.models import Model, Q

from yangguang.access import policy
from yangguang.access.policy import ALL, NONE, SIGNED_IN, Condition, Ctx, grant
from yangguang.access.roles import (
    ADMINS,
    AGENCY_HEAD,
    AGENCY_STAFF,
    AUDIT_ADMINS,
    SECURITY_ADMINS,
    SUPERVISOR,
    SYSTEM_ADMINS,
)
from yangguang.core.params import row_by_id

from .models import Agency, EnforcementItem, Entity, EntityChangeProposal, InspectionItem, Officer, Region, Unit, User
from .roles import STAFF_ROLES, admin_site_allows
from .selectors import certificate_state_on

# --- facts --------------------------------------------------------------------------------------


def _follow(obj: Any, path: str) -> Any:
    for part in path.split("__") if path else ():
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def agency_of(obj: Any, path: str) -> Agency | None:
    found = _follow(obj, path)
    return found if isinstance(found, Agency) else None


def _agency_id(obj: Any, path: str) -> int | None:
    if not path:
        return getattr(obj, "pk", None)
    head, _, last = path.rpartition("__")
    parent = _follow(obj, head)
    return getattr(parent, f"{last}_id", None) if parent is not None else None


def _field(path: str, name: str) -> str:
    return f"{path}__{name}" if path else name


def same_agency(path: str = "agency", message: str = "只能处理本机关的事务") -> Condition:
    """The object belongs to the user's own agency."""

    def test(c: Ctx) -> bool:
        return c.user.agency_id is not None and _agency_id(c.obj, path) == c.user.agency_id

    def q(c: Ctx) -> Q:
        return Q(**{_field(path, "pk") if not path else f"{path}_id": c.user.agency_id}) if c.user.agency_id else NONE

    return Condition("same_agency", "本机关", test, message, q)


def supervisor_region(user: Any) -> Region | None:
    """The region a supervisor oversees (their justice bureau's region and everything below)."""
    agency = getattr(user, "agency", None)
    return agency.region if agency is not None else None


def in_supervised_region(path: str = "agency", message: str = "只能监督本区划及下级区划的执法主体") -> Condition:
    """The object's agency lies in the supervisor's region or below (materialized region path)."""

    def test(c: Ctx) -> bool:
        region = supervisor_region(c.user)
        agency = agency_of(c.obj, path)
        if region is None or agency is None:
            return False
        return bool(agency.region.path.startswith(region.path))

    def q(c: Ctx) -> Q:
        region = supervisor_region(c.user)
        return Q(**{_field(path, "region__path__startswith"): region.path}) if region is not None else NONE

    return Condition("in_region", "本区划及下级", test, message, q)


def certificate_problem(user: Any, on: Any) -> str | None:
    """Why the user may not take an enforcement act on ``on`` (持证上岗), or None."""
    officer: Officer | None = getattr(user, "officer", None)
    if officer is None:
        return "持证上岗：您的账号未关联执法人员，不得从事执法活动"
    state = certificate_state_on(officer, on)
    if state.valid:
        return None
    return f"持证上岗：{state.reason}，不得从事执法活动（《行政处罚法》第五十五条）"


def _certified(c: Ctx) -> bool:
    return certificate_problem(c.user, c.on) is None


certified = Condition(
    "certificate",
    "持证（当日有效）",
    _certified,
    lambda c: certificate_problem(c.user, c.on) or "",
    lambda c: ALL if _certified(c) else NONE,
)

has_agency = Condition(
    "has_agency",
    "属于执法主体",
    lambda c: c.user.agency_id is not None,
    "您的账号未关联执法主体",
    lambda c: ALL if c.user.agency_id is not None else NONE,
)


def own_agency_target(message: str) -> Condition:
    """For actions whose object is an agency (a setting, an import): the user's own agency."""
    return same_agency("", message)


def either(name: str, label: str, message: str, *conditions: Condition) -> Condition:
    """A condition that holds when one of ``conditions`` does (their filters ORed)."""

    def q(c: Ctx) -> Q:
        parts = []
        for cond in conditions:
            assert cond.q is not None
            part = cond.q(c)
            if not part:
                return ALL
            parts.append(part)
        return reduce(operator.or_, parts) if parts else NONE

    return Condition(name, label, lambda c: any(cond.test(c) for cond in conditions), message, q)


is_self = Condition(
    "self",
    "本人",
    lambda c: c.obj is not None and c.obj.pk == c.user.pk,
    "只能查看本人的账号记录",
    lambda c: Q(pk=c.user.pk),
)


def _by_pk(model: type[Model]) -> Callable[[str], Any]:
    return lambda pk: row_by_id(model._default_manager, pk)


def _agency_of_row(model: type[Model]) -> Callable[[str], Any]:
    def resolve(pk: str) -> Any:
        row = _by_pk(model)(pk)
        return getattr(row, "agency", None)

    return resolve


# --- the roster's actions -----------------------------------------------------------------------


# The Django admin (管理后台): which model permissions each role holds is the table
# ``roster.roles.ADMIN_SITE_PERMISSIONS``; ``User.has_perm`` asks the policy, so the admin site is
# judged by the same module as every page and appears in the role × action table.
admin_site_permission = Condition(
    "admin_site_permission",
    "该角色的后台权限表列有此权限",
    lambda ctx: admin_site_allows(policy.role_of(ctx.user), str(ctx.obj)),
    "该角色在管理后台没有此项权限",
)


def register() -> None:
    policy.register(
        "admin.permission",
        label="管理后台的模型权限（查看、新增、修改、删除）",
        grants=[grant(STAFF_ROLES, admin_site_permission)],
        role_message="只有系统管理员和安全管理员可以进入管理后台（三员分立）",
        owner="roster",
    )
    policy.register(
        "agency.view",
        label="查看执法主体",
        model=Agency,
        owner="roster",
        grants=[
            grant(ADMINS),
            grant(SUPERVISOR, in_supervised_region("")),
            grant(AGENCY_STAFF, same_agency("", "只能查看本机关")),
        ],
    )
    policy.register(
        "agency.work",
        label="查看执法主体的执法工作（案件、文书、审核、公示）",
        model=Agency,
        owner="roster",
        grants=[
            grant(SUPERVISOR, in_supervised_region("")),
            grant(AGENCY_STAFF, same_agency("", "只能查看本机关的执法工作")),
        ],
    )
    policy.register(
        "officer.view",
        label="查看执法人员",
        model=Officer,
        owner="roster",
        grants=[
            grant(ADMINS),
            grant(SUPERVISOR, in_supervised_region()),
            grant(AGENCY_STAFF, same_agency(message="只能查看本机关的执法人员")),
        ],
    )
    policy.register(
        "entity.view",
        label="查看市场主体名录",
        model=Entity,
        owner="roster",
        grants=[grant(SIGNED_IN)],
    )
    policy.register(
        "region.view",
        label="查看行政区划",
        model=Region,
        owner="roster",
        grants=[grant(SIGNED_IN)],
    )
    policy.register(
        "roster.import",
        label="导入名册数据",
        owner="roster",
        role_message="仅系统管理员、安全管理员（执法人员）和行政机关负责人可以导入名册数据",
        # the security administrator imports officers only (importers.service.SECURITY_ADMIN_KINDS)
        grants=[grant(SYSTEM_ADMINS), grant(SECURITY_ADMINS), grant(AGENCY_HEAD, has_agency)],
    )
    policy.register(
        "roster.import.own_agency",
        label="导入本机关的名册数据",
        owner="roster",
        role_message="仅系统管理员、安全管理员（执法人员）和行政机关负责人可以导入名册数据",
        grants=[grant(AGENCY_HEAD, has_agency)],
    )
    policy.register(
        "roster.import.officers",
        label="导入本区划执法人员名册（证件）",
        owner="roster",
        grants=[grant(SECURITY_ADMINS)],
    )
    policy.register(
        "roster.import.any_agency",
        label="导入任何执法主体的名册数据（区划、执法主体等）",
        owner="roster",
        role_message="仅系统管理员可以导入其他执法主体的名册数据",
        grants=[grant(SYSTEM_ADMINS)],
    )
    policy.register(
        "roster.admin",
        label="在管理后台维护名册",
        owner="roster",
        role_message="仅系统管理员可以在管理后台维护名册",
        grants=[grant(SYSTEM_ADMINS)],
    )
    policy.register(
        "user.view",
        label="查看用户账号记录",
        model=User,
        owner="roster",
        grants=[grant(ADMINS), grant(SIGNED_IN, is_self)],
    )
    policy.register_subject(
        "roster.agency",
        resolve=_by_pk(Agency),
        action="agency.view",
        audit=True,
    )
    policy.register_subject(
        "roster.officer",
        resolve=_by_pk(Officer),
        action="officer.view",
        audit=True,
    )
    # Records of the roster's other rows are read as their agency (units, items) or as reference
    # data (regions, entities); seed batches ("roster.region:seed:3") and the bare "roster" resolve
    # to nothing, so only the audit administrator reads them.
    for prefix, model in (
        ("roster.unit", Unit),
        ("roster.enforcementitem", EnforcementItem),
        ("roster.inspectionitem", InspectionItem),
    ):
        policy.register_subject(prefix, resolve=_agency_of_row(model), action="agency.view", audit=True)
    policy.register_subject("roster.region", resolve=_by_pk(Region), action="region.view", audit=True)
    policy.register_subject("roster.entity", resolve=_by_pk(Entity), action="entity.view", audit=True)
    policy.register_subject("roster.user", resolve=_by_pk(User), action="user.view", audit=True)
    policy.register_subject("roster", resolve=lambda rest: None, action="roster.admin", audit=True)
    policy.register_subject("roster.import", resolve=lambda kind: kind or None, action="roster.import", audit=True)


# --- accounts, certificates and qualifications (三员分立; 发证机关) ---------------------------------


def _issuing_bureau(user: Any) -> Agency | None:
    """The justice bureau (司法行政部门) whose certificates the user's role issues, if any."""
    agency = getattr(user, "agency", None)
    return agency if agency is not None and agency.is_supervisor else None


def _authority_message(c: Ctx) -> str:
    bureau = _issuing_bureau(c.user)
    if bureau is None:
        return "您的账号不属于发证机关（司法行政部门），不能办理执法证和执法资格"
    agency = agency_of(c.obj, "agency")
    name = agency.name if agency is not None else "该执法人员所在机关"
    return f"{name}不在{bureau.name}的发证范围内"


def _authority_test(c: Ctx) -> bool:
    bureau = _issuing_bureau(c.user)
    agency = agency_of(c.obj, "agency")
    return bool(bureau and agency and agency.region.path.startswith(bureau.region.path))


def _authority_q(c: Ctx) -> Q:
    bureau = _issuing_bureau(c.user)
    return Q(agency__region__path__startswith=bureau.region.path) if bureau is not None else NONE


# The certificate-issuing authority (发证机关): the security administrator of a justice bureau, for the
# officers of agencies in the bureau's region and below.
issuing_authority = Condition(
    "issuing_authority", "发证机关（本区划及下级）", _authority_test, _authority_message, _authority_q
)


def _account_scope_test(c: Ctx) -> bool:
    """A platform security administrator (no agency) manages every account; one of an agency the
    accounts of agencies in its region and below (and no platform-level account)."""
    own = getattr(c.user, "agency", None)
    if own is None:
        return True
    target = getattr(c.obj, "agency", None)
    return target is not None and bool(target.region.path.startswith(own.region.path))


def _account_scope_q(c: Ctx) -> Q:
    own = getattr(c.user, "agency", None)
    return ALL if own is None else Q(agency__region__path__startswith=own.region.path)


account_scope = Condition(
    "account_scope", "本区划及下级的账号", _account_scope_test, "该账号不在您的管理范围内", _account_scope_q
)


def _owner_name(entity: Any) -> str:
    owner = getattr(entity, "registering_agency", None) if entity is not None else None
    return owner.name if owner is not None else "系统管理员"


def entity_owner(path: str, message: str) -> Condition:
    """The user's agency registered the entity (登记机关) reached by ``path`` ("" for the entity)."""
    field = f"{path}__registering_agency" if path else "registering_agency"

    def test(c: Ctx) -> bool:
        return c.user.agency_id is not None and _agency_id(c.obj, field) == c.user.agency_id

    def q(c: Ctx) -> Q:
        return Q(**{f"{field}_id": c.user.agency_id}) if c.user.agency_id else NONE

    def deny(c: Ctx) -> str:
        return message.format(owner=_owner_name(_follow(c.obj, path) if path else c.obj))

    return Condition("entity_owner", "登记机关", test, deny, q)


def register_accounts() -> None:
    policy.register(
        "certificate.manage",
        label="办理执法证（发证、换证、暂扣、恢复、吊销）",
        model=Officer,
        owner="roster",
        role_message="执法证由发证机关（司法行政部门）的安全管理员办理",
        grants=[grant(SECURITY_ADMINS, issuing_authority)],
    )
    policy.register(
        "qualification.grant",
        label="认定法律职业资格和法制审核人员",
        model=Officer,
        owner="roster",
        role_message="法律职业资格和法制审核人员由发证机关（司法行政部门）的安全管理员认定；机关负责人可提出申请",
        grants=[grant(SECURITY_ADMINS, issuing_authority)],
    )
    policy.register(
        "qualification.request",
        label="申请认定法律职业资格或法制审核人员",
        model=Officer,
        owner="roster",
        role_message="只有机关负责人可以为本机关的执法人员提出资格申请",
        grants=[grant(AGENCY_HEAD, same_agency(message="只能为本机关的执法人员提出申请"))],
    )
    policy.register(
        "user.manage",
        label="管理账号（创建、角色、停用、密码重置、解锁）",
        model=User,
        owner="roster",
        role_message="账号由安全管理员管理",
        grants=[grant(SECURITY_ADMINS, account_scope)],
    )
    policy.register(
        "entity.edit",
        label="直接修改市场主体名录",
        model=Entity,
        owner="roster",
        role_message="市场主体名录由登记机关的负责人或系统管理员修改，其他机关可提出变更申请",
        grants=[
            grant(SYSTEM_ADMINS),
            grant(AGENCY_HEAD, entity_owner("", "该市场主体由{owner}登记，其他机关只能提出变更申请")),
        ],
    )
    policy.register(
        "entity.propose",
        label="申请变更市场主体名录",
        model=Entity,
        owner="roster",
        role_message="只有执法主体的工作人员可以申请变更市场主体名录",
        grants=[grant(AGENCY_STAFF, has_agency)],
    )
    policy.register(
        "entity.proposal.decide",
        label="审核市场主体变更申请",
        model=EntityChangeProposal,
        owner="roster",
        role_message="市场主体变更申请由登记机关的负责人或系统管理员审核",
        grants=[
            grant(SYSTEM_ADMINS),
            grant(AGENCY_HEAD, entity_owner("entity", "只有登记机关（{owner}）的负责人或系统管理员可以审核该变更申请")),
        ],
    )
    policy.register(
        "audit.view",
        label="查看安全审计记录",
        owner="roster",
        role_message="安全审计记录由审计管理员查看",
        grants=[grant(AUDIT_ADMINS)],
    )
