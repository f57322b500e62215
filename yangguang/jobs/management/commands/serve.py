"""``python manage.py serve``: the production topology of one host in one command.

Starts gunicorn (``--web-workers`` processes, see ``yangguang/gunicorn_conf.py``) and
``--task-workers`` task workers (``manage.py run_tasks``), restarts any of them that dies, and
stops them all on SIGINT/SIGTERM. The first task worker runs every queue; the others every queue
but ``push``, so a slow superior platform never holds every worker (checkpoints and the publication
pipeline always have one). ``make run`` ends with this; a larger deployment runs the same programs
under systemd or a container orchestrator instead (docs/deployment.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "生产方式运行：gunicorn 多进程 Web 服务 + 后台任务进程"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("YG_BIND", "127.0.0.1:8000"))
        parser.add_argument("--web-workers", type=int, default=int(os.environ.get("YG_WEB_WORKERS", "4")))
        parser.add_argument("--task-workers", type=int, default=int(os.environ.get("YG_TASK_WORKERS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        python = sys.executable
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        env = {**os.environ, "YG_BIND": options["bind"], "YG_WEB_WORKERS": str(options["web_workers"])}
        specs: list[list[str]] = [[python, "-m", "gunicorn", "-c", "python:yangguang.gunicorn_conf"]]
        for n in range(options["task_workers"]):
            cmd = [python, manage, "run_tasks"]
            if n > 0:
                cmd += ["--queues", "*", "--exclude-queues", "push"]
            specs.append(cmd)
        children: list[subprocess.Popen[bytes] | None] = [None] * len(specs)
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        restarts = [0.0] * len(specs)
        try:
            while not stopping:
                for i, cmd in enumerate(specs):
                    child = children[i]
                    if child is not None and child.poll() is None:
                        continue
                    if child is not None:
                        self.stderr.write(f"serve: {' '.join(cmd[1:4])} exited with {child.returncode}; restarting")
                    if time.monotonic() - restarts[i] < 1.0:  # do not spin on a process that cannot start
                        continue
                    restarts[i] = time.monotonic()
                    children[i] = subprocess.Popen(cmd, env=env)
                time.sleep(0.2)
        finally:
            for child in children:
                if child is not None and child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 35
            for child in children:
                if child is None:
                    continue
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
