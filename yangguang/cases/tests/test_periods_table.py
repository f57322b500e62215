"""Every statutory period is read from the one table (``yangguang.workdays.periods``): changing the
hearing-notice period there changes the engine, the guard's message, the case page and the
generated docs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from yangguang.core.errors import DomainError
from yangguang.roster.tests.factories import OfficerFactory
from yangguang.workdays import periods
from yangguang.workdays.periods import PERIODS, chinese_number

D = dt.date
DOCS = Path(__file__).resolve().parents[3] / "docs" / "periods.md"


def test_chinese_numbers_as_the_statutes_write_them() -> None:
    assert [chinese_number(n) for n in (3, 7, 10, 15, 20, 30, 90, 105, 180)] == [
        "三",
        "七",
        "十",
        "十五",
        "二十",
        "三十",
        "九十",
        "一百零五",
        "一百八十",
    ]
    assert PERIODS["hearing_notice"].text == "七个工作日"
    assert PERIODS["payment"].text == "十五日"
    assert PERIODS["publication_light"].short == "3个月"


def test_docs_periods_md_is_the_table() -> None:
    out = StringIO()
    call_command("periods", "--markdown", stdout=out)
    assert out.getvalue() == periods.markdown()
    assert DOCS.read_text(encoding="utf-8") == periods.markdown(), (
        "run: python manage.py periods --markdown > docs/periods.md"
    )


def _hearing_case(notified_case: Any, step: Any, officer: Any) -> Any:
    case = notified_case(fine="200000")  # a large fine for an organization: hearing right
    step(case, "request_hearing", officer, D(2026, 3, 16))
    return case


def test_changing_the_hearing_notice_period_changes_engine_message_page_and_docs(
    notified_case: Any,
    step: Any,
    officer: Any,
    agency: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = _hearing_case(notified_case, step, officer)
    chair: Any = OfficerFactory(agency=agency, name="钱主持")
    c = Client()
    c.force_login(officer)
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "应当在举行听证的七个工作日前通知当事人" in page
    assert "| `hearing_notice` | 听证通知 | 7个工作日 |" in periods.markdown()

    # The table now says ten working days.
    monkeypatch.setitem(PERIODS, "hearing_notice", dataclasses.replace(PERIODS["hearing_notice"], length=10))

    # The engine: a notice on Monday 16 March for a hearing on 25 March (7 working days) is now too
    # early; ten working days end on Monday 30 March.
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "hearing_notice",
            officer,
            D(2026, 3, 16),
            hearing_time="2026-03-25T09:30",
            place="听证室",
            chair=chair.pk,
        )
    # The guard's message.
    assert (exc.value.code, exc.value.message) == (
        "hearing_notice_period",
        "行政机关应当在举行听证的十个工作日前通知当事人听证的时间、地点，听证日期最早为2026年3月30日"
        "（《行政处罚法》第六十四条、第八十五条）",
    )
    # The case page's form.
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "应当在举行听证的十个工作日前通知当事人" in page
    assert "七个工作日前" not in page
    # The generated docs.
    assert "| `hearing_notice` | 听证通知 | 10个工作日 |" in periods.markdown()
    out = StringIO()
    call_command("periods", stdout=out)
    assert "hearing_notice           10个工作日" in out.getvalue()

    step(
        case, "hearing_notice", officer, D(2026, 3, 16), hearing_time="2026-03-30T09:30", place="听证室", chair=chair.pk
    )
