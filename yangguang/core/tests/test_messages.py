"""The message catalog (issue 12): every domain error's literal message is in the committed
Simplified Chinese catalog and its compiled ``.mo``, domain errors pass through gettext, and the
catalog compiles without gettext's tools."""

from __future__ import annotations

import gettext as stdlib_gettext
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from yangguang.core import errors, messages

PACKAGE = Path(settings.BASE_DIR) / "yangguang"
PO = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_the_catalog_holds_every_domain_message_compiled() -> None:
    catalog = messages.read_po(PO)
    found = messages.domain_messages(PACKAGE)
    assert len(found) > 200
    assert messages.missing_from(catalog, found) == [], "run: python manage.py messages"
    # zh_Hans is the source language: every entry is its own text, no guess of msgmerge left
    assert [k for k, v in catalog.items() if k and v != k] == []
    assert "fuzzy" not in PO.read_text(encoding="utf-8")
    compiled = stdlib_gettext.GNUTranslations(io.BytesIO(PO.with_suffix(".mo").read_bytes()))
    assert {k for k in compiled._catalog if isinstance(k, str) and k} >= set(found)  # type: ignore[attr-defined]


def test_domain_errors_pass_through_gettext(monkeypatch: Any) -> None:
    monkeypatch.setattr(errors, "gettext", lambda text: {"请填写事由": "Please give the reason"}.get(text, text))
    assert errors.DomainError("请填写事由").message == "Please give the reason"
    assert errors.NotFoundError().message == "对象不存在"  # no translation: the text as written


def test_the_collector_reads_literals_and_constants_not_fstrings() -> None:
    source = """
MSG_A = "常量消息"
MSG = {"x": "表中消息"}
OTHER = "不是消息"
def f(a):
    raise DomainError("字面消息", code="c")
    raise _invalid(f"格式化消息{a}")
    raise errors.PermissionDeniedError("属性调用消息")
"""
    assert sorted(t for t, _ in messages.messages_in(source)) == ["字面消息", "属性调用消息", "常量消息", "表中消息"]


@pytest.mark.parametrize(
    "entries", [{"": "Content-Type: text/plain; charset=UTF-8\n", "甲": "甲", "乙“引号”": "乙“引号”"}]
)
def test_the_python_compiler_writes_a_mo_gettext_reads(entries: dict[str, str]) -> None:
    data = messages.mo_bytes(entries)
    read = stdlib_gettext.GNUTranslations(io.BytesIO(data))
    assert read.gettext("甲") == "甲" and read.gettext("乙“引号”") == "乙“引号”"
