"""``manage.py workdays``: count deadlines and maintain the holiday schedules.

workdays add 2026-09-28 7          due date of 7 working days after 2026-09-28
workdays add-days 2026-09-15 15    due date of 15 calendar days (rolled to a working day)
workdays between 2026-09-28 2026-10-13   working days in (A, B]
workdays load schedule-2027.txt    load a year's schedule (format: yangguang/workdays/schedule_file.py);
                                   prints every running due date it moved, per agency
workdays years                     years with a schedule and their status
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.core.errors import DomainError
from yangguang.workdays import selectors, services
from yangguang.workdays.models import YearStatus
from yangguang.workdays.selectors import Deadline


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”格式错误，应为YYYY-MM-DD") from None


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise CommandError(f"天数“{text}”不是整数") from None


class Command(BaseCommand):
    help = "工作日历：计算期限（工作日/自然日）、统计工作日、载入和查看年度节假日安排"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="N个工作日后的到期日（起算日不计入）")
        add.add_argument("start")
        add.add_argument("n")
        add_days = sub.add_parser("add-days", help="N个自然日后的到期日（末日为节假日的顺延至下一个工作日）")
        add_days.add_argument("start")
        add_days.add_argument("n")
        add_days.add_argument("--no-roll-forward", action="store_true", help="末日遇节假日不顺延")
        between = sub.add_parser("between", help="A（不含）至B（含）之间的工作日数")
        between.add_argument("start")
        between.add_argument("end")
        load = sub.add_parser("load", help="载入一个年度的节假日安排文件（文本或JSON）")
        load.add_argument("file")
        load.add_argument("--provisional", action="store_true", help="作为暂定安排载入")
        load.add_argument("--user", default="", help="记录为操作人的用户名")
        sub.add_parser("years", help="列出已有安排的年度")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "do_" + options["action"].replace("-", "_"))(options)
        except DomainError as exc:
            raise CommandError(exc.message) from None

    def _print_deadline(self, deadline: Deadline) -> None:
        line = deadline.due.isoformat()
        if deadline.provisional:
            line += f"（{selectors.provisional_label(deadline.provisional_years)}）"
        self.stdout.write(line)

    def do_add(self, options: dict[str, Any]) -> None:
        self._print_deadline(selectors.add_working_days(_date(options["start"]), _int(options["n"])))

    def do_add_days(self, options: dict[str, Any]) -> None:
        deadline = selectors.add_days(
            _date(options["start"]), _int(options["n"]), roll_forward=not options["no_roll_forward"]
        )
        self._print_deadline(deadline)

    def do_between(self, options: dict[str, Any]) -> None:
        start, end = _date(options["start"]), _date(options["end"])
        count, provisional = selectors.working_days_between(start, end)
        line = str(count)
        if provisional:
            low, high = min(start, end), max(start, end)
            years = [
                y for y in range((low + selectors.ONE_DAY).year, high.year + 1) if selectors.is_provisional_year(y)
            ]
            line += f"（{selectors.provisional_label(years)}）"
        self.stdout.write(line)

    def do_load(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取文件{path}：{exc}") from None
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"用户“{options['user']}”不存在")
        cal = services.load_schedule_text(
            text=text, actor=actor, status=YearStatus.PROVISIONAL if options["provisional"] else None
        )
        holidays = cal.days.filter(kind="holiday").count()
        makeup = cal.days.filter(kind="makeup").count()
        self.stdout.write(
            f"已载入{cal.year}年节假日安排（{cal.get_status_display()}，法定节假日{holidays}天，调休上班日{makeup}天）"
        )
        changes = services.due_date_changes(cal)
        if changes:
            self.stdout.write(f"按新安排重新计算，{len(changes)}个正在进行的期限到期日变更：")
        agency = None
        for c in changes:
            if c.agency.name != agency:
                agency = c.agency.name
                self.stdout.write(f"  {agency}")
            flag = "（暂定）" if c.still_provisional else ""
            self.stdout.write(f"    {c.subject}  {c.what}  {c.old_due} → {c.new_due}{flag}")

    def do_years(self, options: dict[str, Any]) -> None:
        for cal in selectors.calendar_years():
            self.stdout.write(
                f"{cal.year}  {cal.get_status_display()}  {cal.source or '-'}  "
                f"法定节假日{cal.holiday_count}天  调休上班日{cal.makeup_count}天"  # type: ignore[attr-defined]
            )
        next_year = selectors.calendar_years().last()
        after = (next_year.year + 1) if next_year else datetime.date.today().year
        self.stdout.write(f"{after}  暂定（尚未公布）")
