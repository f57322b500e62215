from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "yangguang.supervision"
    label = "supervision"
    verbose_name = "行政执法监督"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.supervision import access_rules

        access_rules.register()

        from . import selectors

        extensions.home_panel("supervision", "supervision", selectors.home_panels)
        extensions.menu_entry(
            "supervision", "supervision:models", _("监督预警模型"), action="supervision.view", order=200
        )
