"""Spreadsheet exports without formula injection (CSV injection, OWASP).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, WPS and LibreOffice: an entity named ``=HYPERLINK("http://…","点击")`` or
``=cmd|' /C calc'!A0`` in the public CSV or a roster export would run on the reader's machine.

- CSV (:func:`csv_value`, :func:`csv_row`): such a cell gets a leading apostrophe, as OWASP
  recommends; the spreadsheet shows the text, the apostrophe marks it as text.
- XLSX (:func:`xlsx_value`, :func:`neutralize_row`): openpyxl would store such a string as a
  formula; it is written as a text cell with Excel's "quote prefix" instead, so the reader sees and
  re-imports exactly the original text. Characters XML cannot hold (other C0 controls) are dropped
  rather than failing the whole export.

Plain numbers (``-12``, ``+3.5``) are left alone: they are not formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_formula_like(value: object) -> bool:
    """True for a string a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def csv_value(value: Any) -> Any:
    """``value`` safe for a CSV cell (a leading apostrophe before a formula-like text)."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_value(v) for v in values]


def xlsx_value(ws: Any, value: Any) -> Any:
    """``value`` for ``ws.append`` in a write-only workbook: a formula-like text becomes a text cell
    with the quote prefix; other values pass unchanged (texts without XML-illegal characters)."""
    if not isinstance(value, str):
        return value
    value = _XML_ILLEGAL.sub("", value)
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def neutralize_row(row: Iterable[Any]) -> None:
    """After ``ws.append`` in a normal workbook: the row's formula-like texts become text cells."""
    for cell in row:
        if isinstance(cell.value, str):
            if _XML_ILLEGAL.search(cell.value):
                cell.value = _XML_ILLEGAL.sub("", cell.value)
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
