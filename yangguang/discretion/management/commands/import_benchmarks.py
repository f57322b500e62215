"""Import a discretion benchmark spreadsheet (XLSX) for an agency from the command line:

manage.py import_benchmarks FILE.xlsx --agency <id or USCC> --actor <username> [--publish]
manage.py import_benchmarks --template out.xlsx
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from yangguang.core.errors import DomainError
from yangguang.discretion.importer import ImportRejected, build_template
from yangguang.discretion.services import import_benchmarks
from yangguang.roster.models import Agency, User


class Command(BaseCommand):
    help = "导入裁量基准（XLSX）；或用 --template 输出导入模板"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="XLSX 文件")
        parser.add_argument("--agency", help="执法主体 ID 或统一社会信用代码")
        parser.add_argument("--actor", help="操作人用户名（本机关负责人或系统管理员）")
        parser.add_argument("--publish", action="store_true", help="导入后立即公布")
        parser.add_argument("--template", help="把导入模板写到该路径")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["template"]:
            Path(opts["template"]).write_bytes(build_template())
            self.stdout.write(f"模板已写入 {opts['template']}")
            return
        if not (opts["file"] and opts["agency"] and opts["actor"]):
            raise CommandError("须指定文件、--agency 和 --actor")
        key = str(opts["agency"])
        agency = Agency.objects.filter(Q(uscc=key.upper()) | Q(pk=int(key) if key.isdigit() else None)).first()
        if agency is None:
            raise CommandError(f"执法主体不存在：{key}")
        actor = User.objects.filter(username=opts["actor"]).first()
        if actor is None:
            raise CommandError(f"用户不存在：{opts['actor']}")
        path = Path(opts["file"])
        try:
            result = import_benchmarks(
                agency=agency, data=path.read_bytes(), filename=path.name, actor=actor, publish=opts["publish"]
            )
        except ImportRejected as exc:
            raise CommandError("\n".join([exc.message, *exc.errors])) from None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"导入成功：新增{result.created}项，更新{result.updated}项，共{result.rows}个裁量等级")
