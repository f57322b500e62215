from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "yangguang.ledger"
    label = "ledger"
