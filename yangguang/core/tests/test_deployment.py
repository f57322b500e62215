"""The example deployment (deploy/, docs/deployment.md) is true: the files parse, every command they
start exists, every YG_ variable they set is one the settings read, the systemd units and the
compose file run the same processes, and the read replica takes portal reads only."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"


def known_variables() -> set[str]:
    """Every YG_ variable some module reads (settings, env helpers, apps' conf modules)."""
    names: set[str] = {"DATABASE_URL"}
    for path in [*(ROOT / "yangguang").rglob("*.py")]:
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names |= set(re.findall(r"[\"'](YG_[A-Z0-9_]+)[\"']", path.read_text(encoding="utf-8")))
    return names


def check_command(argv: list[str]) -> str:
    """A process the examples start: a management command that exists, or gunicorn with our
    config. Returns its name."""
    managed = [i for i, a in enumerate(argv) if a.endswith("manage.py")]
    if managed:
        name = argv[managed[0] + 1]
        assert name in get_commands(), f"no management command {name!r}"
        return name
    if "gunicorn" in argv:
        assert argv[argv.index("-c") + 1] == "python:yangguang.gunicorn_conf"
        import yangguang.gunicorn_conf as conf

        assert conf.worker_class == "gthread" and conf.wsgi_app == "yangguang.wsgi:application"
        return "gunicorn"
    if argv[0].endswith("redis-server"):  # the optional broker of the queue, with our configuration
        broker_conf = (DEPLOY / "redis" / Path(argv[1]).name).read_text(encoding="utf-8")
        assert "maxmemory-policy noeviction" in broker_conf and "appendonly yes" in broker_conf
        return "redis-server"
    raise AssertionError(f"unknown process {argv}")


def unit_section(path: Path, name: str) -> dict[str, list[str]]:
    """A systemd unit's section; keys may repeat (several ExecStart of a oneshot)."""
    out: dict[str, list[str]] = {}
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == name:
            key, _, value = line.partition("=")
            out.setdefault(key, []).append(value)
    return out


def test_systemd_units_and_environment() -> None:
    known = known_variables()
    env = {}
    for line in (DEPLOY / "systemd" / "yangguang.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    unknown = {k for k in env if k not in known}
    assert not unknown, f"variables no setting reads: {unknown}"
    assert "YG_LEDGER_KEY_FINGERPRINT" in env and env["YG_STORAGE"] == "s3"
    started: list[str] = []
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        service = unit_section(unit, "Service")
        assert service["User"] == ["yangguang"]
        if unit.name != "yangguang-broker.service":  # Redis reads its own configuration file
            assert service["EnvironmentFile"] == ["/etc/yangguang/yangguang.env"]
        for line in service["ExecStart"]:
            argv = shlex.split(line)
            if argv[:2] == ["/bin/sh", "-c"]:  # the task worker picks its queues by instance name
                started += [check_command(shlex.split(inner)) for inner in re.findall(r"exec (.+?)(?:;|$)", argv[2])]
            else:
                started.append(check_command(argv))
    assert set(started) == {"gunicorn", "run_tasks", "migrate", "collectstatic", "redis-server"}


def test_compose_file_describes_the_scaled_topology() -> None:
    spec: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = spec["services"]
    assert {"db", "db-replica", "redis", "broker", "s3", "migrate", "web", "tasks", "proxy"} <= set(services)
    # The queue's broker: its own Redis that never evicts, used by every process of the deployment.
    broker = " ".join(services["broker"]["command"])
    assert "--maxmemory-policy noeviction" in broker and "--appendonly yes" in broker
    known = known_variables()
    for name in ("migrate", "web", "tasks"):
        service = services[name]
        check_command(service["command"])
        unknown = {k for k in service["environment"] if k not in known}
        assert not unknown, f"{name}: variables no setting reads: {unknown}"
        assert service["environment"]["YG_REPLICA_DATABASE_URL"].startswith("postgres://")
        assert service["environment"]["YG_TASKS_BACKEND"] == "rq"
        assert service["environment"]["YG_REDIS_URL"].startswith("redis://broker:")
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "readyz" in " ".join(services["web"]["healthcheck"]["test"])
    assert (DEPLOY / services["db"]["volumes"][1].split(":")[0]).exists()
    assert (DEPLOY / "nginx" / "compose.conf").exists()


def test_nginx_streams_tus_and_forwards_the_client() -> None:
    conf = (DEPLOY / "nginx" / "yangguang.conf").read_text(encoding="utf-8")
    tus = conf[conf.index("location /evidence/tus/") :]
    tus = tus[: tus.index("}")]
    assert "proxy_request_buffering off" in tus and "client_max_body_size 256m" in tus
    assert "proxy_set_header X-Forwarded-For $remote_addr" in conf
    assert "X-Forwarded-Proto $scheme" in conf and "ssl_certificate" in conf


def test_the_environment_example_starts_a_process(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The settings accept the example environment as written (values the helpers parse)."""
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    for line in (DEPLOY / "systemd" / "yangguang.env").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    secret = tmp_path / "secret_key"
    secret.write_text("example-secret")
    keys = tmp_path / "evidence.keys"
    from yangguang.evidence.encryption import new_key_line

    keys.write_text(new_key_line(1))
    env |= {"YG_SECRET_KEY_FILE": str(secret), "YG_EVIDENCE_KEYS_FILE": str(keys), "YG_VAR_DIR": str(tmp_path)}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='yangguang.settings'; django.setup();"
        "from django.conf import settings as s; from django.core.files.storage import default_storage as d;"
        "print(s.DATABASES['replica']['HOST'], s.DATABASE_ROUTERS[0], type(d._wrapped if hasattr(d,'_wrapped') else d).__name__, s.CACHES['default']['BACKEND'])"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    replica_host, router, _, cache = out.stdout.split()
    assert replica_host == "db-replica.internal" and router.endswith("ReplicaRouter")
    assert cache.endswith("RedisCache")


def test_portal_reads_go_to_the_replica_and_nothing_else_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from yangguang.core import dbrouting

    router = dbrouting.ReplicaRouter()
    assert router.db_for_read(None) is None  # no replica configured: the primary
    monkeypatch.setattr(dbrouting, "REPLICA", "default")  # stands for a configured replica alias
    assert router.db_for_read(None) is None  # a staff request
    token = dbrouting._portal_read.set(True)
    try:
        assert router.db_for_read(None) == "default"
        assert router.db_for_write(None) == "default"
    finally:
        dbrouting._portal_read.reset(token)
    assert router.allow_migrate("replica", "publicity") is False
