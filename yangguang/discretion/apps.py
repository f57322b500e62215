from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscretionConfig(AppConfig):
    name = "yangguang.discretion"
    label = "discretion"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.discretion import access_rules

        access_rules.register()
        extensions.menu_entry("discretion", "discretion:benchmarks", _("裁量基准"), order=130)
        extensions.menu_entry(
            "discretion",
            "discretion:assistant",
            _("裁量辅助"),
            roles={"officer", "unit_head", "reviewer", "agency_head"},
            order=140,
        )
