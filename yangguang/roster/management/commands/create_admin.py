"""Bootstrap one of the three separated administrators (三员分立) from the server's shell.

The platform has no superuser: after installing (or after the migration that retired the old
catch-all ``admin`` role) the operator creates the security administrator here, who then manages
every other account through the pages. The password printed is one-time: it must be changed at the
first sign-in. The creation is recorded in the ledger with the actor ``system``.
"""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.roster import services
from yangguang.roster.models import ADMIN_ROLES, Agency, User

ALPHABET = string.ascii_letters + string.digits


def one_time_password(length: int = 16) -> str:
    """Random letters and digits with at least one upper, one lower and one digit, plus a hyphen."""
    while True:
        core = "".join(secrets.choice(ALPHABET) for _ in range(length - 1))
        if any(c.isupper() for c in core) and any(c.islower() for c in core) and any(c.isdigit() for c in core):
            return f"{core[:8]}-{core[8:]}"


class Command(BaseCommand):
    help = "Create a system, security or audit administrator with a one-time password (三员分立)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(str(r) for r in ADMIN_ROLES))
        parser.add_argument("--full-name", default="")
        parser.add_argument(
            "--agency-uscc",
            default="",
            help="the agency (e.g. the justice bureau that issues certificates) the administrator belongs to",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if User.objects.filter(username=opts["username"]).exists():
            raise CommandError(f"用户名“{opts['username']}”已存在")
        agency = None
        if opts["agency_uscc"]:
            agency = Agency.objects.filter(uscc=opts["agency_uscc"]).first()
            if agency is None:
                raise CommandError(f"找不到统一社会信用代码为{opts['agency_uscc']}的执法主体")
        password = one_time_password()
        try:
            user = services.create_user(
                username=opts["username"],
                password=password,
                role=opts["role"],
                actor=None,
                agency=agency,
                full_name=opts["full_name"],
                must_change_password=True,
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(f"已创建{user.get_role_display()} {user.username}，一次性密码：{password}（首次登录须修改）")
