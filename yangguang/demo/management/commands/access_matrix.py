"""``manage.py access_matrix``: probe every page and API operation as every role in a throwaway
test database and print the result into docs/access-matrix.md, with the policy's role × action
table in docs/access-policy.md."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test import override_settings
from django.test.utils import (
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)

from yangguang.access import table
from yangguang.demo import access_matrix as am
from yangguang.ledger.crypto import generate_key

DOCS = Path(settings.BASE_DIR) / "docs"


def role_labels() -> dict[str, str]:
    return {str(k): str(v) for k, v in get_user_model()._meta.get_field("role").choices or []}


class Command(BaseCommand):
    help = "生成访问控制矩阵（docs/access-matrix.md）和权限策略表（docs/access-policy.md）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="只比较，不写入；文档过期时以状态1退出")

    def handle(self, *args: Any, **options: Any) -> None:
        policy_doc = table.render(role_labels())
        setup_test_environment()
        old = setup_databases(verbosity=0, interactive=False, aliases={"default": {}})
        try:
            with (
                tempfile.TemporaryDirectory() as scratch,
                override_settings(
                    PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                    MEDIA_ROOT=scratch,
                    LEDGER_KEY_DIR=Path(scratch) / "ledger-keys",
                    LEDGER_KEY_FINGERPRINTS=[],
                ),
                transaction.atomic(),
            ):
                (Path(scratch) / "ledger-keys").mkdir()
                generate_key()  # a throwaway signing key: the world's ledger is rolled back
                matrix = am.run(am.build_world())
                transaction.set_rollback(True)
        finally:
            teardown_databases(old, verbosity=0)
            teardown_test_environment()
        broken = am.violations(matrix)
        outputs = {DOCS / "access-matrix.md": am.render(matrix), DOCS / "access-policy.md": policy_doc}
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
        if options["check"]:
            if stale:
                raise CommandError("文档已过期：" + "、".join(p.name for p in stale))
        else:
            for path in stale:
                path.write_text(outputs[path], encoding="utf-8")
                self.stdout.write(f"已写入 {path.relative_to(DOCS.parent)}")
        if broken:
            raise CommandError("访问控制矩阵违反规则：\n" + "\n".join(broken))
        self.stdout.write(f"{len(matrix.cells)} 次请求，规则全部满足")
