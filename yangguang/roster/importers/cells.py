"""Cell parsers for roster import: each turns one spreadsheet cell (a string from CSV, or a typed
value from XLSX) into a Python value, or raises ``CellError`` with a Chinese message.

The messages are shown after ``第N行“列名”：`` so they never repeat the row or the column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from yangguang.core.validators import validate_division_code, validate_uscc
from yangguang.roster.models import ActionKind


class CellError(Exception):
    """A cell could not be parsed; ``message`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Parser = Callable[[Any], Any]

# Separators agencies use inside one cell for lists (执法类别, 内设机构).
LIST_SEPARATORS = re.compile(r"[、,，;；/\n]+")
TRUE_WORDS = {"是", "Y", "YES", "TRUE", "1", "√", "✓", "有"}
FALSE_WORDS = {"否", "N", "NO", "FALSE", "0", "×", "无"}


def to_text(value: Any) -> str:
    """The cell as trimmed text; numbers typed into Excel (330100, 330100.0) come back as digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\u3000", " ").strip()


def text(max_length: int | None = None) -> Parser:
    def parse(value: Any) -> str:
        out = to_text(value)
        if max_length is not None and len(out) > max_length:
            raise CellError(f"长度不能超过{max_length}个字符（当前为{len(out)}个）")
        return out

    return parse


def code(max_length: int) -> Parser:
    """An identifier: no inner spaces, upper case (证件号, 事项编码)."""

    def parse(value: Any) -> str:
        out = re.sub(r"\s+", "", to_text(value)).upper()
        if len(out) > max_length:
            raise CellError(f"长度不能超过{max_length}个字符（当前为{len(out)}个）")
        return out

    return parse


def uscc(value: Any) -> str:
    out = re.sub(r"\s+", "", to_text(value)).upper()
    try:
        validate_uscc(out)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from exc
    return out


def division(value: Any) -> str:
    out = re.sub(r"\s+", "", to_text(value))
    try:
        validate_division_code(out)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from exc
    return out


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = to_text(value)
    # Excel may keep a time part ("2024-01-31 00:00:00") when a date column is saved as text.
    candidate = raw.split(" ")[0] if re.match(r"^\d{4}-\d{1,2}-\d{1,2} 00:00(:00)?$", raw) else raw
    for pattern in _DATE_PATTERNS:
        m = pattern.match(candidate)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
    raise CellError(f"日期“{raw}”无效，应为“YYYY-MM-DD”格式（如2024-01-31）")


def boolean(value: Any) -> bool | None:
    """是/否; an empty cell is None so that the caller's default applies."""
    if isinstance(value, bool):
        return value
    raw = to_text(value)
    if raw == "":
        return None
    if raw.upper() in TRUE_WORDS:
        return True
    if raw.upper() in FALSE_WORDS:
        return False
    raise CellError(f"应填“是”或“否”，实为“{raw}”")


def choice(choices: Iterable[tuple[str, Any]], aliases: dict[str, str] | None = None, what: str = "值") -> Parser:
    """One of a TextChoices by its Chinese label (or its code); empty is None (default applies)."""
    pairs = [(value, str(label)) for value, label in choices]
    lookup: dict[str, str] = {}
    for value, label in pairs:
        lookup[value.upper()] = value
        lookup[label] = value
    for alias, value in (aliases or {}).items():
        lookup[alias] = value
    allowed = "、".join(label for _, label in pairs)

    def parse(val: Any) -> str | None:
        raw = to_text(val)
        if raw == "":
            return None
        found = lookup.get(raw) or lookup.get(raw.upper())
        if found is None:
            raise CellError(f"“{raw}”不是有效的{what}，可选：{allowed}")
        return found

    return parse


def _kind_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for value, label in ActionKind.choices:
        lookup[value] = value
        lookup[str(label)] = value
        # Agencies often drop the 行政 prefix in lists ("许可、处罚、检查").
        lookup[str(label).removeprefix("行政")] = value
    lookup["行政强制措施"] = ActionKind.COERCION
    lookup["行政强制执行"] = ActionKind.COERCION
    return lookup


def action_kinds(value: Any) -> list[str]:
    """执法类别: Chinese labels separated by 、or , (行政处罚、行政检查)."""
    lookup = _kind_lookup()
    out: list[str] = []
    for part in LIST_SEPARATORS.split(to_text(value)):
        part = part.strip()
        if not part:
            continue
        kind = lookup.get(part) or lookup.get(part.lower())
        if kind is None:
            allowed = "、".join(str(label) for _, label in ActionKind.choices)
            raise CellError(f"“{part}”不是有效的执法类别，可选：{allowed}")
        if kind not in out:
            out.append(kind)
    return out


def action_kind(value: Any) -> str | None:
    kinds = action_kinds(value)
    if len(kinds) > 1:
        raise CellError("只能填写一个执法类别")
    return kinds[0] if kinds else None


def name_list(max_length: int) -> Parser:
    """A list of names in one cell (内设机构: 执法稽查处、法规处)."""

    def parse(value: Any) -> list[str]:
        out: list[str] = []
        for part in LIST_SEPARATORS.split(to_text(value)):
            part = part.strip()
            if not part:
                continue
            if len(part) > max_length:
                raise CellError(f"“{part}”长度不能超过{max_length}个字符")
            if part not in out:
                out.append(part)
        return out

    return parse


def percent(value: Any) -> Decimal | None:
    raw = to_text(value).rstrip("%％").strip()
    if raw == "":
        return None
    try:
        out = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(f"“{to_text(value)}”不是数字，应为0到100之间的百分比") from exc
    if not (0 < out <= 100):
        raise CellError(f"应为大于0且不超过100的百分比，实为“{to_text(value)}”")
    if out != out.quantize(Decimal("0.01")):
        raise CellError("最多保留两位小数")
    return out.quantize(Decimal("0.01"))
