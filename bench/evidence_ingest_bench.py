#!/usr/bin/env python3
"""Evidence ingest benchmark: a 2 GB file through the tus endpoint of a live server vs copying and
SM3-hashing the same file locally.

    .venv/bin/python bench/evidence_ingest_bench.py [--size-mb 2048] [--chunk-mb 256] [--json]

Everything lives in a throwaway directory (``--dir``, default under /tmp) that is deleted at the
end: an SQLite database, the media root, the generated file. The server is ``manage.py runserver
--noreload`` on a free loopback port (one process, so its peak RSS is the server's). Targets
(issue 4): tus throughput >= 70% of local copy+SM3, server peak RSS < 150 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_mp4(path: Path, size: int) -> None:
    """An ISO BMFF file of exactly ``size`` bytes: ftyp box + one 64-bit mdat box of random data."""
    ftyp = b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom"
    header = ftyp + (1).to_bytes(4, "big") + b"mdat" + (size - len(ftyp)).to_bytes(8, "big")
    block = os.urandom(16 * MB)
    with open(path, "wb") as out:
        out.write(header)
        remaining = size - len(header)
        while remaining > 0:
            n = min(len(block), remaining)
            out.write(block[:n])
            remaining -= n


def local_copy_sm3(src: Path, dst: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    h = hashlib.new("sm3")
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while data := fin.read(MB):
            h.update(data)
            fout.write(data)
        fout.flush()
        os.fsync(fout.fileno())
    return time.perf_counter() - t0, h.hexdigest()


def setup_db(env: dict[str, str]) -> dict[str, Any]:
    """Migrate the throwaway database and create an officer, a case and a logged-in session."""
    code = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", "--noinput", verbosity=0)
from django.test import Client
from yangguang.roster.models import Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UnitFactory, UserFactory
from yangguang.cases.services import create_case
from yangguang.cases.tests.conftest import company
p = Region.objects.create(code="330000", name="浙江省", level=RegionLevel.PROVINCE, path="/330000/")
city = Region.objects.create(code="330100", name="杭州市", level=RegionLevel.CITY, parent=p, path="/330000/330100/")
agency = AgencyFactory(name="杭州市市场监督管理局", region=city)
unit = UnitFactory(agency=agency, name="执法稽查处")
o1 = OfficerFactory(agency=agency, unit=unit); o2 = OfficerFactory(agency=agency, unit=unit)
user = UserFactory(username="bench", role="officer", agency=agency, officer=o1)
case = create_case(actor=user, kind="coercive_measure", title="扣押过期食品", parties=[company(1)], officers=[o1, o2])
c = Client(); c.force_login(user)
print(json.dumps({"case": case.pk, "session": c.cookies["sessionid"].value}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tus_upload(port: int, path: Path, size: int, case: int, session: str, chunk: int) -> dict[str, Any]:
    import base64

    csrf = secrets.token_hex(16)  # 32 characters: Django accepts it as the cookie secret
    cookies = f"sessionid={session}; csrftoken={csrf}"
    base = {"Tus-Resumable": "1.0.0", "Cookie": cookies, "X-CSRFToken": csrf}

    def b64(v: str) -> str:
        return base64.b64encode(v.encode()).decode()

    meta = f"filename {b64(path.name)},case {b64(str(case))},kind {b64('video')},step {b64('impose')}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600, blocksize=MB)
    t0 = time.perf_counter()
    conn.request("POST", "/evidence/tus/", headers={**base, "Upload-Length": str(size), "Upload-Metadata": meta})
    resp = conn.getresponse()
    resp.read()
    if resp.status != 201:
        raise RuntimeError(f"create failed: {resp.status}")
    location = resp.getheader("Location", "")
    url = location.split(f"127.0.0.1:{port}", 1)[-1]
    offset = 0
    result: dict[str, Any] = {}
    with open(path, "rb") as fh:
        while offset < size:
            n = min(chunk, size - offset)

            class Body:
                def __init__(self, remaining: int) -> None:
                    self.remaining = remaining

                def read(self, k: int = MB) -> bytes:
                    if self.remaining <= 0:
                        return b""
                    data = fh.read(min(k, self.remaining))
                    self.remaining -= len(data)
                    return data

            headers = {
                **base,
                "Upload-Offset": str(offset),
                "Content-Type": "application/offset+octet-stream",
                "Content-Length": str(n),
            }
            conn.request("PATCH", url, body=Body(n), headers=headers)  # type: ignore[arg-type]
            resp = conn.getresponse()
            body = resp.read()
            if resp.status != 204:
                raise RuntimeError(f"PATCH failed: {resp.status} {body[:300]!r}")
            offset = int(resp.getheader("Upload-Offset", "0"))
            if resp.getheader("Evidence-SHA256"):
                result = {"sha256": resp.getheader("Evidence-SHA256"), "sm3": resp.getheader("Evidence-SM3")}
    result["seconds"] = time.perf_counter() - t0
    conn.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=2048)
    parser.add_argument("--chunk-mb", type=int, default=256, help="bytes per PATCH request")
    parser.add_argument("--dir", default="", help="work directory (default: a new one under /tmp)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    size = args.size_mb * MB
    work = Path(args.dir or tempfile.mkdtemp(prefix="yg-evidence-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "yangguang.settings",
        "YG_VAR_DIR": str(work / "var"),
        "YG_EVIDENCE_STORAGE": "local",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    server = None
    try:
        src = work / "bodycam.mp4"
        t0 = time.perf_counter()
        make_mp4(src, size)
        gen_seconds = time.perf_counter() - t0
        local_seconds, local_sm3 = local_copy_sm3(src, work / "copy.mp4")
        (work / "copy.mp4").unlink()
        info = setup_db(env)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        idle_rss = peak_rss_mb(server.pid)
        up = tus_upload(port, src, size, info["case"], info["session"], args.chunk_mb * MB)
        rss = peak_rss_mb(server.pid)
        sha = hashlib.sha256()
        with open(src, "rb") as fh:
            while data := fh.read(MB):
                sha.update(data)
        result = {
            "size_mb": args.size_mb,
            "generate_seconds": round(gen_seconds, 2),
            "local_copy_sm3_seconds": round(local_seconds, 2),
            "local_mb_per_s": round(args.size_mb / local_seconds, 1),
            "tus_seconds": round(up["seconds"], 2),
            "tus_mb_per_s": round(args.size_mb / up["seconds"], 1),
            "throughput_ratio": round(local_seconds / up["seconds"], 3),
            "server_peak_rss_mb": round(rss, 1),
            "server_idle_rss_mb": round(idle_rss, 1),
            "sha256_matches": up.get("sha256") == sha.hexdigest(),
            "sm3_matches": up.get("sm3") == local_sm3,
            "targets_met": local_seconds / up["seconds"] >= 0.7 and rss < 150,
        }
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>26}: {value}")
    return 0 if result["targets_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
