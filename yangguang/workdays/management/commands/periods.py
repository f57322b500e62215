"""``python manage.py periods``: the table of statutory periods (``--markdown`` writes the text of
``docs/periods.md``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from yangguang.workdays.periods import PERIODS, markdown


class Command(BaseCommand):
    help = "法定期限一览（--markdown 输出 docs/periods.md 的内容）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--markdown", action="store_true", help="print the Markdown of docs/periods.md")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["markdown"]:
            self.stdout.write(markdown(), ending="")
            return
        for p in PERIODS.values():
            self.stdout.write(f"{p.code:<24} {p.short:<8} {p.name}（{p.article}；自{p.starts}起算）")
