from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in, sessions, passwords, the second factor, account management by the security
    administrator and the audit page of the audit administrator (等保 2.0 level 3, 三员分立)."""

    name = "yangguang.accounts"
    label = "accounts"
    verbose_name = "账号与安全"

    def ready(self) -> None:
        from yangguang.core import extensions

        from . import access_rules, notify  # noqa: F401 (notify registers its outbox handler)

        access_rules.register()
        extensions.menu_entry("accounts", "accounts:users", _("账号管理"), roles={"security_admin"}, order=161)
        extensions.menu_entry("accounts", "accounts:audit", _("安全审计"), action="audit.view", order=163)
