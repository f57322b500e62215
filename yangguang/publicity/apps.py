from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "yangguang.publicity"
    label = "publicity"

    def ready(self) -> None:
        from yangguang.cases import extensions as workflow
        from yangguang.cases.workflow import ANNUL_ACTION
        from yangguang.core import extensions

        from . import jobs, selectors, services

        jobs.register()
        from yangguang.publicity import access_rules

        access_rules.register()

        # Ledger checkpoints are pushed to the superior platform with the publications.
        from yangguang.ledger.hooks import on_checkpoint
        from yangguang.publicity.ledger_push import push_checkpoint

        on_checkpoint(push_checkpoint)
        # ``ledger verify`` walks the published texts against their public entries.
        from yangguang.ledger.reconcile import register as register_reconciler
        from yangguang.publicity.reconcile import PublicationReconciler

        register_reconciler("publicity.version", PublicationReconciler)
        # A State Council schedule replacing a provisional year recounts pending publications' due dates.
        from yangguang.publicity.recount import tracked_publications
        from yangguang.workdays.hooks import DEADLINE_SOURCES

        DEADLINE_SOURCES.add("publicity", tracked_publications, app="publicity")

        # The publication record of a decision is written in the decision's transaction (a
        # transactional outbox); the decision's annulment withdraws or blocks it in its own.
        workflow.contribute(
            "publicity",
            effects=[
                workflow.Effect(
                    "publicity.publish_decision",
                    run=services.on_decision,
                    actions=services.DECISION_ACTIONS,
                    phase=workflow.AFTER_RECORD,
                ),
                workflow.Effect(
                    "publicity.withdraw_annulled",
                    run=services.on_annulment,
                    actions={ANNUL_ACTION},
                    phase=workflow.AFTER_RECORD,
                ),
            ],
        )
        extensions.home_panel("publicity", "publicity", selectors.home_panels)
        extensions.todo_source("publicity", "publicity.pending", selectors.todo_items)
