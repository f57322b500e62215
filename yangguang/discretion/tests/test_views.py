"""Discretion pages: staff list and detail, import, catalog editing, the assistant widget, and the
public pages (published benchmarks only, no login)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from yangguang.discretion.models import Benchmark, MajorCatalog
from yangguang.discretion.tests.helpers import import_standard, main_row, make_item, standard_file, workbook

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)  # the real login page is covered by the core tests; skip password hashing
    return c


@pytest.fixture
def two(agency: Any, agency_head: Any) -> tuple[Benchmark, Benchmark]:
    published, _ = import_standard(agency, agency_head, "PUB1", publish=True)
    make_item(agency, "DRAFT1", name="对无照经营的行政处罚")
    from yangguang.discretion.services import import_benchmarks

    result = import_benchmarks(
        agency=agency,
        data=workbook([main_row("DRAFT1", "一般", C_FINE_MIN=100, C_FINE_MAX=900)]),
        filename="d.xlsx",
        actor=agency_head,
    )
    return published, Benchmark.objects.get(pk=result.benchmark_ids[0])


def test_public_pages_show_only_published_benchmarks_without_login(public: Client, two: Any) -> None:
    published, draft = two
    page = public.get(reverse("discretion:public"))
    assert page.status_code == 200
    html = page.content.decode()
    assert published.item.name in html and "对无照经营的行政处罚" not in html
    assert "行政处罚法》第三十四条" in html
    detail = public.get(reverse("discretion:public_detail", args=[published.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "1000元至5000元" in body and "违法所得1倍至5倍（无违法所得的，20000元至50000元）" in body
    assert "首次违法、危害后果轻微并及时改正" in body
    assert public.get(reverse("discretion:public_detail", args=[draft.pk])).status_code == 404
    # Search on the public list.
    assert "对无照经营" not in public.get(reverse("discretion:public"), {"q": "无照"}).content.decode()


def test_staff_list_and_detail_need_login_and_show_drafts(public: Client, officer: Any, two: Any) -> None:
    assert public.get(reverse("discretion:benchmarks")).status_code == 302
    html = client_for(officer).get(reverse("discretion:benchmarks")).content.decode()
    assert "对无照经营的行政处罚" in html and "未公布" in html
    detail = client_for(officer).get(reverse("discretion:benchmark", args=[two[1].pk])).content.decode()
    assert "100元至900元" in detail and "公布</button>" not in detail  # officers cannot publish


def test_agency_head_publishes_and_withdraws(agency_head: Any, officer: Any, two: Any) -> None:
    _, draft = two
    url = reverse("discretion:benchmark_publish", args=[draft.pk])
    assert client_for(officer).post(url, {"published": "1"}).status_code == 302
    draft.refresh_from_db()
    assert draft.published is False  # refused with a message
    client_for(agency_head).post(url, {"published": "1"})
    draft.refresh_from_db()
    assert draft.published is True


def test_import_page(agency: Any, agency_head: Any, officer: Any) -> None:
    assert client_for(officer).get(reverse("discretion:import")).status_code == 403
    c = client_for(agency_head)
    assert c.get(reverse("discretion:import")).status_code == 200
    tpl = c.get(reverse("discretion:import_template"))
    assert tpl["Content-Type"].startswith("application/vnd.openxmlformats")
    make_item(agency, "A1")
    bad = workbook([main_row("A1", "一般", C_FINE_MIN=5000, C_FINE_MAX=1000)])
    resp = c.post(
        reverse("discretion:import"),
        {"agency": agency.pk, "file": SimpleUploadedFile("bad.xlsx", bad)},
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "导入失败，文件未导入：共1处错误" in html
    assert "「裁量基准」工作表第2行「罚款上限（元）」：不能小于「罚款下限（元）」" in html
    assert not Benchmark.objects.exists()
    resp = c.post(
        reverse("discretion:import"),
        {"agency": agency.pk, "file": SimpleUploadedFile("good.xlsx", standard_file("A1")), "publish": "on"},
    )
    assert resp.status_code == 302
    assert Benchmark.objects.get().published is True


def _formset_data(agency: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "agency": agency.pk,
        "rules-TOTAL_FORMS": len(rows),
        "rules-INITIAL_FORMS": 0,
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"rules-{i}-{key}"] = value
    return data


def test_catalog_page_shows_defaults_and_saves_edits(agency: Any, agency_head: Any, officer: Any) -> None:
    html = client_for(officer).get(reverse("discretion:catalog")).content.decode()
    assert "默认示例" in html and "对法人或者其他组织处以5万元以上罚款" in html
    rows = [
        {
            "kind": "fine",
            "party_kind": "organization",
            "threshold": "80000",
            "title": "对单位罚款8万元以上",
            "active": "on",
        },
        {"kind": "hearing", "title": "经过听证程序", "active": "on"},
    ]
    assert client_for(officer).post(reverse("discretion:catalog"), _formset_data(agency, rows)).status_code == 403
    resp = client_for(agency_head).post(reverse("discretion:catalog"), _formset_data(agency, rows))
    assert resp.status_code == 302
    catalog = MajorCatalog.objects.get(agency=agency)
    assert [(r.kind, r.threshold) for r in catalog.rules.all()] == [("fine", 80000), ("hearing", None)]
    bad = [{"kind": "fine", "party_kind": "person", "threshold": "", "title": "罚款", "active": "on"}]
    resp = client_for(agency_head).post(reverse("discretion:catalog"), _formset_data(agency, bad))
    assert resp.status_code == 400 and "第1条规则：数额标准须为大于0的数字" in resp.content.decode()


def test_assistant_widget_shows_range_and_flags_a_proposal_outside(officer: Any, two: Any) -> None:
    published, _ = two
    c = client_for(officer)
    page = c.get(reverse("discretion:assistant"))
    assert page.status_code == 200 and published.item.name in page.content.decode()
    factors = c.get(reverse("discretion:assistant_factors"), {"item": published.item.pk}).content.decode()
    assert 'value="confessed"' in factors
    data = {
        "item": published.item.pk,
        "party_kind": "organization",
        "level": "general",
        "amount": "60000",
        "penalty_types": ["fine"],
    }
    resp = c.post(reverse("discretion:assistant"), data, HTTP_HX_REQUEST="true")
    html = resp.content.decode()
    assert "<html" not in html  # the htmx partial only
    assert "1000 元至 5000 元" in html
    assert "拟罚款金额60000元高于裁量基准「一般」情形的上限5000元" in html
    assert "法制审核第6项将予标记" in html
    assert "对法人或者其他组织处以5万元以上罚款（拟罚款60000元）" in html
    inside = c.post(reverse("discretion:assistant"), {**data, "amount": "3000"}, HTTP_HX_REQUEST="true")
    assert "在裁量基准范围内" in inside.content.decode()
    assert "按本机关目录不属于重大执法决定" in inside.content.decode()
    first = c.post(
        reverse("discretion:assistant"),
        {
            "item": published.item.pk,
            "party_kind": "person",
            "harm": "minor",
            "first_violation": "on",
            "corrected_promptly": "on",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "符合首违不罚清单，可以不予行政处罚" in first.content.decode()


def test_catalog_page_for_admin_and_supervisor_opens_an_overseen_agency(
    agency: Any, admin_user: Any, supervisor: Any
) -> None:
    for user in (admin_user, supervisor):
        resp = client_for(user).get(reverse("discretion:catalog"))
        assert resp.status_code == 200 and agency.name in resp.content.decode()
        assert ("保存目录</button>" in resp.content.decode()) == (user == admin_user)
    # Supervisors read the catalog but may not change it.
    assert "保存目录</button>" not in client_for(supervisor).get(reverse("discretion:catalog")).content.decode()
