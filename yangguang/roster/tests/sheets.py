"""Helpers for import tests: build XLSX and CSV files in memory, read exported workbooks."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

OFFICER_HEADERS = [
    "姓名",
    "执法主体统一社会信用代码",
    "内设机构",
    "职务",
    "执法证号",
    "执法类别",
    "执法区域",
    "证件有效期起",
    "证件有效期至",
    "证件状态",
]


def xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_text(rows: Sequence[Sequence[Any]]) -> str:
    return "".join(",".join("" if v is None else str(v) for v in row) + "\r\n" for row in rows)


def read_xlsx(data: bytes) -> list[list[Any]]:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def officer_row(name: str, uscc: str, cert: str, **kw: Any) -> list[Any]:
    values = {
        "unit": "执法稽查处",
        "post": "科员",
        "categories": "行政处罚、行政检查",
        "region": "330100",
        "start": "2024-01-01",
        "end": "2029-12-31",
        "status": "有效",
        **kw,
    }
    return [
        name,
        uscc,
        values["unit"],
        values["post"],
        cert,
        values["categories"],
        values["region"],
        values["start"],
        values["end"],
        values["status"],
    ]
