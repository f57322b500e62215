"""Reading a year's holiday schedule from a small file (text or JSON).

Text format (UTF-8, one statement a line, ``#`` starts a comment; keywords in English or Chinese)::

    year: 2027                      # 年份: 2027
    status: confirmed               # 状态: 已确认 | 暂定 (confirmed | provisional); default confirmed
    source: 国办发明电〔2026〕X号     # 来源: ...
    note: 任意说明                   # 备注: ...
    holiday 2027-01-01..2027-01-03 元旦    # 放假 <date>[..<date>] <name>
    makeup  2027-01-04 元旦               # 上班 <date> <name>

JSON format::

    {"year": 2027, "status": "confirmed", "source": "…", "note": "…",
     "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
     "makeup_days": [{"name": "元旦", "date": "2027-01-04"}]}

Parsing only checks the form of the file; the rules of a schedule (dates inside the year, make-up
days on weekends, ...) are checked by ``services.set_year_schedule``. This module does not import
models so that the data migration can use it.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yangguang.core.errors import DomainError

HOLIDAY = "holiday"
MAKEUP = "makeup"
CONFIRMED = "confirmed"
PROVISIONAL = "provisional"

DATA_DIR = Path(__file__).resolve().parent / "data"

_KIND_WORDS = {"holiday": HOLIDAY, "放假": HOLIDAY, "makeup": MAKEUP, "上班": MAKEUP}
_HEADER_WORDS = {
    "year": "year",
    "年份": "year",
    "status": "status",
    "状态": "status",
    "source": "source",
    "来源": "source",
    "note": "note",
    "备注": "note",
}
_STATUS_WORDS = {"confirmed": CONFIRMED, "已确认": CONFIRMED, "provisional": PROVISIONAL, "暂定": PROVISIONAL}
_MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class DaySpec:
    """One special day of a schedule."""

    date: datetime.date
    kind: str  # HOLIDAY or MAKEUP
    name: str


@dataclass
class ParsedSchedule:
    year: int | None = None
    status: str = CONFIRMED
    source: str = ""
    note: str = ""
    days: list[DaySpec] = field(default_factory=list)


def _date(text: str, where: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError(f"{where}：日期“{text.strip()}”格式错误，应为YYYY-MM-DD", code="schedule_format") from None


def _range(first: datetime.date, last: datetime.date, where: str) -> list[datetime.date]:
    if last < first:
        raise DomainError(f"{where}：结束日期早于开始日期", code="schedule_format")
    if (last - first).days >= _MAX_RANGE_DAYS:
        raise DomainError(f"{where}：一段假期不能超过{_MAX_RANGE_DAYS}天", code="schedule_format")
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


def _status(text: str, where: str) -> str:
    value = _STATUS_WORDS.get(text.strip().lower())
    if value is None:
        raise DomainError(f"{where}：状态“{text.strip()}”无效，应为“已确认”或“暂定”", code="schedule_format")
    return value


def _year(text: Any, where: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise DomainError(f"{where}：年份“{text}”无效", code="schedule_format") from None


def parse_text(text: str) -> ParsedSchedule:
    out = ParsedSchedule()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = f"第{number}行"
        header = re.match(r"^([^\s:：]+)\s*[:：]\s*(.*)$", line)
        if header and header.group(1).lower() in _HEADER_WORDS:
            key, value = _HEADER_WORDS[header.group(1).lower()], header.group(2).strip()
            if key == "year":
                out.year = _year(value, where)
            elif key == "status":
                out.status = _status(value, where)
            elif key == "source":
                out.source = value
            else:
                out.note = value
            continue
        parts = line.split(None, 2)
        kind = _KIND_WORDS.get(parts[0].lower())
        if kind is None:
            raise DomainError(f"{where}无法识别：“{line}”", code="schedule_format")
        if len(parts) < 3:
            raise DomainError(f"{where}：缺少日期或节日名称", code="schedule_format")
        span, name = parts[1], parts[2].strip()
        if ".." in span:
            first, last = span.split("..", 1)
            dates = _range(_date(first, where), _date(last, where), where)
        else:
            dates = [_date(span, where)]
        out.days.extend(DaySpec(d, kind, name) for d in dates)
    if out.year is None:
        raise DomainError("文件中缺少年份（year: 2027）", code="schedule_format")
    return out


def parse_json(text: str) -> ParsedSchedule:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError(f"JSON格式错误：第{exc.lineno}行第{exc.colno}列", code="schedule_format") from None
    if not isinstance(doc, dict) or "year" not in doc:
        raise DomainError("文件中缺少年份（year: 2027）", code="schedule_format")
    out = ParsedSchedule(
        year=_year(doc["year"], "year"),
        status=_status(str(doc.get("status", CONFIRMED)), "status"),
        source=str(doc.get("source", "")).strip(),
        note=str(doc.get("note", "")).strip(),
    )
    for i, item in enumerate(doc.get("holidays", []), start=1):
        where = f"holidays第{i}项"
        if not isinstance(item, dict) or "from" not in item:
            raise DomainError(f"{where}：缺少from日期", code="schedule_format")
        first = _date(str(item["from"]), where)
        last = _date(str(item.get("to", item["from"])), where)
        name = str(item.get("name", "")).strip()
        out.days.extend(DaySpec(d, HOLIDAY, name) for d in _range(first, last, where))
    for i, item in enumerate(doc.get("makeup_days", []), start=1):
        where = f"makeup_days第{i}项"
        if not isinstance(item, dict) or "date" not in item:
            raise DomainError(f"{where}：缺少date日期", code="schedule_format")
        out.days.append(DaySpec(_date(str(item["date"]), where), MAKEUP, str(item.get("name", "")).strip()))
    return out


def parse(text: str) -> ParsedSchedule:
    """Parse a schedule file's content, JSON if it starts with ``{``, else the text format."""
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        return parse_json(text)
    return parse_text(text)


def shipped_files() -> list[Path]:
    """The official schedules shipped with the code (data/<year>.txt)."""
    return sorted(DATA_DIR.glob("*.txt"))


def shipped_schedules() -> list[ParsedSchedule]:
    return [parse(p.read_text(encoding="utf-8")) for p in shipped_files()]
