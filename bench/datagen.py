#!/usr/bin/env python3
"""Seed a demo scale into the configured database and print timings (a benchmark data builder).

    .venv/bin/python bench/datagen.py --scale city [--seed N] [--reset] [--migrate] [--json]
    .venv/bin/python bench/datagen.py --add-entities 500000      # more entities on an existing roster

The database is whatever the settings select (DATABASE_URL for PostgreSQL, otherwise SQLite under
YG_VAR_DIR). The same generator as ``manage.py seed_demo`` builds the data (yangguang.demo).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="small", choices=["small", "city", "province"])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reset", action="store_true", help="delete the existing roster first")
    parser.add_argument("--migrate", action="store_true", help="run migrations first")
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--add-entities", type=int, default=0, metavar="N", help="only append N entities")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from yangguang.demo.generator import SCALES, add_entities, reset_roster, roster_is_empty, seed_demo

    result: dict[str, object] = {"database": connection.vendor, "seed": args.seed}
    if args.migrate:
        t0 = time.perf_counter()
        call_command("migrate", "--noinput", verbosity=0)
        result["migrate_seconds"] = round(time.perf_counter() - t0, 3)

    if args.add_entities:
        t0 = time.perf_counter()
        n = add_entities(count=args.add_entities, seed=args.seed, batch_size=args.batch_size)
        seconds = time.perf_counter() - t0
        result.update(entities_added=n, seconds=round(seconds, 3), rows_per_second=round(n / seconds))
    else:
        if not roster_is_empty():
            if not args.reset:
                print("the roster is not empty: pass --reset to replace it", file=sys.stderr)
                return 2
            t0 = time.perf_counter()
            reset_roster()
            result["reset_seconds"] = round(time.perf_counter() - t0, 3)
        t0 = time.perf_counter()
        log = None if args.json else (lambda msg: print(f"  {msg}", flush=True))
        report = seed_demo(scale=SCALES[args.scale], seed=args.seed, batch_size=args.batch_size, log=log)
        seconds = time.perf_counter() - t0
        rows = sum(report.counts.values())
        result.update(
            scale=args.scale,
            seconds=round(seconds, 3),
            steps=report.seconds,
            counts=report.counts,
            rows_per_second=round(rows / seconds),
        )

    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
