"""Validators for Chinese identifiers: USCC (GB 32100-2015), resident ID (GB 11643-1999),
administrative division codes (GB/T 2260, GB/T 10114)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
# ASCII digits only: str.isdigit() also accepts "²" and "٣".
_ASCII_DIGITS = re.compile(r"[0-9]+")


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100 check character for the first 17 characters of a USCC."""
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    if len(code) != 18 or any(ch not in USCC_CHARSET for ch in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def validate_uscc(code: str) -> None:
    """Raise ValidationError unless ``code`` is an 18-character USCC with a correct check character."""
    if len(code) != 18:
        raise ValidationError(_("统一社会信用代码应为18位，当前为%(n)d位") % {"n": len(code)}, code="uscc_length")
    bad = [ch for ch in code if ch not in USCC_CHARSET]
    if bad:
        raise ValidationError(_("统一社会信用代码含有非法字符“%(ch)s”") % {"ch": bad[0]}, code="uscc_charset")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("统一社会信用代码校验位错误：应为“%(exp)s”，实为“%(got)s”") % {"exp": expected, "got": code[17]},
            code="uscc_check",
        )


def resident_id_check_char(first17: str) -> str:
    total = sum(int(ch) * w for ch, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def is_valid_resident_id(value: str) -> bool:
    value = value.upper()
    if len(value) != 18 or not _ASCII_DIGITS.fullmatch(value[:17]):
        return False
    return resident_id_check_char(value[:17]) == value[17]


def validate_resident_id(value: str) -> None:
    if not is_valid_resident_id(value):
        raise ValidationError(_("居民身份证号码无效（长度或校验位错误）"), code="resident_id")


def validate_division_code(code: str) -> None:
    """Six digits (GB/T 2260: province, city, county) or nine digits (GB/T 10114: township)."""
    if not _ASCII_DIGITS.fullmatch(code) or len(code) not in (6, 9):
        raise ValidationError(_("行政区划代码应为6位（省、市、县）或9位（乡镇街道）数字"), code="division_code")


def make_uscc(n: int, *, org_type: str = "91", division: str = "330100") -> str:
    """A valid USCC built deterministically from ``n`` (demo data and tests): registration
    authority and organization type (e.g. "91" enterprise, "11" government body), six-digit
    division, nine-character organization code, check character."""
    body_chars = USCC_CHARSET
    org = ""
    value = n
    for _position in range(9):
        org = body_chars[value % 31] + org
        value //= 31
    first17 = f"{org_type}{division}{org}"
    return first17 + uscc_check_char(first17)


def make_resident_id(division: str, birth: str, serial: int) -> str:
    """A resident ID with a valid check digit (birth as YYYYMMDD, serial 0-999)."""
    first17 = f"{division}{birth}{serial:03d}"
    return first17 + resident_id_check_char(first17)
