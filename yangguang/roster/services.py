"""Every write to the roster. Each service validates, saves and appends a ledger entry in one
transaction, so the recording system sees every change however it was made (UI, API, import,
command, admin)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction
from django.forms.models import model_to_dict

from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency, EnforcementItem, Entity, InspectionItem, Officer, Region, Unit, User
from yangguang.roster.roles import is_staff_role

M = TypeVar("M", bound=models.Model)


def _snapshot(obj: models.Model) -> dict[str, Any]:
    data = model_to_dict(obj)
    for key, value in list(data.items()):
        if hasattr(value, "name") and key == "photo":  # FieldFile: record the stored name only
            data[key] = value.name or ""
    return data


def _save(*, obj: M, actor: User | None, action: str) -> M:
    """Validate and save ``obj`` and record it. Raises ValidationError (field -> Chinese message)."""
    if isinstance(obj, Region):
        obj.path = obj.compute_path()
    obj.full_clean()
    with transaction.atomic():
        created = obj.pk is None
        obj.save()
        append_entry(
            actor=actor,
            subject=obj,
            action=f"{action}.{'create' if created else 'update'}",
            payload=_snapshot(obj),
        )
    return obj


def save_region(*, region: Region, actor: User | None) -> Region:
    return _save(obj=region, actor=actor, action="roster.region")


def save_agency(*, agency: Agency, actor: User | None) -> Agency:
    return _save(obj=agency, actor=actor, action="roster.agency")


def save_unit(*, unit: Unit, actor: User | None) -> Unit:
    return _save(obj=unit, actor=actor, action="roster.unit")


def save_officer(*, officer: Officer, actor: User | None) -> Officer:
    return _save(obj=officer, actor=actor, action="roster.officer")


def save_item(*, item: EnforcementItem, actor: User | None) -> EnforcementItem:
    return _save(obj=item, actor=actor, action="roster.item")


def save_inspection_item(*, item: InspectionItem, actor: User | None) -> InspectionItem:
    return _save(obj=item, actor=actor, action="roster.inspection_item")


def save_entity(*, entity: Entity, actor: User | None) -> Entity:
    return _save(obj=entity, actor=actor, action="roster.entity")


def create_user(
    *,
    username: str,
    password: str,
    role: str,
    actor: User | None,
    agency: Agency | None = None,
    officer: Officer | None = None,
    full_name: str = "",
    must_change_password: bool = False,
) -> User:
    """Create a login. The password is hashed; the ledger records who was given which role. Admin-site
    access (``is_staff``) follows the role (``roster.roles``); nobody is a superuser."""
    with transaction.atomic():
        user = User(
            username=username,
            role=role,
            agency=agency,
            officer=officer,
            full_name=full_name,
            is_staff=is_staff_role(role),
            must_change_password=must_change_password,
        )
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
        append_entry(
            actor=actor,
            subject=user,
            action="roster.user.create",
            payload={
                "username": username,
                "role": role,
                "agency": agency.pk if agency else None,
                "officer": officer.pk if officer else None,
            },
        )
    return user
