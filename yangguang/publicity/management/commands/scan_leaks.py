"""``manage.py scan_leaks``: check everything public for personal-data patterns; exit 1 on a hit."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yangguang.publicity.selectors import scan_public


class Command(BaseCommand):
    help = "扫描公示平台上所有公开内容中的个人信息（身份证号码、手机号码、银行卡号、电子邮箱、自然人姓名）"

    def handle(self, *args: Any, **options: Any) -> None:
        hits = scan_public()
        for h in hits:
            self.stdout.write(f"{h.kind}\t{h.text}\t{h.where}\t{h.url}")
        if hits:
            raise CommandError(f"发现 {len(hits)} 处疑似个人信息")
        self.stdout.write("未发现个人信息泄露")
