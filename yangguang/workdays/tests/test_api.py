"""The working-day API, through the test client and over real HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, **params: Any) -> tuple[int, Any]:
    response = client.get(f"/api/workdays/{path}", params)
    return response.status_code, response.json()


def test_add_working_days(public: Client) -> None:
    assert get(public, "add", start="2026-09-28", n=7) == (
        200,
        {"due": "2026-10-13", "provisional": False, "provisional_years": []},
    )


def test_add_calendar_days(public: Client) -> None:
    assert get(public, "add", start="2026-09-16", n=15, unit="calendar")[1]["due"] == "2026-10-08"
    assert get(public, "add", start="2026-09-16", n=15, unit="calendar", roll_forward="false")[1]["due"] == "2026-10-01"


def test_between(public: Client) -> None:
    assert get(public, "between", start="2026-09-28", end="2026-10-13") == (
        200,
        {"working_days": 7, "provisional": False},
    )
    assert get(public, "between", start="2026-12-28", end="2027-01-08") == (
        200,
        {"working_days": 8, "provisional": True},
    )


def test_years(public: Client) -> None:
    status, body = get(public, "years")
    assert status == 200
    assert [y["year"] for y in body] == list(range(2020, 2027))
    assert body[-1] == {
        "year": 2026,
        "status": "confirmed",
        "source": "国办发明电〔2025〕7号",
        "note": "",
        "holidays": 33,
        "makeup_days": 6,
        "working_days": 248,
    }


def test_bad_input(public: Client) -> None:
    assert get(public, "add", start="2026-02-30", n=7)[0] == 422
    assert get(public, "add", start="2026-02-01", n=7, unit="weeks")[0] == 422
    assert get(public, "add", start="9999-12-31", n=1) == (
        400,
        {"code": "workdays_out_of_range", "message": "日期超出工作日历的范围（1900年至2200年）"},
    )
    assert get(public, "add", start="2026-02-01", n=99999) == (
        400,
        {"code": "workdays_too_long", "message": "工作日天数不能超过3660天"},
    )


@pytest.mark.e2e
def test_a_deadline_into_an_unannounced_year_over_http(live_server: Any) -> None:
    url = f"{live_server.url}/api/workdays/add?start=2026-12-25&n=7&unit=working"
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        body = json.loads(response.read())
    assert body == {"due": "2027-01-06", "provisional": True, "provisional_years": [2027]}
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(f"{live_server.url}/api/workdays/add?start=2026-12-25&n=99999", timeout=10)
    assert exc.value.code == 400
    assert json.loads(exc.value.read())["code"] == "workdays_too_long"


@pytest.mark.django_db(transaction=True)
def test_the_shipped_schedules_come_back_after_a_flush() -> None:
    """Transactional tests flush the database; the post_migrate hook reinstalls the calendar."""
    from django.core.management import call_command

    from yangguang.workdays.models import CalendarYear

    call_command("flush", interactive=False, verbosity=0)
    assert sorted(CalendarYear.objects.values_list("year", flat=True)) == list(range(2020, 2027))
