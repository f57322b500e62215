"""The natural persons a case touches besides the party (涉案人员): recorded where officers type
them (case registration, the case page, the API), each write in the ledger (role and minor flag
only: the names and identifiers stay in the case)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from yangguang.access import policy
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.ledger.services import append_entry
from yangguang.roster.models import User

from ..models import Case, CasePerson, PersonRole


def build_person(data: Mapping[str, Any]) -> CasePerson:
    """An unsaved ``CasePerson`` from form/API data, checked."""
    role = str(data.get("role") or "").strip()
    name = str(data.get("name") or "").strip()
    if role not in PersonRole.values:
        raise DomainError("涉案人员的身份无效", code="invalid")
    if not name:
        raise DomainError("请填写涉案人员的姓名", code="invalid")
    person = CasePerson(
        role=role,
        name=name[:100],
        minor=bool(data.get("minor")),
        id_number=str(data.get("id_number") or "").strip().upper()[:40],
        phone=str(data.get("phone") or "").strip()[:50],
        address=str(data.get("address") or "").strip()[:200],
    )
    return person


def add_person(*, case: Case, actor: User, data: Mapping[str, Any]) -> CasePerson:
    policy.require(actor, "case.persons.edit", case)
    person = build_person(data)
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        person.case = case
        person.save()
        append_entry(
            actor=actor,
            subject=case,
            action="case.person.add",
            payload={"person": person.pk, "role": person.role, "minor": person.minor},
        )
    return person


def remove_person(*, case: Case, actor: User, person_id: int) -> None:
    policy.require(actor, "case.persons.edit", case)
    with transaction.atomic():
        person = CasePerson.objects.select_for_update().filter(case=case, pk=person_id).first()
        if person is None:
            raise NotFoundError("该涉案人员不存在")
        append_entry(
            actor=actor, subject=case, action="case.person.remove", payload={"person": person.pk, "role": person.role}
        )
        person.delete()
