#!/usr/bin/env python3
"""Score the production redaction on the evaluation corpus: leaked must-hide strings (recall) and
removed must-keep strings (over-redaction), per class.

    .venv/bin/python bench/redaction_corpus/score.py              # the table
    .venv/bin/python bench/redaction_corpus/score.py --json       # the figures as JSON
    .venv/bin/python bench/redaction_corpus/score.py --misses resident_id   # the misses of a class
    .venv/bin/python bench/redaction_corpus/score.py --corpus bench/redaction_holdout/decisions.jsonl

Each record's ``case`` (party and persons as an officer types them) becomes the redaction's case
data through ``known_from_case_data``, the same function the API and the publication pipeline use
for structured persons; the text and the title (案由) then go through ``redact_all``
(one call, so that a name found in one field is masked in both). A must-hide string
has leaked when it occurs anywhere in the output field; a must-keep string was removed when it no
longer occurs. The floor asserted in ``make test`` (yangguang/publicity/tests/test_redaction_corpus.py):
0 leaked must-hide strings and under 2 % of must-keep strings removed.

The corpus is the evaluation set (bench/redaction_corpus/README.md): detectors are not tuned on
its strings; ``--misses`` is for finding a detector's failure class, not for copying answers.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = Path(__file__).resolve().parent / "decisions.jsonl"


@dataclass
class ClassFigures:
    items: int = 0
    failed: int = 0
    structured: int = 0
    structured_failed: int = 0

    @property
    def rate(self) -> float:
        return self.failed / self.items if self.items else 0.0


@dataclass
class Report:
    records: int = 0
    seconds: float = 0.0
    chars: int = 0
    hide: dict[str, ClassFigures] = field(default_factory=lambda: defaultdict(ClassFigures))
    keep: dict[str, ClassFigures] = field(default_factory=lambda: defaultdict(ClassFigures))
    misses: list[dict[str, Any]] = field(default_factory=list)
    # Characters of the text removed by a mask outside every must-hide string (masking that the
    # annotations neither ask for nor count as over-redaction: unannotated words swallowed).
    collateral: int = 0

    @property
    def leaked(self) -> int:
        return sum(c.failed for c in self.hide.values())

    @property
    def hide_items(self) -> int:
        return sum(c.items for c in self.hide.values())

    @property
    def removed(self) -> int:
        return sum(c.failed for c in self.keep.values())

    @property
    def keep_items(self) -> int:
        return sum(c.items for c in self.keep.values())

    @property
    def removed_rate(self) -> float:
        return self.removed / self.keep_items if self.keep_items else 0.0

    def as_dict(self) -> dict[str, Any]:
        def rows(d: dict[str, ClassFigures]) -> dict[str, dict[str, int]]:
            return {k: {"items": v.items, "failed": v.failed} for k, v in sorted(d.items())}

        return {
            "records": self.records,
            "leaked": self.leaked,
            "hide_items": self.hide_items,
            "removed": self.removed,
            "keep_items": self.keep_items,
            "removed_rate": round(self.removed_rate, 5),
            "ms_per_record": round(1000 * self.seconds / max(self.records, 1), 2),
            "collateral_chars": self.collateral,
            "hide": rows(self.hide),
            "keep": rows(self.keep),
        }


def load(path: Path = CORPUS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(records: list[dict[str, Any]] | None = None, redactor: Any = None) -> Report:
    """Run ``redactor(text, title, case) -> (text, title)`` (default: the production redaction)."""
    if redactor is None:
        redactor = production_redactor()
    records = load() if records is None else records
    report = Report(records=len(records))
    for rec in records:
        t0 = time.perf_counter()
        out_text, out_title = redactor(rec["text"], rec["case"].get("title", ""), rec["case"])
        report.seconds += time.perf_counter() - t0
        report.chars += len(rec["text"])
        outputs = {"text": out_text, "title": out_title}
        report.collateral += _collateral(rec, out_text)
        for item in rec["must_hide"]:
            fig = report.hide[item["class"]]
            fig.items += 1
            fig.structured += bool(item.get("structured"))
            if item["text"] in outputs[item.get("field", "text")]:
                fig.failed += 1
                fig.structured_failed += bool(item.get("structured"))
                report.misses.append({"id": rec["id"], "kind": "leak", **item})
        for item in rec["must_keep"]:
            fig = report.keep[item["class"]]
            fig.items += 1
            if item["text"] not in outputs[item.get("field", "text")]:
                fig.failed += 1
                report.misses.append({"id": rec["id"], "kind": "removed", **item})
    return report


def _collateral(rec: dict[str, Any], out: str) -> int:
    text = rec["text"]
    hidden = bytearray(len(text))
    for item in rec["must_hide"]:
        if item.get("field", "text") != "text":
            continue
        i = text.find(item["text"])
        while i >= 0:
            hidden[i : i + len(item["text"])] = b"\x01" * len(item["text"])
            i = text.find(item["text"], i + 1)
    matcher = difflib.SequenceMatcher(a=text, b=out, autojunk=False)
    return sum(
        1
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag in ("replace", "delete")
        for k in range(i1, i2)
        if not hidden[k]
    )


def production_redactor() -> Any:
    from yangguang.publicity.redaction import known_from_case_data, redact_all

    def run(text: str, title: str, case: dict[str, Any]) -> tuple[str, str]:
        out_text, out_title = redact_all([text, title], known_from_case_data(case))
        return out_text, out_title

    return run


def print_table(report: Report) -> None:
    print(
        f"records {report.records}, {report.chars} characters, {1000 * report.seconds / report.records:.2f} ms/record"
    )
    print(f"\n{'must_hide class':26} {'items':>6} {'leaked':>7} {'recall':>8} {'struct. leaked':>15}")
    for name, fig in sorted(report.hide.items()):
        print(
            f"{name:26} {fig.items:6} {fig.failed:7} {100 * (1 - fig.rate):7.2f}% "
            f"{fig.structured_failed:>7}/{fig.structured:<7}"
        )
    recall = 1 - report.leaked / report.hide_items
    print(f"{'total':26} {report.hide_items:6} {report.leaked:7} {100 * recall:7.2f}%")
    print(f"\n{'must_keep class':26} {'items':>6} {'removed':>7} {'removed %':>9}")
    for name, fig in sorted(report.keep.items()):
        print(f"{name:26} {fig.items:6} {fig.failed:7} {100 * fig.rate:8.2f}%")
    print(f"{'total':26} {report.keep_items:6} {report.removed:7} {100 * report.removed_rate:8.2f}%")
    print(
        f"\ncharacters masked outside must-hide strings: {report.collateral} "
        f"({100 * report.collateral / max(report.chars, 1):.2f}% of {report.chars})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", metavar="CLASS", help="list the misses of one class ('all' for every class)")
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        type=Path,
        default=CORPUS,
        help="another file in the same format (e.g. the held-out set)",
    )
    args = parser.parse_args()
    report = score(load(args.corpus))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        print_table(report)
    if args.misses:
        for miss in report.misses:
            if args.misses in ("all", miss["class"]):
                print(json.dumps(miss, ensure_ascii=False))
    return 0 if report.leaked == 0 and report.removed_rate < 0.02 else 1


if __name__ == "__main__":
    sys.exit(main())
