from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "yangguang.ledger"
    label = "ledger"

    def ready(self) -> None:
        from . import jobs

        jobs.register()
        from yangguang.ledger import access_rules

        access_rules.register()
