"""Every page, for every role of a small demo world, then a bounded fuzz of the query parameters
the pages read (issue 11).

1. Each page (URL patterns outside the API and the admin, path parameters filled from the demo
   world) is requested as each persona and anonymously: no 500; every response carries the
   Content-Security-Policy and the other security headers; no rendered page has an inline
   ``<script>``, an ``on…=`` handler or inline styles.
   An integer path parameter past the database's range is a 4xx (404), never a 500.
2. The query parameters each page read during the walk (recorded from ``request.GET``) are given
   malformed values one at a time — Unicode digits (``²``, ``٣``, full-width), integers past the
   database's range, impossible dates, control characters, very long text: no 500; a refused value
   is a 400 page in Chinese.

Deterministic (fixed values, fixed demo seed) and bounded: about two thousand requests in total."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from yangguang.core.tests.pagewalk import CSP_BREAKERS, pages, params_read, seed_world

BAD_VALUES = [
    "²",
    "٣",
    "１２",
    "99999999999999999999",
    "9223372036854775808",
    "-1",
    "0",
    "2026-02-30",
    "9999-99-99",
    "\x00",
    "'\"<script>",
    "甲" * 500,
]


def _assert_headers(response: Any, where: str) -> None:
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp, where
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert "style-src 'self';" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where
    assert "camera=()" in response["Permissions-Policy"], where


def _assert_no_inline_script_or_style(html: str, where: str) -> None:
    for name, pattern in CSP_BREAKERS:
        m = pattern.search(html)
        assert m is None, f"{where}: {name}: {m.group(0)[:120] if m else ''}"


def _persona_names() -> list[str]:
    from yangguang.demo.generator import PERSONAS

    return [p.username for p in PERSONAS]


@pytest.mark.django_db
def test_every_page_for_every_role_then_fuzzed_query_parameters(settings: Any) -> None:
    from yangguang.roster.models import User

    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "yangguang.core.tests.pagewalk.RecordQueryParamsMiddleware"]
    seed_world()
    walked = pages()
    assert len(walked) > 60
    users = [None, *User.objects.filter(username__in=_persona_names()).order_by("username")]
    assert len(users) >= 6

    # 1. Every page for every role.
    rendered = 0
    targets: dict[tuple[str, str], Client] = {}
    for user in users:
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        who = user.username if user else "anonymous"
        for page in walked:
            read, response = params_read(client, page.url)
            assert response.status_code < 500, f"{who} {page.url} → {response.status_code}"
            _assert_headers(response, f"{who} {page.url}")
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                _assert_no_inline_script_or_style(response.content.decode(), f"{who} {page.url}")
                rendered += 1
            for param in read:
                targets.setdefault((page.url, param), client)
            if page.huge_id_url and user is not None and user.username == "officer":
                # An id past the database's range is refused (404, or 403/405 before the lookup),
                # never an overflow.
                huge = client.get(page.huge_id_url)
                assert 400 <= huge.status_code < 500, f"{page.huge_id_url} → {huge.status_code}"
    assert rendered > 150

    # 2. Each parameter a page read, with each malformed value.
    assert len(targets) > 60
    failures = []
    for (url, param), client in sorted(targets.items(), key=lambda kv: kv[0]):
        for value in BAD_VALUES:
            response = client.get(f"{url}?{param}={quote(value)}")
            if response.status_code >= 500:
                failures.append(f"{url}?{param}={value[:12]!r} → {response.status_code}")
            elif response.status_code == 400 and response["Content-Type"].startswith("text/html"):
                assert 'class="error-box" role="alert"' in response.content.decode(), url
    assert failures == [], "\n".join(failures)
