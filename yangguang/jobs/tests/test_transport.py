"""The queue's transport setting fails loudly on a bad value (a typo must not silently fall back
to another transport), and the rq transport is wired to Redis for every queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CODE = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='yangguang.settings'; django.setup();"
    "from django.conf import settings as s; print(s.TASKS['default']['BACKEND'], ','.join(sorted(getattr(s, 'RQ_QUEUES', {}))),"
    " getattr(s, 'RQ_QUEUES', {}).get('push', {}).get('URL', ''))"
)


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("YG_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", CODE],
        env={**base, "YG_VAR_DIR": str(tmp_path), **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("env", "error"),
    [
        ({"YG_TASKS_BACKEND": "rabbitmq"}, "YG_TASKS_BACKEND='rabbitmq' must be one of ['database', 'rq']"),
        ({"YG_TASKS_BACKEND": "rq"}, "YG_TASKS_BACKEND=rq needs YG_REDIS_URL"),
        ({"YG_TASKS_BACKEND": "rq", "YG_REDIS_URL": "http://cache:6379"}, "YG_TASKS_BACKEND=rq needs YG_REDIS_URL"),
        ({"YG_REDIS_URL": "redis://broker:6379/0"}, "YG_REDIS_URL is set but YG_TASKS_BACKEND is not rq"),
    ],
)
def test_a_bad_transport_setting_stops_the_process(tmp_path: Path, env: dict[str, str], error: str) -> None:
    out = _settings(tmp_path, **env)
    assert out.returncode != 0 and error in out.stderr, out.stderr[-500:]


def test_the_rq_transport_serves_every_queue_from_redis(tmp_path: Path) -> None:
    out = _settings(tmp_path, YG_TASKS_BACKEND="rq", YG_REDIS_URL="redis://broker:6379/0")
    assert out.returncode == 0, out.stderr[-500:]
    backend, queues, url = out.stdout.split(" ", 2)
    assert backend == "django_tasks_rq.RQBackend"
    assert queues.split(",") == sorted(
        ["default", "ledger", "push", "maintenance", "default-later", "ledger-later", "push-later", "maintenance-later"]
    )
    # short socket timeouts: a hung Redis fails the wake-up fast, the sweep sends it later
    assert url.strip() == "redis://broker:6379/0?socket_connect_timeout=3&socket_timeout=5"
    assert _settings(tmp_path).stdout.startswith("django_tasks_db.DatabaseBackend")


def test_a_worker_that_cannot_reach_the_broker_says_so_and_exits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("YG_", "DATABASE_URL"))}
    port = 9  # discard: nothing listens there
    env |= {
        "YG_VAR_DIR": str(tmp_path),
        "YG_TASKS_BACKEND": "rq",
        "YG_REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "YG_LOG_FORMAT": "text",
    }
    # Decisions do not need the broker: migrating (and serving) works without it.
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=settings.BASE_DIR, check=True)
    out = subprocess.run(
        [sys.executable, "manage.py", "run_tasks", "--no-beat"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 1
    assert "task worker cannot reach the broker (YG_REDIS_URL)" in out.stderr + out.stdout
