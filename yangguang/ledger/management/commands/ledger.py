"""``python manage.py ledger <checkpoint|checkpointer|verify|export|status>``.

* ``checkpoint``: sign the current tree head once (if there are new entries).
* ``checkpointer``: sign every ``--interval`` seconds while there are new entries (``make run``
  starts it); ``--max-runs`` bounds the loop for tests.
* ``verify``: recompute every hash, node, root and signature; exit 1 naming the first bad entry.
* ``export``: write a verifiable bundle of a case's (or any subjects') entries.
* ``status``: tree size, latest checkpoint, public key fingerprint.
"""

from __future__ import annotations

import json
import os
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yangguang.core.errors import DomainError
from yangguang.ledger import selectors, services
from yangguang.ledger.verify import verify_ledger


class Command(BaseCommand):
    help = "Ledger (全过程记录日志): checkpoints, verification, export"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("checkpoint", help="sign the current tree head once")
        loop = sub.add_parser("checkpointer", help="sign the tree head periodically")
        loop.add_argument("--interval", type=float, default=30.0, help="seconds between checks (default 30)")
        loop.add_argument("--max-runs", type=int, default=0, help="stop after this many checks (0: never)")
        verify = sub.add_parser("verify", help="recompute and check everything")
        verify.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="processes scanning the log (default: CPU count)"
        )
        export = sub.add_parser("export", help="write a verifiable bundle")
        export.add_argument("--subject", action="append", default=[], help='e.g. "cases.case:42" (repeatable)')
        export.add_argument("--prefix", action="append", default=[], help='subject prefix, e.g. "cases."')
        export.add_argument("--seq", action="append", type=int, default=[], help="entry number (repeatable)")
        export.add_argument("-o", "--output", required=True, help="bundle file to write")
        sub.add_parser("status", help="print tree size, latest checkpoint and key fingerprint")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            getattr(self, f"do_{action}")(options)
        except DomainError as exc:
            raise CommandError(f"{exc.message} ({exc.code})") from exc

    def do_checkpoint(self, options: dict[str, Any]) -> None:
        cp = services.make_checkpoint()
        if cp is None:
            self.stdout.write("记录日志为空，无需签名 (empty ledger)")
        else:
            self.stdout.write(f"检查点 checkpoint: size {cp.tree_size} root {cp.root} ({cp.sig_alg})")

    def do_checkpointer(self, options: dict[str, Any]) -> None:
        interval = max(0.0, float(options["interval"]))
        max_runs = int(options["max_runs"])
        runs = 0
        self.stdout.write(f"ledger checkpointer: every {interval:g} s")
        while True:
            try:
                cp = services.checkpoint_if_stale(max_age=min(interval, services.CHECKPOINT_MAX_AGE))
            except Exception as exc:  # keep the loop alive across database hiccups
                self.stderr.write(f"checkpoint failed: {exc}")
                cp = None
            if cp is not None:
                self.stdout.write(f"检查点 checkpoint: size {cp.tree_size} root {cp.root}")
            runs += 1
            if max_runs and runs >= max_runs:
                return
            time.sleep(interval)

    def do_verify(self, options: dict[str, Any]) -> None:
        report = verify_ledger(workers=max(1, int(options["workers"])))
        rate = report.bytes_hashed / report.seconds / 1e6 if report.seconds else 0.0
        summary = (
            f"{report.entries} 条记录, {report.checkpoints} 个检查点, {report.hash_alg}, "
            f"{report.seconds:.2f} s ({rate:.0f} MB/s)"
        )
        if report.ok:
            self.stdout.write(f"校验通过 OK: {summary}")
            return
        for problem in report.problems:
            where = f", seq {problem.seq}" if problem.seq is not None else ""
            self.stdout.write(f"{problem.message} ({problem.code}{where})")
        first = report.first
        assert first is not None
        self.stdout.write(f"校验失败 FAILED: {first.message} ({first.code}); {summary}")
        self.stdout.flush()
        sys.exit(1)

    def do_export(self, options: dict[str, Any]) -> None:
        if not (options["subject"] or options["prefix"] or options["seq"]):
            raise CommandError("请用 --subject、--prefix 或 --seq 选择要导出的记录")
        bundle = services.export_bundle(
            subjects=options["subject"], subject_prefixes=options["prefix"], seqs=options["seq"]
        )
        Path(options["output"]).write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(
            f"导出 {len(bundle['entries'])} 条记录 → {options['output']} "
            f"(checkpoint {bundle['checkpoint']['tree_size']}, key {bundle['public_key']['fingerprint']})"
        )

    def do_status(self, options: dict[str, Any]) -> None:
        st = selectors.status()
        cp = st["checkpoint"]
        self.stdout.write(f"size {st['size']} hash {st['hash_alg']}")
        self.stdout.write(f"key {st['sig_alg']} fingerprint {st['fingerprint']}")
        if cp is not None:
            self.stdout.write(f"latest checkpoint: size {cp.tree_size} root {cp.root} at {cp.created_at.isoformat()}")
