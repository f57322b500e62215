from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RosterConfig(AppConfig):
    name = "yangguang.roster"
    label = "roster"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.roster import access_rules, jobs

        access_rules.register()
        access_rules.register_accounts()
        jobs.register()
        # ``ledger verify`` walks the logins against their entries.
        from yangguang.ledger.reconcile import register as register_reconciler
        from yangguang.roster.reconcile import UserReconciler

        register_reconciler("roster.user", UserReconciler)
        # The agencies' holding rates and the officer's certificate on the home pages.
        from yangguang.roster.selectors import home_context

        extensions.home_context("roster", "roster", home_context)
        extensions.menu_entry(
            "roster", "roster:regions", _("行政区划"), roles={"system_admin", "security_admin", "supervisor"}, order=50
        )
        extensions.menu_entry("roster", "roster:agencies", _("执法主体"), order=60)
        extensions.menu_entry("roster", "roster:officers", _("执法人员"), order=70)
        extensions.menu_entry("roster", "roster:items", _("执法事项"), order=80)
        extensions.menu_entry("roster", "roster:entities", _("市场主体"), order=90)
        extensions.menu_entry(
            "roster", "roster:entity_proposals", _("名录变更申请"), roles={"agency_head", "system_admin"}, order=95
        )
        extensions.menu_entry("roster", "roster:import", _("数据导入"), action="roster.import", order=100)
        extensions.menu_entry(
            "roster", "roster:certificates", _("执法证与资格"), roles={"security_admin", "agency_head"}, order=162
        )
