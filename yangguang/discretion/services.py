"""Every write of the discretion app, each in one transaction with its ledger entry; plus the
read-only assistant and major evaluation re-exported here as the app's interface (INTERFACE.md)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.discretion.assistant import (
    CHECKLIST_ITEM_DISCRETION,
    MSG_ABOVE,
    MSG_BELOW,
    MSG_FIRST_VIOLATION,
    MSG_INSIDE,
    MSG_NO_RANGE,
    MSG_OUTSIDE,
    MSG_REASON_REQUIRED,
    MSG_TYPE,
    PastDecisions,
    ProposalCheck,
    Suggestion,
    check_proposal,
    require_outside_reason,
    suggest,
)
from yangguang.discretion.importer import BenchmarkData, parse_workbook
from yangguang.discretion.major import DEFAULT_CATALOG_TITLE, DEFAULT_RULES, MajorReason, evaluate_major
from yangguang.discretion.models import (
    Benchmark,
    CircumstanceLevel,
    Factor,
    FirstViolationRule,
    MajorCatalog,
    MajorFlag,
    MajorRule,
    MajorRuleKind,
    PartyKind,
    PenaltyType,
)
from yangguang.discretion.money import fmt
from yangguang.discretion.selectors import can_manage
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency, User

__all__ = [
    "CHECKLIST_ITEM_DISCRETION",
    "MSG_ABOVE",
    "MSG_BELOW",
    "MSG_FIRST_VIOLATION",
    "MSG_INSIDE",
    "MSG_NO_RANGE",
    "MSG_OUTSIDE",
    "MSG_REASON_REQUIRED",
    "MSG_TYPE",
    "ImportResult",
    "MajorReason",
    "MajorRuleInput",
    "PastDecisions",
    "ProposalCheck",
    "Suggestion",
    "check_proposal",
    "delete_benchmark",
    "ensure_default_catalog",
    "evaluate_major",
    "import_benchmarks",
    "replace_major_rules",
    "require_outside_reason",
    "set_published",
    "suggest",
]

MSG_NOT_MANAGER = "仅本机关负责人或系统管理员可以维护裁量基准和重大执法决定目录"
MAX_FILE_BYTES = 10 * 1024 * 1024
MSG_CONCURRENT = "同一事项同一版本的裁量基准正在被同时导入，请稍后重试"
MSG_TOO_LARGE = "文件过大（不能超过10MB）"
MSG_DELETE_PUBLISHED = "已公布的裁量基准不能删除，请先撤回公布"
MSG_RULE = "第{n}条规则：{problem}"
P_RULE_KIND = "规则类型无效"
P_RULE_TITLE = "须填写目录条目"
P_RULE_THRESHOLD = "数额标准须为大于0的数字"
P_RULE_TYPE = "须选择处罚种类"
P_RULE_FLAG = "须选择标记情形"
P_RULE_PARTY = "适用对象无效"


def _require_manager(actor: User, agency: Agency) -> None:
    if not can_manage(actor, agency):
        raise PermissionDeniedError(MSG_NOT_MANAGER)


def _benchmark_snapshot(b: Benchmark) -> dict[str, Any]:
    return {
        "agency": b.agency_id,
        "item": b.item_id,
        "item_code": b.item.code,
        "version": b.version,
        "effective_from": b.effective_from.isoformat(),
        "published": b.published,
        "violation": b.violation,
        "violation_basis": b.violation_basis,
        "penalty_basis": b.penalty_basis,
        "levels": [
            {
                "level": lv.level,
                "party_kind": lv.party_kind,
                "conditions": lv.conditions,
                "gains_upper": fmt(lv.gains_upper),
                "fine_min": fmt(lv.fine_min),
                "fine_max": fmt(lv.fine_max),
                "gains_multiple_min": fmt(lv.gains_multiple_min),
                "gains_multiple_max": fmt(lv.gains_multiple_max),
                "penalty_types": lv.penalty_types,
            }
            for lv in b.levels.all()
        ],
        "factors": [
            {"kind": f.kind, "code": f.code, "description": f.description, "effect": f.effect, "percent": f.percent}
            for f in b.factors.all()
        ],
        "first_violation_rules": [
            {
                "conditions": r.conditions,
                "requires_first_violation": r.requires_first_violation,
                "requires_prompt_correction": r.requires_prompt_correction,
                "max_harm": r.max_harm,
                "max_illegal_gains": fmt(r.max_illegal_gains),
            }
            for r in b.first_violation_rules.all()
        ],
    }


# --- Benchmarks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    benchmark_ids: list[int]
    rows: int


def _write_benchmark(*, agency: Agency, data: BenchmarkData, publish: bool) -> tuple[Benchmark, bool]:
    bench = Benchmark.objects.select_for_update().filter(agency=agency, item=data.item, version=data.version).first()
    created = bench is None
    if bench is None:
        bench = Benchmark(agency=agency, item=data.item, version=data.version)
    else:
        # Re-importing a version replaces its content.
        bench.levels.all().delete()
        bench.factors.all().delete()
        bench.first_violation_rules.all().delete()
    bench.effective_from = data.effective_from
    bench.violation = data.violation
    bench.violation_basis = data.violation_basis
    bench.penalty_basis = data.penalty_basis
    if publish and not bench.published:
        bench.published = True
        bench.published_at = timezone.now()
    bench.save()
    CircumstanceLevel.objects.bulk_create(
        CircumstanceLevel(
            benchmark=bench,
            level=lv.level,
            party_kind=lv.party_kind,
            conditions=lv.conditions,
            gains_upper=lv.gains_upper,
            fine_min=lv.fine_min,
            fine_max=lv.fine_max,
            gains_multiple_min=lv.gains_multiple_min,
            gains_multiple_max=lv.gains_multiple_max,
            penalty_types=lv.penalty_types,
        )
        for lv in data.levels
    )
    Factor.objects.bulk_create(
        Factor(benchmark=bench, kind=f.kind, code=f.code, description=f.description, effect=f.effect, percent=f.percent)
        for f in data.factors
    )
    FirstViolationRule.objects.bulk_create(
        FirstViolationRule(
            benchmark=bench,
            conditions=r.conditions,
            requires_first_violation=r.requires_first_violation,
            requires_prompt_correction=r.requires_prompt_correction,
            max_harm=r.max_harm,
            max_illegal_gains=r.max_illegal_gains,
        )
        for r in data.first_violation_rules
    )
    return bench, created


def import_benchmarks(
    *, agency: Agency, data: bytes, filename: str, actor: User, publish: bool = False
) -> ImportResult:
    """Import an XLSX file of benchmarks for ``agency``: all rows valid, or nothing is written
    (ImportRejected lists every problem). One ledger entry records the import and the file hash."""
    _require_manager(actor, agency)
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(MSG_TOO_LARGE, code="import_too_large")
    parsed = parse_workbook(data, agency=agency)
    digest = hashlib.new("sm3", data).hexdigest()
    try:
        with transaction.atomic():
            summary = _write_all(agency=agency, parsed=parsed, publish=publish)
            append_entry(
                actor=actor,
                subject=f"discretion.import:agency:{agency.pk}",
                action="discretion.benchmark.import",
                payload={
                    "agency": agency.pk,
                    "filename": filename,
                    "rows": sum(len(p.levels) for p in parsed),
                    "publish": publish,
                    "benchmarks": summary,
                },
                file_hashes={filename or "import.xlsx": digest},
            )
    except IntegrityError:
        # Another import of the same item and version committed first.
        raise DomainError(MSG_CONCURRENT, code="import_conflict") from None
    return ImportResult(
        created=sum(1 for s in summary if s["created"]),
        updated=sum(1 for s in summary if not s["created"]),
        benchmark_ids=[s["id"] for s in summary],
        rows=sum(len(p.levels) for p in parsed),
    )


def _write_all(*, agency: Agency, parsed: list[BenchmarkData], publish: bool) -> list[dict[str, Any]]:
    summary: list[dict[str, Any]] = []
    for item in parsed:
        bench, is_new = _write_benchmark(agency=agency, data=item, publish=publish)
        summary.append({"id": bench.pk, "item_code": item.item.code, "version": item.version, "created": is_new})
    return summary


def set_published(*, benchmark: Benchmark, published: bool, actor: User) -> Benchmark:
    """Publish (行政处罚法 Art. 34) or withdraw a benchmark from the public portal."""
    _require_manager(actor, benchmark.agency)
    with transaction.atomic():
        bench = Benchmark.objects.select_for_update().select_related("item").get(pk=benchmark.pk)
        if bench.published == published:
            return bench
        bench.published = published
        bench.published_at = timezone.now() if published else None
        bench.save(update_fields=["published", "published_at", "updated_at"])
        append_entry(
            actor=actor,
            subject=bench,
            action="discretion.benchmark.publish" if published else "discretion.benchmark.withdraw",
            payload={"item_code": bench.item.code, "version": bench.version, "published": published},
        )
    return bench


def delete_benchmark(*, benchmark: Benchmark, actor: User) -> None:
    """Delete a draft benchmark; the snapshot stays in the ledger."""
    _require_manager(actor, benchmark.agency)
    with transaction.atomic():
        bench = Benchmark.objects.select_for_update().select_related("item").get(pk=benchmark.pk)
        if bench.published:
            raise DomainError(MSG_DELETE_PUBLISHED, code="benchmark_published")
        snapshot = _benchmark_snapshot(bench)
        append_entry(actor=actor, subject=bench, action="discretion.benchmark.delete", payload=snapshot)
        bench.delete()


# --- Major decision catalog ---------------------------------------------------------------------


@dataclass(frozen=True)
class MajorRuleInput:
    kind: str
    title: str
    party_kind: str = ""
    threshold: Decimal | None = None
    penalty_type: str = ""
    flag: str = ""
    active: bool = True


def _rule_snapshot(rule: MajorRule) -> dict[str, Any]:
    return {
        "kind": rule.kind,
        "party_kind": rule.party_kind,
        "threshold": fmt(rule.threshold),
        "penalty_type": rule.penalty_type,
        "flag": rule.flag,
        "title": rule.title,
        "active": rule.active,
        "position": rule.position,
    }


def ensure_default_catalog(*, agency: Agency, actor: User) -> MajorCatalog:
    """The agency's catalog, created from the default example on first use (and recorded)."""
    _require_manager(actor, agency)
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        catalog = MajorCatalog.objects.filter(agency=agency).first()
        if catalog is not None:
            return catalog
        catalog = MajorCatalog.objects.create(agency=agency, title=DEFAULT_CATALOG_TITLE)
        MajorRule.objects.bulk_create(
            MajorRule(
                catalog=catalog,
                kind=kind,
                party_kind=party,
                threshold=threshold,
                penalty_type=ptype,
                flag=flag,
                title=title,
                position=i + 1,
            )
            for i, (kind, party, threshold, ptype, flag, title) in enumerate(DEFAULT_RULES)
        )
        append_entry(
            actor=actor,
            subject=catalog,
            action="discretion.catalog.create",
            payload={
                "agency": agency.pk,
                "title": catalog.title,
                "rules": [_rule_snapshot(r) for r in catalog.rules.all()],
            },
        )
    return catalog


def _validate_rule(n: int, rule: MajorRuleInput) -> list[str]:
    problems: list[str] = []
    if rule.kind not in MajorRuleKind.values:
        problems.append(P_RULE_KIND)
    if not rule.title.strip():
        problems.append(P_RULE_TITLE)
    if rule.party_kind and rule.party_kind not in PartyKind.values:
        problems.append(P_RULE_PARTY)
    if rule.kind in (MajorRuleKind.FINE, MajorRuleKind.CONFISCATION) and (
        rule.threshold is None or rule.threshold <= 0
    ):
        problems.append(P_RULE_THRESHOLD)
    if rule.kind == MajorRuleKind.PENALTY_TYPE and rule.penalty_type not in PenaltyType.values:
        problems.append(P_RULE_TYPE)
    if rule.kind == MajorRuleKind.FLAG and rule.flag not in MajorFlag.values:
        problems.append(P_RULE_FLAG)
    return [MSG_RULE.format(n=n, problem=p) for p in problems]


def replace_major_rules(*, agency: Agency, rules: list[MajorRuleInput], actor: User, title: str = "") -> MajorCatalog:
    """Replace the agency's catalog rules as a whole (validated first; recorded with before/after)."""
    _require_manager(actor, agency)
    errors: list[str] = []
    for n, rule in enumerate(rules, start=1):
        errors += _validate_rule(n, rule)
    if errors:
        raise DomainError("；".join(errors), code="invalid_catalog", details={"errors": errors})
    catalog = ensure_default_catalog(agency=agency, actor=actor)
    with transaction.atomic():
        catalog = MajorCatalog.objects.select_for_update().get(pk=catalog.pk)
        before = [_rule_snapshot(r) for r in catalog.rules.all()]
        catalog.rules.all().delete()
        if title.strip():
            catalog.title = title.strip()
        catalog.save()
        MajorRule.objects.bulk_create(
            MajorRule(
                catalog=catalog,
                kind=r.kind,
                party_kind=r.party_kind if r.kind in (MajorRuleKind.FINE, MajorRuleKind.CONFISCATION) else "",
                threshold=r.threshold if r.kind in (MajorRuleKind.FINE, MajorRuleKind.CONFISCATION) else None,
                penalty_type=r.penalty_type if r.kind == MajorRuleKind.PENALTY_TYPE else "",
                flag=r.flag if r.kind == MajorRuleKind.FLAG else "",
                title=r.title.strip(),
                active=r.active,
                position=i + 1,
            )
            for i, r in enumerate(rules)
        )
        append_entry(
            actor=actor,
            subject=catalog,
            action="discretion.catalog.update",
            payload={
                "agency": agency.pk,
                "title": catalog.title,
                "before": before,
                "after": [_rule_snapshot(r) for r in catalog.rules.all()],
            },
        )
    return catalog
