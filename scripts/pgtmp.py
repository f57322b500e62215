#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL server built from the local binaries.

    python scripts/pgtmp.py -- pytest -q

Creates a cluster in a temporary directory (as the ``postgres`` user when run as root, because
initdb refuses to run as root), listens only on a private Unix socket, exports DATABASE_URL for
the command, and stops and removes everything afterwards. Exits 0 with a clear message, running
nothing, where no PostgreSQL binaries exist; set YG_REQUIRE_POSTGRES=1 to make that an error.

The server runs without fsync and with synchronous_commit off (the tests do not need durability);
YG_PG_DURABLE=1 keeps PostgreSQL's defaults (fsync, synchronous_commit on), for benchmarks.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def find_bindir() -> Path | None:
    candidates = []
    if os.environ.get("YG_PG_BINDIR"):
        candidates.append(os.environ["YG_PG_BINDIR"])
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).resolve().parent))
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for cand in candidates:
        if (Path(cand) / "initdb").exists() and (Path(cand) / "pg_ctl").exists():
            return Path(cand)
    return None


def as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("usage: pgtmp.py -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    bindir = find_bindir()
    if bindir is None:
        msg = "SKIPPED: no PostgreSQL binaries (initdb, pg_ctl) found; the PostgreSQL run of the suite did not happen"
        print(msg, file=sys.stderr)
        return 1 if os.environ.get("YG_REQUIRE_POSTGRES") == "1" else 0
    root = Path(tempfile.mkdtemp(prefix="yg-pg-"))
    data, sock = root / "data", root / "sock"
    data.mkdir()
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
        os.chmod(root, 0o755)
    log = root / "server.log"
    try:
        subprocess.run(
            as_owner(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        # No TCP at all: the server is reachable only through its private socket directory.
        opts = f"-c listen_addresses='' -k {sock} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        if os.environ.get("YG_PG_DURABLE") == "1":  # benchmarks: the defaults (fsync, synchronous_commit on)
            opts = f"-c listen_addresses='' -k {sock} -c max_connections=200"
        if os.geteuid() == 0:
            log.touch()
            shutil.chown(log, "postgres", "postgres")
        subprocess.run(
            as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts, "-w", "start"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(as_owner([str(bindir / "createdb"), "-h", str(sock), "-U", "postgres", "yangguang"]), check=True)
        env = dict(os.environ)
        env["DATABASE_URL"] = f"postgres://postgres@/yangguang?host={sock}"
        env["YG_TEST_DATABASE"] = "postgresql"
        print(f"PostgreSQL ({bindir}) running on {sock}", file=sys.stderr)
        return subprocess.run(argv, env=env).returncode
    finally:
        subprocess.run(
            as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
