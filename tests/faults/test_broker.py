"""The broker path (issue 15): with ``YG_TASKS_BACKEND=rq`` the queue's tasks go through Redis and
RQ workers, while the outbox rows stay in the database as the record of what must follow.

Real processes on both databases (a SQLite file, or a fresh database on the suite's PostgreSQL
server) and a throwaway ``redis-server`` on loopback: gunicorn with 2 workers, 2 task workers (one
without the push queue), a receiving platform. Decisions are made over the HTTP API; task workers
die at seeded points inside the publication's handlers (after the work, before the done mark; after
a push was sent), one is killed from outside while publications are in flight, and Redis loses
every message (FLUSHALL) in the middle. Afterwards every publication is published and pushed exactly once by its
idempotency key, no outbox item is left open, ``ledger verify`` is clean, and the periodic push job
was enqueued once per period although two workers' beats raced for it.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts import redistmp

from .topology import PushReceiver, decide_over_http, topology

pytestmark = [pytest.mark.e2e]

SEED = 19
DECISIONS = 4


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    try:
        with redistmp.server(tmp_path) as url:
            yield url
    except LookupError:
        pytest.skip(redistmp.SKIP_MESSAGE)


def test_publications_through_redis_are_pushed_exactly_once_whatever_dies(tmp_path: Path, redis_url: str) -> None:
    import redis
    from rq.job import Job
    from rq.registry import FinishedJobRegistry

    receiver = PushReceiver()
    env = {
        "YG_TASKS_BACKEND": "rq",
        "YG_REDIS_URL": redis_url,
        "YG_WORKER_STALE_SECONDS": "3",
        "YG_WORKER_HEARTBEAT_SECONDS": "1",
        "YG_OUTBOX_RECHECK_SECONDS": "2",
        "YG_PUSH_EVERY_SECONDS": "1",
        "YG_PUSH_CLAIM_SECONDS": "4",
        "YG_PUSH_URL": receiver.url,
        "YG_PUSH_KEY": "superior-platform-key",
        "YG_PUSH_BACKOFF": "1",
    }
    broker = redis.Redis.from_url(redis_url)
    with topology(tmp_path, **env) as topo:
        (tmp_path / "fired").mkdir()
        topo.setup()
        officer2 = topo.python(
            "from yangguang.roster.models import User\nprint(json.dumps(User.objects.get(username='officer2').officer_id))"
        )
        headers = topo.session("officer")
        before = topo.python(
            "from yangguang.publicity.models import Publication\n"
            "print(json.dumps(Publication.objects.exclude(status='blocked').count()))"
        )
        topo.start_web(workers=2)
        faults = {
            # Deaths inside the publication's handlers (not the cockpit's roll-up refreshes, which
            # the queue handles alike and which would only make the test longer).
            "YG_FAULT_POINTS": "jobs.after_handler.publicity.prepare,jobs.after_handler.publicity.index,"
            "publicity.push.sent",
            "YG_FAULT_PROBABILITY": "0.35",
            "YG_FAULT_SEED": str(SEED),
            "YG_FAULT_DIR": str(tmp_path / "fired"),
        }
        topo.start_worker("tasks-1", **faults)
        topo.start_worker("tasks-2", "--queues", "*", "--exclude-queues", "push", **faults)
        topo.supervise()

        cases = [decide_over_http(topo, headers, n, officer2) for n in range(DECISIONS // 2)]
        topo.kill("tasks-2")  # killed from outside while publications are in flight
        broker.flushall()  # the broker loses every message: the outbox rows are the record
        lost = topo.python(
            "from yangguang.jobs.models import OutboxItem\n"
            "print(json.dumps(OutboxItem.objects.exclude(status='done').count()))"
        )
        cases += [decide_over_http(topo, headers, n, officer2) for n in range(DECISIONS // 2, DECISIONS)]
        topo.start_worker("tasks-2", "--queues", "*", "--exclude-queues", "push", **faults)

        state: dict[str, Any] = {}
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            state = topo.python(
                "from yangguang.publicity.models import Publication, PushTask\n"
                "from yangguang.jobs.models import OutboxItem\n"
                "print(json.dumps({'published': Publication.objects.filter(status='published').count(),"
                " 'push_done': PushTask.objects.filter(status='done', publication__isnull=False).count(),"
                " 'push_all': PushTask.objects.filter(publication__isnull=False).count(),"
                " 'push_pending': PushTask.objects.exclude(status='done').count(),"
                " 'open_items': OutboxItem.objects.exclude(status='done').count(),"
                " 'open': [list(i) for i in OutboxItem.objects.exclude(status='done')"
                ".values_list('kind', 'status', 'attempts', 'task_id', 'woken_at', 'next_attempt_at', 'worker_id')[:5]]},"
                " default=str))"
            )
            if (
                state["published"] == before + DECISIONS
                and state["push_done"] == state["push_all"] == before + DECISIONS
                and not state["open_items"]
                and not state["push_pending"]
            ):
                break
            time.sleep(0.5)
        # The periodic push job, enqueued by whichever of the two beats won each period: once per
        # period (two winners of one period would be milliseconds apart).
        # (The rounds before the FLUSHALL are gone with it; on a quiet machine the publications may
        # all be done before three more periods have passed, so wait for them, bounded.)
        runs: list[float] = []
        rounds_deadline = time.monotonic() + 20
        while time.monotonic() < rounds_deadline:
            runs = sorted(
                job.enqueued_at.timestamp()
                for job in Job.fetch_many(
                    FinishedJobRegistry("push", connection=broker).get_job_ids(), connection=broker
                )
                if job is not None and list(job.args) == ["publicity.push"] and job.enqueued_at is not None
            )
            if len(runs) >= 3:
                break
            time.sleep(0.5)
        topo.stop()
        assert state["published"] == before + DECISIONS, state
        assert state["push_done"] == state["push_all"] == before + DECISIONS and state["open_items"] == 0, state
        keys = topo.python(
            "from yangguang.publicity.models import PushTask\n"
            "print(json.dumps(list(PushTask.objects.values_list('key', flat=True))))"
        )
        publications = sorted(k for k in keys if k.startswith("publicity.publication:"))
        assert len(publications) == len(set(publications)) == before + DECISIONS
        assert sorted(k for k in receiver.accepted if k.startswith("publicity.publication:")) == publications
        assert set(receiver.accepted) <= set(keys)
        entries = topo.python(
            "from yangguang.ledger.models import Entry\n"
            "print(json.dumps(Entry.objects.filter(action='publicity.publish').count()))"
        )
        assert entries == before + DECISIONS
        topo.manage("ledger", "verify")
        receiver.close()
    assert len(runs) >= 3, runs
    gaps = [b - a for a, b in itertools.pairwise(runs)]
    assert min(gaps) > 0.5, gaps
    fired = sorted(p.name.split("@")[0] for p in (tmp_path / "fired").iterdir())
    print(
        f"\n{DECISIONS} decisions through Redis, published and pushed once; {lost} open items when Redis was "
        f"flushed; injected deaths: {fired}; "
        f"{topo.restarts} restarts; {len(runs)} push rounds, smallest gap {min(gaps):.2f} s"
    )
