"""Parsing and checking the data, the date and the actor of a step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Max
from django.utils import timezone

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.roster.models import Officer, Role, User

from ..access_rules import StepRequest
from ..guards import fmt
from ..models import (
    Case,
)
from ..workflow import (
    FieldSpec,
    Transition,
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
    """Who may take ``transition`` (the policy's ``case.act``): a role of the table, from the case's
    agency, with a certificate valid on the step's date; an officer only on a case they handle,
    not recused."""
    policy.require(actor, "case.act", StepRequest(case, transition), on=on)
