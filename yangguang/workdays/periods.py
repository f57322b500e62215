"""Every statutory period in one table (法定期限).

Each ``Period`` has its length, its unit (working days, calendar days or months), the article that
sets it and what starts it. The case engine and its deadlines, the guards and their messages, the
document texts, publicity, the legal review, the pages and the generated ``docs/periods.md``
(``manage.py periods``) all read it from here, so a period changed here changes everywhere
(``workdays/tests/test_periods.py`` proves it for the hearing notice).

Units (《行政处罚法》第八十五条: 二日、三日、五日、七日 are working days; 行政许可法 Art. 82 and
行政强制法 Art. 69 count working days too; longer periods such as 15 and 90 days count calendar
days, whose last day moves past a holiday, 民法典 Art. 203).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .selectors import Deadline, add_days, add_working_days


class Unit(models.TextChoices):
    WORKING = "working", _("个工作日")
    CALENDAR = "calendar", _("日")
    MONTHS = "months", _("个月")


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """0–999 in Chinese numerals as the statutes write them: 七, 十五, 二十, 九十, 一百八十."""
    if not 0 <= n <= 999:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            out += "零"
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


@dataclass(frozen=True)
class Period:
    code: str
    name: str  # Chinese, shown to users
    length: int
    unit: str  # Unit
    article: str
    starts: str  # what starts it (Chinese)

    @property
    def label(self) -> str:
        return gettext(self.name)

    @property
    def text(self) -> str:
        """The length as the statutes write it: 七个工作日, 十五日, 三个月."""
        return f"{chinese_number(self.length)}{Unit(self.unit).label}"

    @property
    def short(self) -> str:
        """The length in digits, for tables: 7个工作日, 15日, 3个月."""
        return f"{self.length}{Unit(self.unit).label}"

    def due(self, start: dt.date, *, length: int | None = None, extra: int = 0) -> Deadline:
        """The last day of the period after ``start`` (``length`` instead of the table's, plus
        ``extra`` of the same unit, e.g. an approved extension)."""
        n = (self.length if length is None else length) + extra
        if self.unit == Unit.WORKING:
            return add_working_days(start, n)
        if self.unit == Unit.CALENDAR:
            return add_days(start, n)
        return Deadline(due=add_months(start, n), provisional=False)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


W, C, M = Unit.WORKING, Unit.CALENDAR, Unit.MONTHS
XZCF = "《行政处罚法》"

PERIODS: dict[str, Period] = {
    p.code: p
    for p in (
        # 行政处罚法 (Administrative Penalty Law)
        Period("statement", "陈述申辩、申请听证", 5, W, f"{XZCF}第四十四条、第六十四条", "告知之日"),
        Period("hearing_notice", "听证通知", 7, W, f"{XZCF}第六十四条、第八十五条", "通知之日（至举行听证）"),
        Period("evidence_preservation", "先行登记保存证据处理", 7, W, f"{XZCF}第五十六条", "登记保存之日"),
        Period("decision", "作出处罚决定", 90, C, f"{XZCF}第六十条", "立案之日"),
        Period("service", "送达处罚决定书", 7, W, f"{XZCF}第六十一条", "作出决定之日"),
        Period("payment", "缴纳罚款", 15, C, f"{XZCF}第六十七条", "收到处罚决定书之日"),
        Period("enforcement_demand", "催告后陈述申辩", 3, W, "《行政强制法》第三十五条、第三十六条", "收到催告书之日"),
        # Remedies against a decision (the decision states them; they gate the application for enforcement)
        Period("reconsideration", "申请行政复议", 60, C, "《行政复议法》第二十条", "收到决定书之日"),
        Period("litigation", "提起行政诉讼", 6, M, "《行政诉讼法》第四十六条", "收到决定书之日"),
        # 行政强制法 (Administrative Coercion Law): Art. 69, periods of ten days or less are working days.
        Period("demand_performance", "催告书履行期限", 10, W, "《行政强制法》第五十四条、第六十九条", "催告书送达之日"),
        Period(
            "enforcement_application",
            "申请人民法院强制执行",
            3,
            M,
            "《行政强制法》第五十三条",
            "申请行政复议、提起行政诉讼的期限届满之日",
        ),
        Period("seizure", "查封、扣押期限", 30, C, "《行政强制法》第二十五条", "实施查封、扣押之日"),
        Period("seizure_extension", "查封、扣押延长期限（最长）", 30, C, "《行政强制法》第二十五条", "原期限届满"),
        # 行政许可法 (Administrative Licensing Law)
        Period("licensing", "作出许可决定", 20, W, "《行政许可法》第四十二条", "受理之日"),
        Period("licensing_extension", "许可决定延长期限（最长）", 10, W, "《行政许可法》第四十二条", "原期限届满"),
        # Publicity (行政执法公示)
        Period("publication_fast", "行政许可、行政处罚决定公开", 7, W, "国办发〔2018〕118号", "作出决定之日"),
        Period("publication_other", "其他执法决定公开", 20, W, "国办发〔2018〕118号", "作出决定之日"),
        Period(
            "inspection_result_publication",
            "双随机抽查结果公示",
            20,
            W,
            "《企业信息公示暂行条例》第六条；国发〔2019〕5号",
            "抽查检查结束之日",
        ),
        Period("withdrawal", "撤回已公开的处罚决定", 3, W, f"{XZCF}第四十八条", "决定被撤销、确认违法之日"),
        Period("publication_light", "公示期（警告、通报批评）", 3, M, "信用信息公示有关规定", "公开之日"),
        Period("publication_penalty", "公示期（其他行政处罚）", 12, M, "信用信息公示有关规定", "公开之日"),
        Period("publication_heavy", "公示期（吊销、停产停业等）", 36, M, "信用信息公示有关规定", "公开之日"),
        Period("publication_licensing", "公示期（行政许可）", 36, M, "信用信息公示有关规定", "公开之日"),
        Period("publication_default", "公示期（其他执法决定）", 12, M, "信用信息公示有关规定", "公开之日"),
        # Enforcement supervision (行政执法监督): the period in which an agency answers a supervision
        # opinion or decision with its rectification. The regulation's article on it could not be
        # verified (only Art. 1–6 were found, sessions 4 and 5), so 30 days is the platform's
        # default, said so in the basis; the bureau may set another due date in the document.
        Period(
            "supervision_answer",
            "答复行政执法监督意见书、决定书（默认期限）",
            30,
            C,
            "平台默认期限（《行政执法监督条例》国务院令第825号的相应条款未能核实；监督机构可在文书中另定期限）",
            "制发监督文书之日",
        ),
        # Legal review (法制审核): the agency sets its own period; this is the default.
        Period(
            "legal_review", "法制审核（默认期限）", 5, W, "本机关法制审核办法（可在审核设置中修改）", "提交审核之日"
        ),
    )
}


def period(code: str) -> Period:
    return PERIODS[code]


def texts() -> dict[str, str]:
    """``{code: text}`` of every period, for messages written with ``{hearing_notice}`` etc."""
    return {code: p.text for code, p in PERIODS.items()}


def _with_periods(message: str) -> str:
    return gettext(message).format(**texts())


with_periods = lazy(_with_periods, str)
"""A lazy message whose ``{code}`` placeholders are filled from the table when it is shown (form
help texts and labels declared at import time)."""


def markdown() -> str:
    """The table as the Markdown of ``docs/periods.md``."""
    lines = [
        "# Statutory periods (法定期限)",
        "",
        "Generated from `yangguang/workdays/periods.py` by `python manage.py periods --markdown`;",
        "do not edit by hand (a test compares this file with the table).",
        "",
        "| code | 期限 | length | article | starts on |",
        "|---|---|---|---|---|",
    ]
    for p in PERIODS.values():
        lines.append(f"| `{p.code}` | {p.name} | {p.short} | {p.article} | {p.starts} |")
    return "\n".join(lines) + "\n"
