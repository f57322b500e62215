from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yangguang.cases"
    label = "cases"

    def ready(self) -> None:
        from yangguang.cases import access_rules

        access_rules.register()
        # ``ledger verify`` walks the case steps against their entries.
        from yangguang.cases.reconcile import StepReconciler
        from yangguang.ledger.reconcile import register as register_reconciler

        register_reconciler("cases.step", StepReconciler)
        # The discretion assistant shows the fines this agency imposed before on the same item.
        try:
            from yangguang.discretion.hooks import register_past_decisions_provider
        except ImportError:  # the discretion app is optional
            return
        from yangguang.cases.selectors import past_fines

        register_past_decisions_provider(past_fines)
