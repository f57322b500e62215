"""A real deployment on this machine for crash tests: its own database (a SQLite file, or a fresh
database on the PostgreSQL server of DATABASE_URL), its own var directory, gunicorn web processes
and task workers started as separate process groups, so that a test can SIGKILL them at any moment
and start them again, as a power cut or the OOM killer would."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Topology:
    def __init__(self, tmp: Path, **env: str) -> None:
        self.var = tmp / "var"
        self.var.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        base = {k: v for k, v in os.environ.items() if not k.startswith(("YG_", "DJANGO_", "PYTEST_"))}
        self.env = {
            **base,
            "YG_VAR_DIR": str(self.var),
            "YG_LOG_FORMAT": "text",
            "YG_LOG_LEVEL": "WARNING",
            "YG_BIND": f"127.0.0.1:{self.port}",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self.env.pop("DATABASE_URL", None)
        self.pg_admin = ""
        self.pg_name = ""
        server = os.environ.get("DATABASE_URL", "")
        if server.startswith("postgres"):
            parsed = urlparse(server)
            self.pg_name = f"yg_topology_{uuid.uuid4().hex[:10]}"
            self.pg_admin = urlunparse(parsed._replace(path="/postgres"))
            self._pg(f'CREATE DATABASE "{self.pg_name}"')
            self.env["DATABASE_URL"] = urlunparse(parsed._replace(path=f"/{self.pg_name}"))
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.specs: dict[str, tuple[list[str], dict[str, str]]] = {}
        self.restarts = 0
        self._supervising = False
        self.log = open(tmp / "topology.log", "ab")

    @property
    def vendor(self) -> str:
        return "postgresql" if self.pg_name else "sqlite"

    def _pg(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.pg_admin, autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def manage(self, *args: str, **env: str) -> str:
        out = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env={**self.env, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if out.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} exited {out.returncode}:\n{out.stdout}\n{out.stderr}")
        return out.stdout

    def python(self, code: str) -> Any:
        """Run ``code`` with Django set up in this deployment; it prints one JSON value."""
        prologue = (
            "import django, json, os; os.environ['DJANGO_SETTINGS_MODULE']='yangguang.settings'; django.setup()\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", prologue + code], env=self.env, cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode != 0:
            raise AssertionError(f"python exited {out.returncode}:\n{out.stderr}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    def setup(self) -> None:
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("ledger", "keygen", "--if-missing")
        self.manage("seed_demo", "--scale", "small")
        self.manage("seed_demo_cases")

    def session(self, username: str) -> dict[str, str]:
        """Headers of a signed-in session of ``username`` (session created in the database)."""
        key = self.python(
            "from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY\n"
            "from django.contrib.sessions.backends.db import SessionStore\n"
            f"u = get_user_model().objects.get(username={username!r}); s = SessionStore()\n"
            "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
            "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(json.dumps(s.session_key))"
        )
        csrf = uuid.uuid4().hex
        return {"Cookie": f"sessionid={key}; csrftoken={csrf}", "X-CSRFToken": csrf, "Referer": self.url}

    def start(self, name: str, argv: list[str], **env: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            argv, env={**self.env, **env}, cwd=ROOT, stdout=self.log, stderr=self.log, start_new_session=True
        )
        self.procs[name] = proc
        self.specs[name] = (argv, env)
        return proc

    def supervise(self) -> None:
        """Restart any process that died by itself, as systemd (``Restart=always``) or ``serve``
        would; ``kill`` takes a process out of supervision until it is started again."""
        import threading

        def loop() -> None:
            while self._supervising:
                for name, proc in list(self.procs.items()):
                    if proc.poll() is not None and self.procs.get(name) is proc:
                        argv, env = self.specs[name]
                        self.restarts += 1
                        self.start(name, argv, **env)
                time.sleep(0.2)

        self._supervising = True
        threading.Thread(target=loop, daemon=True).start()

    def start_web(self, workers: int = 2, **env: str) -> subprocess.Popen[bytes]:
        proc = self.start(
            "web",
            [sys.executable, "-m", "gunicorn", "-c", "python:yangguang.gunicorn_conf"],
            YG_WEB_WORKERS=str(workers),
            **env,
        )
        self.wait_ready()
        return proc

    def start_worker(self, name: str, *args: str, **env: str) -> subprocess.Popen[bytes]:
        return self.start(
            name, [sys.executable, str(ROOT / "manage.py"), "run_tasks", "--interval", "0.2", *args], **env
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{self.url}/readyz", timeout=2) as resp:
                    if resp.status == 200:
                        return
            time.sleep(0.1)
        raise AssertionError("the web server did not become ready")

    def kill(self, name: str) -> None:
        """SIGKILL a process group (gunicorn's master and its workers die together)."""
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def stop(self) -> None:
        self._supervising = False
        time.sleep(0.3)
        for name in list(self.procs):
            proc = self.procs.pop(name)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def close(self) -> None:
        self.stop()
        self.log.close()
        if self.pg_name:
            self._pg(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@contextlib.contextmanager
def topology(tmp: Path, **env: str) -> Iterator[Topology]:
    topo = Topology(tmp, **env)
    try:
        yield topo
    finally:
        topo.close()


class PushReceiver:
    """The superior platform, on loopback: records every delivery and deduplicates by the
    Idempotency-Key, as the receiving side of the push must."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.deliveries: list[str] = []
        self.accepted: dict[str, bytes] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                key = self.headers.get("Idempotency-Key", "")
                receiver.deliveries.append(key)
                receiver.accepted.setdefault(key, body)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/push"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def api(topo: Topology, headers: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", topo.port, timeout=60)
    payload = json.dumps(body).encode() if body is not None else None
    conn.request(method, path, body=payload, headers={**headers, "Content-Type": "application/json"})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    if resp.status >= 300:
        raise AssertionError(f"{method} {path}: {resp.status} {data[:300]!r}")
    return json.loads(data) if data else None


def decide_over_http(topo: Topology, headers: dict[str, str], n: int, officer_id: int) -> int:
    """Register a summary-procedure penalty and decide it on the spot through the public API:
    the whole user flow over HTTP. Returns the case id."""
    import datetime as dt

    from yangguang.core.validators import make_resident_id

    today = dt.date.today().isoformat()
    case = api(
        topo,
        headers,
        "POST",
        "/api/cases/",
        {
            "kind": "penalty_summary",
            "title": f"占道经营案{n}",
            "parties": [
                {
                    "kind": "person",
                    "name": f"张{'一二三四五六七八九十'[n % 10]}明",
                    "id_number": make_resident_id("330102", "19850101", n % 900 + 1),
                    "address": "杭州市西湖区文三路1号",
                    "phone": "13800000000",
                }
            ],
            "officers": [officer_id],
            "violation_date": today,
            "discovery_date": today,
            "occurred_on": today,
        },
    )
    api(
        topo,
        headers,
        "POST",
        f"/api/cases/{case['id']}/transitions",
        {
            "action": "decide_on_spot",
            "occurred_on": today,
            "data": {
                "penalty_types": ["fine"],
                "fine": "50",
                "occurred_at": f"{today}T09:00",
                "place": "文一路口",
                "facts": "当事人在人行道上占道经营，经劝阻未改正。",
                "violated_provisions": "《杭州市城市市容和环境卫生管理条例》第十条",
                "legal_basis": "《杭州市城市市容和环境卫生管理条例》第五十条",
            },
        },
    )
    return int(case["id"])
