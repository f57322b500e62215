from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yangguang.cases"
    label = "cases"

    def ready(self) -> None:
        from yangguang.cases import access_rules
        from yangguang.core import extensions

        access_rules.register()
        # ``ledger verify`` walks the case steps against their entries.
        from yangguang.cases.reconcile import StepReconciler
        from yangguang.ledger.reconcile import register as register_reconciler

        register_reconciler("cases.step", StepReconciler)
        # The cases app's own guards register themselves (extensions.guard) when imported.
        from . import guards, selectors  # noqa: F401

        extensions.home_panel("cases", "cases", selectors.home_panels)
