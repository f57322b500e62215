"""Case numbering and creation (``create_case``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.documents.services import abbreviation_for
from yangguang.roster.models import Agency, EnforcementItem, Entity, Officer, Region, Role, User

from ..access_rules import HandlerCandidate
from ..models import (
    Case,
    CaseCounter,
    CaseOfficer,
    Party,
)
from ..workflow import (
    CREATE_ACTION,
    CREATE_LABEL,
    KIND_CATEGORY,
    KIND_NUMBER_CHAR,
    CaseKind,
    CaseSource,
    PartyKind,
    workflow_for,
)
from .persons import build_person
from .recording import _record_step
from .validation import _invalid, _today, check_occurred_on

# --- numbering ----------------------------------------------------------------------------------


def next_case_number(*, agency: Agency, kind: str, year: int) -> tuple[str, int]:
    """Take the next number of the agency's counter for (year, kind), locking the counter row.

    Case numbers (案号) use the agency's abbreviation (机关代字, the same one its documents carry,
    unique across the platform) plus the kind and 案, e.g. 杭市监罚案〔2026〕1号, so they are never
    confused with the number of a document such as the decision (杭市监罚〔2026〕1号) nor with
    another agency's case."""
    abbreviation = abbreviation_for(agency)
    prefix = KIND_NUMBER_CHAR[kind]
    CaseCounter.objects.get_or_create(agency_id=agency.pk, year=year, prefix=prefix)
    counter = CaseCounter.objects.select_for_update().get(agency_id=agency.pk, year=year, prefix=prefix)
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


def _checked_item(item: EnforcementItem | int | None, *, agency_id: int, kind: str) -> EnforcementItem | None:
    """The enforcement item of the case: the agency's own, of the case's category."""
    if isinstance(item, int):
        item = EnforcementItem.objects.filter(pk=item).first()
        if item is None:
            raise _invalid("所选执法事项不存在")
    if item is not None:
        if item.agency_id != agency_id:
            raise _invalid("执法事项应为本机关的事项")
        if item.kind != KIND_CATEGORY[kind]:
            raise _invalid("执法事项的类别与案件类别不符")
    return item


def _handlers(actor: User, officers: Iterable[Officer | int], *, agency_id: int, on: dt.date) -> list[Officer]:
    """The handling officers, the registering officer first (the lead): the agency's own, each one
    a handler the policy allows on the registration date (持证上岗)."""
    found: list[Officer] = []
    if actor.role == Role.OFFICER and actor.officer is not None:
        found.append(actor.officer)
    for o in officers:
        obj = o if isinstance(o, Officer) else Officer.objects.filter(pk=o).first()
        if obj is None or obj.agency_id != agency_id:
            raise _invalid("承办人员应为本机关的执法人员")
        if obj not in found:
            found.append(obj)
    if not found:
        raise _invalid("请至少选择一名承办人员")
    for obj in found:
        policy.require(actor, "case.handler.assign", HandlerCandidate(agency_id, obj), on=on)
    return found


def _check_dates(violation_date: dt.date | None, discovery_date: dt.date | None, on: dt.date) -> None:
    if (violation_date and violation_date > on) or (discovery_date and discovery_date > on):
        raise _invalid("违法行为发生日期和发现日期不能晚于登记日期")
    if violation_date and discovery_date and discovery_date < violation_date:
        raise _invalid("发现日期不能早于违法行为发生日期")


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
    persons: Iterable[Mapping[str, Any]] = (),
) -> Case:
    """Register a case in the initial state of its workflow, with its parties and handling officers
    (the registering officer is the lead handler)."""
    if kind not in CaseKind.values:
        raise _invalid("案件类别无效")
    on = occurred_on or _today()
    # 持证上岗 on the registration date: the registering user and every handler.
    policy.require(actor, "case.create", on=on)
    agency = actor.agency
    assert agency is not None
    title = (title or "").strip()
    if not title:
        raise _invalid("请填写案由")
    if source not in CaseSource.values:
        raise _invalid("案件来源无效")
    if not parties:
        raise DomainError("请至少登记一名当事人", code="party_required")
    built = [_build_party(p) for p in parties]
    built_persons = [build_person(p) for p in persons]
    item = _checked_item(item, agency_id=agency.pk, kind=kind)
    officer_objs = _handlers(actor, officers, agency_id=agency.pk, on=on)
    check_occurred_on(None, on)
    _check_dates(violation_date, discovery_date, on)
    wf = workflow_for(kind)
    with transaction.atomic():
        number, serial = next_case_number(agency=agency, kind=kind, year=on.year)
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
        for person in built_persons:
            person.case = case
            person.save()
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
        _record_step(
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
    return case
