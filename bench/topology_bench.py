#!/usr/bin/env python3
"""Multi-process topology benchmark (issue 15): real gunicorn web processes and task workers on one
machine, driven over HTTP by concurrent clients.

    .venv/bin/python bench/topology_bench.py [--decisions 120] [--clients 8] [--search-seconds 20]
    scripts/pgtmp.py -- .venv/bin/python bench/topology_bench.py --s3     # PostgreSQL + moto's S3
    ... --scaled-only (skip the one-process run)  --broker (the queue through a throwaway Redis)

Measures, on the database the environment selects (DATABASE_URL: a fresh database on that
PostgreSQL server; otherwise a SQLite file), each run on fresh data of its own:

1. decisions per second (register + decide a summary penalty over the JSON API, ``--clients``
   concurrent clients) and the publication lag (decision committed → its page answers 200 on the
   public portal: redacted, published, indexed by the task workers) p50/p95, for the scaled
   topology (4 web workers + 2 task workers) against one process (1 web worker with 1 thread + 1
   task worker); with ``--s3`` the files go to moto's S3 server on loopback;
2. public search p95 (``/public/decisions/?q=罚款``, one client) alone and while 8 clients record
   case steps (register + decide) at full speed.

Each line ends with the CPU seconds of every process of the run against its wall time and the
load average before and after; with the database transport a second line says where the lag went
(the prepare items' creation → publication, the workers' time running tasks and between tasks).

Target (issue 15): publication lag p95 < 5 s in the scaled topology.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import redistmp  # noqa: E402
from tests.faults.topology import Topology, decide_over_http, free_port  # noqa: E402


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def moto_server() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    import boto3

    boto3.client(
        "s3", endpoint_url=url, aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    ).create_bucket(Bucket="yangguang")
    return proc, url


class Db:
    """A direct read-only connection to the topology's database (no Django in the bench process)."""

    def __init__(self, topo: Topology) -> None:
        url = topo.env.get("DATABASE_URL", "")
        if url:
            import psycopg

            self.conn: Any = psycopg.connect(url, autocommit=True)
            self.mark = "%s"
        else:
            import sqlite3

            self.conn = sqlite3.connect(str(topo.var / "yangguang.sqlite3"), check_same_thread=False)
            self.mark = "?"

    def breakdown(self) -> dict[str, float]:
        """Where the publication lag goes (database transport only): for every ``publicity.prepare``
        item, from its creation in the decision's transaction to the end of its handler; and how
        the task workers spent their time (running tasks, and between one task and the next one that
        was already waiting: the poll and the waits for SQLite's write lock)."""
        items = self.conn.execute(
            "SELECT created_at, done_at FROM jobs_outboxitem WHERE kind = 'publicity.prepare' AND done_at IS NOT NULL"
        ).fetchall()

        def ts(value: Any) -> float:
            if isinstance(value, str):
                value = dt.datetime.fromisoformat(value)
            if value.tzinfo is None:
                value = value.replace(tzinfo=dt.UTC)
            return float(value.timestamp())

        totals = [ts(done) - ts(created) for created, done in items]
        out = {"total_50": pct(totals, 50), "total_95": pct(totals, 95)}
        kinds = {
            str(task_id).replace("-", ""): kind
            for kind, task_id in self.conn.execute("SELECT kind, task_id FROM jobs_outboxitem").fetchall()
        }
        busy: dict[str, list[float]] = {}
        for task_id, args, started, finished in self.conn.execute(
            "SELECT id, args_kwargs, started_at, finished_at FROM django_tasks_database_dbtaskresult"
            " WHERE started_at IS NOT NULL AND finished_at IS NOT NULL"
        ).fetchall():
            name = kinds.get(str(task_id).replace("-", "")) or str(args)[:60]
            busy.setdefault(name, []).append(ts(finished) - ts(started))
        # Per worker: the time from finishing a task to starting the next one while the next one
        # was already waiting (claiming: the poll and the wait for SQLite's write lock).
        rows = self.conn.execute(
            "SELECT worker_ids, enqueued_at, started_at, finished_at FROM django_tasks_database_dbtaskresult"
            " WHERE started_at IS NOT NULL AND finished_at IS NOT NULL"
        ).fetchall()
        per_worker: dict[str, list[tuple[float, float, float]]] = {}
        for workers, enq, started, finished in rows:
            per_worker.setdefault(str(workers), []).append((ts(started), ts(finished), ts(enq)))
        claim_gaps: list[float] = []
        running_total = 0.0
        for spans in per_worker.values():
            spans.sort()
            running_total += sum(f - s for s, f, _ in spans)
            for (_s0, f0, _e0), (s1, _f1, e1) in itertools.pairwise(spans):
                if e1 <= f0:
                    claim_gaps.append(s1 - f0)
        out["claim_gap_50"] = pct(claim_gaps, 50)
        out["claim_gap_95"] = pct(claim_gaps, 95)
        out["claim_gap_sum"] = sum(claim_gaps)
        out["running_sum"] = running_total
        if os.environ.get("YG_BENCH_VERBOSE"):
            for name, times in busy.items():
                print(f"    {name}: {len(times)} tasks, {sum(times):.1f} s running", flush=True)
        return out

    def publication_id(self, case_id: int) -> int | None:
        row = self.conn.execute(
            f"SELECT id FROM publicity_publication WHERE case_id = {self.mark}", (case_id,)
        ).fetchone()
        return int(row[0]) if row else None


def run_decisions(topo: Topology, headers: dict[str, str], officer_id: int, n: int, clients: int) -> dict[str, Any]:
    """``clients`` threads register and decide cases; a poller thread watches each decision's public
    page from the moment its decision returned (committed) until it answers 200."""
    db = Db(topo)
    pending: list[tuple[int, float]] = []
    lags: list[float] = []
    lock = threading.Lock()
    counter = iter(range(n))
    finished = threading.Event()

    def client() -> None:
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            case_id = decide_over_http(topo, headers, i, officer_id)
            with lock:
                pending.append((case_id, time.monotonic()))

    def poller() -> None:
        ids: dict[int, int] = {}
        deadline = None
        while True:
            with lock:
                todo = list(pending)
            if finished.is_set() and not todo:
                return
            if finished.is_set():
                deadline = deadline or time.monotonic() + 300
                if time.monotonic() > deadline:
                    return
            for case_id, committed in todo:
                pub = ids.get(case_id) or db.publication_id(case_id)
                if pub is None:
                    continue
                ids[case_id] = pub
                try:
                    with urllib.request.urlopen(f"{topo.url}/public/decisions/{pub}/", timeout=10) as resp:
                        ok = resp.status == 200
                except OSError:
                    ok = False
                if ok:
                    with lock:
                        lags.append(time.monotonic() - committed)
                        pending.remove((case_id, committed))
            time.sleep(0.05)

    start = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    watch = threading.Thread(target=poller)
    watch.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    finished.set()
    watch.join()
    return {
        **(db.breakdown() if "YG_TASKS_BACKEND" not in topo.env else {}),
        "decisions": n,
        "per_second": n / elapsed,
        "lag_p50": pct(lags, 50),
        "lag_p95": pct(lags, 95),
        "published": len(lags),
    }


def search_p95(topo: Topology, seconds: float, stop: threading.Event | None = None) -> float:
    times: list[float] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t = time.monotonic()
        with urllib.request.urlopen(f"{topo.url}/public/decisions/?q=%E7%BD%9A%E6%AC%BE", timeout=30) as resp:
            resp.read()
        times.append((time.monotonic() - t) * 1000)
    return pct(times, 95)


def topology_run(args: argparse.Namespace, web: int, threads: int, workers: int, s3: dict[str, str]) -> dict[str, Any]:
    """One topology on fresh data; adds the CPU seconds of every process of the run (web, task
    workers, set-up commands, this driver) and the load average before and after."""
    load_before = os.getloadavg()[0]
    cpu_before = _cpu()
    wall_before = time.monotonic()
    result = _topology_run(args, web, threads, workers, s3)
    result["cpu_s"] = _cpu() - cpu_before
    result["wall_s"] = time.monotonic() - wall_before
    result["load"] = (load_before, os.getloadavg()[0])
    return result


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # waited-for processes, with their children
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _topology_run(args: argparse.Namespace, web: int, threads: int, workers: int, s3: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="yg-topology-") as tmp:
        topo = Topology(Path(tmp), YG_WEB_THREADS=str(threads), **s3)
        try:
            topo.setup()
            officer = topo.python(
                "from yangguang.roster.models import User\nprint(json.dumps(User.objects.get(username='officer2').officer_id))"
            )
            headers = topo.session("officer")
            topo.start_web(workers=web)
            for i in range(workers):
                args_ = [] if i == 0 else ["--queues", "*", "--exclude-queues", "push"]
                topo.start_worker(f"tasks-{i}", *args_)
            result = run_decisions(topo, headers, officer, args.decisions, args.clients)
            result["vendor"] = topo.vendor
            if web > 1 and args.search_seconds:
                result["search_p95_alone"] = search_p95(topo, args.search_seconds)
                stop = threading.Event()
                counter = iter(range(args.decisions, 10**9))
                lock = threading.Lock()

                def writer() -> None:
                    while not stop.is_set():
                        with lock:
                            i = next(counter)
                        decide_over_http(topo, headers, i, officer)

                writers = [threading.Thread(target=writer) for _ in range(8)]
                for w in writers:
                    w.start()
                result["search_p95_with_8_writers"] = search_p95(topo, args.search_seconds)
                stop.set()
                for w in writers:
                    w.join()
            return result
        finally:
            topo.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--decisions", type=int, default=120)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--search-seconds", type=float, default=20.0)
    parser.add_argument("--s3", action="store_true", help="files in moto's S3 server on loopback")
    parser.add_argument("--scaled-only", action="store_true", help="skip the one-process run")
    parser.add_argument(
        "--broker", action="store_true", help="the queue through a throwaway Redis (YG_TASKS_BACKEND=rq)"
    )
    args = parser.parse_args()
    s3: dict[str, str] = {}
    moto = None
    if args.s3:
        moto, url = moto_server()
        s3 = {
            "YG_STORAGE": "s3",
            "YG_S3_ENDPOINT_URL": url,
            "YG_S3_BUCKET": "yangguang",
            "YG_S3_ACCESS_KEY": "k",
            "YG_S3_SECRET_KEY": "s",
        }
    stack = contextlib.ExitStack()
    if args.broker:
        s3 = {**s3, "YG_TASKS_BACKEND": "rq", "YG_REDIS_URL": stack.enter_context(redistmp.server())}
    runs = (("one process", 1, 1, 1), ("4 web + 2 task workers", 4, 4, 2))
    try:
        for label, web, threads, workers in runs[1:] if args.scaled_only else runs:
            r = topology_run(args, web, threads, workers, s3)
            line = (
                f"{r['vendor']}{' + S3' if args.s3 else ''}{' + Redis (rq)' if args.broker else ''} · {label}: "
                f"{r['decisions']} decisions at "
                f"{r['per_second']:.1f}/s over HTTP ({args.clients} clients); publication lag p50 "
                f"{r['lag_p50']:.2f} s, p95 {r['lag_p95']:.2f} s ({r['published']} published)"
            )
            if "search_p95_alone" in r:
                line += (
                    f"; search p95 {r['search_p95_alone']:.0f} ms alone, "
                    f"{r['search_p95_with_8_writers']:.0f} ms with 8 writers"
                )
            line += (
                f" [CPU {r['cpu_s']:.0f} s of all processes over {r['wall_s']:.0f} s wall; "
                f"load average {r['load'][0]:.1f} → {r['load'][1]:.1f}]"
            )
            print(line, flush=True)
            if "total_95" in r:
                print(
                    "  prepare item p50/p95: created (in the decision's transaction) → redacted and published "
                    "{total_50:.2f}/{total_95:.2f} s; workers: {running_sum:.1f} s running tasks, "
                    "{claim_gap_sum:.1f} s between a task and the next waiting one (p50/p95 "
                    "{claim_gap_50:.3f}/{claim_gap_95:.3f} s)".format(**r),
                    flush=True,
                )
    finally:
        stack.close()
        if moto is not None:
            moto.terminate()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    sys.exit(main())
