"""One case, one file (一案一卷): the streamed ZIP verifies offline with tools/verify_bundle.py, and
a changed evidence file fails."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from yangguang.evidence.models import AccessLog
from yangguang.evidence.tests.conftest import PDF, mp4

ROOT = Path(__file__).resolve().parents[3]


def _verify(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_bundle.py"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_case_file_zip_verifies_offline(
    tus_as: Any, officer: Any, client: Any, seizure_case: Any, tmp_path: Path
) -> None:
    tus = tus_as(officer)
    video = mp4(b"\x07" * 4000)
    tus.upload(video, case=seizure_case.pk, kind="video", step="impose", filename="录像.mp4")
    tus.upload(PDF, case=seizure_case.pk, kind="document", filename="清单.pdf")
    refused = client.post(f"/evidence/case/{seizure_case.pk}/export", {"reason": ""})
    assert refused.status_code == 302
    resp = client.post(f"/evidence/case/{seizure_case.pk}/export", {"reason": "案卷评查"})
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/zip"
    path = tmp_path / "case.zip"
    path.write_bytes(b"".join(resp.streaming_content))
    assert AccessLog.objects.get().kind == "export"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert {"目录.html", "manifest.json", "case.json", "ledger/bundle.json"} <= set(names)
        evidence_files = [n for n in names if n.startswith("evidence/")]
        assert len(evidence_files) == 2
        video_name = next(n for n in evidence_files if n.endswith("录像.mp4"))
        assert zf.read(video_name) == video
        assert "录像.mp4" in zf.read("目录.html").decode()
    ok = _verify(path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert f"校验通过 OK file {video_name}" in ok.stdout
    # Change one byte of the video: the offline check fails.
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == video_name:
                data = data[:-1] + b"\x08"
            dst.writestr(info.filename, data)
    bad = _verify(tampered)
    assert bad.returncode == 1
    assert f"校验失败 FAILED: {video_name}" in bad.stdout
