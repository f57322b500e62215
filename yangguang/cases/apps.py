from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
        from yangguang.ledger.hooks import subject_finder

        # The cases app's own guards register themselves (extensions.guard) when imported.
        from . import approval_selectors, guards, selectors  # noqa: F401

        # A case number typed on the ledger page names the case.
        subject_finder("cases", selectors.subject_of_number)

        extensions.home_panel("cases", "cases", selectors.home_panels)
        # A State Council schedule replacing a provisional year recounts the cases' deadlines.
        from yangguang.cases.deadlines import connect, tracked_deadlines
        from yangguang.workdays.hooks import DEADLINE_SOURCES

        DEADLINE_SOURCES.add("cases", tracked_deadlines, app="cases")
        connect()  # the stored soonest due date (Case.next_due_on) follows every save
        extensions.todo_source("cases", "cases.approvals_deadlines", approval_selectors.todo_items)
        extensions.menu_entry(
            "cases", "cases:approvals", _("审批"), roles={"officer", "unit_head", "agency_head"}, order=25
        )
        extensions.menu_entry(
            "cases", "cases:my_cases", _("我的案件"), roles={"officer", "unit_head", "agency_head"}, order=20
        )
        extensions.menu_entry(
            "cases",
            "cases:deadlines",
            _("期限提醒"),
            roles={"officer", "unit_head", "agency_head", "supervisor"},
            order=30,
        )
