"""``manage.py scan_leaks``: check everything public for personal data — the stored public fields
and every public surface as a reader gets it (pages, API, feed, CSV, ledger entries); exit 1 on a
hit. ``--base-url`` fetches the surfaces over HTTP from a running site instead of in process."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.publicity.leakscan import scan_surfaces
from yangguang.publicity.selectors import scan_public


class Command(BaseCommand):
    help = "扫描公示平台上所有公开内容（数据与页面、接口、订阅、CSV、记录条目）中的个人信息"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default="", help="从运行中的站点经 HTTP 读取公开页面（默认进程内读取）")
        parser.add_argument("--no-surfaces", action="store_true", help="只扫描数据库中的公开字段")

    def handle(self, *args: Any, **options: Any) -> None:
        hits = scan_public()
        if not options["no_surfaces"]:
            hits += scan_surfaces(base_url=options["base_url"] or None)
        for h in hits:
            self.stdout.write(f"{h.kind}\t{h.text}\t{h.where}\t{h.url}")
        if hits:
            raise CommandError(f"发现 {len(hits)} 处疑似个人信息")
        self.stdout.write("未发现个人信息泄露")
