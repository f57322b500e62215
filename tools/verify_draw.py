#!/usr/bin/env python3
"""Verify a published random-inspection draw (双随机): ``python tools/verify_draw.py DIR [--seed S]
[--commitment-sha256 HEX]``.

DIR holds the files the portal publishes with the results of a draw: ``commitment.json``,
``entities.tsv``, ``inspectors.tsv``, ``conflicts.tsv``, ``seed.txt`` and ``result.tsv``. The
snapshots must match the hashes fixed in the commitment before the seed existed, and the result
must be what the seed selects from them. Exit status 0 when it verifies, 1 otherwise.

Needs only the Python standard library. The algorithm is ``yangguang/inspections/draw.py``, one
self-contained file (the portal serves it beside the draw's files); this launcher loads it by
path, so neither the ``yangguang`` package nor Django is imported. ``draw.py`` found beside this
file is used first (the handed-out pair).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CANDIDATES = (HERE / "draw.py", HERE.parent / "yangguang" / "inspections" / "draw.py")


def load() -> object:
    path = next((p for p in CANDIDATES if p.is_file()), None)
    if path is None:
        raise SystemExit("找不到 draw.py（请放在本文件旁）")
    spec = importlib.util.spec_from_file_location("yangguang_draw", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["yangguang_draw"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    raise SystemExit(load().main(sys.argv[1:]))  # type: ignore[attr-defined]
