from typing import Any

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from . import extensions


class CoreConfig(AppConfig):
    name = "yangguang.core"
    label = "core"

    def ready(self) -> None:
        checks.register(extensions_check)
        extensions.menu_entry("core", "home", _("工作台"), order=10)
        extensions.menu_entry(
            "core", "todo", _("待办中心"), roles={"officer", "unit_head", "agency_head", "reviewer"}, order=12
        )


def extensions_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Start-up check (``migrate``, ``runserver``, ``serve``, ``run_tasks``, the test session): every
    contribution an app made through ``core.extensions`` matches the declarations it names."""
    return [checks.Error(problem, id="yangguang.E001") for problem in extensions.problems()]
