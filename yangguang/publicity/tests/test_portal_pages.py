"""The public portal's pages: no login, public fields only, bounded queries, cache headers."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.publicity.tokens import certificate_token
from yangguang.roster.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def _html(response: Any) -> str:
    return response.content.decode()


def test_home_needs_no_login_and_shows_counts(public: Any, officer: Any, statuses: Any, items: Any) -> None:
    response = public.get("/public/")
    assert response.status_code == 200
    html = _html(response)
    assert "行政执法公示平台" in html
    assert 'lang="zh-Hans"' in html
    assert 'data-count="officers">5<' in html
    assert "名执法人员，其中 2 人持有效执法证" in html  # 李明 and 王有效
    assert 'data-count="agencies">1<' in html
    assert 'data-count="items">1<' in html
    assert 'data-count="inspection_items">1<' in html
    # The public layout has no staff navigation and no login box.
    assert "工作台" not in html and "退出" not in html and "/accounts/login/" not in html


def test_every_page_is_public_and_cacheable(public: Any, officer: Any, items: Any) -> None:
    off = officer.officer
    token = certificate_token(off.certificate_no)
    urls = [
        "/public/",
        "/public/agencies/",
        f"/public/agencies/{off.agency_id}/",
        "/public/officers/",
        "/public/items/",
        f"/public/items/{items['item'].pk}/",
        "/public/inspection-items/",
        "/public/verify/",
        f"/public/verify/{token}/",
        f"/public/verify/{token}/qr/",
        f"/public/verify/{token}/qr.svg",
    ]
    for url in urls:
        response = public.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=60", url
        # No session, no CSRF cookie: every visitor gets the same bytes.
        assert "Cookie" not in response.get("Vary", ""), url
        assert not response.cookies, url


def test_pages_refuse_post(public: Any) -> None:
    assert public.post("/public/officers/").status_code == 405


def test_agency_directory_filters_by_region_including_sub_regions(
    public: Any, agency: Any, county_agency: Any, other_region_agency: Any
) -> None:
    html = _html(public.get("/public/agencies/", {"region": "330100"}))
    assert "杭州市市场监督管理局" in html and "杭州市西湖区综合行政执法局" in html
    assert "江苏省市场监督管理局" not in html
    html = _html(public.get("/public/agencies/", {"region": "330106"}))
    assert "杭州市西湖区综合行政执法局" in html and "杭州市市场监督管理局" not in html
    html = _html(public.get("/public/agencies/", {"region": "999999"}))
    assert "没有符合条件的执法主体。" in html
    html = _html(public.get("/public/agencies/", {"q": "西湖"}))
    assert "杭州市西湖区综合行政执法局" in html and "杭州市市场监督管理局" not in html
    # Agency fields of the directory: USCC, region, powers, units, address and phone.
    html = _html(public.get("/public/agencies/"))
    for text in [
        county_agency.uscc,
        "西湖区",
        "行政处罚、行政检查",
        "执法一中队",
        "《浙江省综合行政执法条例》",
        "文三路1号",
        "0571-87000000",
    ]:
        assert text in html


def test_inactive_agency_and_its_officers_are_not_public(public: Any, agency: Any, officer: Any) -> None:
    agency.is_active = False
    agency.save()
    assert "杭州市市场监督管理局" not in _html(public.get("/public/agencies/"))
    assert "李明" not in _html(public.get("/public/officers/"))
    assert public.get(f"/public/agencies/{agency.pk}/").status_code == 404


def test_officer_roster_search_by_name_unit_and_certificate(
    public: Any, officer: Any, officer2: Any, county_agency: Any
) -> None:
    other = OfficerFactory(agency=county_agency, unit=county_agency.units.get(), name="吴西湖")
    html = _html(public.get("/public/officers/", {"q": "李明"}))
    assert "李明" in html and "赵强" not in html
    html = _html(public.get("/public/officers/", {"q": "一中队"}))
    assert "吴西湖" in html and "李明" not in html
    html = _html(public.get("/public/officers/", {"q": officer2.officer.certificate_no}))
    assert "赵强" in html and "李明" not in html
    html = _html(public.get("/public/officers/", {"agency": county_agency.pk}))
    assert "吴西湖" in html and "李明" not in html
    # The roster columns (seeds 002, 004): 姓名, 单位, 职务, 证件编号, 执法类别, 执法区域, 有效日期.
    html = _html(public.get("/public/officers/", {"q": "吴西湖"}))
    for text in [
        "杭州市西湖区综合行政执法局 执法一中队",
        str(other.certificate_no),
        "行政处罚、行政检查",
        "西湖区",
        "2024-01-01 至 2030-12-31",
    ]:
        assert text in html


def test_officer_roster_shows_status_as_of_today(public: Any, statuses: Any) -> None:
    html = _html(public.get("/public/officers/"))
    assert 'data-status="valid">有效<' in html
    assert 'data-status="expired">已过期<' in html  # the lapsed date reads as expired
    assert 'data-status="suspended">暂扣<' in html
    assert 'data-status="revoked">已吊销<' in html


def test_officer_roster_is_paginated_with_filters_kept(public: Any, agency: Any) -> None:
    for n in range(25):
        OfficerFactory(agency=agency, name=f"张{n:02d}")
    html = _html(public.get("/public/officers/", {"q": "张"}))
    assert "共 25 名执法人员" in html and "第 1 / 2 页" in html
    assert "?q=%E5%BC%A0&amp;page=2" in html
    html = _html(public.get("/public/officers/", {"q": "张", "page": 2}))
    assert html.count("<tr data-certificate") == 5


def test_htmx_search_returns_only_the_results(public: Any, officer: Any) -> None:
    response = public.get("/public/officers/", {"q": "李"}, HTTP_HX_REQUEST="true")
    html = _html(response)
    assert "李明" in html and "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_items_with_service_guide(public: Any, agency: Any, items: Any) -> None:
    item = items["item"]
    html = _html(public.get("/public/items/", {"agency": agency.pk, "kind": "penalty"}))
    assert item.name in html
    assert item.name not in _html(public.get("/public/items/", {"kind": "licensing"}))
    html = _html(public.get(f"/public/items/{item.pk}/"))
    guide = [
        "《企业信息公示暂行条例》第十八条",
        "首违不罚",
        "立案审批表",
        "立案、调查、告知、决定、送达、执行",
        "90日",
        "12345热线",
        "依照《行政执法责任制》追究",
        "行政复议、行政诉讼",
        "工作日 9:00-17:00",
        "杭州市解放东路18号",
        "0571-85000000",
    ]
    for text in guide:
        assert text in html
    for label in [
        "受理机构",
        "审批机构",
        "许可条件",
        "优惠政策",
        "申请材料",
        "办理流程",
        "办理时限",
        "监督方式",
        "责任追究",
        "救济渠道",
    ]:
        assert f"<dt>{label}</dt>" in html
    assert public.get("/public/items/999999/").status_code == 404


def test_item_flowchart_is_embedded_only_when_the_cases_app_serves_it(public: Any, items: Any) -> None:
    from django.urls import Resolver404, resolve

    html = _html(public.get(f"/public/items/{items['item'].pk}/"))
    try:
        resolve("/cases/flowchart/penalty_ordinary.svg")
    except Resolver404:
        assert "执法流程图" not in html
    else:
        assert '<img src="/cases/flowchart/penalty_ordinary.svg"' in html


def test_inspection_item_list(public: Any, agency: Any, items: Any, county_agency: Any) -> None:
    html = _html(public.get("/public/inspection-items/"))
    for text in [
        "食品生产企业监督检查",
        "《食品安全法》第一百一十条",
        "食品生产企业",
        "生产环境、进货查验",
        "5%",
        "现场检查",
        "每年一次",
    ]:
        assert text in html
    assert "食品生产企业监督检查" not in _html(public.get("/public/inspection-items/", {"agency": county_agency.pk}))
    html = _html(public.get(f"/public/agencies/{agency.pk}/"))
    assert "食品生产企业监督检查" in html and items["item"].name in html


def test_nothing_private_leaks(public: Any, officer: Any, statuses: Any, items: Any, private_data: Any) -> None:
    off = officer.officer
    token = certificate_token(off.certificate_no)
    pages = [
        "/public/",
        "/public/agencies/",
        f"/public/agencies/{off.agency_id}/",
        "/public/officers/",
        "/public/items/",
        "/public/inspection-items/",
        f"/public/verify/{token}/",
        f"/public/verify/{token}/qr/",
    ]
    for url in pages:
        html = _html(public.get(url))
        for secret in private_data.values():
            assert secret not in html, (url, secret)
        assert "杭州隐私测试有限公司" not in html
        assert "法律职业资格" not in html and "法制审核人员" not in html


@pytest.mark.parametrize(
    ("url", "bound"),
    [
        ("/public/", 6),
        ("/public/agencies/", 4),
        ("/public/officers/", 4),  # + the certificates' history, one query for the page
        ("/public/items/", 3),
        ("/public/inspection-items/", 3),
    ],
)
def test_list_pages_do_a_bounded_number_of_queries(
    public: Any, agency: Any, county_agency: Any, django_assert_max_num_queries: Any, url: str, bound: int
) -> None:
    from yangguang.roster.models import InspectionItem
    from yangguang.roster.tests.factories import EnforcementItemFactory

    for n in range(15):
        OfficerFactory(agency=agency if n % 2 else county_agency)
        EnforcementItemFactory(agency=agency if n % 2 else county_agency)
        InspectionItem.objects.create(agency=agency, code=f"I{n}", name=f"抽查{n}")
    with django_assert_max_num_queries(bound):
        assert public.get(url).status_code == 200


def test_detail_pages_do_a_bounded_number_of_queries(
    public: Any, agency: Any, officer: Any, items: Any, django_assert_max_num_queries: Any
) -> None:
    token = certificate_token(officer.officer.certificate_no)
    for url, bound in [
        (f"/public/agencies/{agency.pk}/", 5),
        (f"/public/items/{items['item'].pk}/", 1),
        (f"/public/verify/{token}/", 2),  # + the certificate's history
        (f"/public/verify/{token}/qr/", 2),  # the page states the certificate too
    ]:
        with django_assert_max_num_queries(bound):
            assert public.get(url).status_code == 200, url


def test_a_signed_in_visitor_gets_the_same_anonymous_page(client: Any, officer: Any, private_data: Any) -> None:
    anonymous = client.get("/public/officers/").content
    client.force_login(officer)
    response = client.get("/public/officers/")
    assert response.content == anonymous
    assert private_data["username"].encode() not in response.content
    assert "Cookie" not in response.get("Vary", "")
