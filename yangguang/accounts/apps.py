from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in, sessions, passwords, the second factor, account management by the security
    administrator and the audit page of the audit administrator (等保 2.0 level 3, 三员分立)."""

    name = "yangguang.accounts"
    label = "accounts"
    verbose_name = "账号与安全"

    def ready(self) -> None:
        from . import access_rules

        access_rules.register()
