"""Discretion API (/api/discretion/): benchmarks (published ones without login), the assistant
(suggest, check), the major decision evaluation and the XLSX import. Session authentication."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile
from ninja.security import django_auth

from yangguang.core.errors import NotFoundError, PermissionDeniedError
from yangguang.discretion import selectors, services
from yangguang.discretion.models import Benchmark
from yangguang.discretion.money import fmt
from yangguang.roster.models import User

router = Router(tags=["discretion"], auth=django_auth)

MSG_ITEM = "执法事项不存在或无权查看"
MSG_AGENCY = "执法主体不存在或无权查看"
MSG_BENCHMARK = "裁量基准不存在"


class SuggestIn(Schema):
    item_id: int
    party_kind: str
    facts: dict[str, Any] = {}


class CheckIn(SuggestIn):
    amount: Decimal | None = None
    penalty_types: list[str] = []


class MajorIn(Schema):
    agency_id: int | None = None
    party_kind: str
    fine_amount: Decimal = Decimal(0)
    confiscation_amount: Decimal = Decimal(0)
    penalty_types: list[str] = []
    hearing_held: bool = False
    flags: dict[str, str] = {}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _benchmark(b: Benchmark, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": b.pk,
        "agency_id": b.agency_id,
        "agency_name": b.agency.name,
        "item_id": b.item_id,
        "item_code": b.item.code,
        "item_name": b.item.name,
        "violation": b.violation,
        "version": b.version,
        "effective_from": b.effective_from.isoformat(),
        "published": b.published,
    }
    if full:
        out |= {
            "violation_basis": b.violation_basis,
            "penalty_basis": b.penalty_basis,
            "levels": [
                {
                    "level": lv.level,
                    "level_label": lv.get_level_display(),
                    "party_kind": lv.party_kind,
                    "conditions": lv.conditions,
                    "gains_upper": fmt(lv.gains_upper) or None,
                    "fine_min": fmt(lv.fine_min) or None,
                    "fine_max": fmt(lv.fine_max) or None,
                    "gains_multiple_min": fmt(lv.gains_multiple_min) or None,
                    "gains_multiple_max": fmt(lv.gains_multiple_max) or None,
                    "penalty_types": lv.penalty_types,
                    "penalty_type_labels": lv.penalty_type_labels(),
                }
                for lv in b.levels.all()
            ],
            "factors": [
                {
                    "code": f.code,
                    "kind": f.kind,
                    "description": f.description,
                    "effect": f.effect,
                    "percent": f.percent,
                }
                for f in b.factors.all()
            ],
            "first_violation_rules": [
                {
                    "conditions": r.conditions,
                    "requires_first_violation": r.requires_first_violation,
                    "requires_prompt_correction": r.requires_prompt_correction,
                    "max_harm": r.max_harm,
                    "max_illegal_gains": fmt(r.max_illegal_gains) or None,
                }
                for r in b.first_violation_rules.all()
            ],
        }
    return out


@router.get("/benchmarks", auth=None, summary="裁量基准列表（未登录仅含已公布的）")
def list_benchmarks(request: HttpRequest, q: str = "", agency: int | None = None) -> dict[str, Any]:
    qs = selectors.listable_benchmarks(_user(request))
    if agency:
        qs = qs.filter(agency_id=agency)
    if q:
        qs = qs.filter(item__name__contains=q) | qs.filter(item__code__icontains=q)
    rows = list(qs.order_by("agency_id", "item__code", "-effective_from", "-id")[:500])
    return {"count": len(rows), "items": [_benchmark(b) for b in rows]}


@router.get("/benchmarks/{benchmark_id}", auth=None, summary="裁量基准详情")
def benchmark_detail(request: HttpRequest, benchmark_id: int) -> dict[str, Any]:
    bench = selectors.benchmark_detail(selectors.listable_benchmarks(_user(request)), benchmark_id)
    if bench is None:
        raise NotFoundError(MSG_BENCHMARK)
    return _benchmark(bench, full=True)


def _suggestion(request: HttpRequest, data: SuggestIn) -> services.Suggestion:
    item = selectors.visible_item(_user(request), data.item_id)
    if item is None:
        raise NotFoundError(MSG_ITEM)
    return services.suggest(agency=item.agency, item=item, party_kind=data.party_kind, facts=data.facts)


@router.post("/suggest", summary="裁量辅助：适用情形、罚款幅度、首违不罚、以往决定")
def suggest(request: HttpRequest, data: SuggestIn) -> dict[str, Any]:
    return _suggestion(request, data).to_dict()


@router.post("/check", summary="核对拟处罚是否在裁量基准范围内")
def check(request: HttpRequest, data: CheckIn) -> dict[str, Any]:
    suggestion = _suggestion(request, data)
    result = services.check_proposal(suggestion=suggestion, amount=data.amount, penalty_types=data.penalty_types)
    return {"suggestion": suggestion.to_dict(), "check": result.to_dict()}


@router.post("/major", summary="是否属于重大执法决定（法制审核目录清单）")
def major(request: HttpRequest, data: MajorIn) -> dict[str, Any]:
    agency = selectors.visible_agency(_user(request), data.agency_id)
    if agency is None:
        raise NotFoundError(MSG_AGENCY)
    reasons = services.evaluate_major(
        agency=agency,
        party_kind=data.party_kind,
        fine_amount=data.fine_amount,
        confiscation_amount=data.confiscation_amount,
        penalty_types=data.penalty_types,
        hearing_held=data.hearing_held,
        flags=data.flags,
    )
    return {"agency_id": agency.pk, "major": bool(reasons), "reasons": [r.to_dict() for r in reasons]}


@router.post("/import", summary="导入裁量基准（XLSX，全部校验通过才导入）")
def import_file(
    request: HttpRequest, file: File[UploadedFile], agency_id: Form[int | None] = None, publish: Form[bool] = False
) -> dict[str, Any]:
    user = _user(request)
    agency = selectors.visible_agency(user, agency_id)
    if agency is None:
        raise NotFoundError(MSG_AGENCY)
    if not selectors.can_manage(user, agency):
        raise PermissionDeniedError(services.MSG_NOT_MANAGER)
    result = services.import_benchmarks(
        agency=agency, data=file.read(), filename=file.name or "import.xlsx", actor=user, publish=publish
    )
    return {
        "created": result.created,
        "updated": result.updated,
        "rows": result.rows,
        "benchmark_ids": result.benchmark_ids,
    }
