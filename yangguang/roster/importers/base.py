"""Building blocks of roster import: columns, parsed rows, errors and results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from yangguang.core.errors import DomainError
from yangguang.roster.importers.cells import Parser

# Errors kept (and reported) per file; the total is always counted.
MAX_ERRORS = 1000


@dataclass(frozen=True)
class Column:
    """One column of an import/export sheet.

    ``key`` names the value in a parsed row; ``required`` columns must be present and non-empty;
    ``info`` columns are exported for readers (e.g. the agency's name beside its USCC) and
    ignored on import; ``default`` applies on create when the cell is empty."""

    header: str
    key: str
    parser: Parser
    required: bool = False
    info: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    default: Any = None


def normalize_header(value: Any) -> str:
    text = "" if value is None else str(value)
    text = re.sub(r"\s+", "", text).replace("*", "").replace("＊", "")
    return text.replace("(", "（").replace(")", "）")


# Columns agencies add to their sheets that carry no data for us.
IGNORED_HEADERS = {"序号", "备注", "编号"}


@dataclass(frozen=True)
class RowError:
    """One problem found in the file; ``row`` 0 means the file as a whole."""

    row: int
    field: str
    message: str

    def text(self) -> str:
        if self.row and self.field:
            return f"第{self.row}行“{self.field}”：{self.message}"
        if self.row:
            return f"第{self.row}行：{self.message}"
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row or None, "field": self.field, "message": self.text()}


class ImportInvalid(DomainError):
    """The file was rejected; nothing was written. ``errors`` holds up to MAX_ERRORS problems,
    ``error_count`` the total."""

    def __init__(self, errors: list[RowError], error_count: int | None = None) -> None:
        self.errors = errors
        self.error_count = error_count if error_count is not None else len(errors)
        super().__init__(
            f"文件未导入：发现{self.error_count}处错误，请改正后重新上传（本次未写入任何数据）",
            code="import_invalid",
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "error_count": self.error_count,
            "errors": [e.as_dict() for e in self.errors],
        }


class ErrorList:
    """Collects errors, keeping the first MAX_ERRORS and counting all."""

    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.count = 0
        self.rows: set[int] = set()

    def add(self, row: int, field: str, message: str) -> None:
        self.count += 1
        self.rows.add(row)
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(row, field, message))

    def __bool__(self) -> bool:
        return self.count > 0

    def raise_if_any(self, columns: list[str] | None = None) -> None:
        """Raise with the errors in sheet order: by row, then by column position."""
        if self.count:
            position = {header: i for i, header in enumerate(columns or [])}
            self.items.sort(key=lambda e: (e.row, position.get(e.field, len(position))))
            raise ImportInvalid(self.items, self.count)


@dataclass
class Row:
    """One data row: its spreadsheet number and its parsed values (only the columns present)."""

    number: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)  # keys whose cell failed to parse

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None or key in self.bad else value

    def has(self, key: str) -> bool:
        return key in self.values and key not in self.bad


@dataclass
class ImportResult:
    """What an import did."""

    kind: str
    filename: str
    sha256: str
    rows: int
    created: int
    updated: int
    unchanged: int
    created_keys: list[str] = field(default_factory=list)
    updated_keys: list[str] = field(default_factory=list)
    seconds: float = 0.0
    proposed: int = 0  # rows that became change proposals for another agency's entries

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "filename": self.filename,
            "sha256": self.sha256,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "proposed": self.proposed,
        }
