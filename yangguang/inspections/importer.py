"""XLSX (or CSV) import of plans and recusal conflicts: every row is read and checked first; if any
row is wrong nothing is written and every problem is reported with its row number; otherwise all
rows are written in one transaction through the services (each with its ledger entry)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from openpyxl import Workbook

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.roster.importers.cells import CellError, to_text
from yangguang.roster.importers.cells import date as cell_date
from yangguang.roster.importers.reading import FileUnreadable, iter_rows
from yangguang.roster.models import Agency, Entity, InspectionItem, Officer, User

from . import services
from .models import ConflictKind, PlanKind

PLAN_COLUMNS = (
    "计划名称",
    "计划类型",
    "检查开始日期",
    "检查结束日期",
    "抽查事项编码",
    "参与部门统一社会信用代码",
    "行业",
    "低风险比例(%)",
    "一般风险比例(%)",
    "高风险比例(%)",
    "每户每部门检查人员数",
)
CONFLICT_COLUMNS = ("执法证号", "统一社会信用代码", "回避事由", "说明")
KIND_LABELS = {str(label): value for value, label in PlanKind.choices} | {"年度": "annual", "专项": "adhoc"}
CONFLICT_LABELS = {str(label): value for value, label in ConflictKind.choices}


class ImportRejected(DomainError):
    """The file has errors; ``details["errors"]`` lists them by row."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"导入未执行：{len(errors)} 处错误", code="import_rejected", details={"errors": errors})


@dataclass
class Result:
    created: int = 0
    ids: list[int] = field(default_factory=list)


def _split(value: Any) -> list[str]:
    return [p.strip() for p in to_text(value).replace("；", ";").replace(",", ";").split(";") if p.strip()]


def _rows(filename: str, data: bytes, columns: tuple[str, ...]) -> list[tuple[int, dict[str, Any]]]:
    try:
        rows = list(iter_rows(filename, data))
    except FileUnreadable as exc:
        raise ImportRejected([exc.message]) from exc
    if not rows:
        raise ImportRejected(["文件为空"])
    header = [to_text(c) for c in rows[0][1]]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportRejected([f"第1行缺少列：{'、'.join(missing)}"])
    index = {c: header.index(c) for c in columns}
    out = []
    for number, cells in rows[1:]:
        if not any(to_text(c) for c in cells):
            continue
        out.append((number, {c: cells[i] if i < len(cells) else None for c, i in index.items()}))
    if not out:
        raise ImportRejected(["文件没有数据行"])
    return out


def _percent(value: Any, label: str) -> str | None:
    text = to_text(value).rstrip("%")
    if not text:
        return None
    try:
        pct = Decimal(text)
    except ArithmeticError as exc:
        raise CellError(f"{label}不是数字") from exc
    return format((pct / 100).normalize(), "f")


def import_plans(*, actor: User, filename: str, data: bytes) -> Result:
    agency = actor.agency
    if agency is None:
        raise AccessDenied("您的账号未关联执法主体")
    policy.require(actor, "inspection.plan.manage", agency)
    parsed: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, row in _rows(filename, data, PLAN_COLUMNS):
        try:
            title = to_text(row["计划名称"])
            if not title:
                raise CellError("计划名称为空")
            kind = KIND_LABELS.get(to_text(row["计划类型"]) or "年度")
            if kind is None:
                raise CellError("计划类型应为“年度”或“专项”")
            start: dt.date = cell_date(row["检查开始日期"])
            end: dt.date = cell_date(row["检查结束日期"])
            participants = []
            for code in _split(row["参与部门统一社会信用代码"]):
                found = Agency.objects.filter(uscc=code.upper(), is_supervisor=False).first()
                if found is None:
                    raise CellError(f"参与部门 {code} 不存在")
                participants.append(found)
            agencies = [agency, *participants]
            items = []
            for code in _split(row["抽查事项编码"]):
                item = InspectionItem.objects.filter(agency__in=agencies, code=code).first()
                if item is None:
                    raise CellError(f"抽查事项编码 {code} 不是牵头或参与部门的随机抽查事项")
                items.append(item)
            quotas = {
                grade: {"ratio": _percent(row[col], col)}
                for grade, col in (("low", "低风险比例(%)"), ("medium", "一般风险比例(%)"), ("high", "高风险比例(%)"))
            }
            services.clean_quotas(quotas)
            per = to_text(row["每户每部门检查人员数"]) or "2"
            if not per.isascii() or not per.isdigit():
                raise CellError("每户每部门检查人员数应为正整数")
            parsed.append(
                {
                    "title": title,
                    "kind": kind,
                    "year": start.year,
                    "period_start": start,
                    "period_end": end,
                    "items": items,
                    "participants": participants,
                    "industries": _split(row["行业"]),
                    "quotas": quotas,
                    "per_agency": int(per),
                }
            )
        except (CellError, DomainError) as exc:
            errors.append(f"第{number}行：{exc}" if isinstance(exc, CellError) else f"第{number}行：{exc.message}")
    if errors:
        raise ImportRejected(errors)
    result = Result()
    with transaction.atomic():
        for n, args in enumerate(parsed):
            try:
                plan = services.create_plan(actor=actor, **args)
            except DomainError as exc:  # a rule checked only on creation
                raise ImportRejected([f"第{n + 2}行：{exc.message}"]) from exc
            result.created += 1
            result.ids.append(plan.pk)
    return result


def import_conflicts(*, actor: User, filename: str, data: bytes) -> Result:
    if not policy.scope(actor, "inspection.conflict.manage", Officer.objects.all()).exists():
        raise AccessDenied("只有执法人员本人或其承办机构负责人、行政机关负责人可以登记回避情形")
    parsed: list[tuple[Officer, Entity, str, str]] = []
    errors: list[str] = []
    seen: set[tuple[int, int]] = set()
    for number, row in _rows(filename, data, CONFLICT_COLUMNS):
        try:
            officer = Officer.objects.filter(certificate_no=to_text(row["执法证号"])).first()
            if officer is None:
                raise CellError("执法证号不存在")
            if not policy.allows(actor, "inspection.conflict.manage", officer):
                raise CellError(f"无权登记 {officer.name} 的回避情形")
            entity = Entity.objects.filter(uscc=to_text(row["统一社会信用代码"]).upper()).first()
            if entity is None:
                raise CellError("名录库中没有该统一社会信用代码的市场主体")
            kind = CONFLICT_LABELS.get(to_text(row["回避事由"]))
            if kind is None:
                raise CellError("回避事由应为：" + "、".join(CONFLICT_LABELS))
            if (officer.pk, entity.pk) in seen:
                raise CellError("与前面的行重复")
            seen.add((officer.pk, entity.pk))
            parsed.append((officer, entity, kind, to_text(row["说明"])))
        except CellError as exc:
            errors.append(f"第{number}行：{exc}")
    if errors:
        raise ImportRejected(errors)
    result = Result()
    with transaction.atomic():
        for n, (officer, entity, kind, note) in enumerate(parsed):
            try:
                conflict = services.declare_conflict(officer=officer, entity=entity, kind=kind, note=note, actor=actor)
            except DomainError as exc:
                raise ImportRejected([f"第{n + 2}行：{exc.message}"]) from exc
            result.created += 1
            result.ids.append(conflict.pk)
    return result


def template(kind: str) -> bytes:
    """An empty workbook with the header row of ``kind`` ("plans" or "conflicts")."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(list(PLAN_COLUMNS if kind == "plans" else CONFLICT_COLUMNS))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
