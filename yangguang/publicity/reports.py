"""The annual statistics report (行政执法统计年报), computed from the case data.

Per agency and kind of action (domain.md §3): licensing (申请, 受理, 准予, 不予, 撤销), penalties by
type with amounts (罚没金额), coercion, levy, requisition, inspections and the certificate holding
rate (持证率). A kind the agency has the power for and no cases reports 0; a kind it has no power for
reports None (shown as "—"). The deadline is a per-region setting (a day in January, default 31).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum

from yangguang.access import policy
from yangguang.cases.models import Case, Step
from yangguang.cases.workflow import AnnulmentGround, CaseKind, DecisionType
from yangguang.core.errors import DomainError
from yangguang.core.spreadsheet import neutralize_row
from yangguang.ledger.services import append_entry
from yangguang.roster.models import ActionKind, Agency, Region, User

from .models import AnnualReport, RegionReportSetting

DEFAULT_JANUARY_DAY = 31

# (key, label) of the rows, in report order.
ROWS: list[tuple[str, str]] = [
    ("licensing_applied", "行政许可：申请"),
    ("licensing_accepted", "行政许可：受理"),
    ("licensing_granted", "行政许可：准予"),
    ("licensing_denied", "行政许可：不予"),
    ("licensing_revoked", "行政许可：撤销"),
    ("penalty_total", "行政处罚：决定总数"),
    ("penalty_warning", "行政处罚：警告"),
    ("penalty_criticism", "行政处罚：通报批评"),
    ("penalty_fine", "行政处罚：罚款"),
    ("penalty_confiscate_income", "行政处罚：没收违法所得"),
    ("penalty_confiscate_property", "行政处罚：没收非法财物"),
    ("penalty_suspend_licence", "行政处罚：暂扣许可证件"),
    ("penalty_revoke_licence", "行政处罚：吊销许可证件"),
    ("penalty_suspend_business", "行政处罚：责令停产停业"),
    ("penalty_other", "行政处罚：其他种类"),
    ("penalty_amount", "行政处罚：罚没金额（元）"),
    ("coercion", "行政强制：查封、扣押"),
    ("levy", "行政征收"),
    ("requisition", "行政征用"),
    ("inspection", "行政检查"),
    ("officers", "执法人员数"),
    ("certified", "持证人员数"),
    ("holding_rate", "持证率（%）"),
]
ROW_KIND = {
    "licensing": ActionKind.LICENSING,
    "penalty": ActionKind.PENALTY,
    "coercion": ActionKind.COERCION,
    "levy": ActionKind.LEVY,
    "requisition": ActionKind.REQUISITION,
    "inspection": ActionKind.INSPECTION,
}
NAMED_TYPES = {
    "warning",
    "criticism",
    "fine",
    "confiscate_income",
    "confiscate_property",
    "suspend_licence",
    "revoke_licence",
    "suspend_business",
}


def deadline_for(region: Region, year: int) -> dt.date:
    """The report deadline in January of ``year + 1``: the nearest region setting up the tree."""
    codes = [c for c in region.path.strip("/").split("/") if c]
    settings = {
        s.region.code: s.january_day
        for s in RegionReportSetting.objects.filter(region__code__in=codes).select_related("region")
    }
    day = next((settings[c] for c in reversed(codes) if c in settings), DEFAULT_JANUARY_DAY)
    return dt.date(year + 1, 1, min(max(day, 1), 31))


def compute(agency: Agency, year: int) -> dict[str, Any]:
    """The figures of ``agency`` for ``year`` (keys of ROWS; None where the agency has no power)."""
    powers = set(agency.power_kinds or [])
    cases = Case.objects.filter(agency=agency)
    out: dict[str, Any] = {}
    lic = cases.filter(kind=CaseKind.LICENSING)
    out["licensing_applied"] = lic.filter(registered_on__year=year).count()
    out["licensing_accepted"] = lic.filter(accepted_on__year=year).count()
    out["licensing_granted"] = lic.filter(decided_on__year=year, licence_decision="grant").count()
    out["licensing_denied"] = lic.filter(decided_on__year=year, licence_decision="deny").count()
    # Revoked licences (撤销行政许可) from the case record (its annul step), published or not.
    out["licensing_revoked"] = lic.filter(annulment_ground=AnnulmentGround.REVOKED, annulled_on__year=year).count()
    pen = cases.filter(
        kind__in=[CaseKind.PENALTY_ORDINARY, CaseKind.PENALTY_SUMMARY],
        decided_on__year=year,
        decision_type=DecisionType.PENALTY,
    )
    out["penalty_total"] = pen.count()
    counts = {t: 0 for t in NAMED_TYPES}
    other = 0
    amount = Decimal("0")
    for types, fine, conf in pen.values_list("penalty_types", "fine_amount", "confiscation_amount"):
        named = [t for t in types or [] if t in NAMED_TYPES]
        for t in named:
            counts[t] += 1
        if len(named) < len(types or []):
            other += 1
        amount += (fine or Decimal("0")) + (conf or Decimal("0"))
    for t, n in counts.items():
        out[f"penalty_{t}"] = n
    out["penalty_other"] = other
    out["penalty_amount"] = f"{amount:.2f}"
    out["coercion"] = Step.objects.filter(case__agency=agency, action="impose", occurred_on__year=year).count()
    out["levy"] = 0
    out["requisition"] = 0
    out["inspection"] = Step.objects.filter(
        case__agency=agency, action__in=["record_result"], occurred_on__year=year
    ).count()
    officers = agency.officers.prefetch_related("certificate_events")  # judged on 31 December from the history
    year_end = dt.date(year, 12, 31)
    total = officers.count()
    certified = sum(1 for o in officers if o.certificate_valid_on(year_end))
    out["officers"] = total
    out["certified"] = certified
    out["holding_rate"] = f"{(100 * certified / total):.1f}" if total else "0.0"
    # Kinds the agency has no power for are not applicable; with the power and no cases they are 0.
    for key in list(out):
        prefix = key.split("_")[0]
        kind = ROW_KIND.get(prefix)
        if kind is not None and kind not in powers and not _has_cases(out, prefix):
            out[key] = None
    return out


def _has_cases(out: dict[str, Any], prefix: str) -> bool:
    return any(v not in (0, None, "0.00") for k, v in out.items() if k.split("_")[0] == prefix)


def aggregate(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum of several agencies' figures (the supervisor's region); the rate is recomputed."""
    total: dict[str, Any] = {}
    for key, _label in ROWS:
        values: list[Any] = [r[key] for r in reports if r.get(key) is not None]
        if key == "holding_rate":
            continue
        if not values:
            total[key] = None
        elif key == "penalty_amount":
            total[key] = f"{sum(Decimal(v) for v in values):.2f}"
        else:
            total[key] = sum(int(v) for v in values)
    officers, certified = total.get("officers") or 0, total.get("certified") or 0
    total["holding_rate"] = f"{(100 * certified / officers):.1f}" if officers else "0.0"
    return total


def publish_report(*, agency: Agency, year: int, actor: User, on: dt.date) -> AnnualReport:
    """Review done: the agency head publishes the report (figures frozen as computed now)."""
    policy.require(actor, "publicity.report.publish", agency)
    if year >= on.year:
        raise DomainError("只能发布已结束年度的统计年报", code="invalid")
    with transaction.atomic():
        data = compute(agency, year)
        report, _created = AnnualReport.objects.update_or_create(
            agency=agency,
            year=year,
            defaults={
                "data": data,
                "deadline": deadline_for(agency.region, year),
                "published_on": on,
                "published_by": actor.display_name(),
            },
        )
        entry = append_entry(
            actor=actor,
            subject=f"publicity.annualreport:{report.pk}",
            action="publicity.annual_report",
            payload={"agency": agency.name, "year": year, "data": data},
            public=True,
        )
        report.ledger_seq = getattr(entry, "seq", None)
        report.save(update_fields=["ledger_seq"])
    return report


def to_xlsx(title: str, columns: list[str], tables: list[dict[str, Any]]) -> bytes:
    """One sheet: a row per figure, a column per agency (or region total)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "统计年报"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["项目", *columns])
    neutralize_row(ws[ws.max_row])  # agency names: "=HYPERLINK(…)" stays text
    for key, label in ROWS:
        row: list[Any] = [label]
        for t in tables:
            v = t.get(key)
            if v is None:
                row.append("—")
            elif key in ("penalty_amount", "holding_rate"):
                row.append(float(v))
            else:
                row.append(v)
        ws.append(row)
        neutralize_row(ws[ws.max_row])
    ws.column_dimensions["A"].width = 30
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def region_reports(region: Region, year: int) -> list[AnnualReport]:
    return list(
        AnnualReport.objects.filter(agency__region__path__startswith=region.path, year=year).select_related("agency")
    )


def counts_by_kind(agency: Agency) -> dict[str, int]:
    """Number of cases per kind (used by the report page to show the data behind the figures)."""
    return dict(Case.objects.filter(agency=agency).values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))


__all__ = ["ROWS", "Q", "Sum", "aggregate", "compute", "deadline_for", "publish_report", "region_reports", "to_xlsx"]
