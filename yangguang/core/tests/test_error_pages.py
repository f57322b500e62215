"""Error pages (issue 11): a refused rule or bad parameter escaping a page view is its Chinese
message with its status, never a 500; 404 pages are in Chinese, in the portal's layout under
/public/."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from yangguang.core.errorpages import DomainErrorMiddleware
from yangguang.core.errors import PermissionDeniedError
from yangguang.core.params import BadParameter, int_param


def _never(request: Any) -> HttpResponse:
    raise AssertionError("not called")


@pytest.mark.django_db
def test_domain_error_escaping_a_page_is_its_status_and_message(officer: Any) -> None:
    request = RequestFactory().get("/cases/?year=²")
    request.user = officer
    middleware = DomainErrorMiddleware(_never)
    try:
        int_param("²", label="年份", param="year")
    except BadParameter as exc:
        response = middleware.process_exception(request, exc)
    assert response is not None and response.status_code == 400
    html = response.content.decode()
    assert "<h1>请求有误</h1>" in html
    assert "参数“年份”应为整数（半角数字0-9）" in html
    refused = middleware.process_exception(request, PermissionDeniedError("仅本机关负责人可以修改"))
    assert refused is not None and refused.status_code == 403 and "仅本机关负责人可以修改" in refused.content.decode()


def test_api_errors_are_left_to_the_api() -> None:
    request = RequestFactory().get("/api/cases/")
    assert DomainErrorMiddleware(_never).process_exception(request, BadParameter("x")) is None


@pytest.mark.django_db
def test_not_found_pages_are_chinese(client: Any, officer: Any) -> None:
    client.force_login(officer)
    response = client.get("/cases/99999999999999999999999/")
    assert response.status_code == 404
    assert "页面不存在，或您无权查看。" in response.content.decode()
    client.logout()
    public = client.get("/public/no-such-page/")
    assert public.status_code == 404
    html = public.content.decode()
    assert "页面不存在，或您无权查看。" in html and "portal" in html and 'href="/public/"' in html


@pytest.mark.django_db
def test_control_characters_are_refused_before_any_view(client: Any, officer: Any) -> None:
    client.force_login(officer)
    page = client.get("/cases/", {"q": "a\x00b"})
    assert page.status_code == 400
    assert "请求含有不允许的控制字符（如 NUL），请删除后重试。" in page.content.decode()
    assert client.post("/cases/new/", {"title": "x\x01"}).status_code == 400
    api = client.post("/api/cases/", data='{"title": "x\\u0000"}', content_type="application/json")
    assert api.status_code == 400
    assert api.json() == {"code": "bad_parameter", "message": "请求含有不允许的控制字符（如 NUL），请删除后重试。"}
    # Tabs and line breaks are text.
    assert client.get("/cases/", {"q": "a\tb\r\n"}).status_code == 200
