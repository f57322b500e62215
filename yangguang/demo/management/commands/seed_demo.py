"""``python manage.py seed_demo --scale small|city|province [--if-empty] [--reset] [--seed N]``:
write the deterministic demo data set and one login per role (password ``Yangguang-2026``, demo only)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import ProtectedError
from django.db.utils import IntegrityError

from yangguang.demo.generator import (
    DEFAULT_SEED,
    DEMO_PASSWORD,
    PERSONAS,
    SCALES,
    reset_roster,
    roster_is_empty,
    seed_demo,
)


class Command(BaseCommand):
    help = "生成演示数据（行政区划、执法主体、执法人员、执法事项、市场主体）及各角色演示账号"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small", help="数据规模")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子（相同种子生成相同数据）")
        parser.add_argument("--if-empty", action="store_true", help="名录已有执法主体时不做任何操作")
        parser.add_argument("--reset", action="store_true", help="先删除现有名录数据再生成")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="证件有效期的基准日 YYYY-MM-DD")
        parser.add_argument("--batch-size", type=int, default=5_000)

    def handle(self, *args: Any, **options: Any) -> None:
        if not roster_is_empty():
            if options["if_empty"]:
                self.stdout.write("名录中已有执法主体，跳过演示数据生成（--if-empty）。")
                return
            if not options["reset"]:
                raise CommandError("名录中已有执法主体，拒绝生成演示数据：如需清空现有名录后重新生成，请加 --reset。")
            try:
                deleted = reset_roster()
            except (ProtectedError, IntegrityError) as exc:
                raise CommandError(f"无法清空名录：仍有其他记录（如案件）引用名录数据（{exc}）") from exc
            self.stdout.write("已删除现有名录数据：" + "，".join(f"{k} {v}" for k, v in deleted.items()))
        scale = SCALES[options["scale"]]
        started = time.perf_counter()
        report = seed_demo(
            scale=scale,
            seed=options["seed"],
            today=options["today"],
            batch_size=options["batch_size"],
            log=lambda msg: self.stdout.write(f"  {msg}"),
        )
        total = time.perf_counter() - started
        counts = "，".join(f"{label} {n}" for label, n in report.counts.items())
        self.stdout.write(
            self.style.SUCCESS(f"演示数据（{scale.name}，种子 {report.seed}）已生成，用时 {total:.1f} 秒：{counts}")
        )
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}，仅供演示）：" + "、".join(p.username for p in PERSONAS))
