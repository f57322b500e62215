"""Test helpers: XLSX files in the import layout and ready-made benchmarks."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from yangguang.discretion import importer as imp

MAIN_HEADER = [name for name, _ in imp.MAIN_COLUMNS]
FACTOR_HEADER = [name for name, _ in imp.FACTOR_COLUMNS]
FIRST_HEADER = [name for name, _ in imp.FIRST_COLUMNS]


def main_row(code: str, level: str, **kw: Any) -> list[Any]:
    values = {
        imp.C_CODE: code,
        imp.C_VIOLATION: "未按规定公示年度报告",
        imp.C_VIOLATION_BASIS: "《企业信息公示暂行条例》第八条",
        imp.C_PENALTY_BASIS: "《企业信息公示暂行条例》第十八条",
        imp.C_VERSION: "2026版",
        imp.C_EFFECTIVE: "2026-01-01",
        imp.C_LEVEL: level,
        imp.C_PARTY: "",
        imp.C_CONDITIONS: f"{level}情形",
        imp.C_GAINS_UPPER: None,
        imp.C_FINE_MIN: None,
        imp.C_FINE_MAX: None,
        imp.C_MULT_MIN: None,
        imp.C_MULT_MAX: None,
        imp.C_TYPES: "罚款",
    }
    values.update({getattr(imp, k): v for k, v in kw.items()})
    return [values[h] for h in MAIN_HEADER]


def standard_rows(code: str) -> list[list[Any]]:
    """轻微 警告 only; 一般 1000-5000; 较重 5000-20000; 严重 1-5 times illegal gains or 20000-50000."""
    return [
        main_row(code, "轻微", C_TYPES="警告", C_GAINS_UPPER=1000),
        main_row(code, "一般", C_FINE_MIN=1000, C_FINE_MAX=5000, C_TYPES="警告、罚款", C_GAINS_UPPER=10000),
        main_row(code, "较重", C_FINE_MIN=5000, C_FINE_MAX=20000, C_TYPES="罚款、没收违法所得", C_GAINS_UPPER=50000),
        main_row(
            code,
            "严重",
            C_FINE_MIN=20000,
            C_FINE_MAX=50000,
            C_MULT_MIN=1,
            C_MULT_MAX=5,
            C_TYPES="罚款、没收违法所得、吊销许可证件",
        ),
    ]


def standard_factors(code: str) -> list[list[Any]]:
    return [
        [code, "2026版", "从轻", "confessed", "主动供述违法行为", "降一档", None],
        [code, "2026版", "从重", "repeat", "两年内因同一违法行为受过处罚", "升一档", None],
        [code, "2026版", "从轻", "eliminated", "主动消除危害后果", "比例调整", 50],
        [code, "2026版", "从重", "obstruct", "拒不配合调查", "比例调整", 100],
    ]


def standard_first(code: str) -> list[list[Any]]:
    return [[code, "2026版", "首次违法、危害后果轻微并及时改正", "是", "是", "轻微", 500]]


def workbook(
    main: list[list[Any]],
    factors: list[list[Any]] | None = None,
    first: list[list[Any]] | None = None,
    *,
    main_header: list[str] | None = None,
) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = imp.SHEET_MAIN
    ws.append(main_header or MAIN_HEADER)
    for row in main:
        ws.append(row)
    if factors is not None:
        fs = wb.create_sheet(imp.SHEET_FACTORS)
        fs.append(FACTOR_HEADER)
        for row in factors:
            fs.append(row)
    if first is not None:
        ss = wb.create_sheet(imp.SHEET_FIRST)
        ss.append(FIRST_HEADER)
        for row in first:
            ss.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def standard_file(code: str) -> bytes:
    return workbook(standard_rows(code), standard_factors(code), standard_first(code))


def make_item(
    agency: Any, code: str = "330217001", kind: str = "penalty", name: str = "对未按规定公示年度报告的行政处罚"
) -> Any:
    from yangguang.roster.tests.factories import EnforcementItemFactory

    return EnforcementItemFactory(agency=agency, code=code, kind=kind, name=name)


def import_standard(agency: Any, actor: Any, code: str = "330217001", *, publish: bool = False) -> Any:
    """Create the item and import the standard benchmark for it; returns the Benchmark."""
    from yangguang.discretion.models import Benchmark
    from yangguang.discretion.services import import_benchmarks

    item = make_item(agency, code)
    result = import_benchmarks(
        agency=agency, data=standard_file(code), filename="jz.xlsx", actor=actor, publish=publish
    )
    return Benchmark.objects.get(pk=result.benchmark_ids[0]), item
