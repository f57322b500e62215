"""Every write to a case: the workflow engine.

``create_case`` registers a case; ``case_transition`` takes one step of the declared workflow
(``workflow.py``): it locks the case row, checks the step against the table, the actor and the
guards, applies it, records the ``Step``, issues the documents the step requires and appends the
ledger entry, all in one transaction. Side effects registered with ``on_transition`` run after the
commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.ledger.services import append_entry
from yangguang.roster.models import EnforcementItem, Entity, Officer, Region, Role, User

from . import documents_bridge
from .guards import GUARDS, GuardContext, fmt
from .models import (
    Case,
    CaseCounter,
    CaseOfficer,
    CollectiveDiscussion,
    DeadlineExtension,
    EvidencePreservation,
    Hearing,
    Party,
    Payment,
    Recusal,
    Seizure,
    Statement,
    Step,
)
from .workflow import (
    CREATE_ACTION,
    CREATE_LABEL,
    HANDLERS_AND_HEADS,
    KIND_CATEGORY,
    KIND_NUMBER_CHAR,
    CaseKind,
    CaseSource,
    CaseState,
    DecisionType,
    FieldSpec,
    PartyKind,
    PenaltyType,
    ServiceMethod,
    Transition,
    workflow_for,
)

# --- helpers ------------------------------------------------------------------------------------


def _today() -> dt.date:
    return timezone.localdate()


def jsonable(value: Any) -> Any:
    """The value as it is written into ``Step.data`` and the ledger payload."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Officer):
        return {"id": value.pk, "name": value.name, "certificate_no": value.certificate_no}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def _invalid(message: str) -> DomainError:
    return DomainError(message, code="invalid_data")


def parse_value(spec: FieldSpec, raw: Any, *, agency_id: int) -> Any:
    """Parse one datum of a step (form or JSON input) by its declared type; ``None`` when empty."""
    if raw is None or raw == "" or raw == []:
        return None
    label = spec.label
    if spec.type in ("text", "textarea"):
        text = str(raw).strip()
        return text or None
    if spec.type == "date":
        if isinstance(raw, dt.date):
            return raw
        try:
            return dt.date.fromisoformat(str(raw))
        except ValueError:
            raise _invalid(f"“{label}”不是有效日期（格式：YYYY-MM-DD）") from None
    if spec.type == "datetime":
        if isinstance(raw, dt.datetime):
            return raw.replace(second=0, microsecond=0, tzinfo=None)
        try:
            moment = dt.datetime.fromisoformat(str(raw).strip())
        except ValueError:
            moment = None
        if moment is None or ("T" not in str(raw) and " " not in str(raw).strip()):
            raise _invalid(f"“{label}”不是有效时间（格式：YYYY-MM-DDTHH:MM）")
        return moment.replace(second=0, microsecond=0, tzinfo=None)
    if spec.type == "decimal":
        try:
            value = Decimal(str(raw).replace(",", "").strip())
        except InvalidOperation:
            raise _invalid(f"“{label}”应为金额数字") from None
        if not value.is_finite() or value < 0 or value >= Decimal("1e12"):
            raise _invalid(f"“{label}”应为不小于0的金额")
        return value.quantize(Decimal("0.01"))
    if spec.type in ("int", "preservation"):
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise _invalid(f"“{label}”应为整数") from None
        if number < 0 or number > 100_000:
            raise _invalid(f"“{label}”超出范围")
        return number
    if spec.type == "bool":
        return str(raw).lower() in ("1", "true", "on", "yes")
    if spec.type == "choice":
        allowed = {c for c, _ in spec.choices}
        if str(raw) not in allowed:
            raise _invalid(f"“{label}”的取值无效")
        return str(raw)
    if spec.type == "multichoice":
        values = [raw] if isinstance(raw, str) else list(raw)
        allowed = {c for c, _ in spec.choices}
        bad = [v for v in values if v not in allowed]
        if bad:
            raise _invalid(f"“{label}”的取值无效：{bad[0]}")
        return sorted(set(values), key=values.index) or None
    if spec.type == "officer":
        try:
            return Officer.objects.select_related("region").get(pk=int(raw), agency_id=agency_id)
        except (ValueError, TypeError, Officer.DoesNotExist):
            raise _invalid(f"“{label}”应为本机关的执法人员") from None
    raise _invalid(f"未知字段类型：{spec.type}")


def parse_data(transition: Transition, raw: Mapping[str, Any], *, agency_id: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in transition.fields:
        value = parse_value(spec, raw.get(spec.name), agency_id=agency_id)
        if value is None and spec.required:
            raise _invalid(f"请填写“{spec.label}”")
        out[spec.name] = value
    return out


def check_occurred_on(case: Case | None, occurred_on: dt.date) -> None:
    """A step may be recorded after the fact (补录) but never dated in the future nor before the
    previous step of the case."""
    if occurred_on > _today():
        raise DomainError("发生日期不能晚于今天", code="occurred_in_future")
    if case is not None:
        last = case.steps.aggregate(last=Max("occurred_on"))["last"]
        if last is not None and occurred_on < last:
            raise DomainError(f"发生日期不能早于上一步骤的日期（{fmt(last)}）", code="occurred_before_previous")


def role_label(roles: Iterable[str]) -> str:
    return "、".join(str(Role(r).label) for r in sorted(roles))


def check_actor(case: Case, transition: Transition, actor: User, on: dt.date) -> None:
    """Who may take ``transition``: a role of the table, from the case's agency; an officer only on
    a case they handle, not recused, with a valid certificate."""
    if actor.role not in transition.roles:
        message = transition.role_message or f"“{transition.label}”须由{role_label(transition.roles)}办理"
        raise PermissionDeniedError(message, code="role_not_allowed")
    if actor.agency_id != case.agency_id:
        raise PermissionDeniedError("只能办理本机关的案件", code="other_agency")
    if actor.role == Role.OFFICER:
        officer = actor.officer
        if officer is None:
            raise PermissionDeniedError("您的账号未关联执法人员，不能办理案件", code="no_officer")
        if case.recusals.filter(officer=officer).exists():
            raise PermissionDeniedError("您已回避本案，不得继续承办（《行政处罚法》第四十三条）", code="recused")
        if not case.case_officers.filter(officer=officer, active=True).exists():
            raise PermissionDeniedError("您不是本案的承办人员", code="not_handler")
        if not officer.certificate_valid_on(on):
            raise PermissionDeniedError(
                "您的执法证无效，不得从事执法活动（持证上岗，《行政处罚法》第五十五条）", code="certificate_invalid"
            )


# --- side effects after commit ------------------------------------------------------------------

TransitionListener = Callable[[Case, Step], None]
_listeners: list[TransitionListener] = []


def on_transition(listener: TransitionListener) -> TransitionListener:
    """Register ``listener(case, step)`` to run after a step commits (e.g. publicity of decisions)."""
    _listeners.append(listener)
    return listener


def _notify(case: Case, step: Step) -> None:
    for listener in list(_listeners):
        listener(case, step)


# Hooks run inside the step's transaction, after the step is applied and before the case is saved
# and the step recorded; what they return is added to the step's data (the legal review app keeps
# ``case.is_major`` current and opens review rounds from here).
ApplyHook = Callable[[GuardContext], dict[str, Any] | None]
_apply_hooks: list[ApplyHook] = []


def on_apply(hook: ApplyHook) -> ApplyHook:
    if hook not in _apply_hooks:
        _apply_hooks.append(hook)
    return hook


_in_transaction_hooks: list[TransitionListener] = []


def in_transaction(hook: TransitionListener) -> TransitionListener:
    """Register ``hook(case, step)`` to run INSIDE ``case_transition``'s transaction, after the step
    is recorded (a transactional outbox: e.g. the publication record of a decision is created with
    the decision or not at all). An exception from a hook rolls the step back."""
    _in_transaction_hooks.append(hook)
    return hook


# --- numbering ----------------------------------------------------------------------------------


def next_case_number(*, agency_id: int, agency_name: str, kind: str, year: int) -> tuple[str, int]:
    """Take the next number of the agency's counter for (year, kind), locking the counter row.

    Case numbers (案号) use the agency's abbreviation (机关代字, the same one its documents carry)
    plus the kind and 案, e.g. 杭市监罚案〔2026〕1号, so they are never confused with the number of
    a document such as the decision (杭市监罚〔2026〕1号)."""
    from yangguang.documents.models import AgencyAbbreviation
    from yangguang.documents.services import default_abbreviation

    abbreviation = AgencyAbbreviation.objects.filter(agency_id=agency_id).values_list(
        "abbreviation", flat=True
    ).first() or default_abbreviation(agency_name)
    prefix = KIND_NUMBER_CHAR[kind]
    CaseCounter.objects.get_or_create(agency_id=agency_id, year=year, prefix=prefix)
    counter = CaseCounter.objects.select_for_update().get(agency_id=agency_id, year=year, prefix=prefix)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{abbreviation}{prefix}案〔{year}〕{counter.last}号", counter.last


# --- creation -----------------------------------------------------------------------------------


def _build_party(raw: Mapping[str, Any]) -> Party:
    entity = None
    if raw.get("entity"):
        entity = Entity.objects.filter(pk=raw["entity"]).first()
        if entity is None:
            raise _invalid("所选市场主体不存在")
    kind = raw.get("kind") or (PartyKind.ORGANIZATION if entity else "")
    if kind not in PartyKind.values:
        raise _invalid("当事人类型应为自然人或法人、其他组织")
    party = Party(
        kind=kind,
        name=(raw.get("name") or (entity.name if entity else "")).strip(),
        id_number=(raw.get("id_number") or (entity.uscc if entity else "")).strip().upper(),
        address=(raw.get("address") or (entity.address if entity else "")).strip(),
        phone=(raw.get("phone") or (entity.phone if entity else "")).strip(),
        bank_account=(raw.get("bank_account") or "").strip(),
        legal_representative=(
            raw.get("legal_representative") or (entity.legal_representative if entity else "")
        ).strip(),
        entity=entity,
    )
    if not party.name:
        raise _invalid("请填写当事人名称或姓名")
    if entity is None and kind == PartyKind.ORGANIZATION:
        # Enter once: an organization already in the entity directory is linked by its code.
        party.entity = Entity.objects.filter(uscc=party.id_number).first()
    try:
        party.clean()
    except ValidationError as exc:
        messages = [m for msgs in exc.message_dict.values() for m in msgs]
        raise _invalid(messages[0]) from None
    return party


def _party_snapshot(p: Party) -> dict[str, Any]:
    return {
        "kind": p.kind,
        "name": p.name,
        "id_number": p.id_number,
        "address": p.address,
        "phone": p.phone,
        "bank_account": p.bank_account,
        "legal_representative": p.legal_representative,
        "entity": p.entity_id,
    }


def create_case(
    *,
    actor: User,
    kind: str,
    title: str,
    parties: list[Mapping[str, Any]],
    officers: Iterable[Officer | int] = (),
    item: EnforcementItem | int | None = None,
    region: Region | None = None,
    source: str = CaseSource.OTHER,
    source_detail: str = "",
    facts: str = "",
    legal_basis: str = "",
    violation_date: dt.date | None = None,
    discovery_date: dt.date | None = None,
    harms_safety: bool = False,
    occurred_on: dt.date | None = None,
    source_case: Case | None = None,
    involves_minor: bool = False,
    is_secret: bool = False,
) -> Case:
    """Register a case in the initial state of its workflow, with its parties and handling officers
    (the registering officer is the lead handler)."""
    if kind not in CaseKind.values:
        raise _invalid("案件类别无效")
    if actor.role not in HANDLERS_AND_HEADS or actor.agency is None:
        raise PermissionDeniedError("只有执法机关的执法人员或负责人可以登记案件", code="role_not_allowed")
    agency = actor.agency
    title = (title or "").strip()
    if not title:
        raise _invalid("请填写案由")
    if source not in CaseSource.values:
        raise _invalid("案件来源无效")
    if not parties:
        raise DomainError("请至少登记一名当事人", code="party_required")
    built = [_build_party(p) for p in parties]
    if isinstance(item, int):
        item = EnforcementItem.objects.filter(pk=item).first()
        if item is None:
            raise _invalid("所选执法事项不存在")
    if item is not None:
        if item.agency_id != agency.pk:
            raise _invalid("执法事项应为本机关的事项")
        if item.kind != KIND_CATEGORY[kind]:
            raise _invalid("执法事项的类别与案件类别不符")
    officer_objs: list[Officer] = []
    if actor.role == Role.OFFICER and actor.officer is not None:
        officer_objs.append(actor.officer)
    for o in officers:
        obj = o if isinstance(o, Officer) else Officer.objects.filter(pk=o).first()
        if obj is None or obj.agency_id != agency.pk:
            raise _invalid("承办人员应为本机关的执法人员")
        if obj not in officer_objs:
            officer_objs.append(obj)
    if not officer_objs:
        raise _invalid("请至少选择一名承办人员")
    on = occurred_on or _today()
    check_occurred_on(None, on)
    if (violation_date and violation_date > on) or (discovery_date and discovery_date > on):
        raise _invalid("违法行为发生日期和发现日期不能晚于登记日期")
    if violation_date and discovery_date and discovery_date < violation_date:
        raise _invalid("发现日期不能早于违法行为发生日期")
    wf = workflow_for(kind)
    with transaction.atomic():
        number, serial = next_case_number(agency_id=agency.pk, agency_name=agency.name, kind=kind, year=on.year)
        case = Case.objects.create(
            agency=agency,
            kind=kind,
            number=number,
            year=on.year,
            serial=serial,
            state=wf.initial,
            title=title,
            item=item,
            region=region or agency.region,
            source=source,
            source_detail=source_detail,
            facts=facts,
            legal_basis=legal_basis,
            violation_date=violation_date,
            discovery_date=discovery_date,
            harms_safety=harms_safety,
            registered_on=on,
            source_case=source_case,
            involves_minor=involves_minor,
            is_secret=is_secret,
            created_by=actor,
        )
        for p in built:
            p.case = case
            p.save()
        for i, o in enumerate(officer_objs):
            CaseOfficer.objects.create(case=case, officer=o, is_lead=(i == 0), added_on=on)
        data = {
            "number": number,
            "kind": kind,
            "title": title,
            "item": item.pk if item else None,
            "region": case.region.code,
            "source": source,
            "source_detail": source_detail,
            "facts": facts,
            "violation_date": violation_date,
            "discovery_date": discovery_date,
            "harms_safety": harms_safety,
            "parties": [_party_snapshot(p) for p in built],
            "officers": officer_objs,
        }
        step = _record_step(
            case=case,
            action=CREATE_ACTION,
            label=CREATE_LABEL[kind],
            from_state="",
            to_state=case.state,
            actor=actor,
            on=on,
            reason="",
            data=data,
            documents=[],
        )
        transaction.on_commit(lambda: _notify(case, step))
    return case


# --- the engine ---------------------------------------------------------------------------------


def _record_step(
    *,
    case: Case,
    action: str,
    label: str,
    from_state: str,
    to_state: str,
    actor: User,
    on: dt.date,
    reason: str,
    data: dict[str, Any],
    documents: list[dict[str, Any]],
) -> Step:
    last = case.steps.aggregate(last=Max("seq"))["last"]
    payload_data = jsonable(data)
    step = Step.objects.create(
        case=case,
        seq=(last or 0) + 1,
        action=action,
        label=label,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        actor_name=actor.display_name(),
        occurred_on=on,
        reason=reason,
        data=payload_data,
        documents=documents,
    )
    entry = append_entry(
        actor=actor,
        subject=case.subject_label,
        action=f"cases.{action}",
        payload={
            "case": case.number,
            "step": step.seq,
            "label": label,
            "from": from_state,
            "to": to_state,
            "occurred_on": on.isoformat(),
            "reason": reason,
            "data": payload_data,
            "documents": documents,
        },
    )
    step.ledger_seq = getattr(entry, "seq", None)
    step.save(update_fields=["ledger_seq"])
    return step


def case_transition(
    *,
    case: Case,
    action: str,
    actor: User,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
    occurred_on: dt.date | None = None,
) -> Step:
    """Take ``action`` on ``case`` as ``actor``; ``occurred_on`` records a step after the fact.
    Raises DomainError (code + Chinese message) when the table, the actor or a guard refuses."""
    on = occurred_on or _today()
    reason = (reason or "").strip()
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("agency", "region").get(pk=case.pk)
        wf = workflow_for(case.kind)
        transition = wf.get(case.state, action)
        if transition is None:
            declared = wf.by_action(action)
            state_label = CaseState(case.state).label
            if declared is None:
                raise DomainError(f"{CaseKind(case.kind).label}没有“{action}”这一步骤", code="unknown_action")
            raise DomainError(f"案件处于“{state_label}”状态，不能进行“{declared.label}”", code="illegal_transition")
        check_actor(case, transition, actor, on)
        check_occurred_on(case, on)
        parsed = parse_data(transition, data or {}, agency_id=case.agency_id)
        if transition.reason_required and not reason:
            raise _invalid("请填写理由")
        ctx = GuardContext(case=case, transition=transition, actor=actor, data=parsed, on=on, reason=reason)
        for name in transition.guards:
            GUARDS[name](ctx)
        from_state = case.state
        extra = APPLY.get(action, _no_apply)(ctx) or {}
        for apply_hook in list(_apply_hooks):
            extra.update(apply_hook(ctx) or {})
        if transition.target is not None:
            case.state = transition.target
        case.save()
        docs = documents_bridge.issue_for_step(
            case=case, transition=transition, actor=actor, data=parsed, on=on, reason=reason
        )
        step = _record_step(
            case=case,
            action=action,
            label=transition.label,
            from_state=from_state,
            to_state=case.state,
            actor=actor,
            on=on,
            reason=reason,
            data={**parsed, **extra},
            documents=docs,
        )
        for hook in list(_in_transaction_hooks):
            hook(case, step)
        transaction.on_commit(lambda: _notify(case, step))
    return step


# --- what each step writes ----------------------------------------------------------------------


def _no_apply(ctx: GuardContext) -> dict[str, Any] | None:
    return None


def _add_officer(ctx: GuardContext) -> None:
    case, officer = ctx.case, ctx.data["officer"]
    if case.recusals.filter(officer=officer).exists():
        raise DomainError(
            f"执法人员{officer.name}已回避本案，不得承办（《行政处罚法》第四十三条）", code="officer_recused"
        )
    _link, created = CaseOfficer.objects.get_or_create(case=case, officer=officer, defaults={"added_on": ctx.on})
    if not created:
        raise _invalid(f"{officer.name}已是本案承办人员")


def _recuse(ctx: GuardContext) -> None:
    case, officer = ctx.case, ctx.data["officer"]
    link = case.case_officers.filter(officer=officer, active=True).first()
    if link is None:
        raise _invalid(f"{officer.name}不是本案的承办人员")
    Recusal.objects.create(
        case=case, officer=officer, grounds=ctx.data["grounds"], decided_by=ctx.actor, decided_on=ctx.on
    )
    link.active = False
    link.save(update_fields=["active"])


def _file(ctx: GuardContext) -> None:
    ctx.case.filed_on = ctx.on


def _close_now(ctx: GuardContext) -> None:
    ctx.case.closed_on = ctx.on


def _preserve(ctx: GuardContext) -> dict[str, Any]:
    p = EvidencePreservation.objects.create(case=ctx.case, items=ctx.data["items"], registered_on=ctx.on)
    return {"preservation_id": p.pk}


def _dispose(ctx: GuardContext) -> None:
    p = ctx.case.preservations.filter(pk=ctx.data["preservation"], disposed_on__isnull=True).first()
    if p is None:
        raise _invalid("没有该项待处理的先行登记保存记录")
    p.disposed_on = ctx.on
    p.disposal = ctx.data["disposal"]
    p.save(update_fields=["disposed_on", "disposal"])


def _extension(code: str) -> Callable[[GuardContext], None]:
    def apply(ctx: GuardContext) -> None:
        if ctx.data["days"] < 1:
            raise _invalid("延长天数应为正整数")
        DeadlineExtension.objects.create(
            case=ctx.case,
            deadline=code,
            days=ctx.data["days"],
            approved_by=ctx.actor,
            approved_on=ctx.on,
            reason=ctx.reason,
        )

    return apply


def _end_investigation(ctx: GuardContext) -> None:
    ctx.case.violated_provisions = ctx.data["violated_provisions"]
    ctx.case.legal_basis = ctx.data["legal_basis"]


def _issue_notice(ctx: GuardContext) -> None:
    case, d = ctx.case, ctx.data
    case.proposed_penalty_types = d["penalty_types"]
    case.proposed_fine = d.get("fine")
    case.proposed_confiscation = d.get("confiscation")
    if d.get("legal_basis"):
        case.legal_basis = d["legal_basis"]
    elif not case.legal_basis:
        raise _invalid("请填写“处罚依据”")
    if d.get("facts"):
        case.facts = d["facts"]
    case.notice_on = ctx.on


def _propose(ctx: GuardContext) -> None:
    """The proposed penalty recorded before the notice (the materials of the legal review)."""
    case, d = ctx.case, ctx.data
    case.proposed_penalty_types = d["penalty_types"]
    case.proposed_fine = d.get("fine")
    case.proposed_confiscation = d.get("confiscation")
    if d.get("legal_basis"):
        case.legal_basis = d["legal_basis"]
    elif not case.legal_basis:
        raise _invalid("请填写“处罚依据”")
    if d.get("facts"):
        case.facts = d["facts"]


def _statement(kind: str) -> Callable[[GuardContext], None]:
    def apply(ctx: GuardContext) -> None:
        Statement.objects.create(
            case=ctx.case,
            kind=kind,
            occurred_on=ctx.on,
            content=ctx.data["content"],
            review=ctx.data.get("adopted") or "",
        )

    return apply


def _request_hearing(ctx: GuardContext) -> None:
    Hearing.objects.create(case=ctx.case, requested_on=ctx.on)


def _hearing_notice(ctx: GuardContext) -> None:
    hearing = ctx.case.hearings.filter(held_on__isnull=True).get()
    hearing.notified_on = ctx.on
    hearing.scheduled_for = ctx.data["hearing_time"].date()
    hearing.place = ctx.data["place"]
    hearing.chair = ctx.data["chair"]
    hearing.save()


def _hold_hearing(ctx: GuardContext) -> None:
    hearing = ctx.case.hearings.filter(held_on__isnull=True).get()
    hearing.held_on = ctx.on
    hearing.summary = ctx.data["summary"]
    hearing.save()


def _order_discussion(ctx: GuardContext) -> None:
    ctx.case.collective_discussion_ordered = True


def _discussion(ctx: GuardContext) -> None:
    CollectiveDiscussion.objects.create(
        case=ctx.case, held_on=ctx.on, participants=ctx.data["participants"], conclusion=ctx.data["conclusion"]
    )


def _decide(ctx: GuardContext) -> None:
    case, d = ctx.case, ctx.data
    if d["decision_type"] == DecisionType.REFERRAL and not d.get("receiving_organ"):
        raise _invalid("移送司法机关的，请填写“接收机关”")
    case.decision_type = d["decision_type"]
    case.penalty_types = d.get("penalty_types") or []
    case.fine_amount = d.get("fine")
    case.confiscation_amount = d.get("confiscation")
    case.decision_reasons = d["reasons"]
    case.decided_on = ctx.on


def _decide_on_spot(ctx: GuardContext) -> None:
    case, d = ctx.case, ctx.data
    case.decision_type = DecisionType.PENALTY
    case.penalty_types = d["penalty_types"]
    case.fine_amount = d.get("fine") if PenaltyType.FINE in d["penalty_types"] else None
    case.legal_basis = d["legal_basis"]
    case.violated_provisions = d["violated_provisions"]
    case.facts = d["facts"]
    case.decision_reasons = d["legal_basis"]
    case.decided_on = ctx.on
    case.notice_on = ctx.on  # rights are told on the spot before deciding (第五十二条)
    if d.get("statement"):
        Statement.objects.create(case=case, kind=Statement.Kind.STATEMENT, occurred_on=ctx.on, content=d["statement"])


def _serve(ctx: GuardContext) -> None:
    ctx.case.served_on = ctx.on
    ctx.case.service_method = ctx.data["method"]
    if ctx.case.kind == CaseKind.LICENSING:
        ctx.case.closed_on = ctx.on


def _deliver(ctx: GuardContext) -> None:
    ctx.case.served_on = ctx.on
    ctx.case.service_method = ServiceMethod.DIRECT


def _payment(ctx: GuardContext) -> dict[str, Any]:
    from .deadlines import amount_owed

    if ctx.data["amount"] <= 0:
        raise _invalid("缴款金额应大于0")
    Payment.objects.create(
        case=ctx.case, amount=ctx.data["amount"], paid_on=ctx.on, receipt=ctx.data.get("receipt") or ""
    )
    fine, surcharge, outstanding = amount_owed(ctx.case, ctx.on)
    return {"fine": fine, "surcharge": surcharge, "outstanding": outstanding}


def _compulsory(ctx: GuardContext) -> None:
    ctx.case.compulsory_execution_on = ctx.on


def _archive(ctx: GuardContext) -> None:
    ctx.case.archived_on = ctx.on


def _impose(ctx: GuardContext) -> None:
    Seizure.objects.create(case=ctx.case, items=ctx.data["items"], started_on=ctx.on, term_days=ctx.data["term_days"])


def _extend_seizure(ctx: GuardContext) -> None:
    seizure = ctx.case.seizures.filter(released_on__isnull=True).get()
    seizure.extended_days = ctx.data["days"]
    seizure.extension_approved_by = ctx.actor
    seizure.extended_on = ctx.on
    seizure.save()


def _release(ctx: GuardContext) -> None:
    ctx.case.seizures.filter(released_on__isnull=True).update(released_on=ctx.on)


def _record_result(ctx: GuardContext) -> None:
    ctx.case.inspection_result = ctx.data["result"]


def _convert(ctx: GuardContext) -> dict[str, Any]:
    case = ctx.case
    new = create_case(
        actor=ctx.actor,
        kind=CaseKind.PENALTY_ORDINARY,
        title=case.title,
        parties=[_party_snapshot(p) for p in case.parties.all()],
        officers=[link.officer for link in case.case_officers.filter(active=True)],
        region=case.region,
        source=CaseSource.INSPECTION,
        source_detail=f"由检查案件{case.number}转立案",
        facts=ctx.data["facts"],
        violation_date=ctx.data["violation_date"],
        discovery_date=ctx.on,
        occurred_on=ctx.on,
        source_case=case,
    )
    case.closed_on = ctx.on
    return {"penalty_case": new.pk, "penalty_case_number": new.number}


def _accept(ctx: GuardContext) -> None:
    ctx.case.accepted_on = ctx.on


def _decide_licence(ctx: GuardContext) -> None:
    if ctx.data["licence_decision"] == "grant" and not ctx.data.get("license_content"):
        raise _invalid("准予许可的，请填写“许可内容”")
    ctx.case.legal_basis = ctx.data["legal_basis"]
    ctx.case.licence_decision = ctx.data["licence_decision"]
    ctx.case.decision_reasons = ctx.data["reasons"]
    ctx.case.decided_on = ctx.on


APPLY: dict[str, Callable[[GuardContext], dict[str, Any] | None]] = {
    "add_officer": _add_officer,
    "recuse": _recuse,
    "file": _file,
    "not_file": _close_now,
    "preserve_evidence": _preserve,
    "dispose_evidence": _dispose,
    "extend_decision_deadline": _extension("decision"),
    "end_investigation": _end_investigation,
    "issue_notice": _issue_notice,
    "propose": _propose,
    "record_statement": _statement(Statement.Kind.STATEMENT),
    "waive_statement": _statement(Statement.Kind.WAIVER),
    "request_hearing": _request_hearing,
    "hearing_notice": _hearing_notice,
    "hold_hearing": _hold_hearing,
    "order_collective_discussion": _order_discussion,
    "collective_discussion": _discussion,
    "decide": _decide,
    "decide_on_spot": _decide_on_spot,
    "serve": _serve,
    "deliver": _deliver,
    "record_payment": _payment,
    "apply_compulsory_execution": _compulsory,
    "close": _close_now,
    "archive": _archive,
    "impose": _impose,
    "extend_seizure": _extend_seizure,
    "release": _release,
    "record_result": _record_result,
    "end": _close_now,
    "convert_to_penalty": _convert,
    "accept": _accept,
    "reject_application": _close_now,
    "extend_licensing": _extension("licensing"),
    "decide_licence": _decide_licence,
}
