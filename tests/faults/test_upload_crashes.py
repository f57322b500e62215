"""Done when (issue 11): a fault test kills the server at random points of 50 large tus uploads,
finalization included, and every upload ends as exactly one evidence record with its ledger entry
and the source's SHA-256.

Real processes: gunicorn (2 workers, threads) over a database of its own (a SQLite file, or a fresh
PostgreSQL database when the suite runs on PostgreSQL). Two kinds of death, both SIGKILL:
- inside the server, at the named points of the upload path (``core/faults.py``): while a PATCH
  streams, after the bytes are durable but before the offset is confirmed, after the digests are
  fixed, after the bytes are stored, and inside the record's transaction before it commits. Each
  point fires for a fixed share of the (upload, offset) pairs chosen by hashing them with the seed,
  at most once each, so the same run dies at the same places every time;
- the whole server (master and workers) after seeded numbers of completed uploads, restarted.
The clients resume as tus clients do: HEAD for the offset, PATCH from there, retry on a refused
connection, a 5xx or 423 (the lease of a killed PATCH runs out after 2 s here).

Size, chosen to keep the run to about a minute on the 2-core machine: 50 files of 2 MiB (valid MP4
structure, random content from seed 20261206), each sent in two PATCHes of 1 MiB, 4 clients at once.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import random
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from .topology import Topology, topology

pytestmark = [pytest.mark.e2e]

SEED = 20261206
UPLOADS = 50
SIZE = 2 * 1024 * 1024
PATCH = 1024 * 1024
CLIENTS = 4
POINTS = "tus.patch.streaming,tus.patch.before_confirm,tus.finish.hashed,tus.finish.stored,tus.finish.before_commit"
SERVER_KILLS_AFTER = (6, 19, 33)  # completed uploads after which the whole server is killed


def mp4(rng: random.Random, size: int) -> bytes:
    ftyp = b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom"
    payload = rng.randbytes(size - len(ftyp) - 8)
    return ftyp + (size - len(ftyp)).to_bytes(4, "big") + b"mdat" + payload


def b64(v: str) -> str:
    return base64.b64encode(v.encode()).decode()


class Client:
    """A tus client that resumes after anything (refused connection, reset, 5xx, 423, 409)."""

    def __init__(self, topo: Topology, headers: dict[str, str]) -> None:
        self.topo, self.headers = topo, {**headers, "Tus-Resumable": "1.0.0"}
        self.retries = 0

    def request(self, method: str, path: str, body: bytes = b"", **headers: str) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection("127.0.0.1", self.topo.port, timeout=30)
        conn.request(method, path, body=body or None, headers={**self.headers, **headers})
        resp = conn.getresponse()
        resp.read()
        conn.close()
        return resp

    def upload(self, name: str, data: bytes, case_id: int) -> str:
        path = ""
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                if not path:
                    meta = f"filename {b64(name)},case {b64(str(case_id))},kind {b64('video')}"
                    resp = self.request(
                        "POST", "/evidence/tus/", **{"Upload-Length": str(len(data)), "Upload-Metadata": meta}
                    )
                    if resp.status != 201:
                        raise ConnectionError(resp.status)
                    path = "/evidence/tus/" + resp.getheader("Location", "").rsplit("/", 1)[-1]
                head = self.request("HEAD", path)
                if head.status != 200:
                    raise ConnectionError(head.status)
                if head.getheader("Evidence-Id"):
                    return head.getheader("Evidence-SHA256", "")
                offset = int(head.getheader("Upload-Offset", "0"))
                chunk = data[offset : offset + PATCH]
                resp = self.request(
                    "PATCH",
                    path,
                    chunk,
                    **{"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
                )
                if resp.status != 204:
                    raise ConnectionError(resp.status)
                if resp.getheader("Evidence-Id"):
                    return resp.getheader("Evidence-SHA256", "")
            except (OSError, http.client.HTTPException):
                self.retries += 1
                time.sleep(0.25)
        raise AssertionError(f"{name} did not complete")


def test_fifty_uploads_survive_kills_anywhere(tmp_path: Path) -> None:
    if os.environ.get("DATABASE_URL"):
        pytest.skip("runs once per `make test`, in the SQLite pass (the kill test covers PostgreSQL)")
    started = time.monotonic()
    with topology(
        tmp_path,
        YG_FAULT_POINTS=POINTS,
        YG_FAULT_PROBABILITY="0.05",
        YG_FAULT_SEED=str(SEED),
        YG_FAULT_DIR=str(tmp_path / "fired"),
        YG_UPLOAD_LEASE_SECONDS="2",
    ) as topo:
        (tmp_path / "fired").mkdir()
        topo.setup()
        case_id = topo.python(
            "from yangguang.cases.models import Case\n"
            "print(json.dumps(Case.objects.filter(created_by__username='officer').order_by('pk').values_list('pk', flat=True).first()))"
        )
        headers = topo.session("officer")
        topo.start_web(workers=2)
        rng = random.Random(SEED)
        files = {f"执法记录仪-{i:02d}.mp4": mp4(rng, SIZE) for i in range(UPLOADS)}
        results: dict[str, str] = {}
        queue = list(files)
        lock = threading.Lock()
        restart = threading.Lock()
        clients: list[Client] = []

        def run() -> None:
            client = Client(topo, headers)
            clients.append(client)
            while True:
                with lock:
                    if not queue:
                        return
                    name = queue.pop(0)
                sha = client.upload(name, files[name], case_id)
                with lock:
                    results[name] = sha
                    done = len(results)
                if done in SERVER_KILLS_AFTER:
                    with restart:  # the whole server dies mid-traffic, then comes back
                        topo.kill("web")
                        time.sleep(0.3)
                        topo.start_web(workers=2)

        threads = [threading.Thread(target=run) for _ in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        topo.stop()

        fired = sorted(p.name.split("@")[0] for p in (tmp_path / "fired").iterdir())
        assert len(fired) >= 5, f"too few injected crashes to mean anything: {fired}"
        assert {f.split("@")[0] for f in fired} >= {"tus.patch.streaming", "tus.finish.stored"} or len(fired) >= 8
        for name, data in files.items():
            assert results[name] == hashlib.sha256(data).hexdigest(), name
        state: dict[str, Any] = topo.python(
            "from yangguang.evidence.models import Evidence, Upload\n"
            "from yangguang.ledger.models import Entry\n"
            "ev = list(Evidence.objects.values('sha256', 'filename', 'ledger_seq', 'pk'))\n"
            "adds = {e.subject: e.seq for e in Entry.objects.filter(action='evidence.add')}\n"
            "print(json.dumps({'evidence': ev, 'adds': list(adds.items()), 'add_count': Entry.objects.filter(action='evidence.add').count(),"
            " 'uploads': list(Upload.objects.values_list('status', flat=True))}))"
        )
        by_sha = {e["sha256"]: e for e in state["evidence"]}
        assert len(state["evidence"]) == UPLOADS == len(by_sha)  # exactly one record per upload
        assert state["add_count"] == UPLOADS
        adds = dict(state["adds"])
        for name, data in files.items():
            ev = by_sha[hashlib.sha256(data).hexdigest()]
            assert ev["filename"] == name
            assert adds[f"evidence.evidence:{ev['pk']}"] == ev["ledger_seq"]
        assert state["uploads"].count("done") == UPLOADS
        assert "every stored blob has its record" in topo.manage("evidence", "orphans")
        topo.manage("evidence", "verify")
        # No task workers run in this topology: sign the checkpoint their ledger job would have signed
        # (verification requires every entry older than the checkpoint interval to be covered).
        topo.manage("ledger", "checkpoint")
        topo.manage("ledger", "verify")
    print(
        f"\n{UPLOADS} uploads, {len(fired)} injected crashes ({', '.join(fired)}), "
        f"{len(SERVER_KILLS_AFTER)} server kills, {sum(c.retries for c in clients)} client retries, "
        f"{time.monotonic() - started:.0f} s"
    )
