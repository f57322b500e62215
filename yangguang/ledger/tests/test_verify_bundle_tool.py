"""tools/verify_bundle.py and the verifier module, run as separate processes without Django."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from yangguang.ledger.services import append_entry, export_bundle

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # -I: isolated mode, no site-specific paths from the environment; a Django import would fail.
    return subprocess.run([sys.executable, "-I", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def bundle_file(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    for i in range(9):
        append_entry(
            actor=None, subject=f"cases.case:{i % 2}", action="case.step", payload={"i": i, "说明": "现场检查"}
        )
    bundle = export_bundle(subjects=["cases.case:1"])
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path, bundle


def test_tool_accepts_a_genuine_bundle(bundle_file: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    path, bundle = bundle_file
    fp = bundle["public_key"]["fingerprint"]
    done = _run([str(ROOT / "tools" / "verify_bundle.py"), str(path), "--fingerprint", fp], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "校验通过 OK: 4 entries are in the ledger of size 9" in done.stdout
    assert f"公钥指纹 public key fingerprint: {fp}" in done.stdout


def test_single_file_verifier_runs_alone_and_rejects_forgery(
    bundle_file: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, bundle = bundle_file
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(ROOT / "yangguang" / "ledger" / "verifier.py", alone / "verify_bundle.py")
    no_django = _run(
        ["-c", "import runpy, sys; runpy.run_path('verify_bundle.py'); assert 'django' not in sys.modules"], alone
    )
    assert no_django.returncode == 0, no_django.stderr
    ok = _run(["verify_bundle.py", str(path)], alone)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "请与平台公布的公钥指纹核对" in ok.stdout

    bundle["entries"][2]["canonical"] = bundle["entries"][2]["canonical"].replace("现场检查", "未检查")
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    bad = _run(["verify_bundle.py", str(forged)], alone)
    assert bad.returncode == 1
    assert "校验失败 FAILED: entry 5: inclusion proof leads to a different root" in bad.stdout

    wrong_key = _run(["verify_bundle.py", str(path), "--fingerprint", "ab" * 32], alone)
    assert wrong_key.returncode == 1
    assert "public key fingerprint differs from the expected one" in wrong_key.stdout


def test_tool_checks_witnesses_and_an_outside_checkpoint(tmp_path: Path, monkeypatch: Any, settings: Any) -> None:
    """A bundle whose checkpoint a witness cosigned, checked against a checkpoint the reader kept from
    earlier: the proof of consistency travels in the bundle, so this runs offline."""
    from yangguang.ledger import crypto, selectors, witness, witnessing
    from yangguang.ledger.services import make_checkpoint

    directory = tmp_path / "witness"
    witness.init(directory, "witness.public.example/w1", "sm2")
    log_key = next(iter(crypto.load_keys().values()))
    witness.add_log(directory, log_key.note_verifier("yangguang.local/ledger").vkey, "sm3")
    w = witness.Witness(directory)
    monkeypatch.setattr(witnessing, "_post", lambda url, body, timeout: (200, "text/plain", w.add_checkpoint(body)))
    settings.LEDGER_WITNESSES = [f"https://w.example {w.verifier.vkey}"]
    for i in range(5):
        append_entry(actor=None, subject="cases.case:1", action="case.step", payload={"i": i})
    kept = tmp_path / "kept.txt"
    kept.write_text(selectors.checkpoint_note(make_checkpoint()), encoding="utf-8")  # type: ignore[arg-type]
    for i in range(6):
        append_entry(actor=None, subject="cases.case:2", action="case.step", payload={"i": i})
    make_checkpoint()
    assert [o.ok for o in witnessing.cosign_latest()] == [True]
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(export_bundle(subjects=["cases.case:2"], consistency_from=[5])), encoding="utf-8")
    tool = [str(ROOT / "tools" / "verify_bundle.py"), str(path)]

    done = _run([*tool, "--witness", w.verifier.vkey, "--trusted", str(kept)], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "校验通过 OK: cosigned by witness.public.example/w1" in done.stdout
    assert "校验通过 OK: consistent with the trusted checkpoint of size 5" in done.stdout

    # A witness the bundle's checkpoint does not carry, or a checkpoint of another history.
    other = witness.init(tmp_path / "other", "witness.other.example/w2", "ed25519")
    missing = _run([*tool, "--witness", other.verifier.vkey], tmp_path)
    assert missing.returncode == 1 and "cosigned by 0 of the given witnesses, 1 needed" in missing.stdout
    forked = tmp_path / "forked.txt"
    lines = kept.read_text(encoding="utf-8").split("\n")
    lines[2] = "A" * 43 + "="
    forked.write_text("\n".join(lines), encoding="utf-8")
    bad = _run([*tool, "--trusted", str(forked)], tmp_path)
    assert bad.returncode == 1
    assert "not consistent with the trusted checkpoint of size 5" in bad.stdout
