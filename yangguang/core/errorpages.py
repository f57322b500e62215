"""Error pages in Chinese, never a server error for a refused request.

``DomainErrorMiddleware``: a ``DomainError`` (a refused rule, a ``BadParameter``, ``AccessDenied``…)
that escapes a page view becomes the error page with the error's status (400, 403, 404, 409…) and
its Chinese message, instead of a 500. The API has its own handlers (``yangguang.api``) and the tus
endpoint answers in JSON itself, so both are left alone.

``ControlCharacterMiddleware``: a request whose query string, form fields or JSON body carries a
control character (NUL and the other C0 controls but tab, line feed and carriage return) is refused
with 400 before any view runs: PostgreSQL cannot store NUL in text, XML (the Atom feed) and XLSX
cells cannot hold the others, and no user types them.

``bad_request``, ``permission_denied``, ``page_not_found`` and ``server_error`` are the project's
``handler400/403/404/500``: the same page, in the public portal's layout under ``/public/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from yangguang.core.errors import DomainError

TITLES = {
    400: "请求有误",
    403: "无权访问",
    404: "未找到",
    405: "请求方法不允许",
    409: "操作冲突",
    413: "内容过大",
    500: "服务器内部错误",
}


def error_page(request: HttpRequest | None, status: int, message: str) -> HttpResponse:
    public = request is not None and request.path.startswith("/public/")
    context: dict[str, Any] = {
        "layout": "publicity/base_public.html" if public else "base.html",
        "status": status,
        "title": _(TITLES.get(status, "请求有误")),
        "message": message,
        "home_url": "/public/" if public else "/",
    }
    try:
        html = render_to_string("error.html", context, request=request)
    except Exception:  # the error page must not fail in turn (e.g. the database is down)
        html = render_to_string("error_plain.html", context)
    return HttpResponse(html, status=status)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# In a JSON body the same characters arrive escaped (\u0000 … \u001f, but \t \n \r).
_JSON_CONTROL = re.compile(rb"\\u00(?:0[0-8bcefBCEF]|1[0-9a-fA-F])|\\u007[fF]|[\x00-\x08\x0b\x0c\x0e-\x1f]")
JSON_BODY_LIMIT = 10 * 1024 * 1024


def has_control_character(value: str) -> bool:
    return _CONTROL.search(value) is not None


def _any_control(data: Any) -> bool:
    return any(has_control_character(k) or any(has_control_character(v) for v in vs) for k, vs in data.lists())


class ControlCharacterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_control_character(request):
            message = _("请求含有不允许的控制字符（如 NUL），请删除后重试。")
            if request.path.startswith(("/api/", "/evidence/tus/")):
                return JsonResponse({"code": "bad_parameter", "message": message}, status=400)
            return error_page(request, 400, message)
        return self.get_response(request)

    @staticmethod
    def _carries_control_character(request: HttpRequest) -> bool:
        if _any_control(request.GET):
            return True
        content_type = request.content_type or ""
        if request.method in ("POST", "PUT", "PATCH"):
            if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                return _any_control(request.POST)
            if content_type == "application/json":
                length = request.headers.get("Content-Length", "")
                if length.isascii() and length.isdigit() and int(length) <= JSON_BODY_LIMIT:
                    return _JSON_CONTROL.search(request.body) is not None
        return False


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        return error_page(request, exception.http_status, exception.message)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400, _("请求的参数或格式不正确，请检查后重试。"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("您无权访问此页面。")
    return error_page(request, 403, message)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404, _("页面不存在，或您无权查看。"))


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500, _("服务器处理请求时出错，已记录，请稍后重试。"))
