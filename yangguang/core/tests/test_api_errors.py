"""API errors are always {code, message} (issue 11): django-ninja's validation, authentication,
404 and 405 answers go through the project's handlers, and the OpenAPI document declares them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from yangguang.core.apierrors import is_api_error_body

pytestmark = pytest.mark.django_db


def test_validation_error_is_code_and_chinese_message(client: Any) -> None:
    response = client.get("/api/workdays/add", {"start": "2026-02-30", "n": 7})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_request"
    assert body["message"] == "参数“start”应为有效日期（YYYY-MM-DD）"
    assert body["details"]["errors"][0]["loc"][-1] == "start"
    assert "detail" not in body


def test_authentication_404_405_and_unknown_paths(client: Any, officer: Any) -> None:
    assert client.get("/api/cases/").json() == {"code": "not_authenticated", "message": "需要登录"}
    client.force_login(officer)
    missing = client.get("/api/cases/999999")
    assert missing.status_code == 404 and is_api_error_body(missing.content)
    not_allowed = client.delete("/api/cases/deadlines")
    assert not_allowed.status_code == 405
    assert not_allowed.json() == {"code": "method_not_allowed", "message": "不支持该请求方法"}
    unknown = client.get("/api/no-such-thing")
    assert unknown.status_code == 404
    assert unknown.json() == {"code": "not_found", "message": "对象不存在或无权查看"}


def test_csrf_failure_is_json(officer: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    response = strict.post("/api/cases/", data="{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_openapi_declares_the_error_schema_on_every_operation(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["schemas"]["ApiError"]["required"] == ["code", "message"]
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) > 40
    for op in operations:
        for status in ("400", "403", "404", "422"):
            assert status in op["responses"], op["operationId"]


def test_openapi_document_has_no_duplicated_keys(client: Any) -> None:
    """Swagger UI refuses a document with a key twice ("duplicated mapping key"): an operation's
    ``openapi_extra`` response keyed "200" beside django-ninja's own 200 gave exactly that."""
    duplicated: list[tuple[str, ...]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        duplicated.extend(tuple(keys) for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=pairs)
    assert duplicated == []
