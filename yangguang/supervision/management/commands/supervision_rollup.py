"""``python manage.py supervision_rollup --rebuild | --check [--from YYYY-MM] [--to YYYY-MM]``: the
cockpit's roll-up (``supervision/rollup.py``). ``--rebuild`` recomputes it from the records (after a
bulk load or a restore); ``--check`` lists every agency × month × kind where it differs from the
records and exits with status 1 if any does."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.supervision import rollup


def _month(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        year, month = (int(x) for x in text.split("-"))
        return dt.date(year, month, 1)
    except ValueError as exc:
        raise CommandError(f"月份格式应为 YYYY-MM：{text}") from exc


class Command(BaseCommand):
    help = "执法监督驾驶舱月度汇总：重建（--rebuild）或与业务记录核对（--check）"

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true", help="按业务记录重新计算汇总")
        group.add_argument("--check", action="store_true", help="列出汇总与业务记录不一致之处")
        parser.add_argument("--from", dest="first", help="起始月份 YYYY-MM（默认全部）")
        parser.add_argument("--to", dest="last", help="截止月份 YYYY-MM（默认全部）")

    def handle(self, *args: Any, **options: Any) -> None:
        first, last = _month(options["first"]), _month(options["last"])
        t0 = time.perf_counter()
        if options["rebuild"]:
            n = rollup.rebuild(first=first, last=last)
            self.stdout.write(f"已重建驾驶舱汇总：{n} 行，用时 {time.perf_counter() - t0:.1f} 秒。")
            return
        diffs = rollup.differences(first=first, last=last)
        for line in diffs:
            self.stdout.write(line)
        if diffs:
            raise CommandError(f"驾驶舱汇总与业务记录不一致：{len(diffs)} 处（运行 --rebuild 重建）。")
        self.stdout.write(f"驾驶舱汇总与业务记录一致（用时 {time.perf_counter() - t0:.1f} 秒）。")
