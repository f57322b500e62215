#!/usr/bin/env python3
"""Write ``decisions.jsonl``: the generated records plus the hand-written ones.

    python3 bench/redaction_corpus/build.py            # rewrite decisions.jsonl
    python3 bench/redaction_corpus/build.py --check    # fail if the file differs from a fresh build

Deterministic: the same code gives byte-identical output (one seeded ``random.Random`` per
record). A generated record whose text would break an annotation rule (see ``corpuslib``) is
drawn again with the next seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from corpuslib import CorpusError, build_record
from gen_base import Gen
from gen_sectors import ASSEMBLERS
from handwritten import RECORDS as HANDWRITTEN

HERE = Path(__file__).resolve().parent
OUT = HERE / "decisions.jsonl"

# records generated per sector, and the prefix of their ids
PLAN = {
    "market": ("mkt", 56),
    "transport": ("tra", 38),
    "ecology": ("eco", 30),
    "health": ("hea", 28),
    "urban": ("urb", 30),
    "labour": ("lab", 24),
    "emergency": ("eme", 22),
    "culture": ("cul", 22),
    "fire": ("fir", 20),
    "housing": ("hou", 20),
    "agriculture": ("agr", 16),
    "civil": ("civ", 14),
}
KIND_WEIGHTS = [("penalty", 66), ("licensing_denial", 12), ("inspection_result", 12), ("coercive_measure", 10)]


def pick_kind(rng: random.Random) -> str:
    total = sum(w for _, w in KIND_WEIGHTS)
    r = rng.randrange(total)
    for kind, w in KIND_WEIGHTS:
        if r < w:
            return kind
        r -= w
    raise AssertionError


def generate() -> list[dict[str, Any]]:
    records = []
    for sector, (prefix, count) in PLAN.items():
        for i in range(1, count + 1):
            seed = f"{sector}-{i}"
            kind = pick_kind(random.Random(seed + "-kind"))
            for attempt in range(60):
                rng = random.Random(f"{seed}-{attempt}")
                g = Gen(rng, sector, kind)
                title, text = ASSEMBLERS[kind](g)
                try:
                    rec = build_record(f"{prefix}-{i:04d}", sector, kind, g.case_dict(), title, text)
                except CorpusError:
                    continue
                rec["origin"] = "generated"
                records.append(rec)
                break
            else:
                raise SystemExit(f"could not generate {seed}")
    return records


def handwritten() -> list[dict[str, Any]]:
    out = []
    for spec in HANDWRITTEN:
        rec = build_record(spec["id"], spec["sector"], spec["kind"], spec["case"], spec["title"], spec["text"])
        rec["origin"] = "handwritten"
        out.append(rec)
    return out


def render(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("--readme", action="store_true", help="also refresh the counts and the list in README.md")
    args = parser.parse_args()
    records = generate() + handwritten()
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate ids")
    data = render(records)
    if args.check:
        if OUT.read_text(encoding="utf-8") != data:
            print("decisions.jsonl is not what build.py writes; run build.py", file=sys.stderr)
            return 1
        print(f"decisions.jsonl up to date ({len(records)} records)")
        return 0
    OUT.write_text(data, encoding="utf-8")
    print(f"wrote {OUT} ({len(records)} records)")
    if args.readme:
        refresh_readme()
    return 0


def refresh_readme() -> None:
    """Rewrite the parts of README.md between markers: validate.py's counts and the list of
    hand-written records (from the comment under each function in hw*.py)."""
    import re
    import subprocess

    counts = subprocess.run(
        [sys.executable, str(HERE / "validate.py")], capture_output=True, text=True, check=True
    ).stdout.strip()
    rows = []
    for path in sorted(HERE.glob("hw[0-9].py")):
        src = path.read_text(encoding="utf-8")
        for m in re.finditer(r"def (\w+)\(\) -> dict\[str, Any\]:\n((?:    #.*\n)+)", src):
            comment = " ".join(line.strip()[2:] for line in m.group(2).splitlines())
            rows.append(f"| `{m.group(1).replace('_', '-')}` | {comment} |")
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    readme = re.sub(
        r"(<!-- counts -->\n```\n).*?(\n```\n<!-- /counts -->)",
        lambda m: m.group(1) + counts + m.group(2),
        readme,
        flags=re.S,
    )
    table = "| id | what makes it hard |\n|---|---|\n" + "\n".join(sorted(rows))
    readme = re.sub(
        r"(<!-- handwritten -->\n).*?(\n<!-- /handwritten -->)",
        lambda m: m.group(1) + table + m.group(2),
        readme,
        flags=re.S,
    )
    (HERE / "README.md").write_text(readme, encoding="utf-8")
    print("refreshed README.md")


if __name__ == "__main__":
    sys.exit(main())
