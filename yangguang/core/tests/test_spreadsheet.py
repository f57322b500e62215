"""core.spreadsheet: formula-like cells are neutralized in CSV and XLSX exports (OWASP)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from yangguang.core.spreadsheet import csv_row, is_formula_like, neutralize_row, xlsx_value

ATTACKS = ["=1+1", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x","点我")']


@pytest.mark.parametrize("value", ATTACKS)
def test_formula_like(value: str) -> None:
    assert is_formula_like(value)
    assert csv_row([value, 1]) == ["'" + value, 1]


@pytest.mark.parametrize("value", ["-12", "+3.5", "-0.5e3", "杭州市", "a=b", "", "2026-01-01"])
def test_plain_values_untouched(value: str) -> None:
    assert not is_formula_like(value)
    assert csv_row([value]) == [value]


def test_xlsx_cells_stay_text_with_the_original_value() -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("s")
    ws.append([xlsx_value(ws, v) for v in [*ATTACKS, "-12", 5, "控制\x01字符"]])
    normal = Workbook()
    sheet = normal.active
    assert sheet is not None
    sheet.append(ATTACKS)
    neutralize_row(sheet[sheet.max_row])
    saved = []
    for book in (wb, normal):  # a write-only workbook saves once
        buf = io.BytesIO()
        book.save(buf)
        saved.append(next(load_workbook(buf).worksheets[-1].iter_rows()))
    for row in saved:
        for cell, original in zip(row, ATTACKS, strict=False):
            assert (cell.value, cell.data_type, cell.quotePrefix) == (original, "s", True)
    assert [c.value for c in saved[0][len(ATTACKS) :]] == ["-12", 5, "控制字符"]
