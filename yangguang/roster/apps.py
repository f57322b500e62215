from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "yangguang.roster"
    label = "roster"

    def ready(self) -> None:
        from yangguang.roster import access_rules, jobs

        access_rules.register()
        access_rules.register_accounts()
        jobs.register()
        # ``ledger verify`` walks the logins against their entries.
        from yangguang.ledger.reconcile import register as register_reconciler
        from yangguang.roster.reconcile import UserReconciler

        register_reconciler("roster.user", UserReconciler)
