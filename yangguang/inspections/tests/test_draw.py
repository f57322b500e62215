"""The pure draw (``draw.py``) and the stand-alone verifier (``tools/verify_draw.py``): the test
vectors in ``vectors/v1`` reproduce byte for byte, a snapshot with one entity removed fails,
recusal is honoured and the work is spread evenly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from yangguang.inspections import draw

VECTORS = Path(__file__).resolve().parent / "vectors" / "v1"
TOOL = Path(__file__).resolve().parents[3] / "tools" / "verify_draw.py"


def _files(base: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in base.iterdir()}


def test_vector_reproduces_byte_for_byte() -> None:
    f = _files(VECTORS)
    commitment = draw.Commitment.from_json(f["commitment.json"])
    assert commitment.to_json() == f["commitment.json"]
    result = draw.run_draw(
        commitment=commitment,
        seed=f["seed.txt"].decode().strip(),
        entities=f["entities.tsv"],
        inspectors=f["inspectors.tsv"],
        conflicts=f["conflicts.tsv"],
    )
    assert result.to_file() == f["result.tsv"]
    assert result.sizes == {"high": 30, "low": 2, "medium": 12}  # count 40 capped at 30; floor 12 over 10%
    assert commitment.digest == "2238dddf1aae5e4419f2d811fd6525a2b7484e60b5ef100058b5dddeb44993c9"


def test_recusal_honoured_and_work_spread() -> None:
    f = _files(VECTORS)
    rows = [line.split("\t") for line in f["result.tsv"].decode().splitlines()[1:]]
    conflicts = draw.parse_conflicts(f["conflicts.tsv"])
    for _stratum, code, _ticket, crew in rows:
        for cert in crew.split(","):
            assert bytes.fromhex(draw.conflict_hash("SJ2026-VECTOR-001", cert, code)) not in conflicts
    load = Counter(c for *_x, crew in rows for c in crew.split(","))
    b_loads = [n for cert, n in load.items() if cert.startswith("ZJ-B")]
    assert max(b_loads) - min(b_loads) <= 1  # no recusal in agency B: perfectly even


def test_tickets_are_sha256_of_seed_plan_code() -> None:
    import hashlib

    (t,) = draw.tickets("s", "P", [b"91X"])
    assert t[:32] == hashlib.sha256(b"s\0P\091X").digest() and t[32:] == b"91X"


def test_quota_sizes() -> None:
    assert draw.Quota(ratio="0.02").size(1000) == 20
    assert draw.Quota(ratio="0.02").size(1001) == 21  # rounded up
    assert draw.Quota(ratio="0.01", floor=5).size(100) == 5
    assert draw.Quota(ratio="0.5", cap=3).size(100) == 3
    assert draw.Quota(count=10).size(4) == 4


def test_too_few_inspectors_fails() -> None:
    ents = draw.entities_file([("91A", "low")])
    insp = draw.inspectors_file([("C1", "AG")])
    conf = draw.conflicts_file("P", [])
    c = draw.make_commitment(
        plan="P",
        entities=ents,
        inspectors=insp,
        conflicts=conf,
        quotas={"low": draw.Quota(count=1)},
        agencies=["AG"],
        per_agency=2,
        seed_source="x",
    )
    with pytest.raises(draw.DrawError, match="合格检查人员不足 2 名"):
        draw.run_draw(commitment=c, seed="s", entities=ents, inspectors=insp, conflicts=conf)


def test_duplicate_entity_line_refused() -> None:
    ents = draw.ENTITIES_HEADER.encode() + b"91A\thigh\n91A\tlow\n"
    insp = draw.inspectors_file([("C1", "AG"), ("C2", "AG")])
    conf = draw.conflicts_file("P", [])
    quotas = {"low": draw.Quota(count=1), "high": draw.Quota(count=1)}
    c = draw.make_commitment(
        plan="P",
        entities=ents,
        inspectors=insp,
        conflicts=conf,
        quotas=quotas,
        agencies=["AG"],
        per_agency=2,
        seed_source="x",
    )
    with pytest.raises(draw.DrawError, match="同一市场主体被列入两次"):
        draw.run_draw(commitment=c, seed="s", entities=ents, inspectors=insp, conflicts=conf)


def test_verify_tool_standalone(tmp_path: Path) -> None:
    """``python -I`` (no site, no project on the path): the tool passes on the vectors and fails
    when one entity is removed from the snapshot."""
    ok = subprocess.run([sys.executable, "-I", str(TOOL), str(VECTORS)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "通过" in ok.stdout
    bad = tmp_path / "bad"
    shutil.copytree(VECTORS, bad)
    lines = (bad / "entities.tsv").read_bytes().splitlines(keepends=True)
    (bad / "entities.tsv").write_bytes(b"".join(lines[:5] + lines[6:]))
    failed = subprocess.run([sys.executable, "-I", str(TOOL), str(bad)], capture_output=True, text=True)
    assert failed.returncode == 1
    assert "entities.tsv 与承诺的哈希不符" in failed.stderr
