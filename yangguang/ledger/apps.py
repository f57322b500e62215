from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "yangguang.ledger"
    label = "ledger"

    def ready(self) -> None:
        from yangguang.core import extensions

        from . import jobs

        jobs.register()
        from yangguang.ledger import access_rules

        access_rules.register()
        extensions.menu_entry("ledger", "ledger:status", _("记录日志"), action="ledger.view", order=160)
