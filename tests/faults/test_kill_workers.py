"""Done when (issue 15): kill -9 a task worker and a web worker in the middle of publishing and of
an upload; after restart nothing is lost or done twice — every publication pushed exactly once by
its idempotency key, the upload resumed on another process, ``ledger verify`` clean; and every
document's DOCX (rendered after commit by the same workers) rendered exactly once.

Real processes over the suite's PostgreSQL server (a fresh database of its own; the test runs in
the PostgreSQL pass of ``make test``): gunicorn with 2 workers, 2 task workers (one without the push queue), a receiving
platform on loopback. 12 decisions are made over the HTTP API; task workers die at seeded points
inside the pipeline (after a handler's work, before it is marked done; after a push was sent,
before it is marked sent) and one is killed from outside while publications are in flight; a web
worker dies in the middle of an upload's PATCH.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from .test_upload_crashes import Client, b64, mp4
from .topology import PushReceiver, decide_over_http, topology

pytestmark = [pytest.mark.e2e]

SEED = 15
DECISIONS = 12


def children(pid: int) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                out.append(int(proc.name))
    return out


def test_killed_workers_lose_nothing_and_do_nothing_twice(tmp_path: Path) -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("runs once per `make test`, in the PostgreSQL pass (the upload fault test covers SQLite)")
    receiver = PushReceiver()
    fast = {
        "YG_WORKER_STALE_SECONDS": "3",
        "YG_WORKER_HEARTBEAT_SECONDS": "1",
        "YG_OUTBOX_RECHECK_SECONDS": "2",
        "YG_PUSH_EVERY_SECONDS": "1",
        "YG_PUSH_CLAIM_SECONDS": "4",
        "YG_PUSH_URL": receiver.url,
        "YG_PUSH_KEY": "superior-platform-key",
        "YG_PUSH_BACKOFF": "1",
        "YG_UPLOAD_LEASE_SECONDS": "2",
    }
    with topology(tmp_path, **fast) as topo:
        (tmp_path / "fired").mkdir()
        topo.setup()
        officer2 = topo.python(
            "from yangguang.roster.models import User\nprint(json.dumps(User.objects.get(username='officer2').officer_id))"
        )
        headers = topo.session("officer")
        # The demo cases include a decided one, published once the workers run: count it too.
        before = topo.python(
            "from yangguang.publicity.models import Publication\n"
            "print(json.dumps(Publication.objects.exclude(status='blocked').count()))"
        )
        topo.start_web(workers=2)
        faults = {
            "YG_FAULT_POINTS": "jobs.after_handler,publicity.push.sent",
            "YG_FAULT_PROBABILITY": "0.15",
            "YG_FAULT_SEED": str(SEED),
            "YG_FAULT_DIR": str(tmp_path / "fired"),
        }
        topo.start_worker("tasks-1", **faults)
        topo.start_worker("tasks-2", "--queues", "*", "--exclude-queues", "push", **faults)
        topo.supervise()

        cases = [decide_over_http(topo, headers, n, officer2) for n in range(DECISIONS)]

        # A task worker is killed from outside while the publications are in flight.
        time.sleep(0.5)
        topo.kill("tasks-2")
        # An upload: the first half goes in, then a web worker dies in the middle of the PATCH.
        data = mp4(random.Random(SEED), 4 * 1024 * 1024)
        client = Client(topo, headers)
        meta = f"filename {b64('现场录像.mp4')},case {b64(str(cases[0]))},kind {b64('video')}"
        created = client.request("POST", "/evidence/tus/", **{"Upload-Length": str(len(data)), "Upload-Metadata": meta})
        path = "/evidence/tus/" + created.getheader("Location", "").rsplit("/", 1)[-1]
        client.request(
            "PATCH",
            path,
            data[: len(data) // 2],
            **{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
        )
        conn = http.client.HTTPConnection("127.0.0.1", topo.port, timeout=30)
        conn.putrequest("PATCH", path)
        for key, value in {
            **client.headers,
            "Upload-Offset": str(len(data) // 2),
            "Content-Type": "application/offset+octet-stream",
            "Content-Length": str(len(data) // 2),
        }.items():
            conn.putheader(key, value)
        conn.endheaders()
        assert conn.sock is not None
        conn.sock.sendall(data[len(data) // 2 : len(data) // 2 + 1_000_000])
        web_workers = children(topo.procs["web"].pid)
        assert len(web_workers) == 2
        for pid in web_workers:  # whichever serves the PATCH dies with the other
            os.kill(pid, signal.SIGKILL)
        conn.close()
        topo.start_worker("tasks-2", "--queues", "*", "--exclude-queues", "push", **faults)
        deadline = time.monotonic() + 120
        evidence_sha = ""
        while not evidence_sha and time.monotonic() < deadline:
            try:
                head = client.request("HEAD", path)
                offset = int(head.getheader("Upload-Offset") or 0)
                if head.getheader("Evidence-Id"):
                    evidence_sha = head.getheader("Evidence-SHA256", "")
                    break
                resp = client.request(
                    "PATCH",
                    path,
                    data[offset:],
                    **{"Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
                )
                evidence_sha = resp.getheader("Evidence-SHA256", "") if resp.status == 204 else ""
            except (OSError, http.client.HTTPException):
                time.sleep(0.3)
        assert evidence_sha == hashlib.sha256(data).hexdigest()
        assert set(children(topo.procs["web"].pid)).isdisjoint(web_workers)  # served by new processes

        # Everything published and pushed, in time, whatever died.
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            state = topo.python(
                "from yangguang.publicity.models import Publication, PushTask\n"
                "from yangguang.jobs.models import OutboxItem\n"
                "print(json.dumps({'published': Publication.objects.filter(status='published').count(),"
                " 'push_done': PushTask.objects.filter(status='done', publication__isnull=False).count(),"
                " 'push_all': PushTask.objects.filter(publication__isnull=False).count(),"
                " 'push_pending': PushTask.objects.exclude(status='done').count(),"
                " 'keys': list(PushTask.objects.values_list('key', flat=True)),"
                " 'open_items': OutboxItem.objects.exclude(status='done').count()}))"
            )
            if (
                state["published"] == before + DECISIONS
                and state["push_done"] == state["push_all"] == before + DECISIONS
                and not state["open_items"]
                and not state["push_pending"]
            ):
                break
            time.sleep(0.5)
        topo.stop()
        fired = sorted(p.name.split("@")[0] for p in (tmp_path / "fired").iterdir())
        assert state["published"] == before + DECISIONS, state
        assert state["push_done"] == state["push_all"] == before + DECISIONS and state["open_items"] == 0, state
        # Every publication pushed exactly once by its idempotency key (repeats were deliveries of
        # the same key, dropped by the receiver).
        # Checkpoint pushes go on until the workers stop (a new checkpoint may be signed and pushed
        # after the state above was read): every key the receiver accepted must be a push task of
        # the platform, and the publications' keys must match one for one.
        keys = topo.python(
            "from yangguang.publicity.models import PushTask\n"
            "print(json.dumps(list(PushTask.objects.values_list('key', flat=True))))"
        )
        assert set(receiver.accepted) <= set(keys)
        publications = sorted(k for k in keys if k.startswith("publicity.publication:"))
        assert sorted(k for k in receiver.accepted if k.startswith("publicity.publication:")) == publications
        assert len(publications) == before + DECISIONS
        entries = topo.python(
            "from yangguang.ledger.models import Entry\n"
            "print(json.dumps([Entry.objects.filter(action='publicity.publish').count(), Entry.objects.filter(action='evidence.add').count()]))"
        )
        assert entries == [before + DECISIONS, 1]
        # Every issued document's DOCX rendered after its decision committed, exactly once (one
        # documents.render entry per document, however often a worker died around the handler).
        rendered = topo.python(
            "from yangguang.documents.models import IssuedDocument\n"
            "from yangguang.ledger.models import Entry\n"
            "ids = [json.loads(c)['payload']['document_id'] for c in"
            " Entry.objects.filter(action='documents.render').values_list('canonical', flat=True)]\n"
            "print(json.dumps([IssuedDocument.objects.count(), IssuedDocument.objects.filter(file__isnull=True).count(),"
            " len(ids), len(set(ids))]))"
        )
        assert rendered[1] == 0 and rendered[0] == rendered[2] == rendered[3] >= DECISIONS, rendered
        topo.manage("ledger", "verify")
        receiver.close()
    print(
        f"\n{DECISIONS} decisions published and pushed; injected task-worker deaths: {fired}; "
        f"{topo.restarts} restarts; {len(receiver.deliveries)} deliveries for {len(receiver.accepted)} keys"
    )
