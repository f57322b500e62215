"""A witness run as a new user would run it: a separate process with its own state directory
(``tools/witness.py``, no Django), following the platform's log over HTTP. It cosigns checkpoints as
the log grows, and refuses to cosign after an insider truncated the log; ``ledger verify --trusted``
against the witness's checkpoint then names where the log was cut."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from yangguang.ledger import selectors
from yangguang.ledger.models import Cosignature
from yangguang.ledger.services import append_entry, make_checkpoint
from yangguang.ledger.tests.tampering import truncate

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "witness.py"
pytestmark = pytest.mark.django_db


def _tool(*args: str) -> str:
    # -I: isolated mode, as on the witness operator's machine (no Django, no project on the path).
    done = subprocess.run([sys.executable, "-I", str(TOOL), *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def witness(tmp_path: Path, settings: Any) -> Iterator[tuple[str, str, Path]]:
    """(URL, verifier key, state directory) of a witness serving in its own process."""
    directory = tmp_path / "witness-state"
    vkey = _tool("init", "--dir", str(directory), "--name", "witness.justice.example/w1").split()[-1]
    log_vkey = selectors.public_key_info()["vkey"]
    assert "following yangguang.local/ledger" in _tool("add-log", "--dir", str(directory), "--vkey", log_vkey)
    proc = subprocess.Popen(
        [sys.executable, "-I", str(TOOL), "serve", "--dir", str(directory), "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert "listening on http://127.0.0.1:" in first, first
        url = first.split()[-1]
        settings.LEDGER_WITNESSES = [f"{url} {vkey}"]
        yield url, vkey, directory
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _grow(n: int) -> None:
    for i in range(n):
        append_entry(actor="officer", subject=f"cases.case:{i % 3}", action="case.step", payload={"i": i})


def _cosign() -> str:
    out = StringIO()
    try:
        call_command("ledger", "cosign", stdout=out)
    except SystemExit:
        pass
    return out.getvalue()


def test_witness_cosigns_as_the_log_grows_and_refuses_a_truncated_log(
    witness: tuple[str, str, Path], tmp_path: Path
) -> None:
    url, _vkey, directory = witness
    _grow(5)
    make_checkpoint()
    assert "联署 witness.justice.example/w1: 联署检查点 5" in _cosign()
    _grow(6)
    make_checkpoint()
    assert "联署检查点 11" in _cosign()  # with a consistency proof from 5 to 11
    assert sorted(Cosignature.objects.values_list("checkpoint__tree_size", flat=True)) == [5, 11]
    # The published checkpoint carries the cosignature, and the witness keeps it too.
    note = selectors.checkpoint_note(selectors.latest_checkpoint())  # type: ignore[arg-type]
    assert note.count("\n— ") == 2 and "— witness.justice.example/w1 " in note
    assert "yangguang.local/ledger: size 11" in _tool("show", "--dir", str(directory))

    report = StringIO()
    call_command("ledger", "verify", "--trusted", f"{url}/checkpoint?origin=yangguang.local/ledger", stdout=report)
    assert "校验通过" in report.getvalue() and "与外部检查点一致，至树大小 11" in report.getvalue()

    # The insider cuts the log back to 7 entries (deleting the checkpoints and cosignatures after
    # it), then the log grows again past what the witness saw.
    truncate(7)
    _grow(8)
    make_checkpoint()
    out = _cosign()
    assert "失败 witness.justice.example/w1: 见证人拒绝联署（HTTP 422）" in out
    assert not Cosignature.objects.filter(checkpoint__tree_size=15).exists()

    # The witness's checkpoint, held outside the log, shows where it differs.
    report = StringIO()
    with pytest.raises(SystemExit):
        call_command("ledger", "verify", "--trusted", f"{url}/checkpoint?origin=yangguang.local/ledger", stdout=report)
    assert "第 0–10 条记录中有记录与外部检查点（树大小 11）不一致" in report.getvalue()

    # Cut shorter than the witness's tree: it refuses a smaller tree too (409), and verification
    # reports the truncation.
    truncate(9)
    make_checkpoint()
    assert "见证人已联署更大的树（11 条）" in _cosign()
    report = StringIO()
    with pytest.raises(SystemExit):
        call_command("ledger", "verify", "--trusted", f"{url}/checkpoint?origin=yangguang.local/ledger", stdout=report)
    assert (
        "日志被截断：外部检查点（树大小 11）记录了 11 条记录，日志现在只有 9 条，第 9 条起的记录缺失"
        in report.getvalue()
    )


def test_the_witness_runs_as_two_handed_out_files(tmp_path: Path) -> None:
    """witness.py and verifier.py copied anywhere run with the standard library alone (-S: not even
    site-packages, so neither Django, Yangguang nor cryptography; an SM2 witness key needs none)."""
    import shutil

    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(ROOT / "yangguang" / "ledger" / "witness.py", alone / "witness.py")
    shutil.copy(ROOT / "yangguang" / "ledger" / "verifier.py", alone / "verifier.py")

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-I", "-S", "witness.py", *args], cwd=alone, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    vkey = run("init", "--dir", "state", "--name", "witness.public.example/w9", "--algorithm", "sm2").split()[-1]
    assert vkey.startswith("witness.public.example/w9+")
    assert f"vkey {vkey}" in run("show", "--dir", "state")
