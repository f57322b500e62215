#!/usr/bin/env python3
"""Run every benchmark one after the other and print their figures (``make bench``).

    .venv/bin/python bench/run_all.py            # the sizes the issues ask for (takes hours)
    .venv/bin/python bench/run_all.py --quick    # small sizes: checks the scripts run (minutes)

Each benchmark is its own script (see its docstring); this only runs them with matching sizes, on
the database the environment selects (DATABASE_URL for PostgreSQL, otherwise SQLite), each on
fresh data of its own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent

FULL = [
    ["ledger_bench.py"],
    ["roster_import_bench.py"],
    ["evidence_ingest_bench.py"],
    ["publicity_bench.py", "--n", "1000000"],
    ["case_file_bench.py", "--records", "100", "--photos", "300"],
    ["workdays_recount_bench.py"],
    ["inspections_draw_bench.py"],
]
QUICK = [
    ["ledger_bench.py", "--appends", "2000", "--entries", "20000"],
    ["roster_import_bench.py", "--rows", "5000"],
    ["evidence_ingest_bench.py", "--size-mb", "64", "--chunk-mb", "16"],
    ["publicity_bench.py", "--n", "5000", "--rounds", "3"],
    ["case_file_bench.py", "--records", "10", "--photos", "20"],
    ["workdays_recount_bench.py", "--deadlines", "2000"],
    ["inspections_draw_bench.py", "--entities", "20000", "--inspectors", "1000"],
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes")
    args = parser.parse_args()
    failed = []
    for script, *rest in QUICK if args.quick else FULL:
        print(f"\n=== {script} {' '.join(rest)}", flush=True)
        start = time.perf_counter()
        code = subprocess.run([sys.executable, str(BENCH / script), *rest]).returncode
        print(f"=== {script}: exit {code}, {time.perf_counter() - start:.0f} s", flush=True)
        if code:
            failed.append(script)
    if failed:
        # A benchmark exits non-zero when it failed or when it checks its own targets and missed
        # them (evidence_ingest_bench.py does; at --quick sizes fixed costs dominate).
        print(f"\nnon-zero exit (failed or targets not met): {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
