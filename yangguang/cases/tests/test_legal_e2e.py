"""Issue 16, tried as a new user would, over the real API on a live server (session login, CSRF):
an unpaid fine runs through 催告 → ten working days → application to the court, each step refused
before its time with the article named."""

from __future__ import annotations

import datetime as dt
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from conftest import PASSWORD

from .conftest import SERVE

D = dt.date
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Api:
    """A signed-in HTTP client of the cases API."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        login = f"{base}/accounts/login/"
        page = self.opener.open(login, timeout=15).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token
        form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]})
        self.opener.open(urllib.request.Request(login, data=form.encode(), headers={"Referer": login}), timeout=15)
        self.csrf = str(next(c.value for c in self.jar if c.name == "csrftoken"))

    def step(self, case_id: int, action: str, on: dt.date, **data: Any) -> tuple[int, dict[str, Any]]:
        body = json.dumps({"action": action, "occurred_on": on.isoformat(), "data": data}).encode()
        request = urllib.request.Request(
            f"{self.base}/api/cases/{case_id}/transitions",
            data=body,
            headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf, "Referer": self.base},
        )
        try:
            with self.opener.open(request, timeout=30) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())


def test_an_unpaid_fine_demand_ten_days_then_the_court(
    live_server: Any, notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    step(
        case, "decide", agency_head, D(2026, 3, 13), decision_type="penalty", penalty_types=["fine"], fine="5000",
        reasons="x",
    )  # fmt: skip
    step(case, "serve", officer, D(2026, 3, 16), method="direct", recipient="王五", **SERVE)
    api = Api(live_server.url, officer.username)
    court = {"court": "杭州市西湖区人民法院"}

    status, body = api.step(case.pk, "demand_payment", D(2026, 3, 31))
    assert (status, body["code"]) == (400, "demand_not_overdue")
    assert body["message"].endswith("（《行政处罚法》第七十二条，《行政强制法》第五十四条）")
    status, body = api.step(case.pk, "apply_compulsory_execution", D(2026, 4, 1), **court)
    assert (status, body["code"]) == (400, "demand_not_served")
    assert body["message"].endswith("催告书尚未送达，不得申请（《行政强制法》第五十四条）")

    status, body = api.step(case.pk, "demand_payment", D(2026, 4, 1))
    assert status == 201
    assert [d["doc_type"] for d in body["step"]["documents"]] == ["surcharge_demand"]
    status, body = api.step(case.pk, "serve_demand", D(2026, 4, 2), method="direct", recipient="王五")
    assert status == 201

    status, body = api.step(case.pk, "apply_compulsory_execution", D(2026, 4, 17), **court)
    assert (status, body["code"]) == (400, "demand_period")
    assert "十个工作日的履行期限至2026年4月17日" in body["message"]
    assert body["message"].endswith("（《行政强制法》第五十四条、第六十九条）")
    status, body = api.step(case.pk, "apply_compulsory_execution", D(2026, 4, 20), **court)
    assert (status, body["code"]) == (400, "remedy_periods")
    assert "提起行政诉讼的期限至2026年9月16日，届满前不得申请（《行政强制法》第五十三条）" in body["message"]

    status, body = api.step(case.pk, "apply_compulsory_execution", D(2026, 9, 17), **court)
    assert status == 201
    assert [d["doc_type"] for d in body["step"]["documents"]] == ["enforcement_application"]


def test_a_new_fact_after_the_notice_leads_to_a_new_notice_and_statement_period(
    live_server: Any, notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()  # notified 12 March 2026: fine 5000
    step(case, "record_statement", officer, D(2026, 3, 13), content="请求从轻")
    handler, head = Api(live_server.url, officer.username), Api(live_server.url, agency_head.username)
    heavier = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "8000", "reasons": "新发现的违法事实"}

    status, body = head.step(case.pk, "decide", D(2026, 3, 16), **heavier)
    assert (status, body["code"]) == (400, "heavier_penalty")
    assert (
        "（《行政处罚法》第四十五条）；发现新的违法事实、需要给予更重处罚的，应当先“重新告知”当事人" in body["message"]
    )

    status, body = handler.step(
        case.pk, "renotify", D(2026, 3, 16), new_facts="另查明销售记录三份。", penalty_types=["fine"], fine="8000"
    )
    assert status == 201
    assert [d["doc_type"] for d in body["step"]["documents"]] == ["penalty_notice"]
    status, body = head.step(case.pk, "decide", D(2026, 3, 20), **heavier)
    assert (status, body["code"]) == (400, "statement_period")
    assert "（至2026年3月23日）" in body["message"] and body["message"].endswith(
        "（《行政处罚法》第四十四条、第四十五条）"
    )
    status, body = head.step(case.pk, "decide", D(2026, 3, 24), **heavier)
    assert status == 201 and body["case"]["state"] == "decided"
