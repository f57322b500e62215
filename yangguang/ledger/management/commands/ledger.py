"""``python manage.py ledger <command>``.

* ``keygen``: create the log's first signing key (refused once the log has checkpoints: a lost key
  is restored from backup, never regenerated); prints the fingerprint to pin.
* ``rotate-key``: hand the log over to a new key (the old key signs the new one in a ledger entry).
* ``checkpoint``: sign the current tree head once (if there are new entries).
* ``checkpointer``: sign every ``--interval`` seconds while there are new entries; ``--max-runs``
  bounds the loop for tests.
* ``cosign``: ask the configured witnesses to cosign the latest checkpoint.
* ``witness``: run a witness server (C2SP tlog-witness) with its own state directory; the same code
  as ``tools/witness.py``, which needs no Django.
* ``verify``: recompute every hash, node, root and signature, check the key chain, coverage and
  witnesses, and (``--trusted``) consistency with checkpoints known outside; exit 1 naming the
  first problem.
* ``export``: write a verifiable bundle of a case's (or any subjects') entries.
* ``status``: tree size, latest checkpoint, public key fingerprint and verifier key.
"""

from __future__ import annotations

import json
import os
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from yangguang.core.errors import DomainError
from yangguang.ledger import selectors, services, witness, witnessing
from yangguang.ledger.crypto import load_keys
from yangguang.ledger.verifier import parse_trusted, read_text_source
from yangguang.ledger.verify import verify_ledger


class Command(BaseCommand):
    help = "Ledger (全过程记录日志): keys, checkpoints, witnesses, verification, export"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        keygen = sub.add_parser("keygen", help="create the log's first signing key")
        keygen.add_argument("--algorithm", choices=["sm2", "ed25519"], default=None)
        keygen.add_argument(
            "--if-missing", action="store_true", help="do nothing if the key directory already holds a key"
        )
        rotate = sub.add_parser("rotate-key", help="hand the log over to a new signing key")
        rotate.add_argument("--algorithm", choices=["sm2", "ed25519"], default=None)
        rotate.add_argument("--reason", default="", help="why (recorded in the handover entry)")
        sub.add_parser("checkpoint", help="sign the current tree head once")
        loop = sub.add_parser("checkpointer", help="sign the tree head periodically")
        loop.add_argument("--interval", type=float, default=30.0, help="seconds between checks (default 30)")
        loop.add_argument("--max-runs", type=int, default=0, help="stop after this many checks (0: never)")
        sub.add_parser("cosign", help="ask the configured witnesses to cosign the latest checkpoint")
        wit = sub.add_parser("witness", help="run a witness (C2SP tlog-witness), see tools/witness.py")
        wit.add_argument("witness_args", nargs="*", help="init|add-log|serve|show and their options")
        verify = sub.add_parser("verify", help="recompute and check everything")
        verify.add_argument(
            "--workers", type=int, default=os.cpu_count() or 1, help="processes scanning the log (default: CPU count)"
        )
        verify.add_argument(
            "--trusted",
            action="append",
            default=[],
            help="a checkpoint known outside the log: file or URL (C2SP note, or a checkpoint mirror JSON)",
        )
        verify.add_argument(
            "--no-reconcile", action="store_true", help="skip walking the records against their entries"
        )
        export = sub.add_parser("export", help="write a verifiable bundle")
        export.add_argument("--subject", action="append", default=[], help='e.g. "cases.case:42" (repeatable)')
        export.add_argument("--prefix", action="append", default=[], help='subject prefix, e.g. "cases."')
        export.add_argument("--seq", action="append", type=int, default=[], help="entry number (repeatable)")
        export.add_argument(
            "--consistency-from",
            action="append",
            type=int,
            default=[],
            help="tree size of a checkpoint the reader holds: include a consistency proof (repeatable)",
        )
        export.add_argument("-o", "--output", required=True, help="bundle file to write")
        sub.add_parser("status", help="print tree size, latest checkpoint and key fingerprint")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"].replace("-", "_")
        try:
            getattr(self, f"do_{action}")(options)
        except DomainError as exc:
            raise CommandError(f"{exc.message} ({exc.code})") from exc

    def do_keygen(self, options: dict[str, Any]) -> None:
        if options["if_missing"] and load_keys():
            return
        key = services.generate_first_key(algorithm=options["algorithm"])
        self.stdout.write(f"签名密钥已生成 key created: {key.algorithm} {key.path}")
        self.stdout.write(f"公钥指纹 fingerprint: {key.fingerprint}")
        self.stdout.write(
            f"请备份密钥目录，并在配置中固定公钥：YG_LEDGER_KEY_FINGERPRINT={key.fingerprint} "
            "(back up the key directory and pin the fingerprint)"
        )

    def do_rotate_key(self, options: dict[str, Any]) -> None:
        entry, key = services.rotate_key(actor=None, algorithm=options["algorithm"], reason=options["reason"])
        self.stdout.write(f"密钥已交接 handed over at entry {entry.seq}: new {key.algorithm} key {key.fingerprint}")
        self.stdout.write(
            f"请更新配置 YG_LEDGER_KEY_FINGERPRINT（可同时列出新旧指纹）并通知见证人添加新公钥：{selectors.public_key_info()['vkey']}"
        )

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
                for outcome in witnessing.cosign_latest():
                    self.stdout.write(f"witness {outcome.witness}: {outcome.message}")
            runs += 1
            if max_runs and runs >= max_runs:
                return
            time.sleep(interval)

    def do_cosign(self, options: dict[str, Any]) -> None:
        outcomes = witnessing.cosign_latest()
        if not outcomes:
            self.stdout.write("没有需要联署的检查点或未配置见证人 (nothing to cosign)")
        failed = False
        for outcome in outcomes:
            self.stdout.write(f"{'联署' if outcome.ok else '失败'} {outcome.witness}: {outcome.message}")
            failed = failed or not outcome.ok
        if failed:
            sys.exit(1)

    def do_witness(self, options: dict[str, Any]) -> None:
        sys.exit(witness.main(list(options["witness_args"])))

    def do_verify(self, options: dict[str, Any]) -> None:
        trusted = []
        for source in options["trusted"]:
            try:
                trusted += parse_trusted(read_text_source(source))
            except (OSError, ValueError) as exc:
                raise CommandError(f"无法读取外部检查点 {source}：{exc}") from exc
        report = verify_ledger(
            workers=max(1, int(options["workers"])), trusted=trusted, reconcile=not options["no_reconcile"]
        )
        rate = report.bytes_hashed / report.seconds / 1e6 if report.seconds else 0.0
        summary = (
            f"{report.entries} 条记录, {report.checkpoints} 个检查点, {report.hash_alg}, "
            f"{report.seconds:.2f} s ({rate:.0f} MB/s)"
        )
        self.stdout.write(
            f"签名检查点覆盖至第 {report.covered} 条；见证人联署覆盖至第 {report.witnessed} 条；"
            f"外部检查点 {report.trusted} 个"
        )
        for note in report.notes:
            self.stdout.write(note)
        if report.reconciled:
            self.stdout.write(f"已与业务记录对账：{'、'.join(report.reconciled)}（{report.reconcile_seconds:.2f} s）")
        if report.ok:
            self.stdout.write(f"校验通过 OK: {summary}")
            for caveat in report.caveats:
                self.stdout.write(f"无法排除 cannot rule out: {caveat}")
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
            subjects=options["subject"],
            subject_prefixes=options["prefix"],
            seqs=options["seq"],
            consistency_from=options["consistency_from"],
        )
        Path(options["output"]).write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(
            f"导出 {len(bundle['entries'])} 条记录 → {options['output']} "
            f"(checkpoint {bundle['checkpoint']['tree_size']}, key {bundle['public_key']['fingerprint']})"
        )

    def do_status(self, options: dict[str, Any]) -> None:
        st = selectors.status()
        cp = st["checkpoint"]
        self.stdout.write(f"size {st['size']} hash {st['hash_alg']} origin {settings.LEDGER_ORIGIN}")
        self.stdout.write(f"key {st['sig_alg']} fingerprint {st['fingerprint'] or '-'}")
        self.stdout.write(f"vkey {st['vkey'] or '-'}")
        self.stdout.write(f"pinned {', '.join(st['pinned']) or '-'}")
        if cp is not None:
            self.stdout.write(f"latest checkpoint: size {cp.tree_size} root {cp.root} at {cp.created_at.isoformat()}")
