"""Security headers and the Content-Security-Policy (issue 11): every template is scanned for
inline ``<script>``, ``on…=`` handlers, ``style`` attributes and elements, ``|safe`` and
``autoescape off`` (data reaches scripts through ``json_script``); ``mark_safe`` lives in one
module. The rendered pages are checked by ``test_page_walk``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from yangguang.core.markup import generated_svg
from yangguang.core.tests.pagewalk import CSP_BREAKERS

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "yangguang"

UNSAFE_TEMPLATE = re.compile(r"\|\s*safe\b|\|\s*safeseq\b|{%\s*autoescape\s+off", re.I)


def _templates() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("templates/**/*") if p.is_file() and p.suffix in {".html", ".txt", ".xml"})


def _strip_comments(text: str) -> str:
    return re.sub(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", "", text, flags=re.S)


def test_no_template_has_inline_script_handlers_styles_or_unescaped_output() -> None:
    offenders = []
    for path in _templates():
        text = _strip_comments(path.read_text(encoding="utf-8"))
        for name, pattern in (*CSP_BREAKERS, ("|safe / autoescape off", UNSAFE_TEMPLATE)):
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


@pytest.mark.django_db
def test_hsts_only_on_https(client: Client, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" not in client.get("/accounts/login/")
    assert client.get("/accounts/login/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
