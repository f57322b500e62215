"""Serving in production: probes, the real client address behind a proxy, JSON logs, the API
docs without internet, the cache and secrets from configuration, searches that never lock."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from yangguang.core.logging import JsonFormatter
from yangguang.core.middleware import client_ip
from yangguang.env import ImproperlyConfiguredEnv, cache_from_url, secret_from_file


@pytest.mark.django_db
def test_probes_answer_before_host_validation(client: Any) -> None:
    resp = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")  # a load balancer probing by IP
    assert resp.status_code == 200 and resp.json() == {"status": "ok"}
    resp = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")
    body = resp.json()
    assert resp.status_code == 200, body
    assert body["status"] == "ok" and set(body["checks"]) == {"database", "migrations", "storage"}
    assert resp["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_reports_a_failing_check(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from yangguang.core import filestore

    def unreachable() -> None:
        raise OSError("对象存储不可达")

    monkeypatch.setattr(filestore, "check", unreachable)
    resp = client.get("/readyz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["storage"] == {"ok": False, "error": "OSError: 对象存储不可达"}


def test_client_ip_walks_forwarded_for_through_trusted_proxies_only() -> None:
    import ipaddress

    trusted = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("127.0.0.1/32")]
    # A forged left-most entry does not win: the first untrusted hop from the right is the client.
    assert client_ip("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", trusted) == "203.0.113.9"
    assert client_ip("127.0.0.1", "203.0.113.9", trusted) == "203.0.113.9"
    # A direct client (not a proxy) cannot claim another address.
    assert client_ip("198.51.100.4", "203.0.113.9", trusted) == "198.51.100.4"
    assert client_ip("127.0.0.1", "", trusted) == "127.0.0.1"
    assert client_ip("127.0.0.1", "203.0.113.9", []) == "127.0.0.1"


@pytest.mark.django_db
def test_the_middleware_sets_remote_addr_from_the_trusted_proxy(client: Any, settings: Any) -> None:
    from django.http import HttpRequest, HttpResponse

    from yangguang.core.middleware import RealClientIPMiddleware

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.META["REMOTE_ADDR"])
        return HttpResponse()

    request = HttpRequest()
    request.META = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    RealClientIPMiddleware(view)(request)
    assert seen == ["203.0.113.9"]


def test_json_log_lines() -> None:
    record = logging.LogRecord("yangguang.jobs", logging.WARNING, __file__, 1, "推送失败 %s", ("k1",), None)
    record.kind = "publicity.push"
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "yangguang.jobs"
    assert line["msg"] == "推送失败 k1" and line["kind"] == "publicity.push"
    assert {"ts", "pid"} <= set(line)


@pytest.mark.django_db
def test_api_docs_work_offline(client: Any) -> None:
    resp = client.get("/api/docs")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_cache_and_secrets_from_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_from_url("db://")["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert cache_from_url("redis://cache.internal:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
    }
    with pytest.raises(ImproperlyConfiguredEnv):
        cache_from_url("memcached://x")
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t-from-a-mounted-file\n")
    monkeypatch.setenv("YG_SECRET_KEY_FILE", str(secret))
    assert secret_from_file("YG_SECRET_KEY_FILE") == "s3cr3t-from-a-mounted-file"
    monkeypatch.setenv("YG_SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfiguredEnv):
        secret_from_file("YG_SECRET_KEY_FILE")


@pytest.mark.django_db
def test_a_host_without_the_ledger_key_stops_signing(settings: Any, tmp_path: Path) -> None:
    from yangguang.ledger import crypto, services

    settings.LEDGER_KEY_DIR = tmp_path / "no-keys-here"
    services.append_entry(actor=None, subject="test:1", action="test.recorded", payload={})
    with pytest.raises(crypto.LedgerKeyError):
        services.make_checkpoint()
    assert not (tmp_path / "no-keys-here").exists()  # no key of its own was made


@pytest.mark.django_db
def test_public_search_opens_no_transaction_on_sqlite(client: Any) -> None:
    """On SQLite every transaction takes the write lock (IMMEDIATE): a search must open none."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL readers never block writers")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/public/decisions/", {"q": "罚款"}).status_code == 200
    opened = [q["sql"] for q in ctx.captured_queries if q["sql"].upper().startswith(("BEGIN", "SAVEPOINT"))]
    assert opened == []
