"""Case-file evaluation (案卷评查): scoring sheets as data (the default sheet, XLSX import), the
drawing of closed case files (consistent sampling from ``inspections.draw``), the system's
pre-score of what the record shows, two evaluators per file with their agreement, grades and the
report per agency. Writes follow the house rules (keyword-only, one transaction, ledger entry)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import load_workbook

from yangguang.access import policy
from yangguang.cases.models import Case, CaseOfficer
from yangguang.cases.workflow import CaseKind, CaseState
from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.inspections.draw import select_strata
from yangguang.ledger.services import append_entry
from yangguang.publicity.models import Publication
from yangguang.review.models import RequestStatus
from yangguang.roster.models import Agency, User
from yangguang.roster.selectors import certificate_state_on
from yangguang.workdays.periods import PERIODS

from . import selectors
from .models import (
    EvaluationFile,
    EvaluationPlan,
    EvaluationScore,
    Grade,
    ItemSection,
    ScoringSheet,
    SheetItem,
    SupervisionSequence,
)

CLOSED_STATES = (CaseState.CLOSED, CaseState.ARCHIVED)

# --- automatic checks (系统预评) ------------------------------------------------------------------------------


def _officers(case: Case) -> list[Any]:
    return [link.officer for link in CaseOfficer.objects.filter(case=case).select_related("officer")]


def check_two_officers(case: Case) -> tuple[bool, str]:
    n = CaseOfficer.objects.filter(case=case).count()
    return n >= 2, f"承办人员{n}人"


def check_certificates(case: Case) -> tuple[bool, str]:
    day = case.decided_on or case.filed_on or case.registered_on
    bad = [o.name for o in _officers(case) if not certificate_state_on(o, day).valid]
    return (not bad), ("承办人员执法证均有效" if not bad else f"{'、'.join(bad)}的执法证在{day:%Y-%m-%d}无效")


def check_procedure(case: Case) -> tuple[bool, str]:
    problems = []
    if (
        case.kind == CaseKind.PENALTY_ORDINARY
        and case.decided_on
        and not (case.notice_on and case.notice_on <= case.decided_on)
    ):
        problems.append("作出决定前未告知")
    if case.is_major and case.decided_on:
        passed = case.review_requests.filter(status=RequestStatus.PASSED, passed_on__lte=case.decided_on).exists()
        if not passed:
            problems.append("重大执法决定未经法制审核通过")
    return (not problems), ("；".join(problems) or "告知、法制审核程序完备")


def check_filed(case: Case) -> tuple[bool, str]:
    return case.filed_on is not None, (f"{case.filed_on:%Y-%m-%d}立案" if case.filed_on else "无立案记录")


def check_documents(case: Case) -> tuple[bool, str]:
    n = IssuedDocument.objects.filter(subject=case.subject_label).count()
    return n > 0, f"已制发执法文书{n}份"


def check_deadline(case: Case) -> tuple[bool, str]:
    if case.kind != CaseKind.PENALTY_ORDINARY or not (case.filed_on and case.decided_on):
        return True, "不适用九十日办案期限"
    extra = sum(e.days for e in case.extensions.filter(deadline="decision"))
    due = PERIODS["decision"].due(case.filed_on, extra=extra).due
    return case.decided_on <= due, f"期限至{due:%Y-%m-%d}，{case.decided_on:%Y-%m-%d}作出决定"


def check_served(case: Case) -> tuple[bool, str]:
    if not case.decided_on:
        return True, "无决定"
    return case.served_on is not None, (f"{case.served_on:%Y-%m-%d}送达" if case.served_on else "无送达记录")


def check_publication(case: Case) -> tuple[bool, str]:
    pub = Publication.objects.filter(case=case).first()
    if pub is None:
        return False, "无公开记录"
    if pub.published_on is None:
        return pub.status == "blocked", (f"不予公开：{pub.blocked_reason}" if pub.status == "blocked" else "未公开")
    return pub.published_on <= pub.due_on, f"公开期限{pub.due_on:%Y-%m-%d}，{pub.published_on:%Y-%m-%d}公开"


CHECKS: dict[str, tuple[str, Callable[[Case], tuple[bool, str]]]] = {
    "two_officers": ("执法人员不少于两人", check_two_officers),
    "certificates": ("承办人员持有效执法证", check_certificates),
    "procedure": ("作出决定前告知；重大决定经法制审核", check_procedure),
    "filed": ("有立案记录", check_filed),
    "documents": ("执法文书已制发", check_documents),
    "deadline": ("在法定期限内作出决定", check_deadline),
    "served": ("决定书已送达", check_served),
    "publication": ("执法决定按期公开", check_publication),
}

# The default sheet (行政处罚案卷): veto items, then 20 form + 80 substance points.
DEFAULT_SHEET: tuple[tuple[str, str, str, int, str], ...] = (
    ("veto", "V1", "执法主体不合法", 0, ""),
    ("veto", "V2", "执法人员不具备执法资格", 0, "certificates"),
    ("veto", "V3", "执法人员少于两人", 0, "two_officers"),
    ("veto", "V4", "主要证据缺失", 0, ""),
    ("veto", "V5", "认定事实错误或适用法律错误", 0, ""),
    ("veto", "V6", "违反法定程序（未告知即作出决定、重大决定未经法制审核）", 0, "procedure"),
    ("form", "F1", "立案审批手续完备", 5, "filed"),
    ("form", "F2", "执法文书齐全、编号规范", 10, "documents"),
    ("form", "F3", "卷内目录、排序、装订规范", 5, ""),
    ("substance", "S1", "事实清楚、证据确凿充分", 25, ""),
    ("substance", "S2", "适用法律依据准确", 15, ""),
    ("substance", "S3", "裁量适当、理由充分", 10, ""),
    ("substance", "S4", "在法定期限内作出决定", 10, "deadline"),
    ("substance", "S5", "送达、执行规范", 10, "served"),
    ("substance", "S6", "执法决定依法公开", 10, "publication"),
)
SECTIONS_BY_LABEL = {"否决项": "veto", "形式": "form", "实体": "substance"}


def _write_sheet(name: str, version: str, rows: list[tuple[str, str, str, int, str]], source: str) -> ScoringSheet:
    sheet = ScoringSheet.objects.create(name=name, version=version, source=source)
    SheetItem.objects.bulk_create(
        SheetItem(sheet=sheet, order=i, section=sec, code=code, text=text, points=pts, auto_check=check)
        for i, (sec, code, text, pts, check) in enumerate(rows, 1)
    )
    return sheet


def default_sheet() -> ScoringSheet:
    """The built-in sheet, created on first use."""
    found = ScoringSheet.objects.filter(name="行政处罚案卷评查标准", version="默认").first()
    if found is not None:
        return found
    with transaction.atomic():
        return _write_sheet(
            "行政处罚案卷评查标准", "默认", list(DEFAULT_SHEET), "平台内置（否决项 + 形式20分 + 实体80分）"
        )


def validate_rows(rows: list[tuple[str, str, str, int, str]]) -> list[str]:
    errors: list[str] = []
    codes = [r[1] for r in rows]
    if len(set(codes)) != len(codes):
        errors.append("编号有重复")
    for sec, code, _text, pts, check in rows:
        if sec == "veto" and pts:
            errors.append(f"否决项{code}不应有分值")
        if check and check not in CHECKS:
            errors.append(f"{code}的自动检查“{check}”不存在（可用：{'、'.join(CHECKS)}）")
    total = sum(r[3] for r in rows if r[0] != "veto")
    if total != 100:
        errors.append(f"评分项分值合计应为100分，现为{total}分")
    return errors


SHEET_MAX = 5 * 1024 * 1024
MSG_SHEET_SIZE = "文件不能超过5MB"


def import_sheet(*, actor: User, name: str, version: str, data: bytes) -> ScoringSheet:
    """Load a province's own sheet from XLSX (columns 类别, 编号, 评查内容, 分值, 自动检查; a header
    row first). Every row is checked before anything is written."""
    policy.require(actor, "supervision.view")
    if len(data) > SHEET_MAX:
        raise DomainError(MSG_SHEET_SIZE, code="file_too_large")
    if not name.strip() or not version.strip():
        raise DomainError("请填写评查标准名称和版本", code="name_required")
    if ScoringSheet.objects.filter(name=name.strip(), version=version.strip()).exists():
        raise DomainError("同名同版本的评查标准已存在", code="sheet_exists")
    try:
        ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        raw = list(ws.iter_rows(min_row=2, values_only=True)) if ws is not None else []
    except Exception:
        raise DomainError("无法读取文件，请上传XLSX格式的评查标准", code="bad_file") from None
    rows: list[tuple[str, str, str, int, str]] = []
    errors: list[str] = []
    for n, row in enumerate(raw, 2):
        cells = [("" if c is None else str(c).strip()) for c in (list(row) + [None] * 5)[:5]]
        if not any(cells):
            continue
        sec = SECTIONS_BY_LABEL.get(cells[0])
        if sec is None:
            errors.append(f"第{n}行：类别应为否决项、形式或实体")
            continue
        if not cells[1] or not cells[2]:
            errors.append(f"第{n}行：编号和评查内容不能为空")
            continue
        try:
            pts = int(float(cells[3] or 0))
        except ValueError:
            errors.append(f"第{n}行：分值应为整数")
            continue
        rows.append((sec, cells[1][:20], cells[2][:300], pts, cells[4]))
    if not rows and not errors:
        errors.append("文件中没有评查项")
    errors += validate_rows(rows) if rows else []
    if errors:
        raise DomainError("；".join(errors[:10]), code="sheet_invalid")
    with transaction.atomic():
        sheet = _write_sheet(name.strip(), version.strip(), rows, "XLSX导入")
        append_entry(
            actor=actor,
            subject=f"supervision.scoringsheet:{sheet.pk}",
            action="supervision.sheet.import",
            payload={"name": sheet.name, "version": sheet.version, "items": len(rows)},
            file_hashes={"xlsx_sha256": hashlib.sha256(data).hexdigest()},
        )
    return sheet


# --- the draw ------------------------------------------------------------------------------------------------


def population(user: User, *, kind: str, closed_from: dt.date, closed_until: dt.date) -> QuerySet[Case]:
    qs = Case.objects.filter(
        agency__in=selectors.scope_agencies(user),
        state__in=CLOSED_STATES,
        closed_on__gte=closed_from,
        closed_on__lte=closed_until,
        is_secret=False,
    )
    return qs.filter(kind=kind) if kind else qs


def prescore(case: Case, sheet: ScoringSheet) -> dict[str, dict[str, Any]]:
    out = {}
    for item in sheet.items.exclude(auto_check=""):
        ok, note = CHECKS[item.auto_check][1](case)
        out[item.code] = {"ok": ok, "note": note}
    return out


def draw_plan(
    *,
    actor: User,
    name: str,
    size: int,
    closed_from: dt.date,
    closed_until: dt.date,
    kind: str = "",
    seed: str = "",
    sheet: ScoringSheet | None = None,
    today: dt.date | None = None,
) -> EvaluationPlan:
    """Draw ``size`` closed case files of the bureau's scope. Every candidate's ticket is
    SHA-256(seed, plan code, case number); the lowest tickets win. The seed (a public value the
    bureau enters, or 128 random bits), the SHA-256 of the sorted candidate numbers and of the
    result go into the ledger, so the draw can be recomputed."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.view")
    bureau = selectors.bureau_of(actor)
    if bureau is None:
        raise DomainError("只有执法监督机构的人员可以制定评查计划", code="forbidden")
    if not name.strip():
        raise DomainError("请填写评查计划名称", code="name_required")
    if size < 1 or size > 500:
        raise DomainError("抽取件数应在1至500之间", code="size_invalid")
    if closed_from > closed_until:
        raise DomainError("结案日期范围不正确", code="range_invalid")
    if kind and kind not in CaseKind.values:
        raise DomainError("案件类别不正确", code="kind_invalid")
    sheet = sheet or default_sheet()
    seed = seed.strip()[:128] or secrets.token_hex(16)
    candidates = dict(
        population(actor, kind=kind, closed_from=closed_from, closed_until=closed_until).values_list("number", "pk")
    )
    if not candidates:
        raise DomainError("所选范围内没有已结案的案卷", code="population_empty")
    numbers = sorted(candidates)
    population_sha = hashlib.sha256("\n".join(numbers).encode()).hexdigest()
    with transaction.atomic():
        SupervisionSequence.objects.get_or_create(bureau=bureau, year=today.year, series="evaluation")
        seq_row = SupervisionSequence.objects.select_for_update().get(
            bureau=bureau, year=today.year, series="evaluation"
        )
        seq_row.last += 1
        seq_row.save(update_fields=["last"])
        code = f"PC{today.year}-{seq_row.last:03d}"
        picked = select_strata(seed, code, {"all": [n.encode() for n in numbers]}, {"all": size})["all"]
        result = [(t[32:].decode(), t[:32].hex()) for t in picked]
        result_sha = hashlib.sha256("\n".join(f"{n}\t{t}" for n, t in result).encode()).hexdigest()
        plan = EvaluationPlan.objects.create(
            bureau=bureau,
            code=code,
            name=name.strip()[:200],
            sheet=sheet,
            kind=kind,
            closed_from=closed_from,
            closed_until=closed_until,
            size=len(result),
            seed=seed,
            population=len(numbers),
            population_sha256=population_sha,
            result_sha256=result_sha,
            created_by=actor,
            drawn_on=today,
        )
        cases = Case.objects.in_bulk([candidates[n] for n, _ in result])
        for rank, (number, ticket) in enumerate(result, 1):
            case = cases[candidates[number]]
            EvaluationFile.objects.create(
                plan=plan, case=case, agency_id=case.agency_id, rank=rank, ticket=ticket, prescore=prescore(case, sheet)
            )
        entry = append_entry(
            actor=actor,
            subject=plan,
            action="supervision.evaluation.draw",
            payload={
                "code": code,
                "seed": seed,
                "algorithm": "SHA-256(seed\\0code\\0case number), lowest tickets",
                "population": len(numbers),
                "size": len(result),
                "result": [n for n, _ in result],
            },
            file_hashes={"population_sha256": population_sha, "result_sha256": result_sha},
        )
        plan.ledger_seq = entry.seq
        plan.save(update_fields=["ledger_seq"])
    return plan


# --- scoring -------------------------------------------------------------------------------------------------


def grade_of(sheet: ScoringSheet, *, vetoed: bool, total: Decimal | int) -> str:
    if vetoed:
        return Grade.FAIL
    if total >= sheet.excellent_min:
        return Grade.EXCELLENT
    return Grade.PASS if total >= sheet.pass_min else Grade.FAIL


def score_file(
    *,
    actor: User,
    file: EvaluationFile,
    vetoes: list[str],
    points: dict[str, str],
    comment: str = "",
    today: dt.date | None = None,
) -> EvaluationScore:
    """One evaluator's score of a file (a second score by the same evaluator replaces the first);
    every scored item needs its points, between 0 and the item's value."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.clue.manage", file.agency)
    if file.plan.bureau_id != getattr(actor, "agency_id", None):
        raise DomainError("只能评查本机关评查计划的案卷", code="forbidden")
    items = list(file.plan.sheet.items.all())
    veto_codes = {i.code for i in items if i.section == ItemSection.VETO}
    chosen = sorted(set(vetoes) & veto_codes)
    got: dict[str, int] = {}
    for item in items:
        if item.section == ItemSection.VETO:
            continue
        raw = str(points.get(item.code, "")).strip()
        try:
            value = int(raw)
        except ValueError:
            raise DomainError(f"请填写{item.code}“{item.text}”的得分", code="points_required") from None
        if not 0 <= value <= item.points:
            raise DomainError(f"{item.code}的得分应在0至{item.points}分之间", code="points_invalid")
        got[item.code] = value
    total = sum(got.values())
    grade = grade_of(file.plan.sheet, vetoed=bool(chosen), total=total)
    with transaction.atomic():
        score, _ = EvaluationScore.objects.update_or_create(
            file=file,
            evaluator=actor,
            defaults={
                "vetoes": chosen,
                "points": got,
                "comment": comment.strip(),
                "total": total,
                "grade": grade,
                "scored_on": today,
            },
        )
        append_entry(
            actor=actor,
            subject=file.plan,
            action="supervision.evaluation.score",
            payload={"file": file.rank, "case": file.case.number, "vetoes": chosen, "total": total, "grade": grade},
            refs=[file.case],
        )
    return score


def agreement(scores: list[EvaluationScore], sheet: ScoringSheet) -> dict[str, Any] | None:
    """How far two evaluators agree on a file: the difference of their totals, whether their grades
    agree, and the share of items judged alike (the same veto decision, the same points)."""
    if len(scores) < 2:
        return None
    a, b = scores[0], scores[1]
    items = list(sheet.items.all())
    same = 0
    for item in items:
        if item.section == ItemSection.VETO:
            same += (item.code in a.vetoes) == (item.code in b.vetoes)
        else:
            same += a.points.get(item.code) == b.points.get(item.code)
    return {
        "difference": abs(a.total - b.total),
        "same_grade": a.grade == b.grade,
        "items": round(100 * same / len(items), 1) if items else 100.0,
    }


def final(scores: list[EvaluationScore], sheet: ScoringSheet) -> tuple[Decimal, str] | None:
    """The file's result: the mean of the evaluators' totals, failed if any evaluator hit a veto item."""
    if not scores:
        return None
    mean = Decimal(sum(s.total for s in scores)) / len(scores)
    return mean.quantize(Decimal("0.1")), grade_of(sheet, vetoed=any(s.vetoes for s in scores), total=mean)


def report(plan: EvaluationPlan) -> list[dict[str, Any]]:
    """Per agency: files drawn, files scored, grades and the mean score."""
    by_agency: dict[int, dict[str, Any]] = {}
    sheet = plan.sheet
    names = dict(Agency.objects.filter(pk__in=plan.files.values("agency_id")).values_list("pk", "name"))
    for f in plan.files.prefetch_related("scores"):
        row = by_agency.setdefault(
            f.agency_id,
            {
                "agency": names.get(f.agency_id, ""),
                "files": 0,
                "scored": 0,
                "excellent": 0,
                "pass": 0,
                "fail": 0,
                "sum": Decimal(0),
            },
        )
        row["files"] += 1
        result = final(list(f.scores.all()), sheet)
        if result is None:
            continue
        mean, grade = result
        row["scored"] += 1
        row[grade] += 1
        row["sum"] += mean
    out = []
    for row in sorted(by_agency.values(), key=lambda r: r["agency"]):
        row["mean"] = (row["sum"] / row["scored"]).quantize(Decimal("0.1")) if row["scored"] else None
        out.append(row)
    return out
