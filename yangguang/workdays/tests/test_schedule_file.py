"""Parsing the small schedule files (text and JSON)."""

from __future__ import annotations

import datetime

import pytest

from yangguang.core.errors import DomainError
from yangguang.workdays.schedule_file import DaySpec, parse

D = datetime.date

TEXT = """# 测试用安排
年份：2027
状态: 暂定
来源: 测试通知〔2026〕1号
备注: 只用于测试
放假 2027-01-01..2027-01-03 元旦
上班 2027-01-09 元旦   # 周六
"""

JSON = """{"year": 2027, "status": "provisional", "source": "测试通知〔2026〕1号", "note": "只用于测试",
 "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
 "makeup_days": [{"name": "元旦", "date": "2027-01-09"}]}"""

EXPECTED = [
    DaySpec(D(2027, 1, 1), "holiday", "元旦"),
    DaySpec(D(2027, 1, 2), "holiday", "元旦"),
    DaySpec(D(2027, 1, 3), "holiday", "元旦"),
    DaySpec(D(2027, 1, 9), "makeup", "元旦"),
]


@pytest.mark.parametrize("content", [TEXT, JSON, "\ufeff" + TEXT])
def test_text_and_json_say_the_same(content: str) -> None:
    parsed = parse(content)
    assert (parsed.year, parsed.status, parsed.source, parsed.note) == (
        2027,
        "provisional",
        "测试通知〔2026〕1号",
        "只用于测试",
    )
    assert parsed.days == EXPECTED


def test_english_keywords_and_default_status() -> None:
    parsed = parse("year: 2027\nsource: X\nholiday 2027-01-01 元旦\nmakeup 2027-01-09 元旦\n")
    assert parsed.status == "confirmed"
    assert [d.kind for d in parsed.days] == ["holiday", "makeup"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("year: 2027\nfoo bar\n", "第2行无法识别：“foo bar”"),
        ("holiday 2027-01-01 元旦\n", "文件中缺少年份（year: 2027）"),
        ("year: 2027\nholiday 2027-13-01 元旦\n", "第2行：日期“2027-13-01”格式错误，应为YYYY-MM-DD"),
        ("year: 2027\nholiday 2027-01-03..2027-01-01 元旦\n", "第2行：结束日期早于开始日期"),
        ("year: 2027\nholiday 2027-01-01\n", "第2行：缺少日期或节日名称"),
        ("year: 2027\nstatus: maybe\n", "第2行：状态“maybe”无效，应为“已确认”或“暂定”"),
        ("year: 二〇二七\n", "第1行：年份“二〇二七”无效"),
        ("year: 2027\nholiday 2027-01-01..2027-03-01 春节\n", "第2行：一段假期不能超过31天"),
        ('{"year": 2027,', "JSON格式错误：第1行第15列"),
        ('{"holidays": []}', "文件中缺少年份（year: 2027）"),
    ],
)
def test_format_errors(content: str, message: str) -> None:
    with pytest.raises(DomainError) as exc:
        parse(content)
    assert exc.value.message == message
