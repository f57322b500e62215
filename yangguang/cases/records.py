"""On-site records (现场笔录、询问笔录): the question-and-answer text of an inquiry and the times of a
record.

An inquiry is entered on the page or imported from a dictation text (听写文本) in the usual form of
Chinese inquiry records: each question begins with ``问：`` and each answer with ``答：`` (a colon
of either width, optional spaces); a line without a marker continues the question or answer above
it. Anything before the first question, or a question without an answer, is refused with a message
that names the line."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from yangguang.core.errors import DomainError

_MARK = re.compile(r"^\s*(问|答)\s*[：:]\s*(.*)$")


def _invalid(message: str) -> DomainError:
    return DomainError(message, code="invalid_data")


def parse_qa(text: str) -> list[dict[str, str]]:
    """``问：… / 答：…`` lines as ``[{"q": …, "a": …}]``."""
    pairs: list[dict[str, str]] = []
    current: str | None = None  # "q" or "a": where a continuation line goes
    for number, raw in enumerate((text or "").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        m = _MARK.match(line)
        if m:
            kind, rest = ("q" if m.group(1) == "问" else "a"), m.group(2).strip()
            if kind == "q":
                if pairs and not pairs[-1]["a"]:
                    raise _invalid(f"第{number}行：上一个问题没有回答（每个“问：”之后应有“答：”）")
                pairs.append({"q": rest, "a": ""})
            else:
                if not pairs:
                    raise _invalid(f"第{number}行：回答之前没有问题（问答记录应以“问：”开头）")
                if pairs[-1]["a"]:
                    pairs[-1]["a"] += "\n" + rest
                else:
                    pairs[-1]["a"] = rest or "（未作回答）"
            current = kind
        elif current is None:
            raise _invalid(f"第{number}行：问答记录应以“问：”开头，回答以“答：”开头")
        else:
            pairs[-1][current] = (pairs[-1][current] + line) if pairs[-1][current] else line
    if not pairs:
        raise _invalid("请填写问答记录（每个问题以“问：”开头，回答以“答：”开头）")
    if not pairs[-1]["a"]:
        raise _invalid("最后一个问题没有回答（每个“问：”之后应有“答：”）")
    return pairs


def check_times(data: dict[str, Any]) -> None:
    started, ended = data.get("started_at"), data.get("ended_at")
    if isinstance(started, dt.datetime) and isinstance(ended, dt.datetime) and ended < started:
        raise _invalid("结束时间不能早于开始时间")


def minute(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, dt.datetime) else str(value or "")
