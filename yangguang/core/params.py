"""Typed parsing of request parameters: query strings, path parts, form fields and headers.

Every number a request carries is parsed here rather than with ``str.isdigit()`` and ``int()``:
``isdigit()`` is true for ``"²"`` and ``"٣"`` (which ``int()`` then refuses or reads), and an
unbounded integer overflows the database column (SQLite: "Python int too large to convert";
PostgreSQL: "bigint out of range"). The rules:

- digits are ASCII ``0-9`` only, no sign, no spaces, no underscores;
- a number is bounded by the column it is compared with (``BIGINT_MAX`` for ids, ``INT_MAX`` for
  ``IntegerField``/``PositiveIntegerField``) or by a tighter bound of the domain;
- a date is a real calendar date ``YYYY-MM-DD`` between ``DATE_MIN`` and ``DATE_MAX``.

Bad input raises :class:`BadParameter` (a ``DomainError``, HTTP 400, code ``bad_parameter``) with a
Chinese message naming the parameter; pages show it, the API returns it as ``{code, message}``.
Helpers named ``optional_*`` return ``None`` instead, for filters whose junk is simply ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import Field

from yangguang.core.errors import DomainError

BIGINT_MAX = 2**63 - 1  # BigAutoField / BigIntegerField
INT_MAX = 2**31 - 1  # IntegerField / PositiveIntegerField on every database
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
_DIGITS = re.compile(r"[0-9]{1,19}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


# Typed API parameters (django-ninja / pydantic): the bounds appear in the OpenAPI document and a
# value outside them is a 422 {code, message} before the view runs.
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
PageNumber = Annotated[int, Field(ge=1, le=100_000)]


class BadParameter(DomainError):
    """A request parameter that is missing, malformed or out of range."""

    http_status = 400

    def __init__(self, message: str, *, param: str = "", code: str = "bad_parameter") -> None:
        super().__init__(message, code=code, details={"param": param} if param else None)


def ascii_int(raw: object, *, minimum: int = 0, maximum: int = BIGINT_MAX) -> int | None:
    """``raw`` as an int when it is 1–19 ASCII digits within [minimum, maximum], else None."""
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if minimum <= value <= maximum else None


def optional_id(raw: object) -> int | None:
    """A database id (1 … BIGINT_MAX) or None for anything else (absent, junk, out of range)."""
    return ascii_int(raw, minimum=1)


def row_by_id(queryset: Any, raw: object) -> Any:
    """The row of ``queryset`` whose pk is the id ``raw`` (see optional_id), or None."""
    pk = optional_id(raw)
    return queryset.filter(pk=pk).first() if pk is not None else None


def int_param(
    raw: str | None,
    *,
    label: str,
    param: str = "",
    minimum: int = 0,
    maximum: int = BIGINT_MAX,
    default: int | None = None,
) -> int:
    """A required integer; ``default`` when absent or empty; BadParameter when malformed."""
    if raw is None or raw == "":
        if default is not None:
            return default
        raise BadParameter(_("缺少参数“%(label)s”") % {"label": label}, param=param)
    value = ascii_int(raw, minimum=minimum, maximum=maximum)
    if value is None:
        if isinstance(raw, str) and _DIGITS.fullmatch(raw):
            raise BadParameter(
                _("参数“%(label)s”应在%(min)d至%(max)d之间") % {"label": label, "min": minimum, "max": maximum},
                param=param,
            )
        raise BadParameter(_("参数“%(label)s”应为整数（半角数字0-9）") % {"label": label}, param=param)
    return value


def page_number(raw: str | None, *, maximum: int = 100_000) -> int:
    """The ``page`` of a list: 1 when absent, BadParameter when it is not a page number."""
    return int_param(raw, label=_("页码"), param="page", minimum=1, maximum=maximum, default=1)


def parse_date(raw: str | None, *, label: str, param: str = "") -> dt.date:
    """A real calendar date ``YYYY-MM-DD`` (ASCII digits) between DATE_MIN and DATE_MAX."""
    value = optional_date(raw)
    if value is None:
        if not raw:
            raise BadParameter(_("缺少参数“%(label)s”") % {"label": label}, param=param)
        raise BadParameter(
            _("参数“%(label)s”应为有效日期（格式YYYY-MM-DD，%(min)s至%(max)s）")
            % {"label": label, "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
            param=param,
        )
    return value


def optional_date(raw: object) -> dt.date | None:
    """A real date ``YYYY-MM-DD`` in range, or None (absent, malformed, impossible like 2026-02-30)."""
    if not isinstance(raw, str):
        return None
    m = _DATE.fullmatch(raw.strip())
    if not m:
        return None
    try:
        value = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return value if DATE_MIN <= value <= DATE_MAX else None


def header_int(headers: Mapping[str, Any], name: str, *, maximum: int = BIGINT_MAX, required: bool = True) -> int:
    """An integer request header (tus ``Upload-Length``, ``Upload-Offset``, ``Content-Length``).

    BadParameter (HTTP 400) when it is absent (and ``required``), not ASCII digits, or beyond
    ``maximum``; 0 when it is absent and not required."""
    raw = headers.get(name)
    if raw is None or raw == "":
        if not required:
            return 0
        raise BadParameter(_("缺少请求头 %(name)s") % {"name": name}, param=name, code="bad_header")
    value = ascii_int(raw.strip() if isinstance(raw, str) else raw, maximum=maximum)
    if value is None:
        raise BadParameter(
            _("请求头 %(name)s 应为不超过%(max)d的非负整数（半角数字0-9）") % {"name": name, "max": maximum},
            param=name,
            code="bad_header",
        )
    return value
