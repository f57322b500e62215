#!/usr/bin/env python3
"""Verify a Yangguang ledger bundle: ``python tools/verify_bundle.py bundle.json [--fingerprint FP]``.

Needs only the Python standard library (and ``cryptography`` for Ed25519-signed ledgers). The code is
``yangguang/ledger/verifier.py``, a single self-contained file that imports nothing from Django or
Yangguang; this launcher loads it by path, so the ``yangguang`` package (and Django) is never
imported. Hand that one file to anyone who needs to check a bundle (the platform serves it at
/ledger/verifier.py).

A case file exported as a ZIP (一案一卷, ``python tools/verify_bundle.py CASE.zip``) is checked too:
its ``ledger/bundle.json`` as above, then every file listed in ``manifest.json`` against the SHA-256
that the verified ledger entries of its subject recorded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import tempfile
import zipfile
from pathlib import Path

VERIFIER = Path(__file__).resolve().parent.parent / "yangguang" / "ledger" / "verifier.py"


def _verify_case_zip(module: object, path: str, rest: list[str]) -> int:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        bundle_bytes = zf.read(manifest.get("bundle", "ledger/bundle.json"))
        with tempfile.TemporaryDirectory() as tmp:
            bundle_path = Path(tmp) / "bundle.json"
            bundle_path.write_bytes(bundle_bytes)
            code = int(module.main([str(bundle_path), *rest]))  # type: ignore[attr-defined]
        if code != 0:
            return code
        # Hashes the (now verified) entries recorded per subject.
        recorded: dict[str, set[str]] = {}
        for entry in json.loads(bundle_bytes).get("entries", []):
            doc = json.loads(entry["canonical"])
            for value in (doc.get("files") or {}).values():
                recorded.setdefault(doc.get("subject", ""), set()).add(value)
        failures = 0
        for item in manifest.get("files", []):
            digest = hashlib.sha256()
            with zf.open(item["path"]) as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
            actual = digest.hexdigest()
            if actual != item["sha256"]:
                print(f"校验失败 FAILED: {item['path']}: SHA-256 {actual} != manifest {item['sha256']}")
                failures += 1
            elif actual not in recorded.get(item["subject"], set()):
                print(f"校验失败 FAILED: {item['path']}: SHA-256 not recorded by the ledger for {item['subject']}")
                failures += 1
            else:
                print(f"校验通过 OK file {item['path']} sha256 {actual}")
    return 1 if failures else 0


def main() -> int:
    spec = importlib.util.spec_from_file_location("yangguang_ledger_verifier", VERIFIER)
    if spec is None or spec.loader is None:
        print(f"cannot load {VERIFIER}", file=sys.stderr)
        return 2
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    args = sys.argv[1:]
    if args and args[0].lower().endswith(".zip"):
        return _verify_case_zip(module, args[0], args[1:])
    return int(module.main(args))


if __name__ == "__main__":
    sys.exit(main())
