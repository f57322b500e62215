"""python manage.py roster_export KIND OUT.xlsx [--user USERNAME]: export a roster list to XLSX."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.roster.importers import KINDS, write_export
from yangguang.roster.models import User


class Command(BaseCommand):
    help = "导出名册为XLSX（列名与导入模板相同）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS), help="名册类型")
        parser.add_argument("out", type=Path, help="输出的XLSX文件")
        parser.add_argument("--user", default="", help="按该用户可见的范围导出（默认全部）")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"用户不存在：{options['user']}")
        out: Path = options["out"]
        with write_export(kind=options["kind"], user=user) as src, out.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        self.stdout.write(f"已导出{KINDS[options['kind']].label}到 {out}")
