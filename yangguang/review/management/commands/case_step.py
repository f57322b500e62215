"""``manage.py case_step <case_id> <action> --user <username> [--data JSON] [--reason ...] [--on YYYY-MM-DD]``

Take one step of a case's workflow from the command line (batch corrections, scripted imports). It goes
through the same service as the pages and the API, so every guard applies: a major decision cannot be
taken without a passed legal review."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.cases.models import Case
from yangguang.cases.services import case_transition
from yangguang.core.errors import DomainError
from yangguang.roster.models import User


class Command(BaseCommand):
    help = "Take one step of a case's workflow as a user (every guard applies, legal review included)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("case_id", type=int)
        parser.add_argument("action")
        parser.add_argument("--user", required=True, help="username of the actor")
        parser.add_argument("--data", default="{}", help="the step's data as a JSON object")
        parser.add_argument("--reason", default="")
        parser.add_argument("--on", default="", help="the day the step happened (YYYY-MM-DD)")

    def handle(self, *args: Any, **opts: Any) -> None:
        case = Case.objects.filter(pk=opts["case_id"]).first()
        if case is None:
            raise CommandError("案件不存在")
        actor = User.objects.filter(username=opts["user"]).first()
        if actor is None:
            raise CommandError("用户不存在")
        try:
            data = json.loads(opts["data"])
            on = dt.date.fromisoformat(opts["on"]) if opts["on"] else None
        except ValueError as exc:
            raise CommandError(f"参数格式不正确：{exc}") from None
        if not isinstance(data, dict):
            raise CommandError("--data 应为 JSON 对象")
        try:
            step = case_transition(
                case=case, action=opts["action"], actor=actor, data=data, reason=opts["reason"], occurred_on=on
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{case.number}: {step.label}（第{step.seq}步）")
