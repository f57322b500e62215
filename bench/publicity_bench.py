#!/usr/bin/env python3
"""Publicity benchmark (not a test): full-text search of published decisions through HTTP.

    .venv/bin/python bench/publicity_bench.py --n 100000                    # SQLite (fresh file)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/publicity_bench.py --n 100000

It bulk-loads N published decisions with the demo generator (yangguang/demo/publications.py:
publication rows, the bigram/unigram token table and the postings, as the pipeline's indexer would
write them; ``--var-dir DIR --reuse`` keeps and measures them again), starts a live server subprocess
(a single-threaded ``wsgiref`` server running ``yangguang.wsgi``) on the same database, and measures over HTTP:

- search requests (one- and two-character words, phrases, filters, relevance sort, page 2): p50/p95;
- the decision page: p50/p95;
- in-process, the same queries through the index versus a plain LIKE scan of the same rows (ratio).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("YG_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def existing(n: int, n_agencies: int) -> dict[str, Any] | None:
    """The data of an earlier run on this database (``--reuse``), if it has exactly ``n`` decisions."""
    from yangguang.demo.publications import make_agencies
    from yangguang.publicity.models import Posting, Publication

    if Publication.objects.count() != n or not Posting.objects.exists():
        return None
    return {"agencies": [a.pk for a in make_agencies(n_agencies)]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # A single-threaded WSGI server: requests are sent one at a time, and the one thread keeps its
    # database connection (runserver opens a thread, hence a new connection, per request).
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r});"
        "from wsgiref.simple_server import make_server, WSGIRequestHandler;"
        "from yangguang.wsgi import application;"
        "WSGIRequestHandler.log_message = lambda *a: None;"
        f"make_server('127.0.0.1', {port}, application).serve_forever()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def timed_get(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        status = r.status
    return (time.perf_counter() - start) * 1000, status


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def queries(agencies: list[int]) -> list[dict[str, str]]:
    a = str(agencies[0])
    return [
        {"q": "罚款"},
        {"q": "占道"},
        {"q": "警"},
        {"q": "占道经营"},
        {"q": "销售过期食品"},
        {"q": "罚款", "agency": a},
        {"q": "噪声", "agency": a},
        {"q": "占道", "region": "330106"},
        {"q": "罚款", "kind": "penalty", "from": "2025-06-01", "to": "2025-12-31"},
        {"q": "噪声", "sort": "relevance"},
        {"q": "罚款 警告", "sort": "relevance"},
        {"q": "罚款", "page": "2"},
        {"q": "", "agency": a},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="published decisions to generate (target 1,000,000)")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20, help="requests per query")
    parser.add_argument("--var-dir", help="SQLite directory to keep (default: a fresh temporary one)")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the data of an earlier run if it has --n decisions"
    )
    args = parser.parse_args()
    var_dir = args.var_dir or tempfile.mkdtemp(prefix="yg-publicity-bench-")
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    setup_django(var_dir)
    from django.db import connection
    from django.utils import timezone

    from yangguang.demo.publications import generate_publications
    from yangguang.publicity import search
    from yangguang.publicity.views_publication import parse_query

    info = existing(args.n, args.agencies) if args.reuse else None
    if info is None:
        print(f"database: {connection.vendor}; generating {args.n} decisions")
        info = generate_publications(
            args.n,
            n_agencies=args.agencies,
            batch=args.batch,
            progress=lambda line: print(f"\r  {line}", end="", flush=True),
        )
        print(
            f"\n  built in {info['seconds']:.1f}s ({info['load_seconds']:.1f}s loading, the rest indexing):"
            f" {info['postings']} postings, {info['tokens']} tokens"
        )
    else:
        print(f"database: {connection.vendor}; reusing {args.n} decisions")
    qs = queries(info["agencies"])

    # In-process: index vs LIKE scan over the same rows (q only: LIKE gets no filters).
    today = timezone.localdate()
    idx_ms, like_ms = [], []
    for q in qs:
        if not q.get("q"):
            continue
        query = parse_query(q)
        for _ in range(5):
            t = time.perf_counter()
            search.search(query.q, query.filters, today=today, sort=query.sort, offset=(query.page - 1) * 20)
            idx_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search.like_scan(query.q, today=today)
            like_ms.append((time.perf_counter() - t) * 1000)
    connection.close()

    port = free_port()
    env = {**os.environ, "YG_VAR_DIR": os.environ["YG_VAR_DIR"], "YG_DEBUG": "0", "DJANGO_DEBUG": "0"}
    proc = start_server(port, env)
    try:
        base = f"http://127.0.0.1:{port}"
        per_query: dict[str, list[float]] = {}
        all_ms: list[float] = []
        for q in qs:  # one warm-up pass (first request of a query fills the statistics cache)
            timed_get(f"{base}/public/decisions/?{urllib.parse.urlencode(q)}")
        for _ in range(args.rounds):
            for q in qs:
                url = f"{base}/public/decisions/?{urllib.parse.urlencode(q)}"
                ms, status = timed_get(url)
                assert status == 200, url
                per_query.setdefault(urllib.parse.urlencode(q), []).append(ms)
                all_ms.append(ms)
        api_ms = [timed_get(f"{base}/api/publicity/decisions?q=%E7%BD%9A%E6%AC%BE")[0] for _ in range(args.rounds)]
        rnd = random.Random(7)
        ids = list(range(1, args.n + 1))
        page_ms = [timed_get(f"{base}/public/decisions/{rnd.choice(ids)}/")[0] for _ in range(args.rounds * 10)]
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"\nresults ({connection.vendor}, {args.n} decisions):")
    for label, times in per_query.items():
        print(
            f"  search {urllib.parse.unquote_plus(label):50s} p50 {statistics.median(times):7.1f} ms  p95 {pct(times, 95):7.1f} ms"
        )
    print(f"  search (all queries, HTTP)        p50 {statistics.median(all_ms):7.1f} ms  p95 {pct(all_ms, 95):7.1f} ms")
    print(
        f"  JSON API q=罚款 (HTTP)             p50 {statistics.median(api_ms):7.1f} ms  p95 {pct(api_ms, 95):7.1f} ms"
    )
    print(
        f"  decision page (HTTP)              p50 {statistics.median(page_ms):7.1f} ms  p95 {pct(page_ms, 95):7.1f} ms"
    )
    print(
        f"  in-process index p95 {pct(idx_ms, 95):.1f} ms vs LIKE scan p95 {pct(like_ms, 95):.1f} ms "
        f"(LIKE/index ratio of p95: {pct(like_ms, 95) / max(pct(idx_ms, 95), 0.001):.1f}x; "
        f"of means: {statistics.mean(like_ms) / max(statistics.mean(idx_ms), 0.001):.1f}x)"
    )


if __name__ == "__main__":
    main()
