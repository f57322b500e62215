"""``python manage.py case_deadlines --recount``: recompute every case's stored soonest due date
(``Case.next_due_on``, read by the "即将到期" panel, the to-do centre and the deadlines page) from
its records, after a bulk load or a restore; the services keep it on every save."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yangguang.cases.deadlines import recount_all


class Command(BaseCommand):
    help = "重新计算案件最近届满日（即将到期、待办中心读取的索引字段）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--recount", action="store_true", required=True, help="按案件记录重新计算")

    def handle(self, *args: Any, **options: Any) -> None:
        t0 = time.perf_counter()
        changed = recount_all()
        self.stdout.write(f"已重新计算案件最近届满日：{changed} 件有变化，用时 {time.perf_counter() - t0:.1f} 秒。")
