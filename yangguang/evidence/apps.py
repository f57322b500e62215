from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "yangguang.evidence"
    label = "evidence"

    def ready(self) -> None:
        from yangguang.cases import extensions as workflow

        from . import access_rules, guards, jobs

        jobs.register()
        access_rules.register()
        # ``ledger verify`` walks the evidence records against their entries.
        from yangguang.evidence.reconcile import EvidenceReconciler
        from yangguang.ledger.reconcile import register

        register("evidence.add", EvidenceReconciler)
        workflow.contribute("evidence", guards=guards.GUARDS)
