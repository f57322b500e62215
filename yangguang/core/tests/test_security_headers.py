"""Security headers and the Content-Security-Policy (issue 11).

Every template is scanned, and every page is rendered for every role of a small demo world: no
inline ``<script>``, no ``on…=`` handler, no ``style`` attribute or element, no ``|safe`` or
``autoescape off`` (data reaches scripts through ``json_script``); every response carries the
CSP and the other headers, and no page answers 500."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from yangguang.core.markup import generated_svg
from yangguang.core.tests.pagewalk import pages, seed_world

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "yangguang"

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
UNSAFE_TEMPLATE = re.compile(r"\|\s*safe\b|\|\s*safeseq\b|{%\s*autoescape\s+off", re.I)


def _templates() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("templates/**/*") if p.is_file() and p.suffix in {".html", ".txt", ".xml"})


def _strip_comments(text: str) -> str:
    return re.sub(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.S)


def test_no_template_has_inline_script_handlers_styles_or_unescaped_output() -> None:
    offenders = []
    for path in _templates():
        text = _strip_comments(path.read_text(encoding="utf-8"))
        for name, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("on…= handler", HANDLER),
            ("style attribute", STYLE_ATTR),
            ("<style> element", STYLE_ELEMENT),
            ("|safe / autoescape off", UNSAFE_TEMPLATE),
        ):
            for m in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {name}: {m.group(0)[:80]}")
    assert offenders == []


def test_mark_safe_only_in_the_markup_module() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in PACKAGE.rglob("*.py")
        if "tests" not in p.parts
        and p.name != "markup.py"
        and re.search(r"\bmark_safe\(|\bSafeString\(|\bSafeText\(", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_generated_svg_refuses_markup_that_could_run() -> None:
    assert str(generated_svg('<svg viewBox="0 0 1 1"><title>a &lt;b&gt;</title></svg>')).startswith("<svg")
    for bad in (
        "<b>x</b>",
        "<svg><script>alert(1)</script></svg>",
        '<svg><rect onload="alert(1)"/></svg>',
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        '<svg><a href="javascript:alert(1)">x</a></svg>',
    ):
        with pytest.raises(ValueError):
            generated_svg(bad)


def _assert_headers(response: Any, url: str) -> None:
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp, url
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
    assert "style-src 'self';" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert "camera=()" in response["Permissions-Policy"], url


def _assert_clean_html(html: str, url: str) -> None:
    for name, pattern in (
        ("inline <script>", INLINE_SCRIPT),
        ("on…= handler", HANDLER),
        ("style attribute", STYLE_ATTR),
        ("<style> element", STYLE_ELEMENT),
    ):
        m = pattern.search(html)
        assert m is None, f"{url}: {name}: {m.group(0)[:120] if m else ''}"


@pytest.mark.django_db
def test_every_page_for_every_role_sends_the_headers_and_no_inline_script() -> None:
    from yangguang.roster.models import User

    seed_world()
    walked = pages()
    assert len(walked) > 60
    users = [None, *User.objects.filter(username__in=_persona_names()).order_by("username")]
    assert len(users) >= 6
    rendered = 0
    for user in users:
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for page in walked:
            response = client.get(page.url)
            who = user.username if user else "anonymous"
            assert response.status_code != 500, f"{who} {page.url}"
            _assert_headers(response, page.url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                _assert_clean_html(response.content.decode(), f"{who} {page.url}")
                rendered += 1
    assert rendered > 150


def _persona_names() -> list[str]:
    from yangguang.demo.generator import PERSONAS

    return [p.username for p in PERSONAS]


@pytest.mark.django_db
def test_hsts_only_on_https(client: Client, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" not in client.get("/healthz")
    assert client.get("/healthz", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
