from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "yangguang.evidence"
    label = "evidence"

    def ready(self) -> None:
        from . import jobs

        jobs.register()
        from yangguang.evidence import access_rules

        access_rules.register()
        # ``ledger verify`` walks the evidence records against their entries.
        from yangguang.evidence.reconcile import EvidenceReconciler
        from yangguang.ledger.reconcile import register

        register("evidence.add", EvidenceReconciler)
