"""schemathesis against the app's own OpenAPI document (issue 11; part of `make test`, on SQLite
and on PostgreSQL; alone: `make fuzz`).

A bounded, deterministic run — hypothesis ``derandomize`` (a fixed seed), 10 examples per operation
— anonymously and as an officer, a supervisor and an agency head of a small demo world (sessions
made directly, with a CSRF cookie and header). Every check but one must pass: no server error, the
status code declared, the body valid against the declared schema, the content type declared. The
check left out, "schema-valid data must be accepted", does not hold by design: domain rules refuse
well-formed requests with 400 ``{code, message}`` (e.g. a date outside the working-day calendar)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from yangguang.core.tests.pagewalk import seed_world

EXAMPLES = 10
ROLES = [None, "officer", "supervisor", "agencyhead"]


def _session(username: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Cookies (a session for ``username``, a CSRF token) and the matching CSRF header."""
    from django.conf import settings as dj
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from yangguang.roster.models import User

    csrf = secrets.token_hex(16)
    cookies = {dj.CSRF_COOKIE_NAME: csrf}
    if username:
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        cookies[dj.SESSION_COOKIE_NAME] = str(store.session_key)
    return cookies, {"X-CSRFToken": csrf}


def _fuzz(operation: Any, cookies: dict[str, str], headers: dict[str, str], statuses: dict[int, int]) -> None:
    """Run ``operation`` with EXAMPLES generated requests; raises on the first failing check."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        # The role's session, not a generated value for the API's cookie security scheme.
        case.cookies = dict(cookies)
        response = case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    run()


@pytest.fixture
def _keep_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI handler must not close the test's database
    connection at the end of each request (it holds the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_has_no_server_error_and_matches_its_schema(_keep_connection: None) -> None:
    seed_world()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    failures: list[str] = []
    statuses: dict[int, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        for role in ROLES:
            cookies, headers = _session(role)
            try:
                _fuzz(operation, cookies, headers, statuses)
            except (Exception, BaseExceptionGroup) as exc:  # every operation's first failure, one report
                failures.append(f"{role or 'anonymous'} {operation.label}: {str(exc)[:2000]}")
    assert failures == [], "\n".join(failures)
    # The run did reach the API: many calls, many of them answered with data.
    print("schemathesis responses by status:", dict(sorted(statuses.items())))
    assert sum(statuses.values()) > 1000 and statuses.get(200, 0) > 200
