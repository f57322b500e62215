"""The streaming XLSX reader agrees with openpyxl on what agencies' workbooks contain."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from yangguang.roster.importers.reading import FileUnreadable, _iter_xlsx, _iter_xlsx_openpyxl, iter_rows


def trimmed(rows: Any) -> list[tuple[int, tuple[Any, ...]]]:
    out = []
    for number, values in rows:
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if values:  # openpyxl yields empty rows for gaps, the fast reader skips them; both are ignored
            out.append((number, tuple(values)))
    return out


def workbook_bytes(*, write_only: bool = False, date1904: bool = False) -> bytes:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("人员") if write_only else wb.active
    assert ws is not None
    if date1904:
        wb.epoch = dt.datetime(1904, 1, 1)  # type: ignore[attr-defined]
    ws.append(["姓名", "执法证号", "证件有效期起", "法制审核人员", "抽查比例（%）", "执法区域"])
    ws.append(["张三", "ZJ001", dt.date(2024, 1, 31), True, 12.5, 330100])
    ws.append(["李四", 1234567, dt.datetime(2029, 2, 28), False, 5, "330102"])
    ws.append([])
    ws.append([None, None, None, None, None, None, "多出一列"])
    if not write_only:
        ws["A7"] = CellRichText(["王", TextBlock(InlineFont(b=True), "五")])
        ws["C7"] = '=TEXT(1,"0")'
        wb.create_sheet("第二个工作表")["A1"] = "忽略"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("kw", [{}, {"write_only": True}, {"date1904": True}])
def test_fast_reader_matches_openpyxl(kw: dict[str, Any]) -> None:
    data = workbook_bytes(**kw)
    fast = trimmed(_iter_xlsx(data))
    assert fast == trimmed(_iter_xlsx_openpyxl(data))
    assert fast[0] == (1, ("姓名", "执法证号", "证件有效期起", "法制审核人员", "抽查比例（%）", "执法区域"))
    assert fast[1] == (2, ("张三", "ZJ001", dt.datetime(2024, 1, 31), True, 12.5, 330100))
    assert fast[2][1][2] == dt.datetime(2029, 2, 28)


def test_rich_text_and_formula_text() -> None:
    rows = dict(trimmed(_iter_xlsx(workbook_bytes())))
    assert rows[7][0] == "王五"


def test_corrupt_xlsx() -> None:
    with pytest.raises(FileUnreadable) as exc:
        list(iter_rows("a.xlsx", b"PK\x03\x04garbage"))
    assert exc.value.message == "无法读取XLSX文件，文件可能已损坏"
