from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "yangguang.ledger"
    label = "ledger"

    def ready(self) -> None:
        from . import jobs

        jobs.register()
