"""``python manage.py messages``: rebuild the Simplified Chinese catalog (``yangguang/locale``) —
``makemessages`` for the marked text, the domain errors collected by ``core.messages``, every
msgstr filled (the source language is Chinese), and the ``.mo`` compiled (``msgfmt`` or Python)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from yangguang.core import messages

LOCALE = "zh_Hans"


class Command(BaseCommand):
    help = "重新生成简体中文消息目录（makemessages + 领域错误消息 + 编译 .mo）"

    def handle(self, *args: Any, **options: Any) -> None:
        package = Path(settings.BASE_DIR) / "yangguang"
        locale_dir = Path(settings.LOCALE_PATHS[0])
        locale_dir.mkdir(parents=True, exist_ok=True)
        call_command(
            "makemessages",
            locale=[LOCALE],
            domain="django",
            ignore_patterns=["tests/*", "*/tests/*", "bench/*", "tools/*", "scripts/*", "deploy/*", "*/migrations/*"],
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
        po = locale_dir / LOCALE / "LC_MESSAGES" / "django.po"
        added = messages.write_catalog(po, messages.domain_messages(package))
        mo = messages.compile_catalog(po)
        total = len(messages.read_po(po)) - 1  # the header entry
        self.stdout.write(
            f"{po.relative_to(settings.BASE_DIR)}：{total} 条消息（领域错误补充 {added} 条）；已编译 {mo.name}"
        )
