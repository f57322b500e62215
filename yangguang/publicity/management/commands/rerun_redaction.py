"""``manage.py rerun_redaction --agency ID [--apply]``: redact an agency's published decisions
again with today's detectors and report, per decision, what would be (with ``--apply``: is) masked
further; applied changes are corrections (new version, ledger entry, push), made by the system."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.publicity.services import rerun_redaction
from yangguang.roster.models import Agency


class Command(BaseCommand):
    help = "用当前的脱敏规则重新脱敏某执法主体已公开的决定，报告（或以更正方式应用）新增遮蔽的内容"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", type=int, required=True, help="执法主体编号")
        parser.add_argument("--apply", action="store_true", help="以更正方式应用（默认只报告）")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(pk=options["agency"]).first()
        if agency is None:
            raise CommandError("执法主体不存在")
        items = rerun_redaction(agency=agency, actor=None, apply=options["apply"])
        for item in items:
            self.stdout.write(
                f"{item.number}\t{'已更正' if item.applied else '待更正'}\t{'、'.join(item.newly_masked)}"
            )
        self.stdout.write(f"共 {len(items)} 件公开决定{'已重新脱敏' if options['apply'] else '将被重新脱敏'}")
