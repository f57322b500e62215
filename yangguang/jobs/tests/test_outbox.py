"""The durable outbox: exists iff its transaction committed, idempotent, retried with backoff,
failures kept for administrators, handed on when its worker dies."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from yangguang.jobs import outbox, registry, transport
from yangguang.jobs.models import OutboxItem, OutboxStatus, WorkerHeartbeat
from yangguang.jobs.tasks import run_outbox_item

calls: list[dict[str, Any]] = []
failures_left = {"n": 0}


@registry.handler("test.record", backoff_seconds=10, max_attempts=3)
def _record(payload: dict[str, Any]) -> str:
    if failures_left["n"] > 0:
        failures_left["n"] -= 1
        raise RuntimeError("上级平台不可达")
    calls.append(payload)
    return "ok"


@pytest.fixture(autouse=True)
def _reset(settings: Any) -> None:
    settings.JOBS_OUTBOX_EAGER = False
    calls.clear()
    failures_left["n"] = 0


@pytest.mark.django_db(transaction=True)
def test_an_item_exists_only_if_its_transaction_committed() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.add(kind="test.record", key="k-rolled-back", payload={"n": 1})
        raise RuntimeError("the fact did not commit")
    assert not OutboxItem.objects.filter(key="k-rolled-back").exists()
    with transaction.atomic():
        outbox.add(kind="test.record", key="k-committed", payload={"n": 2})
    assert OutboxItem.objects.get(key="k-committed").status == OutboxStatus.PENDING


@pytest.mark.django_db
def test_the_key_makes_it_idempotent_and_a_run_happens_once() -> None:
    a = outbox.add(kind="test.record", key="same", payload={"n": 1})
    b = outbox.add(kind="test.record", key="same", payload={"n": 1})
    assert a.pk == b.pk
    assert outbox.run_item(a.pk) == "done"
    assert outbox.run_item(a.pk) == "not due"
    assert calls == [{"n": 1}]
    item = OutboxItem.objects.get(pk=a.pk)
    assert (item.status, item.attempts, item.result) == (OutboxStatus.DONE, 1, "ok")


@pytest.mark.django_db
def test_failures_back_off_exponentially_then_stay_failed_for_an_administrator() -> None:
    failures_left["n"] = 5
    item = outbox.add(kind="test.record", key="flaky", payload={"n": 3})
    before = timezone.now()
    assert outbox.run_item(item.pk) == "retry"
    item.refresh_from_db()
    assert item.status == OutboxStatus.PENDING and "上级平台不可达" in item.last_error
    assert dt.timedelta(seconds=9) < item.next_attempt_at - before < dt.timedelta(seconds=12)
    assert outbox.run_item(item.pk) == "not due"  # backing off
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
    assert outbox.run_item(item.pk) == "retry"
    item.refresh_from_db()
    assert dt.timedelta(seconds=19) < item.next_attempt_at - timezone.now() < dt.timedelta(seconds=21)
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=timezone.now())
    assert outbox.run_item(item.pk) == "failed"
    item.refresh_from_db()
    assert (item.status, item.attempts) == (OutboxStatus.FAILED, 3)
    failures_left["n"] = 0
    outbox.retry(item=item)
    assert outbox.run_item(item.pk) == "done"
    assert calls == [{"n": 3}]


@pytest.mark.django_db
def test_the_sweep_hands_on_the_item_of_a_dead_worker() -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="dead", hostname="h", pid=1, queues="*", seen_at=now - dt.timedelta(minutes=5)
    )
    WorkerHeartbeat.objects.create(worker_id="alive", hostname="h", pid=2, queues="*", seen_at=now)
    lost = outbox.add(kind="test.record", key="lost", payload={"n": 4})
    busy = outbox.add(kind="test.record", key="busy", payload={"n": 5})
    OutboxItem.objects.filter(pk=lost.pk).update(
        status=OutboxStatus.RUNNING, worker_id="dead", lease_until=now + outbox.LEASE
    )
    OutboxItem.objects.filter(pk=busy.pk).update(
        status=OutboxStatus.RUNNING, worker_id="alive", lease_until=now + outbox.LEASE
    )
    result = outbox.sweep(now=now)
    assert result["recovered"] == 1
    assert OutboxItem.objects.get(pk=lost.pk).status == OutboxStatus.PENDING
    assert OutboxItem.objects.get(pk=busy.pk).status == OutboxStatus.RUNNING
    assert outbox.drain() == 1
    assert calls == [{"n": 4}]


@pytest.mark.django_db(transaction=True)
def test_the_sweep_sends_again_a_task_the_transport_lost() -> None:
    """A broker may lose its messages (restarted without its data): the outbox row is the record,
    so a waiting item whose task the backend no longer knows is woken again; one whose task still
    waits is left alone."""
    with transaction.atomic():
        lost = outbox.add(kind="test.record", key="lost-task", payload={"n": 6})
        waiting = outbox.add(kind="test.record", key="waiting-task", payload={"n": 7})
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert lost.task_id and waiting.task_id
    DBTaskResult.objects.filter(pk=lost.task_id).delete()  # the transport lost it
    later = timezone.now() + outbox.RECHECK + dt.timedelta(seconds=1)
    assert outbox.sweep(now=later)["lost_tasks"] == 1
    assert OutboxItem.objects.get(pk=lost.pk).task_id != lost.task_id  # a new task
    assert OutboxItem.objects.get(pk=waiting.pk).task_id == waiting.task_id
    assert DBTaskResult.objects.count() == 2
    assert outbox.drain() == 2 and sorted(c["n"] for c in calls) == [6, 7]


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_at_once() -> None:
    with pytest.raises(LookupError):
        outbox.add(kind="test.nobody", key="x", payload={})


@pytest.mark.django_db
def test_administrators_see_failed_work_and_send_it_again(client: Any, officer: Any) -> None:
    from yangguang.roster.tests.factories import UserFactory

    admin = UserFactory(username="sysadmin", role="system_admin")
    failures_left["n"] = 1
    item = outbox.add(kind="test.record", key="pub-7-push", payload={"n": 7})
    OutboxItem.objects.filter(pk=item.pk).update(max_attempts=1)
    assert outbox.run_item(item.pk) == "failed"
    client.force_login(officer)
    assert client.get("/jobs/").status_code == 403
    client.force_login(admin)
    page = client.get("/jobs/").content.decode()
    assert "test.record" in page and "上级平台不可达" in page
    assert "传输：数据库" in page and 'id="queues"' in page  # the transport and its queues' depths
    assert client.post(f"/jobs/{item.pk}/retry").status_code == 302
    assert OutboxItem.objects.get(pk=item.pk).status == OutboxStatus.PENDING
    assert outbox.drain() == 1 and calls == [{"n": 7}]


@pytest.mark.django_db(transaction=True)
def test_a_worker_takes_higher_priorities_first() -> None:
    """The task waking an item carries its handler's priority: the DOCX of a document (-10) waits
    behind the publication pipeline (0) on the same queue."""
    registry.handler("test.later", priority=-10)(_record)
    with transaction.atomic():
        outbox.add(kind="test.later", key="k-later", payload={"n": 1})
    with transaction.atomic():
        outbox.add(kind="test.record", key="k-first", payload={"n": 2})
    ready = DBTaskResult.objects.ready().filter(task_path__endswith="run_outbox_item")
    assert [(r.args_kwargs["args"][0], r.priority) for r in ready] == [
        (OutboxItem.objects.get(key="k-first").pk, 0),
        (OutboxItem.objects.get(key="k-later").pk, -10),
    ]
    assert registry.get_handler("documents.render").priority == -10  # type: ignore[union-attr]
    # Housekeeping (the "maintenance" queue) waits behind both unless its handler says otherwise.
    assert registry.get_handler("supervision.rollup").priority == registry.MAINTENANCE_PRIORITY < -10  # type: ignore[union-attr]


@pytest.mark.django_db(transaction=True)
def test_the_database_transport_writes_the_task_with_the_item() -> None:
    """With the database transport the task row commits with the item, in the fact's transaction
    (no write after the commit, no window in which the sweep would send it a second time), and is
    rolled back with it."""
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.add(kind="test.record", key="rolled-back", payload={"n": 1})
        assert DBTaskResult.objects.count() == 1  # inside the transaction
        raise RuntimeError
    assert not OutboxItem.objects.exists() and not DBTaskResult.objects.exists()
    with transaction.atomic():
        item = outbox.add(kind="test.record", key="kept", payload={"n": 2})
    item.refresh_from_db()
    assert item.woken_at is not None and DBTaskResult.objects.get().pk.hex == item.task_id.replace("-", "")
    assert outbox.sweep() == {"recovered": 0, "woken": 0, "lost_tasks": 0}
    assert DBTaskResult.objects.count() == 1


@registry.handler("test.step1", atomic=True)
def _step1(payload: dict[str, Any]) -> str:
    calls.append({"step": 1})
    outbox.add(kind="test.step2", key=f"step2-{payload['n']}", payload={})  # next step, same queue
    outbox.add(kind="test.aside", key=f"aside-{payload['n']}", payload={})  # another queue
    return "ok"


@registry.handler("test.step2", atomic=True)
def _step2(payload: dict[str, Any]) -> str:
    calls.append({"step": 2})
    return "ok"


@registry.handler("test.aside", queue="maintenance")
def _aside(payload: dict[str, Any]) -> str:
    calls.append({"step": "aside"})
    return "ok"


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_the_next_step_at_once_without_a_queue_hop(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a task worker, an item a handler adds for the same queue (at no lower priority) runs in
    the same worker right after the handler committed: no task, no wait for a poll. Work for another
    queue gets its task as usual."""
    monkeypatch.setattr(outbox, "current_worker_id", "w-1")
    with transaction.atomic():
        first = outbox.add(kind="test.step1", key="step1", payload={"n": 1})
    assert outbox.run_item(first.pk) == "done"
    assert calls == [{"step": 1}, {"step": 2}]
    step2 = OutboxItem.objects.get(key="step2-1")
    aside = OutboxItem.objects.get(key="aside-1")
    assert step2.status == OutboxStatus.DONE and step2.task_id == ""
    assert aside.status == OutboxStatus.PENDING and aside.task_id
    assert DBTaskResult.objects.count() == 2  # step1's and aside's


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_claims_and_runs_a_ready_task() -> None:
    """``run_tasks``' worker (an idle poll on SQLite only reads; a ready task is claimed and run)."""
    with transaction.atomic():
        outbox.add(kind="test.record", key="polled", payload={"n": 3})
    worker = transport.DatabaseWorker(
        queue_names=["*"],
        interval=0.01,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="w-poll",
        excluded_queue_names=[],
    )
    worker.run()
    assert calls == [{"n": 3}] and OutboxItem.objects.get(key="polled").status == OutboxStatus.DONE


@registry.handler("test.atomic_flaky", atomic=True, backoff_seconds=10)
def _atomic_flaky(payload: dict[str, Any]) -> str:
    OutboxItem.objects.filter(key="never").exists()
    raise RuntimeError("索引服务不可用")


@pytest.mark.django_db(transaction=True)
def test_an_atomic_handler_claims_works_and_finishes_in_one_transaction() -> None:
    """The claim rolls back with a failed atomic handler's work; the attempt is still counted."""
    with transaction.atomic():
        item = outbox.add(kind="test.atomic_flaky", key="atomic-flaky", payload={})
    assert outbox.run_item(item.pk) == "retry"
    item.refresh_from_db()
    assert (item.status, item.attempts, item.last_error) == (
        OutboxStatus.PENDING,
        1,
        "RuntimeError: 索引服务不可用",
    )
    assert item.next_attempt_at > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_a_worker_goes_on_with_the_waiting_pipeline_items_without_their_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Database transport: after its task, a worker runs the items of priority >= 0 waiting in its
    queues directly, deleting their task rows with the claim; lower priorities keep their tasks."""
    monkeypatch.setattr(outbox, "current_worker_id", "w-1")
    monkeypatch.setattr(outbox, "current_queues", frozenset({"default"}))
    registry.handler("test.docx", priority=-10)(_record)
    with transaction.atomic():
        first = outbox.add(kind="test.record", key="p1", payload={"n": 1})
        outbox.add(kind="test.record", key="p2", payload={"n": 2})
        outbox.add(kind="test.record", key="p3", payload={"n": 3})
        outbox.add(kind="test.docx", key="d1", payload={"n": 4})
    assert DBTaskResult.objects.count() == 4
    assert run_outbox_item.call(first.pk) == "done"
    assert [c["n"] for c in calls] == [1, 2, 3]
    assert set(OutboxItem.objects.filter(status=OutboxStatus.DONE).values_list("key", flat=True)) == {"p1", "p2", "p3"}
    # p2's and p3's task rows went with their claims; p1's (being run) and d1's remain.
    remaining = {r.args_kwargs["args"][0] for r in DBTaskResult.objects.all()}
    assert remaining == {first.pk, OutboxItem.objects.get(key="d1").pk}


@pytest.mark.django_db(transaction=True)
def test_a_failed_enqueue_never_spoils_the_facts_transaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """The task row is written in the fact's transaction, inside a savepoint: a database error
    there (on PostgreSQL it would abort the whole transaction) is rolled back alone, the item
    commits with the fact, and the sweep sends it once its task is found missing."""
    from django.db import connection

    class Broken:
        def enqueue(self, *args: Any) -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM no_such_table_for_tasks")

    monkeypatch.setattr(transport, "routed", lambda *a, **k: Broken())
    with transaction.atomic():
        item = outbox.add(kind="test.record", key="enqueue-failed", payload={"n": 8})
        assert OutboxItem.objects.filter(pk=item.pk).exists()  # the transaction still works
    monkeypatch.undo()
    item.refresh_from_db()
    assert item.task_id == "" and not DBTaskResult.objects.exists()
    later = timezone.now() + outbox.RECHECK + dt.timedelta(seconds=1)
    assert outbox.sweep(now=later)["lost_tasks"] == 1
    assert outbox.drain() == 1 and calls == [{"n": 8}]
