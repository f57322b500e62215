"""core.params: ASCII digits only, bounds of the database column, real dates."""

from __future__ import annotations

import datetime as dt

import pytest

from yangguang.core.params import (
    BIGINT_MAX,
    BadParameter,
    ascii_int,
    header_int,
    int_param,
    optional_date,
    optional_id,
    page_number,
    parse_date,
)


@pytest.mark.parametrize(
    "raw", ["²", "٣", "１", "-1", "+1", " 1", "1 ", "1_0", "1e3", "0x1", "", None, 5, "9" * 20, str(BIGINT_MAX + 1)]
)
def test_ascii_int_refuses_everything_but_bounded_ascii_digits(raw: object) -> None:
    assert ascii_int(raw) is None


def test_ascii_int_bounds() -> None:
    assert ascii_int("0") == 0 and ascii_int(str(BIGINT_MAX)) == BIGINT_MAX
    assert ascii_int("007") == 7
    assert ascii_int("5", minimum=6) is None and ascii_int("5", maximum=4) is None
    assert optional_id("0") is None and optional_id("12") == 12


def test_int_param_messages() -> None:
    with pytest.raises(BadParameter) as exc:
        int_param("²", label="年份", param="year")
    assert exc.value.message == "参数“年份”应为整数（半角数字0-9）"
    assert exc.value.as_dict() == {
        "code": "bad_parameter",
        "message": "参数“年份”应为整数（半角数字0-9）",
        "details": {"param": "year"},
    }
    assert exc.value.http_status == 400
    with pytest.raises(BadParameter) as exc:
        int_param("3000", label="年份", minimum=1900, maximum=2199)
    assert exc.value.message == "参数“年份”应在1900至2199之间"
    with pytest.raises(BadParameter) as exc:
        int_param(None, label="年份")
    assert exc.value.message == "缺少参数“年份”"
    assert int_param("", label="年份", default=2026) == 2026


def test_page_number() -> None:
    assert page_number(None) == 1 and page_number("3") == 3
    for bad in ("0", "²", "-1", "999999999"):
        with pytest.raises(BadParameter):
            page_number(bad)


@pytest.mark.parametrize("raw", ["2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1", "２０２６-01-01", "1899-12-31"])
def test_impossible_or_malformed_dates(raw: str) -> None:
    assert optional_date(raw) is None
    with pytest.raises(BadParameter) as exc:
        parse_date(raw, label="起始日")
    assert exc.value.message == "参数“起始日”应为有效日期（格式YYYY-MM-DD，1900-01-01至2199-12-31）"


def test_real_dates() -> None:
    assert parse_date("2028-02-29", label="d") == dt.date(2028, 2, 29)
    assert optional_date(" 2026-11-22 ") == dt.date(2026, 11, 22)


def test_header_int() -> None:
    assert header_int({"Upload-Length": "10"}, "Upload-Length") == 10
    assert header_int({}, "Content-Length", required=False) == 0
    with pytest.raises(BadParameter) as exc:
        header_int({"Upload-Length": "²"}, "Upload-Length", maximum=100)
    assert exc.value.code == "bad_header"
    assert exc.value.message == "请求头 Upload-Length 应为不超过100的非负整数（半角数字0-9）"
