from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "yangguang.publicity"
    label = "publicity"

    def ready(self) -> None:
        from . import jobs

        jobs.register()
        from yangguang.publicity import access_rules

        access_rules.register()
        # The publication record of a decision is written in the decision's transaction.
        from yangguang.cases.services import in_transaction
        from yangguang.publicity.services import on_case_step

        if on_case_step not in _registered:
            in_transaction(on_case_step)
            _registered.append(on_case_step)
        # Ledger checkpoints are pushed to the superior platform with the publications.
        from yangguang.ledger.hooks import on_checkpoint
        from yangguang.publicity.ledger_push import push_checkpoint

        on_checkpoint(push_checkpoint)
        # ``ledger verify`` walks the published texts against their public entries.
        from yangguang.ledger.reconcile import register as register_reconciler
        from yangguang.publicity.reconcile import PublicationReconciler

        register_reconciler("publicity.version", PublicationReconciler)


_registered: list[object] = []
