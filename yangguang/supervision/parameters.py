"""A justice bureau's own parameters for the warning models (e.g. its 趋利性执法 growth line, its
乱检查 ceiling): set by the bureau's supervisors on the models page or through the API, versioned
(``ModelSetting.revision``; the newest is in force), recorded in the ledger, shown with the model
and used whenever the model runs for that bureau's scope.

The model's own version stays the declared one; a hit judged or turned into a clue under a bureau's
parameters records ``<version>-p<revision>`` (``version_label``), so a verdict says which values
found it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency, User

from .models import ModelSetting
from .rules import RULES, Rule

MSG_NO_RULE = "没有这个监督预警模型"
MSG_BUREAU = "只有执法监督机构的人员可以设置模型参数"
MSG_REASON = "请写明调整参数的理由"
MSG_NOTHING = "请至少填写一个参数值"
MSG_UNKNOWN = "模型“{rule}”没有参数“{name}”"
MSG_VALUE = "参数“{label}”应为{minimum}至{maximum}之间的整数"


def _bureau(user: User) -> Agency | None:
    agency = getattr(user, "agency", None)
    return agency if agency is not None and agency.is_supervisor else None


def current(bureau: Agency | None, rule_code: str) -> ModelSetting | None:
    """The bureau's setting in force for the model (its newest revision), if any."""
    if bureau is None:
        return None
    return ModelSetting.objects.filter(bureau=bureau, rule=rule_code).order_by("-revision").first()


def in_force(bureau: Agency | None) -> dict[str, ModelSetting]:
    """Every model's setting in force for the bureau, by model code (one query)."""
    if bureau is None:
        return {}
    out: dict[str, ModelSetting] = {}
    for s in ModelSetting.objects.filter(bureau=bureau).order_by("rule", "-revision"):
        out.setdefault(s.rule, s)
    return out


def values_of(r: Rule, setting: ModelSetting | None) -> dict[str, Any]:
    """The bureau's values that the model still declares (the rest keep their defaults)."""
    if setting is None:
        return {}
    declared = {p.name for p in r.params}
    return {k: v for k, v in setting.values.items() if k in declared}


def version_label(r: Rule, setting: ModelSetting | None) -> str:
    return f"{r.version}-p{setting.revision}" if setting is not None else r.version


def for_user(user: User, r: Rule) -> tuple[dict[str, Any], str]:
    """The values the model runs with for ``user``'s bureau, and the version label to record."""
    setting = current(_bureau(user), r.code)
    return values_of(r, setting), version_label(r, setting)


def describe(r: Rule, setting: ModelSetting | None) -> list[dict[str, Any]]:
    """Each declared parameter with its default, the value in force and whether the bureau set it."""
    own = values_of(r, setting)
    return [
        {
            "name": p.name,
            "label": p.label,
            "unit": p.unit,
            "default": p.value,
            "value": own.get(p.name, p.value),
            "overridden": p.name in own,
            "minimum": p.minimum,
            "maximum": p.maximum,
        }
        for p in r.params
    ]


def _parse(r: Rule, raw: dict[str, Any]) -> dict[str, int]:
    params = {p.name: p for p in r.params}
    out: dict[str, int] = {}
    for name, value in raw.items():
        p = params.get(name)
        if p is None:
            raise DomainError(MSG_UNKNOWN.format(rule=r.name, name=name), code="param_unknown")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # left empty: the default
        text = str(value).strip()
        if isinstance(value, bool) or not text.isascii() or not text.isdigit() or len(text) > 10:
            raise DomainError(
                MSG_VALUE.format(label=p.label, minimum=p.minimum, maximum=p.maximum), code="param_invalid"
            )
        number = int(text)
        if not p.minimum <= number <= p.maximum:
            raise DomainError(
                MSG_VALUE.format(label=p.label, minimum=p.minimum, maximum=p.maximum), code="param_invalid"
            )
        if number != p.value:
            out[name] = number
    return out


def set_values(*, actor: User, rule_code: str, values: dict[str, Any], reason: str) -> ModelSetting:
    """A new revision of the bureau's parameters for the model: the values given (empty or equal to
    the default: the default), the reason, the ledger entry. Only the bureau's own supervisors."""
    r = RULES.get(rule_code)
    if r is None:
        raise DomainError(MSG_NO_RULE, code="rule_not_found")
    policy.require(actor, "supervision.view")
    bureau = _bureau(actor)
    if bureau is None:
        raise DomainError(MSG_BUREAU, code="forbidden")
    policy.require(actor, "supervision.parameters.set", bureau)
    parsed = _parse(r, values)
    if not reason.strip():
        raise DomainError(MSG_REASON, code="reason_required")
    with transaction.atomic():
        # Lock the bureau's row: two supervisors saving at once get consecutive revisions.
        Agency.objects.select_for_update().filter(pk=bureau.pk).first()
        last = current(bureau, r.code)
        if not parsed and last is None:
            raise DomainError(MSG_NOTHING, code="values_required")
        setting = ModelSetting.objects.create(
            bureau=bureau,
            rule=r.code,
            rule_version=r.version,
            revision=(last.revision + 1) if last is not None else 1,
            values=parsed,
            reason=reason.strip()[:300],
            set_by=actor,
        )
        entry = append_entry(
            actor=actor,
            subject=setting,
            action="supervision.model.parameters",
            payload={
                "bureau": bureau.pk,
                "rule": r.code,
                "version": r.version,
                "revision": setting.revision,
                "values": parsed,
                "defaults": r.values(),
            },
        )
        setting.ledger_seq = entry.seq
        setting.save(update_fields=["ledger_seq"])
    return setting


def history(bureau: Agency | None, rule_code: str) -> list[ModelSetting]:
    if bureau is None:
        return []
    return list(ModelSetting.objects.filter(bureau=bureau, rule=rule_code).order_by("-revision")[:50])
