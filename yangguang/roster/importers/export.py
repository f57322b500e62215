"""Export of roster lists to XLSX with the import headers (so an export re-imports cleanly), and
blank import templates. Exports use openpyxl's write-only mode and a temporary file, so memory
stays flat however many rows there are."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from yangguang.core.spreadsheet import xlsx_value
from yangguang.roster.importers.kinds import Kind
from yangguang.roster.importers.service import get_kind
from yangguang.roster.models import User

HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FFF4CE")
DATE_FORMAT = "yyyy-mm-dd"


def export_filename(kind: str) -> str:
    spec = get_kind(kind)
    return f"{spec.label}-{dt.date.today():%Y%m%d}.xlsx"


def write_export(*, kind: str, user: User | None) -> IO[bytes]:
    """The list ``kind`` as ``user`` may see it (None: everything), as an XLSX in a temporary
    file positioned at its start."""
    spec = get_kind(kind)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(spec.label)
    ws.append([_header_cell(ws, spec, i) for i in range(len(spec.columns))])
    for values in spec.export_rows(user):
        ws.append([_cell(ws, v) for v in values])
    out = tempfile.TemporaryFile()
    wb.save(out)
    out.seek(0)
    return out


def _header_cell(ws: Any, spec: Kind, index: int) -> WriteOnlyCell:
    col = spec.columns[index]
    cell = WriteOnlyCell(ws, value=col.header)
    cell.font = HEADER_FONT
    if col.required:
        cell.fill = REQUIRED_FILL
    return cell


def _cell(ws: Any, value: Any) -> Any:
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return xlsx_value(ws, value)  # a name like "=HYPERLINK(…)" stays text


def template_workbook(kind: str) -> bytes:
    """A blank import template: the header row (required columns shaded, each with a note), and a
    second sheet explaining every column."""
    spec = get_kind(kind)
    wb = Workbook()
    ws: Worksheet = wb.active  # type: ignore[assignment]
    ws.title = spec.label
    for index, col in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=index, value=col.header)
        cell.font = HEADER_FONT
        if col.required:
            cell.fill = REQUIRED_FILL
        note = ("必填。" if col.required else "") + (col.help or "")
        if note:
            cell.comment = Comment(note, "阳光执法")
        ws.column_dimensions[cell.column_letter].width = max(12, len(col.header) * 2 + 2)
    guide = wb.create_sheet("填写说明")
    guide.append(["列名", "是否必填", "说明"])
    for c in guide[1]:
        c.font = HEADER_FONT
    for col in spec.columns:
        guide.append([col.header, "必填" if col.required else ("仅供阅读" if col.info else "选填"), col.help])
    guide.append([])
    guide.append(["说明", "", "只读取第一个工作表；第1行为列名；任何一行有错误时整个文件不导入，并列出全部错误。"])
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["C"].width = 70
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
