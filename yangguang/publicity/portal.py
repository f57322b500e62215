"""The shape of the public portal: its sections (navigation) and links into other apps.

Sections are listed once here; the navigation and the home page are made from the list.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yangguang.cases.workflow import KIND_CATEGORY, CaseKind
from yangguang.roster.models import ActionKind

# (key, URL name, label, one-line description)
SECTIONS: list[tuple[str, str, str | Promise, str | Promise]] = [
    ("agencies", "publicity:agencies", gettext_lazy("执法主体"), gettext_lazy("执法主体名录：名称、依据、职权、区域")),
    (
        "officers",
        "publicity:officers",
        gettext_lazy("执法人员"),
        gettext_lazy("执法人员清单：持证情况、执法类别、区域"),
    ),
    ("items", "publicity:items", gettext_lazy("执法事项"), gettext_lazy("执法事项清单与服务指南、执法流程图")),
    (
        "inspection_items",
        "publicity:inspection_items",
        gettext_lazy("随机抽查"),
        gettext_lazy("随机抽查事项清单：依据、对象、内容、比例、方式、频次"),
    ),
    ("verify", "publicity:verify_check", gettext_lazy("执法证核验"), gettext_lazy("扫码或输入证件编号核验执法证")),
    # Later parts of issue 6 and of the discretion app; shown once their pages exist.
    ("discretion", "discretion:public", gettext_lazy("裁量基准"), gettext_lazy("行政处罚裁量基准")),
    ("decisions", "publicity:decisions", gettext_lazy("执法决定"), gettext_lazy("事后公开的执法决定")),
    ("search", "publicity:search", gettext_lazy("全文检索"), gettext_lazy("检索已公开的执法决定")),
    ("reports", "publicity:annual_reports", gettext_lazy("统计年报"), gettext_lazy("行政执法统计年报")),
    ("open_data", "publicity:open_data", gettext_lazy("开放数据"), gettext_lazy("开放数据接口、CSV 与订阅")),
    (
        "ledger",
        "publicity:ledger",
        gettext_lazy("记录核验"),
        gettext_lazy("全过程记录日志的签名检查点、公钥与见证人"),
    ),
]


# The sections built by part 1 of the portal (事前、事中); the others are later work.
BEFORE_AND_DURING_ACTION = frozenset({"agencies", "officers", "items", "inspection_items", "verify"})


@dataclass(frozen=True)
class Section:
    key: str
    url: str
    label: str
    description: str
    current: bool


def sections(current: str = "") -> list[Section]:
    return [
        Section(key, reverse(name), str(label), str(description), key == current)
        for key, name, label, description in SECTIONS
    ]


@dataclass(frozen=True)
class Flowchart:
    label: str
    url: str


def flowcharts_for(action_kind: str) -> list[Flowchart]:
    """The published flowcharts (执法流程图, drawn by the cases app from its workflow declaration) of
    the case kinds that carry out an item of ``action_kind``."""
    return [
        Flowchart(
            _("%(kind)s流程图") % {"kind": CaseKind(case_kind).label},
            reverse("cases:flowchart", args=[str(case_kind)]),
        )
        for case_kind, category in KIND_CATEGORY.items()
        if category == action_kind
    ]


def kind_choices() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in ActionKind.choices]
