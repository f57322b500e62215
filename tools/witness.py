#!/usr/bin/env python3
"""Run a Yangguang ledger witness (C2SP tlog-witness): ``python tools/witness.py init|add-log|serve|show``.

Needs only the Python standard library (and ``cryptography`` for Ed25519 witness keys). The code is
``yangguang/ledger/witness.py`` with ``yangguang/ledger/verifier.py`` beside it; this launcher loads
them by path, so neither Django nor the ``yangguang`` package is imported. Hand those two files to
whoever runs a witness (another agency, the justice bureau, the public). See the module's
docstring, or ``--help``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

WITNESS = Path(__file__).resolve().parent.parent / "yangguang" / "ledger" / "witness.py"


def main() -> int:
    spec = importlib.util.spec_from_file_location("yangguang_ledger_witness", WITNESS)
    if spec is None or spec.loader is None:
        print(f"cannot load {WITNESS}", file=sys.stderr)
        return 2
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return int(module.main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
