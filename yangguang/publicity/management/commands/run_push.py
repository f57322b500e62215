"""``manage.py run_push``: the push worker loop (outbox -> superior platform)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yangguang.publicity.push import run_once


class Command(BaseCommand):
    help = "向上级平台推送公示事件（至少一次、指数退避重试、幂等键）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-runs", type=int, default=0, help="run this many rounds then stop (0 = forever)")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between rounds")

    def handle(self, *args: Any, **options: Any) -> None:
        runs = 0
        while True:
            counts = run_once()
            runs += 1
            if counts["sent"] or counts["failed"]:
                self.stdout.write(f"sent={counts['sent']} failed={counts['failed']}")
            if options["max_runs"] and runs >= options["max_runs"]:
                return
            time.sleep(options["interval"])
