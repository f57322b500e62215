#!/usr/bin/env python3
"""Roster import/export benchmark (not a test): 100,000 regulated entities through the real
service, from XLSX and from CSV (GB18030), first as creates, then re-imported unchanged, then
with every row changed, and exported back to XLSX. Reports seconds and peak memory.

    .venv/bin/python bench/roster_import_bench.py                  # SQLite (a fresh file database)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/roster_import_bench.py   # PostgreSQL

Options: --rows N (default 100000), --format xlsx|csv|both (default both).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADERS = ["名称", "统一社会信用代码", "法定代表人", "注册地址", "联系方式", "所属区划代码", "行业", "风险等级"]
GRADES = ["低风险", "一般风险", "高风险"]


def setup() -> None:
    tmp = tempfile.mkdtemp(prefix="yg-roster-bench-")
    os.environ.setdefault("YG_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def rows(n: int, suffix: str = "") -> list[list[Any]]:
    from yangguang.core.validators import make_uscc

    return [
        [
            f"杭州市测试{i}号贸易有限公司{suffix}",
            make_uscc(1_000_000 + i),
            f"法人{i % 997}",
            f"浙江省杭州市上城区测试路{i}号",
            f"0571-{80000000 + i}",
            "330100",
            "批发和零售业",
            GRADES[i % 3],
        ]
        for i in range(n)
    ]


def as_xlsx(data: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("市场主体")
    ws.append(HEADERS)
    for row in data:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def as_csv(data: list[list[Any]]) -> bytes:
    lines = [",".join(HEADERS)] + [",".join(str(v) for v in row) for row in data]
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, fn: Any) -> Any:
    start = time.perf_counter()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - start:8.1f} s   peak RSS {peak_mb():7.0f} MB", flush=True)
    return result


def run_import(name: str, data: bytes) -> Any:
    from yangguang.roster.importers import import_roster_file

    return lambda: import_roster_file(kind="entities", filename=name, data=data, actor=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["xlsx", "csv", "both"], default="both")
    args = parser.parse_args()
    setup()
    from django.db import connection

    from yangguang.roster.importers import write_export
    from yangguang.roster.models import Entity, Region, RegionLevel

    Region.objects.get_or_create(
        code="330100", defaults={"name": "杭州市", "level": RegionLevel.CITY, "path": "/330100/"}
    )
    n = args.rows
    print(f"database: {connection.vendor}; rows: {n:,}")
    formats = ["xlsx", "csv"] if args.format == "both" else [args.format]
    for fmt in formats:
        Entity.objects.all().delete()
        build = as_xlsx if fmt == "xlsx" else as_csv
        first = timed(f"build {fmt} file", lambda b=build: b(rows(n)))  # type: ignore[misc]
        print(f"  file size {len(first) / 1024 / 1024:.1f} MB")
        changed = build(rows(n, suffix="（变更）"))
        name = f"entities.{fmt}"
        r = timed(f"{fmt}: import {n:,} new rows", run_import(name, first))
        assert r.created == n, r
        r = timed(f"{fmt}: re-import, all unchanged", run_import(name, first))
        assert r.unchanged == n, r
        r = timed(f"{fmt}: re-import, every row changed", run_import(name, changed))
        assert r.updated == n, r

    def export() -> int:
        with write_export(kind="entities", user=None) as handle:
            return len(handle.read())

    size = timed(f"export {n:,} rows to xlsx", export)
    print(f"  export size {size / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
