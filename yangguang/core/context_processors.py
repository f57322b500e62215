"""Template context shared by every page: the navigation for the user's role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from yangguang.access import policy

# (url name, label, who sees it: a set of roles, the policy action the page requires, or None for
# every signed-in user)
NAV_ITEMS: list[tuple[str, str, set[str] | str | None]] = [
    ("home", "工作台", None),
    ("cases:my_cases", "我的案件", {"officer", "unit_head", "agency_head"}),
    ("cases:deadlines", "期限提醒", {"officer", "unit_head", "agency_head", "supervisor"}),
    ("documents:list", "执法文书", {"officer", "unit_head", "agency_head", "reviewer", "supervisor"}),
    ("roster:regions", "行政区划", {"system_admin", "security_admin", "supervisor"}),
    ("roster:agencies", "执法主体", None),
    ("roster:officers", "执法人员", None),
    ("roster:items", "执法事项", None),
    ("roster:entities", "市场主体", None),
    ("roster:import", "数据导入", "roster.import"),
    ("review:queue", "法制审核", {"reviewer", "unit_head", "agency_head"}),
    ("review:staffing", "审核人员配备", "review.staffing.view"),
    ("discretion:benchmarks", "裁量基准", None),
    ("discretion:assistant", "裁量辅助", {"officer", "unit_head", "reviewer", "agency_head"}),
    ("workdays:calendar", "工作日历", None),
    ("ledger:status", "记录日志", "ledger.view"),
    ("accounts:users", "账号管理", {"security_admin"}),
    ("roster:certificates", "执法证与资格", {"security_admin", "agency_head"}),
    ("accounts:audit", "安全审计", "audit.view"),
    ("evidence:exceptions", "音像记录例外", {"supervisor", "agency_head"}),
    ("evidence:av_items", "音像记录清单", {"officer", "unit_head", "agency_head", "supervisor"}),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    role = getattr(user, "role", "")
    items = []
    for name, label, roles in NAV_ITEMS:
        if isinstance(roles, str):
            if not policy.allows(user, roles):
                continue
        elif roles is not None and role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # the app providing this page is not installed yet
            continue
        items.append({"url": url, "label": _(label), "active": request.path == url})
    return {"nav_items": items}
