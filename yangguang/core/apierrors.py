"""API errors are always ``{code, message}`` (plus optional ``details``), in Chinese, never a 500.

- :func:`install` registers the NinjaAPI exception handlers: the project's ``DomainError``, and
  django-ninja's own request validation (422), authentication (401), CSRF and other ``HttpError``,
  ``Http404``/``PermissionDenied`` from views, and any other exception (500, logged) — which
  django-ninja would otherwise answer as ``{"detail": …}`` or a Django HTML page.
- :func:`document_errors` adds the ``ApiError`` schema and the error responses (400, 401, 403, 404,
  409, 422) to every operation of the OpenAPI document, so that every response matches it.
- :class:`ApiErrorMiddleware` turns what never reaches a NinjaAPI handler — the plain-text 405 of an
  unsupported method, Django's 404 for an unknown ``/api/`` path — into the same JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from yangguang.core.errors import DomainError

logger = logging.getLogger("yangguang.api")

ERROR_SCHEMA = {
    "title": "ApiError",
    "type": "object",
    "description": "错误：code 供程序判断，message 为中文说明",
    "properties": {
        "code": {"type": "string", "title": "Code"},
        "message": {"type": "string", "title": "Message"},
        "details": {"type": "object", "title": "Details", "additionalProperties": True},
    },
    "required": ["code", "message"],
}
ERROR_RESPONSES = {
    400: "请求有误（参数格式、取值范围或业务规则）",
    401: "需要登录",
    403: "无权执行（权限规则、CSRF 校验）",
    404: "对象不存在或无权查看",
    405: "不支持该请求方法",
    409: "状态冲突",
    422: "请求参数不符合接口定义",
}
STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid_request",
    429: "too_many_requests",
    500: "server_error",
}
STATUS_MESSAGES = {
    400: "请求有误",
    401: "需要登录",
    403: "无权执行此操作",
    404: "对象不存在或无权查看",
    405: "不支持该请求方法",
    409: "状态冲突",
    413: "请求内容过大",
    422: "请求参数不符合接口定义",
    429: "请求过于频繁，请稍后再试",
    500: "服务器处理请求时出错，已记录，请稍后重试",
}
# Pydantic's error types, as a Chinese phrase for the message.
PROBLEMS = {
    "missing": "为必填项",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "date_parsing": "应为有效日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为有效日期（YYYY-MM-DD）",
    "datetime_parsing": "应为有效时间（ISO 8601）",
    "datetime_from_date_parsing": "应为有效时间（ISO 8601）",
    "greater_than": "超出允许范围",
    "greater_than_equal": "超出允许范围",
    "less_than": "超出允许范围",
    "less_than_equal": "超出允许范围",
    "string_too_long": "过长",
    "string_too_short": "过短",
    "too_long": "项数过多",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_attributes_type": "应为对象",
    "literal_error": "取值无效",
    "enum": "取值无效",
    "json_invalid": "不是有效的 JSON",
    "string_pattern_mismatch": "格式不正确",
    "value_error": "取值无效",
}


def _error(request: HttpRequest, status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def validation_message(errors: list[dict[str, Any]]) -> str:
    """The first problem of a request validation, in Chinese, naming the parameter."""
    if not errors:
        return _(STATUS_MESSAGES[422])
    first = errors[0]
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form", "header", "payload")]
    name = ".".join(loc) or "请求"
    problem = PROBLEMS.get(str(first.get("type", "")), "格式不正确")
    return _("参数“%(name)s”%(problem)s") % {"name": name, "problem": _(problem)}


def _plain(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors without the input and context (they may hold anything the client sent)."""
    return [{"loc": [str(p) for p in e.get("loc", ())], "type": str(e.get("type", ""))} for e in errors]


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (after which no response is ``{"detail": …}``)."""

    def domain_error(request: HttpRequest, exc: Any) -> HttpResponse:
        # as_dict: {code, message} and whatever the error adds (details, an import's row errors).
        return JsonResponse(exc.as_dict(), status=exc.http_status, json_dumps_params={"ensure_ascii": False})

    def validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return _error(request, 422, "invalid_request", validation_message(exc.errors), {"errors": _plain(exc.errors)})

    def authentication_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return _error(request, 401, "not_authenticated", _("需要登录"))

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        status = exc.status_code
        if status == 403 and "CSRF" in str(exc):
            return _error(
                request, 403, "csrf_failed", _("CSRF 校验失败：请携带 csrftoken Cookie 和 X-CSRFToken 请求头")
            )
        message = str(exc) if not str(exc).isascii() else _(STATUS_MESSAGES.get(status, "请求有误"))
        return _error(request, status, STATUS_CODES.get(status, "error"), message)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return _error(request, 404, "not_found", _(STATUS_MESSAGES[404]))

    def permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return _error(request, 403, "forbidden", str(exc) or _(STATUS_MESSAGES[403]))

    def out_of_range(request: HttpRequest, exc: Any) -> HttpResponse:
        # A number past the database column (a safety net behind the typed parameters).
        if isinstance(exc, DataError) and "range" not in str(exc).lower():
            return server_error(request, exc)
        return _error(request, 400, "bad_parameter", _("参数数值超出允许范围"))

    def server_error(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.error("API error on %s %s", request.method, request.path, exc_info=exc)
        return _error(request, 500, "server_error", _(STATUS_MESSAGES[500]))

    api.add_exception_handler(Exception, server_error)
    api.add_exception_handler(OverflowError, out_of_range)
    api.add_exception_handler(DataError, out_of_range)
    api.add_exception_handler(PermissionDenied, permission_denied)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, authentication_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(DomainError, domain_error)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the ApiError schema and the error responses to every operation of ``schema``."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ApiError"] = ERROR_SCHEMA
    ref = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                if status == 401 and not operation.get("security"):
                    continue
                if status not in responses and str(status) not in responses:
                    responses[status] = {"description": description, "content": ref}
    return schema


class ApiErrorMiddleware:
    """``/api/`` responses that bypass the NinjaAPI handlers become ``{code, message}`` JSON."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            status = response.status_code
            replacement = _error(
                request, status, STATUS_CODES.get(status, "error"), _(STATUS_MESSAGES.get(status, "请求有误"))
            )
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response


def is_api_error_body(content: bytes) -> bool:
    """True when ``content`` is a JSON ``{code, message}`` object (tests)."""
    try:
        body = json.loads(content)
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("code"), str) and isinstance(body.get("message"), str)
