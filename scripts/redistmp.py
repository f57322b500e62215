#!/usr/bin/env python3
"""Run a command against a throwaway Redis server built from the local binary.

    python scripts/redistmp.py -- .venv/bin/python bench/topology_bench.py --broker

Starts ``redis-server`` on a free loopback port with its data in a temporary directory and no
persistence, exports ``YG_REDIS_URL`` and ``YG_TASKS_BACKEND=rq`` for the command, and stops and removes everything afterwards.
Exits 0 with a clear message, running nothing, where no ``redis-server`` exists (``make test``
installs it with apt when missing); ``server()`` is the same as a context manager for the tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

SKIP_MESSAGE = "no redis-server binary found (apt-get install redis-server; `make test` does it)"


def find_binary() -> str | None:
    return (
        os.environ.get("YG_REDIS_SERVER")
        or shutil.which("redis-server")
        or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def server(directory: Path | None = None) -> Iterator[str]:
    """A running Redis server on loopback; yields its URL (database 0). Raises LookupError when
    there is no binary (callers skip with ``SKIP_MESSAGE``)."""
    binary = find_binary()
    if binary is None:
        raise LookupError(SKIP_MESSAGE)
    root = Path(tempfile.mkdtemp(prefix="yg-redis-", dir=directory))
    port = _free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(root),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--logfile",
            str(root / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not _answers(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (root / "redis.log").read_text(errors="replace")[-2000:] if (root / "redis.log").exists() else ""
                raise RuntimeError(f"redis-server did not start on port {port}:\n{log}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: redistmp.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    try:
        with server() as url:
            print(f"Redis running at {url}", file=sys.stderr)
            env = {**os.environ, "YG_REDIS_URL": url, "YG_TASKS_BACKEND": "rq"}
            return subprocess.run(argv, env=env).returncode
    except LookupError:
        print(f"SKIPPED: {SKIP_MESSAGE}", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
