"""``python manage.py seed_demo_cases [--officer USERNAME]``: a few demo penalty cases in different
states for an officer's agency, made through the workflow services (timeline, documents, ledger)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.cases.demo import seed_demo_cases
from yangguang.cases.models import Case
from yangguang.core.errors import DomainError
from yangguang.roster.models import User


class Command(BaseCommand):
    help = "为一名执法人员所在机关生成几件不同办理阶段的演示案件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--officer", default="officer", help="执法人员账号（默认 officer）")
        parser.add_argument("--if-empty", action="store_true", help="已有案件时不做任何操作")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Case.objects.exists():
            self.stdout.write("已有案件，跳过演示案件生成（--if-empty）。")
            return
        user = User.objects.filter(username=options["officer"]).first()
        if user is None:
            raise CommandError(f"账号不存在：{options['officer']}")
        try:
            cases = seed_demo_cases(officer_user=user)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS("已生成演示案件：" + "、".join(c.number for c in cases)))
