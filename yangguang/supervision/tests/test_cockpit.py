"""The cockpit: figures of the scope, drill-down city → county → agency, each figure's case list,
the XLSX export (formula-safe), the home panel; nothing outside the bureau's region."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from yangguang.evidence.models import RecordingException
from yangguang.roster.tests.factories import AgencyFactory

from .conftest import D, make_case, make_publication, money

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_cockpit_drill_down_lists_and_export(
    agency: Any, officer: Any, supervisor: Any, agency_head: Any, county: Any, other_city_agency: Any
) -> None:
    county_agency: Any = AgencyFactory(name='=HYPERLINK("http://x")西湖区局', region=county)
    late = make_case(county_agency, officer, state="decided", decided_on=D(2026, 6, 1), fine_amount=money("3000"))
    make_publication(late, due=D(2026, 6, 10), published_on=D(2026, 6, 20), decided_on=D(2026, 6, 1))
    make_case(agency, officer, state="decided", decided_on=D(2025, 6, 3), fine_amount=money("1000"))
    seized = make_case(agency, officer, kind="coercive_measure", state="in_force", registered_on=D(2026, 5, 1))
    RecordingException.objects.create(case=seized, step="impose", reason="设备故障", recorded_by=officer)
    make_case(other_city_agency, officer, state="decided", decided_on=D(2026, 6, 1), fine_amount=money("99999"))

    c = _client(supervisor)
    page = c.get("/supervision/").content.decode()
    assert 'id="cockpit-data"' in page and "西湖区" in page and "99999" not in page
    assert 'id="amount-now">3000.00' in page and "上年同期 1000.00" in page and 'id="amount-yoy">200.0%' in page
    # drill down: the county, then its agency
    county_page = c.get("/supervision/?region=330106").content.decode()
    assert "HYPERLINK" in county_page and agency.name not in county_page
    assert c.get(f"/supervision/?agency={county_agency.pk}").status_code == 200
    # the cases behind a figure
    lst = c.get("/supervision/cockpit/cases/?region=330100&metric=publication_late").content.decode()
    assert late.number in lst and "共1件" in lst
    lst = c.get("/supervision/cockpit/cases/?region=330100&metric=fines&month=2026-06").content.decode()
    assert late.number in lst
    lst = c.get("/supervision/cockpit/cases/?region=330100&metric=av_exception").content.decode()
    assert seized.number in lst and late.number not in lst
    assert c.get("/supervision/cockpit/cases/?metric=nonsense").status_code == 404
    # outside the bureau's region
    assert c.get("/supervision/?region=330200").status_code == 404
    assert c.get(f"/supervision/?agency={other_city_agency.pk}").status_code == 404
    # XLSX export: the agency's formula-like name is text, not a formula
    r = c.get("/supervision/cockpit/export/?region=330100")
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["按案件类别", "按执法主体", "月度罚没", "事后公开", "法制审核"]
    names = {row[0].value: row[0] for row in wb["按执法主体"].iter_rows(min_row=2)}
    cell = names['=HYPERLINK("http://x")西湖区局']
    assert cell.data_type == "s" and cell.quotePrefix
    # the supervisor's home page opens with the cockpit panel; agencies are refused
    home = c.get("/").content.decode()
    assert "执法监督驾驶舱" in home and 'id="panel-cockpit"' in home
    assert _client(agency_head).get("/supervision/").status_code == 403


def test_assessment_indicators_with_formulas_and_export(agency: Any, officer: Any, supervisor: Any) -> None:
    case = make_case(agency, officer, state="decided", decided_on=D(2026, 6, 1), is_major=True)
    make_publication(case, due=D(2026, 6, 10), published_on=D(2026, 6, 8), decided_on=D(2026, 6, 1))
    late = make_case(agency, officer, state="decided", decided_on=D(2026, 6, 1))
    make_publication(late, due=D(2026, 6, 10), published_on=D(2026, 6, 20), decided_on=D(2026, 6, 1))
    c = _client(supervisor)
    page = c.get("/supervision/assessment/").content.decode()
    assert "按时公开率" in page and "按期公开的件数 ÷（按期公开 + 逾期公开 + 逾期未公开）× 100%" in page
    row = page.split(f'data-agency="{agency.pk}"')[1].split("</tr>")[0]
    # holding 100% (officer valid), publication 1 of 2, major decision without passed review 0 of 1
    assert "<td>100.0</td><td>50.0</td><td>0.0</td>" in row
    wb = load_workbook(io.BytesIO(c.get("/supervision/assessment/?format=xlsx").content))
    assert wb.sheetnames == ["依法行政考核", "计算公式"]


def test_case_lists_behind_a_figure_are_paged(agency: Any, officer: Any, supervisor: Any) -> None:
    from yangguang.cases.models import Case

    Case.objects.bulk_create(
        Case(
            agency=agency,
            kind="penalty_summary",
            number=f"分页案〔2026〕{n}号",
            year=2026,
            serial=n,
            state="closed",
            title="分页",
            region=agency.region,
            registered_on=D(2026, 6, 1),
            created_by=officer,
        )
        for n in range(1, 106)
    )
    c = _client(supervisor)
    url = "/supervision/cockpit/cases/?region=330100&metric=opened&kind=penalty_summary"
    first = c.get(url).content.decode()
    assert "共105件" in first and "第1页，共2页" in first and first.count("data-case=") == 100
    assert "metric=opened&amp;kind=penalty_summary&amp;page=2" in first
    second = c.get(url + "&page=2").content.decode()
    assert second.count("data-case=") == 5
