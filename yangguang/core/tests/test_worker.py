"""The embedded worker runs every app's periodic job and survives a failing one."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from yangguang.core import worker


@pytest.mark.django_db
def test_run_worker_checkpoints_new_ledger_entries(settings: Any, tmp_path: Any, admin_user: Any) -> None:
    from yangguang.ledger.models import Checkpoint
    from yangguang.ledger.services import append_entry

    settings.LEDGER_KEY_DIR = tmp_path / "keys"
    append_entry(actor=admin_user, subject="test:1", action="test.recorded", payload={"n": 1})
    out = StringIO()
    call_command("run_worker", "--max-rounds", "1", stdout=out)
    assert "worker: done, failures none" in out.getvalue()
    latest = Checkpoint.objects.order_by("-tree_size").first()
    assert latest is not None and latest.tree_size > 0


@pytest.mark.django_db
def test_a_failing_job_does_not_stop_the_others() -> None:
    calls: list[str] = []

    def boom() -> str:
        raise RuntimeError("broken")

    def fine() -> str:
        calls.append("fine")
        return "ok"

    jobs = [worker.Job("boom", 0.0, boom), worker.Job("fine", 0.0, fine)]
    failures = worker.run(jobs=jobs, max_rounds=3, sleep=lambda s: None)
    assert failures == {"boom": 3, "fine": 0}
    assert calls == ["fine", "fine", "fine"]
