#!/usr/bin/env python3
"""Validate the held-out set with the main corpus's format checks (``validate.check_record``), without
its 300-record minimum; print counts per class. Exit 1 on any error.

    python3 bench/redaction_holdout/check.py [path]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "redaction_corpus"))

from validate import check_record  # noqa: E402

MIN_RECORDS = 80


def check(path: Path) -> tuple[list[dict], list[str]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    errors: list[str] = []
    ids = Counter(r.get("id") for r in records)
    errors += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    for r in records:
        check_record(r, errors)
    if len(records) < MIN_RECORDS:
        errors.append(f"only {len(records)} records (at least {MIN_RECORDS})")
    return records, errors


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "decisions.jsonl"
    records, errors = check(path)
    for e in errors:
        print(e)
    print(
        f"records: {len(records)}; "
        + ", ".join(f"{k} {v}" for k, v in Counter(r["sector"] for r in records).most_common())
    )
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in Counter(r["kind"] for r in records).most_common()))
    hide = Counter(h["class"] for r in records for h in r["must_hide"])
    keep = Counter(k["class"] for r in records for k in r["must_keep"])
    print("must_hide: " + ", ".join(f"{k} {v}" for k, v in sorted(hide.items())))
    print("must_keep: " + ", ".join(f"{k} {v}" for k, v in sorted(keep.items())))
    print(f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
