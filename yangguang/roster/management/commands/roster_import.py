"""python manage.py roster_import KIND FILE [--user USERNAME]: import a roster XLSX/CSV file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.core.errors import DomainError
from yangguang.roster.importers import KINDS, ImportInvalid, import_roster_file
from yangguang.roster.models import User


class Command(BaseCommand):
    help = "导入名册文件（XLSX或CSV）：任何一行有错误时整个文件不导入，并列出全部错误"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS), help="名册类型")
        parser.add_argument("file", type=Path, help="XLSX或CSV文件")
        parser.add_argument("--user", default="", help="以该用户身份导入（默认为系统，不限范围）")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"用户不存在：{options['user']}")
        try:
            result = import_roster_file(kind=options["kind"], filename=path.name, data=path.read_bytes(), actor=actor)
        except ImportInvalid as exc:
            for error in exc.errors:
                self.stderr.write(error.text())
            if exc.error_count > len(exc.errors):
                self.stderr.write(f"……仅列出前{len(exc.errors)}条")
            raise CommandError(exc.message) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            f"{KINDS[result.kind].label}：共{result.rows}行，新增{result.created}条，更新{result.updated}条，"
            f"未变{result.unchanged}条（{result.seconds:.1f}秒，SHA-256 {result.sha256}）"
        )
