from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "yangguang.evidence"
    label = "evidence"

    def ready(self) -> None:
        from yangguang.cases import extensions as workflow
        from yangguang.core import extensions

        from . import access_rules, guards, jobs

        jobs.register()
        access_rules.register()
        # ``ledger verify`` walks the evidence records against their entries.
        from yangguang.evidence.reconcile import EvidenceReconciler
        from yangguang.ledger.reconcile import register

        register("evidence.add", EvidenceReconciler)
        workflow.contribute("evidence", guards=guards.GUARDS)
        extensions.menu_entry("evidence", "field:home", _("现场执法"), roles={"officer", "unit_head"}, order=25)
        extensions.menu_entry(
            "evidence", "evidence:exceptions", _("音像记录例外"), roles={"supervisor", "agency_head"}, order=170
        )
        extensions.menu_entry(
            "evidence",
            "evidence:av_items",
            _("音像记录清单"),
            roles={"officer", "unit_head", "agency_head", "supervisor"},
            order=180,
        )
