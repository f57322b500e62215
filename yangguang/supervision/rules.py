"""The warning models (监督预警模型): open, versioned rules over the records the platform holds.

Each model is one declared ``Rule``: a code, a version, a name, the provisions it enforces, its
parameters with their values, the query in words, and the query itself (``run``) over the agencies
of a supervision scope. Nothing here is hidden: the models page and the README print this table,
and every model has a firing and a non-firing fixture (``tests/test_rules.py``) on SQLite and
PostgreSQL. Changing a parameter or a query is a new version; a supervisor's verdicts (``HitMark``)
keep the version they were given for.

The hits are computed when asked, not stored: a fixed record stops being a hit by itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median
from typing import Any

from django.db.models import Exists, F, Max, Min, OuterRef, Q, QuerySet, Sum

from yangguang.cases.models import Case, CaseOfficer, DeadlineExtension, Party, Seizure, Step
from yangguang.cases.workflow import KIND_CATEGORY, CaseKind, CaseState
from yangguang.core.choices import PartyKind
from yangguang.discretion.models import Benchmark
from yangguang.evidence.models import AV_KINDS, Evidence, RecordingException
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.models import Agency, Officer
from yangguang.roster.selectors import agency_stats, certificate_state_on
from yangguang.workdays.periods import PERIODS

# The regulation whose supervision these models serve. Its text (国务院令第825号, adopted 2025-12-05,
# promulgated 2025-12-17, in force since 2026-02-01) was read for Art. 1–6 only (Art. 6: the justice
# department of the government is its supervision organ); a second search (session 5) found no
# source for the later articles, so the models cite the statutes each record rule comes from and
# name the regulation without an article number.
REGULATION = "《行政执法监督条例》（国务院令第825号）"


@dataclass(frozen=True)
class Param:
    """A declared parameter: ``value`` is the model's default; a justice bureau may set its own
    value for its scope (``parameters.py``), a whole number from ``minimum`` to ``maximum``."""

    name: str
    label: str
    value: Any
    unit: str = ""
    minimum: int = 1
    maximum: int = 10**9


@dataclass(frozen=True)
class Hit:
    """One record a model flags: ``key`` names it (stable across runs, unique within the model)."""

    key: str
    agency_id: int
    title: str
    detail: str
    case_id: int | None = None
    on: dt.date | None = None


Runner = Callable[[QuerySet[Agency], dict[str, Any], dt.date], list[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    version: str
    name: str
    article: str
    query: str  # the query in words, as the models page shows it
    params: tuple[Param, ...]
    run: Runner = field(repr=False, compare=False)

    def values(self) -> dict[str, Any]:
        return {p.name: p.value for p in self.params}

    def hits(self, agencies: QuerySet[Agency], today: dt.date, values: dict[str, Any] | None = None) -> list[Hit]:
        """The hits in ``agencies``; ``values`` replace the declared parameters (a bureau's own)."""
        return self.run(agencies, {**self.values(), **(values or {})}, today)


def _case_title(number: str, title: str) -> str:
    return f"{number} {title}".strip()


def _since(today: dt.date, p: dict[str, Any]) -> dt.date:
    return today - dt.timedelta(days=int(p["window_days"]))


WINDOW = Param("window_days", "回溯期间", 365, "日", maximum=3660)

# --- 1. past the decision deadline ---------------------------------------------------------------

OPEN_BEFORE_DECISION = (
    CaseState.INVESTIGATING,
    CaseState.INVESTIGATION_ENDED,
    CaseState.LEGAL_REVIEW,
    CaseState.NOTIFIED,
)


def _decision_overdue(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    spec = PERIODS["decision"]
    rows = Case.objects.filter(
        agency__in=agencies,
        kind=CaseKind.PENALTY_ORDINARY,
        filed_on__gte=_since(today, p) - dt.timedelta(days=spec.length),
        filed_on__lt=today - dt.timedelta(days=spec.length - 1),
    ).filter(Q(decided_on__isnull=False) | Q(state__in=OPEN_BEFORE_DECISION))
    candidates: list[tuple[int, int, str, str, dt.date, dt.date | None]] = []
    for pk, agency_id, number, title, filed, decided in rows.values_list(
        "pk", "agency_id", "number", "title", "filed_on", "decided_on"
    ):
        end = decided or today
        if filed is not None and (end - filed).days > spec.length:  # a calendar period: only these can be late
            candidates.append((pk, agency_id, number, title, filed, decided))
    extra: dict[int, int] = defaultdict(int)
    for case_id, days in DeadlineExtension.objects.filter(
        case_id__in=[c[0] for c in candidates], deadline="decision"
    ).values_list("case_id", "days"):
        extra[case_id] += days
    out = []
    for pk, agency_id, number, title, filed, decided in candidates:
        due = spec.due(filed, extra=extra[pk]).due
        if decided is not None and decided > due:
            detail = f"立案{filed:%Y-%m-%d}，期限至{due:%Y-%m-%d}，{decided:%Y-%m-%d}才作出决定（超期{(decided - due).days}日）"
        elif decided is None and today > due:
            detail = f"立案{filed:%Y-%m-%d}，期限至{due:%Y-%m-%d}，至今未作出决定（已超期{(today - due).days}日）"
        else:
            continue
        out.append(Hit(f"case:{pk}", agency_id, _case_title(number, title), detail, pk, decided or due))
    return out


# --- 2. decision published late or not at all -----------------------------------------------------


def _publication_late(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    rows = Publication.objects.filter(
        agency__in=agencies, source_kind=SourceKind.CASE_DECISION, decided_on__gte=_since(today, p)
    ).filter(
        Q(published_on__gt=F("due_on"))
        | Q(published_on__isnull=True, status=PublicationStatus.PENDING, due_on__lt=today)
    )
    out = []
    for pk, agency_id, case_id, number, title, due, published in rows.values_list(
        "pk", "agency_id", "case_id", "number", "title", "due_on", "published_on"
    ):
        if published is None:
            detail = f"公开期限{due:%Y-%m-%d}，至今未公开（已逾期{(today - due).days}日）"
        else:
            detail = f"公开期限{due:%Y-%m-%d}，{published:%Y-%m-%d}才公开（逾期{(published - due).days}日）"
        out.append(Hit(f"publication:{pk}", agency_id, _case_title(number, title), detail, case_id, published or due))
    return out


# --- 3. withdrawal late ---------------------------------------------------------------------------


def _withdrawal_late(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    rows = Publication.objects.filter(
        agency__in=agencies, revoked_on__isnull=False, withdraw_due__isnull=False, revoked_on__gte=_since(today, p)
    ).filter(
        Q(withdrawn_on__gt=F("withdraw_due"))
        | Q(withdrawn_on__isnull=True, status=PublicationStatus.PUBLISHED, withdraw_due__lt=today)
    )
    out = []
    for pk, agency_id, case_id, number, title, due, withdrawn in rows.values_list(
        "pk", "agency_id", "case_id", "number", "title", "withdraw_due", "withdrawn_on"
    ):
        assert due is not None  # filtered on
        if withdrawn is None:
            detail = f"撤回期限{due:%Y-%m-%d}，原决定已撤销或确认违法，至今仍在公示"
        else:
            detail = f"撤回期限{due:%Y-%m-%d}，{withdrawn:%Y-%m-%d}才撤回（逾期{(withdrawn - due).days}日）"
        out.append(Hit(f"publication:{pk}", agency_id, _case_title(number, title), detail, case_id, withdrawn or due))
    return out


# --- 4. major decision without a passed review ------------------------------------------------------


def _major_without_review(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    passed = ReviewRequest.objects.filter(
        case=OuterRef("pk"), status=RequestStatus.PASSED, passed_on__lte=OuterRef("decided_on")
    )
    rows = Case.objects.filter(
        agency__in=agencies, is_major=True, decided_on__isnull=False, decided_on__gte=_since(today, p)
    ).filter(~Exists(passed))
    return [
        Hit(
            f"case:{pk}",
            agency_id,
            _case_title(number, title),
            f"重大执法决定于{decided:%Y-%m-%d}作出，作出前未经法制审核或审核未通过",
            pk,
            decided,
        )
        for pk, agency_id, number, title, decided in rows.values_list(
            "pk", "agency_id", "number", "title", "decided_on"
        )
    ]


# --- 5. seizure without full-process AV recording and without an exception reason -----------------------


def _seizure_without_av(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    av = Evidence.objects.filter(case=OuterRef("pk"), kind__in=AV_KINDS)
    exception = RecordingException.objects.filter(case=OuterRef("pk"))
    seized = Seizure.objects.filter(case=OuterRef("pk"), started_on__gte=_since(today, p))
    rows = Case.objects.filter(agency__in=agencies).filter(Exists(seized), ~Exists(av), ~Exists(exception))
    out = []
    for pk, agency_id, number, title in rows.values_list("pk", "agency_id", "number", "title"):
        started = Seizure.objects.filter(case_id=pk).aggregate(m=Min("started_on"))["m"]
        out.append(
            Hit(
                f"case:{pk}",
                agency_id,
                _case_title(number, title),
                f"{started:%Y-%m-%d}实施查封、扣押，案卷中没有音像记录，也没有登记未能音像记录的理由",
                pk,
                started,
            )
        )
    return out


# --- 6. fine outside the discretion range without a reason -------------------------------------------


def _outside_discretion(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    cases = list(
        Case.objects.filter(
            agency__in=agencies,
            decided_on__gte=_since(today, p),
            fine_amount__gt=0,
            item__isnull=False,
        ).values_list("pk", "agency_id", "number", "title", "item_id", "fine_amount", "decided_on")
    )
    ranges: dict[int, list[tuple[dt.date, Decimal | None, Decimal | None]]] = defaultdict(list)
    for item_id, start, lo, hi in (
        Benchmark.objects.filter(item_id__in={c[4] for c in cases}, published=True)
        .annotate(lo=Min("levels__fine_min"), hi=Max("levels__fine_max"))
        .values_list("item_id", "effective_from", "lo", "hi")
    ):
        ranges[item_id].append((start, lo, hi))
    candidates = []
    for pk, agency_id, number, title, item_id, fine, decided in cases:
        if fine is None or decided is None:  # filtered on
            continue
        versions = sorted((r for r in ranges.get(item_id, []) if r[0] <= decided), key=lambda r: r[0])
        if not versions:
            continue
        _, lo, hi = versions[-1]
        if lo is None or hi is None or lo <= fine <= hi:
            continue
        candidates.append((pk, agency_id, number, title, fine, decided, lo, hi))
    reasoned = {
        case_id
        for case_id, data in Step.objects.filter(
            case_id__in=[c[0] for c in candidates], action__in=("propose", "decide")
        ).values_list("case_id", "data")
        if isinstance(data, dict) and str(data.get("outside_reason") or "").strip()
    }
    return [
        Hit(
            f"case:{pk}",
            agency_id,
            _case_title(number, title),
            f"罚款{fine:f}元，超出裁量基准幅度（{lo:f}元至{hi:f}元），案卷未载明理由",
            pk,
            decided,
        )
        for pk, agency_id, number, title, fine, decided, lo, hi in candidates
        if pk not in reasoned
    ]


# --- 7. 同案不同罚: like cases, unlike fines ----------------------------------------------------------


def _unequal_fines(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    rows = list(
        Case.objects.filter(
            agency__in=agencies, decided_on__gte=_since(today, p), fine_amount__gt=0, item__isnull=False
        ).values_list("pk", "agency_id", "number", "title", "item__code", "fine_amount", "decided_on")
    )
    levels = {
        case_id: str(data.get("level") or "")
        for case_id, data in Step.objects.filter(case_id__in=[r[0] for r in rows], action="propose")
        .order_by("case_id", "seq")
        .values_list("case_id", "data")
        if isinstance(data, dict)
    }
    groups: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        groups[(row[4], levels.get(row[0], ""))].append(row)
    ratio = Decimal(str(p["ratio"]))
    out = []
    for (code, _level), members in groups.items():
        if len(members) < int(p["min_cases"]):
            continue
        mid = Decimal(str(median([m[5] for m in members])))
        if mid <= 0:
            continue
        for pk, agency_id, number, title, _, fine, decided in members:
            if fine > mid * ratio or fine * ratio < mid:
                out.append(
                    Hit(
                        f"case:{pk}",
                        agency_id,
                        _case_title(number, title),
                        f"罚款{fine:f}元；同一事项（{code}）同一裁量情形的{len(members)}件案件罚款中位数{mid:.2f}元",
                        pk,
                        decided,
                    )
                )
    return out


# --- 8. 趋利性执法: fines and confiscations up year on year -----------------------------------------


def _profit_driven(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    year = dt.timedelta(days=365)

    def sums(start: dt.date, end: dt.date) -> dict[int, Decimal]:
        got = (
            Case.objects.filter(agency__in=agencies, decided_on__gte=start, decided_on__lt=end)
            .values("agency_id")
            .annotate(f=Sum("fine_amount"), c=Sum("confiscation_amount"))
        )
        return {r["agency_id"]: (r["f"] or Decimal(0)) + (r["c"] or Decimal(0)) for r in got}

    now = sums(today - year, today + dt.timedelta(days=1))
    before = sums(today - 2 * year, today - year)
    share = Decimal(str(p["share_percent"]))
    out = []
    for agency_id, amount in now.items():
        base = before.get(agency_id, Decimal(0))
        if base < Decimal(str(p["min_base"])):
            continue
        growth = (amount - base) * 100 / base
        if growth > share:
            out.append(
                Hit(
                    f"agency:{agency_id}:{today:%Y}",
                    agency_id,
                    "罚没金额同比增长",
                    f"近12个月罚没{amount:.2f}元，上年同期{base:.2f}元，增长{growth:.1f}%（预警线{share}%）",
                    None,
                    today,
                )
            )
    return out


# --- 9. 乱检查: the same enterprise inspected too often by the same agency ------------------------------


def _repeated_inspection(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    rows = (
        Party.objects.filter(
            case__agency__in=agencies,
            case__kind=CaseKind.INSPECTION,
            case__registered_on__gt=today - dt.timedelta(days=365),
            kind=PartyKind.ORGANIZATION,
        )
        .values_list("case__agency_id", "id_number", "name", "case__registered_on")
        .order_by("case__registered_on")
    )
    seen: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for agency_id, uscc, name, on in rows:
        seen[(agency_id, uscc)].append((name, on))
    limit = int(p["max_per_year"])
    out = []
    for (agency_id, uscc), visits in seen.items():
        if len(visits) > limit:
            name = visits[-1][0]
            out.append(
                Hit(
                    f"entity:{agency_id}:{uscc}",
                    agency_id,
                    f"{name}（{uscc}）",
                    f"近12个月被本机关检查{len(visits)}次（上限{limit}次），最近一次{visits[-1][1]:%Y-%m-%d}",
                    None,
                    visits[-1][1],
                )
            )
    return out


# --- 10. acting with an invalid certificate -------------------------------------------------------------


def _invalid_certificate(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    acts = (
        Step.objects.filter(case__agency__in=agencies, occurred_on__gte=_since(today, p), actor__officer__isnull=False)
        .values_list("actor__officer_id", "occurred_on", "case_id", "case__agency_id", "case__number", "label")
        .order_by("occurred_on")
    )
    by_officer: dict[int, list[Any]] = defaultdict(list)
    for row in acts:
        by_officer[row[0]].append(row[1:])
    officers = Officer.objects.filter(pk__in=list(by_officer)).prefetch_related("certificate_events")
    out = []
    for officer in officers:
        flagged: set[int] = set()
        for day, case_id, agency_id, number, label in by_officer[officer.pk]:
            if case_id in flagged:
                continue
            state = certificate_state_on(officer, day)
            if not state.valid:
                flagged.add(case_id)
                out.append(
                    Hit(
                        f"case:{case_id}:officer:{officer.pk}",
                        agency_id,
                        f"{number} {officer.name}（{officer.certificate_no}）",
                        f"{day:%Y-%m-%d}“{label}”时执法证无效：{state.reason}",
                        case_id,
                        day,
                    )
                )
    return out


# --- 11. reviewers below the 5% floor ----------------------------------------------------------------------


def _reviewer_floor(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    floor = Decimal(str(p["floor_percent"]))
    out = []
    for row in agency_stats(agencies.filter(is_supervisor=False), today=today):
        n = row["officers"]
        if n and Decimal(row["reviewers"]) * 100 < floor * n:
            out.append(
                Hit(
                    f"agency:{row['id']}",
                    row["id"],
                    row["name"],
                    f"执法人员{n}人，法制审核人员{row['reviewers']}人（{row['reviewer_share']}%，不足{floor}%）",
                    None,
                    today,
                )
            )
    return out


# --- 12. 异地执法: handled outside the officer's region or category ---------------------------------------------


def _out_of_region(agencies: QuerySet[Agency], p: dict[str, Any], today: dt.date) -> list[Hit]:
    rows = CaseOfficer.objects.filter(case__agency__in=agencies, case__registered_on__gte=_since(today, p)).values_list(
        "case_id",
        "case__agency_id",
        "case__number",
        "case__kind",
        "case__region__path",
        "case__region__name",
        "officer_id",
        "officer__name",
        "officer__region__path",
        "officer__region__name",
        "officer__categories",
        "case__registered_on",
    )
    out = []
    for case_id, agency_id, number, kind, case_path, case_region, oid, name, off_path, off_region, cats, on in rows:
        problems = []
        if not case_path.startswith(off_path):
            problems.append(f"案发地{case_region}不在其执法区域（{off_region}）内")
        category = KIND_CATEGORY.get(kind)
        if category and category not in (cats or []):
            problems.append("执法证未载明本案执法类别")
        if problems:
            out.append(
                Hit(f"case:{case_id}:officer:{oid}", agency_id, f"{number} {name}", "；".join(problems), case_id, on)
            )
    return out


XZCF = "《行政处罚法》"

RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule(
            "decision_overdue",
            "1",
            "办案超期",
            f"{XZCF}第六十条",
            "普通程序处罚案件，自立案之日起超过九十日（加批准延长的期限）未作出决定，或作出决定时已超期。",
            (WINDOW,),
            _decision_overdue,
        ),
        Rule(
            "publication_late",
            "1",
            "执法决定逾期公开或未公开",
            "国办发〔2018〕118号；" + XZCF + "第四十八条",
            "执法决定的公开日期晚于公开期限（行政许可、处罚七个工作日，其他二十个工作日），或期限已过仍未公开。",
            (WINDOW,),
            _publication_late,
        ),
        Rule(
            "withdrawal_late",
            "1",
            "撤回公示逾期",
            f"{XZCF}第四十八条",
            "已公开的决定被撤销、确认违法后，超过三个工作日才撤回，或期限已过仍在公示。",
            (WINDOW,),
            _withdrawal_late,
        ),
        Rule(
            "major_without_review",
            "1",
            "重大执法决定未经法制审核",
            f"{XZCF}第五十八条",
            "标记为重大执法决定的案件已作出决定，但作出决定之日前没有通过的法制审核。",
            (WINDOW,),
            _major_without_review,
        ),
        Rule(
            "seizure_without_av",
            "1",
            "查封扣押无全程音像记录",
            "《行政强制法》第十八条；国办发〔2018〕118号（全过程记录）",
            "实施查封、扣押的案件，案卷中既没有录像、录音，也没有登记未能音像记录的理由。",
            (WINDOW,),
            _seizure_without_av,
        ),
        Rule(
            "outside_discretion",
            "1",
            "罚款超出裁量基准且未说明理由",
            f"{XZCF}第三十四条",
            "罚款金额在作出决定时有效的已公布裁量基准的罚款幅度之外，且拟处罚和决定步骤均未记载理由。",
            (WINDOW,),
            _outside_discretion,
        ),
        Rule(
            "unequal_fines",
            "1",
            "同案不同罚",
            f"{XZCF}第五条、第三十四条",
            "同一执法事项（按事项编码）、同一裁量情形的已决定罚款案件中，罚款高于同组中位数的若干倍或低于其若干分之一。",
            (
                WINDOW,
                Param("ratio", "偏离倍数", 3, "倍", minimum=2, maximum=100),
                Param("min_cases", "同组最少案件数", 5, "件", minimum=2, maximum=10000),
            ),
            _unequal_fines,
        ),
        Rule(
            "profit_driven",
            "1",
            "罚没金额同比异常增长（趋利性执法）",
            f"{REGULATION}（趋利性执法）",
            "执法主体近十二个月作出决定的罚款与没收金额合计，比上年同期增长超过预警比例（上年同期金额不低于基数）。",
            (
                Param("share_percent", "同比增长预警线", 20, "%", maximum=1000),
                Param("min_base", "上年同期最低金额", 10000, "元", minimum=0),
            ),
            _profit_driven,
        ),
        Rule(
            "repeated_inspection",
            "1",
            "同一企业被同一机关频繁检查（乱检查）",
            "国办发〔2024〕54号（严格规范涉企行政检查）",
            "近十二个月内，同一执法主体对同一企业（按统一社会信用代码）登记的行政检查超过上限次数。",
            (Param("max_per_year", "每年检查上限", 2, "次", maximum=365),),
            _repeated_inspection,
        ),
        Rule(
            "invalid_certificate",
            "1",
            "执法证无效时实施执法行为",
            f"{XZCF}第四十二条、第五十五条",
            "办案步骤的操作人员在该步骤发生之日执法证无效（按证件历史判断：未生效、过期、暂扣、注销）。",
            (WINDOW,),
            _invalid_certificate,
        ),
        Rule(
            "reviewer_floor",
            "1",
            "法制审核人员不足5%",
            "国办发〔2018〕118号；辽宁省专项活动实施方案（种子003）",
            "执法主体的法制审核人员占本单位执法人员总数的比例低于下限。",
            (Param("floor_percent", "最低比例", 5, "%", maximum=100),),
            _reviewer_floor,
        ),
        Rule(
            "out_of_region",
            "1",
            "超出执法区域或执法类别办案（异地执法）",
            f"{REGULATION}（违规异地执法）；{XZCF}第四十二条",
            "案件承办人员的执法区域不包含案发区划，或其执法证未载明该类案件的执法类别。",
            (WINDOW,),
            _out_of_region,
        ),
    )
}


def rule(code: str) -> Rule | None:
    return RULES.get(code)
