"""The held-out redaction set (bench/redaction_holdout/) is well-formed and is what its generator
writes. Its figures are a measurement (README "Held-out measurement"), not a floor: no score here."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HOLDOUT = Path(__file__).resolve().parent.parent / "bench" / "redaction_holdout"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"holdout_{name}", HOLDOUT / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_holdout_validates_and_is_current():
    records, errors = _module("check").check(HOLDOUT / "decisions.jsonl")
    assert errors == []
    assert len(records) >= 80
    built = _module("gen").build()
    assert [json.dumps(r, ensure_ascii=False) for r in built] == [json.dumps(r, ensure_ascii=False) for r in records]
