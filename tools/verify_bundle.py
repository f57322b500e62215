#!/usr/bin/env python3
"""Verify a Yangguang ledger bundle: ``python tools/verify_bundle.py bundle.json [--fingerprint FP]``.

Needs only the Python standard library (and ``cryptography`` for Ed25519-signed ledgers). The code is
``yangguang/ledger/verifier.py``, a single self-contained file that imports nothing from Django or
Yangguang; this launcher loads it by path, so the ``yangguang`` package (and Django) is never
imported. Hand that one file to anyone who needs to check a bundle (the platform serves it at
/ledger/verifier.py).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

VERIFIER = Path(__file__).resolve().parent.parent / "yangguang" / "ledger" / "verifier.py"


def main() -> int:
    spec = importlib.util.spec_from_file_location("yangguang_ledger_verifier", VERIFIER)
    if spec is None or spec.loader is None:
        print(f"cannot load {VERIFIER}", file=sys.stderr)
        return 2
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return int(module.main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
