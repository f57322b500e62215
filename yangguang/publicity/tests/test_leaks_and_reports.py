"""The leak scanner (command and supervisor page) and the annual statistics report."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from yangguang.core.errors import DomainError
from yangguang.publicity import reports
from yangguang.publicity.models import AnnualReport, Publication, RegionReportSetting

from .conftest import org_party, person_party

pytestmark = pytest.mark.django_db
D = dt.date


def test_scanner_is_clean_then_finds_a_planted_leak(decide: Any, items: Any, client: Any, supervisor: Any) -> None:
    pub = Publication.objects.get(case=decide(person_party()))
    decide(org_party())
    out = io.StringIO()
    call_command("scan_leaks", stdout=out)
    assert out.getvalue().strip() == "未发现个人信息泄露"
    client.force_login(supervisor)
    assert "未发现个人信息泄露" in client.get("/public/manage/leaks/").content.decode()
    Publication.objects.filter(pk=pub.pk).update(redacted_text=pub.redacted_text + "\n联系人手机13900001111")
    with pytest.raises(CommandError) as exc:
        call_command("scan_leaks", stdout=out)
    # The stored field, the decision page and the API detail as served.
    assert str(exc.value) == "发现 3 处疑似个人信息"
    assert f"手机号码\t13900001111\t公示信息 {pub.number}\t/public/decisions/{pub.pk}/" in out.getvalue()
    assert f"手机号码\t13900001111\t接口：公示详情 {pub.number}\t/api/publicity/decisions/{pub.pk}" in out.getvalue()
    html = client.get("/public/manage/leaks/").content.decode()
    assert "发现 3 处疑似个人信息" in html and "13900001111" in html


def test_scanner_checks_part_one_data(items: Any) -> None:
    from yangguang.publicity.selectors import scan_public

    item = items["item"]
    item.materials = "申请材料寄给 someone@example.com"
    item.save()
    assert [(h.kind, h.text) for h in scan_public()] == [("电子邮箱", "someone@example.com")]


def test_leak_page_is_for_supervisors(client: Any, officer: Any) -> None:
    client.force_login(officer)
    assert client.get("/public/manage/leaks/").status_code == 404


def test_annual_report_figures(decide: Any, agency: Any, officer: Any) -> None:
    agency.power_kinds = ["penalty", "licensing", "levy"]
    agency.save()
    decide(person_party(), fine="100", on=D(2025, 6, 2))
    decide(org_party(), fine="2500", on=D(2025, 6, 3))
    decide(org_party(5), fine="", on=D(2025, 7, 1), types=["warning"])
    decide(org_party(6), fine="300", on=D(2026, 1, 5))  # another year
    data = reports.compute(agency, 2025)
    assert data["penalty_total"] == 3
    assert (data["penalty_fine"], data["penalty_warning"], data["penalty_confiscate_income"]) == (2, 1, 0)
    assert data["penalty_amount"] == "2600.00"
    # The power and no cases: 0; no power: not applicable.
    assert data["licensing_applied"] == 0 and data["levy"] == 0
    assert data["coercion"] is None and data["requisition"] is None
    assert data["officers"] == 2 and data["holding_rate"] == "100.0"


def test_deadline_is_a_region_setting(agency: Any, city: Any) -> None:
    assert reports.deadline_for(agency.region, 2025) == D(2026, 1, 31)
    RegionReportSetting.objects.create(region=city, january_day=10)
    assert reports.deadline_for(agency.region, 2025) == D(2026, 1, 10)


def test_publish_and_download_xlsx(decide: Any, agency: Any, agency_head: Any, officer: Any, public: Any) -> None:
    agency.power_kinds = ["penalty"]
    agency.save()
    decide(person_party(), fine="100", on=D(2025, 6, 2))
    with pytest.raises(DomainError) as exc:
        reports.publish_report(agency=agency, year=2025, actor=officer, on=D(2026, 1, 5))
    assert exc.value.message == "统计年报由本机关负责人审核发布"
    with pytest.raises(DomainError) as exc:
        reports.publish_report(agency=agency, year=2026, actor=agency_head, on=D(2026, 12, 5))
    assert exc.value.message == "只能发布已结束年度的统计年报"
    report = reports.publish_report(agency=agency, year=2025, actor=agency_head, on=D(2026, 1, 5))
    assert report.deadline == D(2026, 1, 31) and report.ledger_seq is not None
    assert f"/public/reports/{report.pk}.xlsx" in public.get("/public/reports/").content.decode()
    response = public.get(f"/public/reports/{report.pk}.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows["行政处罚：决定总数"] == 1 and rows["行政处罚：罚没金额（元）"] == 100.0
    assert rows["行政强制：查封、扣押"] == "—"


def test_region_aggregate_for_supervisor(
    decide: Any, agency: Any, agency_head: Any, county_agency: Any, client: Any, supervisor: Any
) -> None:
    decide(person_party(), fine="100", on=D(2025, 6, 2))
    reports.publish_report(agency=agency, year=2025, actor=agency_head, on=D(2026, 1, 5))
    AnnualReport.objects.create(
        agency=county_agency,
        year=2025,
        data={**reports.compute(county_agency, 2025), "penalty_total": 4, "penalty_amount": "50.00"},
        deadline=D(2026, 1, 31),
        published_on=D(2026, 1, 6),
    )
    total = reports.aggregate([r.data for r in reports.region_reports(agency.region, 2025)])
    assert total["penalty_total"] == 5 and Decimal(total["penalty_amount"]) == Decimal("150.00")
    client.force_login(supervisor)
    response = client.get("/public/manage/reports/region.xlsx", {"year": 2025})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert header[-1] == "合计"
    assert timezone.localdate()  # the page itself renders
    assert "合计" in client.get("/public/manage/reports/", {"year": 2025}).content.decode()
