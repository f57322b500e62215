"""Assessment indicators (依法行政考核): per agency of the supervisor's scope, computed from the
records over the cockpit's period, each with its formula shown; exportable as XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from openpyxl import Workbook

from yangguang.cases.models import Case
from yangguang.core.spreadsheet import xlsx_value
from yangguang.publicity.models import Publication, SourceKind
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.models import Agency, CertificateStatus, Officer, User

from .cockpit import Position, agency_ids
from .models import EvaluationScore, Problem, ProblemStatus, SupervisionDocument


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    formula: str


INDICATORS = (
    Indicator("holding", "持证率", "今日持有有效执法证的执法人员数 ÷ 执法人员总数 × 100%"),
    Indicator(
        "publication", "按时公开率", "期间内作出的决定中按期公开的件数 ÷（按期公开 + 逾期公开 + 逾期未公开）× 100%"
    ),
    Indicator(
        "review", "法制审核覆盖率", "期间内作出的重大执法决定中，决定前法制审核已通过的件数 ÷ 重大执法决定件数 × 100%"
    ),
    Indicator("evaluation", "案卷评查平均分", "本机关被抽取并已评分案卷的得分（各评查人员得分的平均）的平均值"),
    Indicator("rectification", "整改完成率", "专项活动问题清单中已验收销号的问题 ÷ 问题总数 × 100%"),
    Indicator("documents", "监督文书整改认可率", "须答复的监督意见书、决定书中整改已认可的件数 ÷ 件数 × 100%"),
)


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 1) if den else None


def compute(user: User, pos: Position, today: dt.date) -> list[dict[str, Any]]:
    ids = agency_ids(user, pos)
    start, end = pos.start, pos.end
    valid = Q(cert_status=CertificateStatus.VALID, cert_valid_from__lte=today, cert_valid_until__gte=today)
    off = {
        r["agency_id"]: r
        for r in Officer.objects.filter(agency_id__in=ids)
        .values("agency_id")
        .annotate(n=Count("pk"), v=Count("pk", filter=valid))
    }
    pubs = {
        r["agency_id"]: r
        for r in Publication.objects.filter(
            agency_id__in=ids, source_kind=SourceKind.CASE_DECISION, decided_on__gte=start, decided_on__lte=end
        )
        .values("agency_id")
        .annotate(
            on_time=Count("pk", filter=Q(published_on__isnull=False, published_on__lte=F("due_on"))),
            late=Count("pk", filter=Q(published_on__gt=F("due_on"))),
            missing=Count("pk", filter=Q(published_on__isnull=True, status="pending", due_on__lt=today)),
        )
    }
    major = dict(
        Case.objects.filter(agency_id__in=ids, is_major=True, decided_on__gte=start, decided_on__lte=end)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    reviewed = dict(
        Case.objects.filter(agency_id__in=ids, is_major=True, decided_on__gte=start, decided_on__lte=end)
        .filter(
            pk__in=ReviewRequest.objects.filter(
                status=RequestStatus.PASSED, passed_on__lte=F("case__decided_on")
            ).values("case_id")
        )
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    per_file: dict[int, list[int]] = defaultdict(list)
    file_agency: dict[int, int] = {}
    for file_id, agency_id, total in EvaluationScore.objects.filter(file__agency_id__in=ids).values_list(
        "file_id", "file__agency_id", "total"
    ):
        per_file[file_id].append(total)
        file_agency[file_id] = agency_id
    evaluation: dict[int, list[float]] = defaultdict(list)
    for file_id, totals in per_file.items():
        evaluation[file_agency[file_id]].append(sum(totals) / len(totals))
    problems = {
        r["participant__agency_id"]: r
        for r in Problem.objects.filter(participant__agency_id__in=ids)
        .values("participant__agency_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=ProblemStatus.ACCEPTED)))
    }
    docs = {
        r["agency_id"]: r
        for r in SupervisionDocument.objects.filter(agency_id__in=ids, kind__in=("opinion", "decision"))
        .values("agency_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status="accepted")))
    }
    rows = []
    for pk, name in Agency.objects.filter(pk__in=ids).order_by("region__code", "name").values_list("pk", "name"):
        o, p, pr, d = off.get(pk, {}), pubs.get(pk, {}), problems.get(pk, {}), docs.get(pk, {})
        scores = evaluation.get(pk, [])
        rows.append(
            {
                "id": pk,
                "name": name,
                "holding": _rate(o.get("v", 0), o.get("n", 0)),
                "publication": _rate(p.get("on_time", 0), p.get("on_time", 0) + p.get("late", 0) + p.get("missing", 0)),
                "review": _rate(reviewed.get(pk, 0), major.get(pk, 0)),
                "evaluation": round(sum(scores) / len(scores), 1) if scores else None,
                "rectification": _rate(pr.get("done", 0), pr.get("n", 0)),
                "documents": _rate(d.get("done", 0), d.get("n", 0)),
            }
        )
    return rows


def export_xlsx(rows: list[dict[str, Any]]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("依法行政考核")
    ws.append(["执法主体", *[i.name for i in INDICATORS]])
    for r in rows:
        ws.append([xlsx_value(ws, r["name"]), *[r[i.code] for i in INDICATORS]])
    formulas = wb.create_sheet("计算公式")
    formulas.append(["指标", "公式"])
    for i in INDICATORS:
        formulas.append([i.name, i.formula])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
