"""Reading uploaded roster files: XLSX (openpyxl, read-only, first sheet) and CSV (UTF-8 with or
without BOM, else GB18030, which covers the GBK that Excel writes on Chinese Windows).

Rows are yielded with their number as the spreadsheet shows it (the header is row 1)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl import load_workbook


class FileUnreadable(Exception):
    """The file as a whole cannot be read; ``message`` is Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls / .et binary formats


def detect_format(filename: str, data: bytes) -> str:
    """'xlsx' or 'csv', judged by content first (users rename files), then by extension."""
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        raise FileUnreadable("不支持旧版Excel（.xls）格式，请在Excel中另存为.xlsx或CSV后再导入")
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        raise FileUnreadable("文件扩展名为.xlsx，但内容不是有效的XLSX文件")
    return "csv"


def decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise FileUnreadable("无法识别CSV文件的编码，请保存为UTF-8或GBK（GB18030）编码") from exc


def iter_rows(filename: str, data: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cell values) for every row of the first sheet, header included."""
    if not data:
        raise FileUnreadable("文件为空")
    if detect_format(filename, data) == "xlsx":
        yield from _iter_xlsx(data)
    else:
        yield from _iter_csv(data)


def _iter_xlsx(data: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileUnreadable("无法读取XLSX文件，文件可能已损坏") from exc
    try:
        if not wb.worksheets:
            raise FileUnreadable("XLSX文件中没有工作表")
        ws = wb.worksheets[0]
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, tuple(row)
    finally:
        wb.close()


def _iter_csv(data: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
    content = decode_csv(data)
    first_line = content.split("\n", 1)[0]
    # "Unicode text" exports from Excel are tab-separated.
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            yield number, tuple(row)
    except csv.Error as exc:
        raise FileUnreadable(f"CSV格式错误（第{reader.line_num}行）：{exc}") from exc
