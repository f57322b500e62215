"""``manage.py workdays``: exact output."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yangguang.workdays.models import CalendarYear, YearStatus

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_working_days() -> None:
    assert run("add", "2026-09-28", "7") == "2026-10-13\n"


def test_add_working_days_into_an_unannounced_year() -> None:
    assert run("add", "2026-12-25", "7") == "2027-01-06（暂定：2027年节假日安排尚未公布）\n"  # 1 Jan off


def test_add_calendar_days() -> None:
    assert run("add-days", "2026-09-16", "15") == "2026-10-08\n"
    assert run("add-days", "2026-09-16", "15", "--no-roll-forward") == "2026-10-01\n"


def test_between() -> None:
    assert run("between", "2026-09-28", "2026-10-13") == "7\n"
    assert run("between", "2026-12-28", "2027-01-08") == "8（暂定：2027年节假日安排尚未公布）\n"


def test_years() -> None:
    lines = run("years").splitlines()
    assert lines[0] == "2020  已确认  国办发明电〔2019〕16号；国办发明电〔2020〕1号  法定节假日30天  调休上班日6天"
    assert lines[6] == "2026  已确认  国办发明电〔2025〕7号  法定节假日33天  调休上班日6天"
    assert lines[7] == "2027  暂定（尚未公布）"
    assert len(lines) == 8


def test_load_a_file(tmp_path: Path, admin_user: object) -> None:
    path = tmp_path / "2027.txt"
    path.write_text(
        "year: 2027\nsource: 测试通知〔2026〕1号\nholiday 2027-01-01..2027-01-03 元旦\nmakeup 2027-01-09 元旦\n",
        encoding="utf-8",
    )
    assert (
        run("load", str(path), "--user", "admin") == "已载入2027年节假日安排（已确认，法定节假日3天，调休上班日1天）\n"
    )
    assert CalendarYear.objects.get(year=2027).status == YearStatus.CONFIRMED
    assert run("add", "2026-12-30", "2") == "2027-01-04\n"
    assert run("load", str(path), "--provisional") == "已载入2027年节假日安排（暂定，法定节假日3天，调休上班日1天）\n"
    assert run("add", "2026-12-30", "2") == "2027-01-04（暂定：2027年节假日安排尚未确认）\n"


def test_load_refuses_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "2027.txt"
    path.write_text("year: 2027\nsource: X\nholiday 2027-01-01 元旦\nmakeup 2027-01-04 元旦\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run("load", str(path))
    assert str(exc.value) == "调休上班日2027-01-04是星期一：调休上班日只能是星期六或星期日"
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "2026-02-30", "3"), "日期“2026-02-30”格式错误，应为YYYY-MM-DD"),
        (("add", "2026-02-01", "three"), "天数“three”不是整数"),
        (
            ("load", "/nonexistent/2027.txt"),
            "无法读取文件/nonexistent/2027.txt：[Errno 2] No such file or directory: '/nonexistent/2027.txt'",
        ),
        (("load", "/dev/null", "--user", "nobody"), "用户“nobody”不存在"),
    ],
)
def test_bad_input(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert str(exc.value) == message
