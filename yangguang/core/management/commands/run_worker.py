"""``python manage.py run_worker``: the embedded background worker (ledger checkpoints every
30 s while there are new entries, pushes to the superior platform, expiry of abandoned uploads).
`make run` starts it beside the web server."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yangguang.core import worker


class Command(BaseCommand):
    help = "后台任务：记录日志检查点、向上级平台推送、清理过期的未完成上传"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-rounds", type=int, default=0, help="stop after this many rounds (0: never)")

    def handle(self, *args: Any, **options: Any) -> None:
        names = ", ".join(f"{job.name} (every {job.every:g} s)" for job in worker.default_jobs())
        self.stdout.write(f"worker: {names}")
        failures = worker.run(max_rounds=options["max_rounds"], sleep=lambda s: time.sleep(max(s, 0.2)))
        if options["max_rounds"]:
            failed = {name: n for name, n in failures.items() if n}
            self.stdout.write(f"worker: done, failures {failed or 'none'}")
