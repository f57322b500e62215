from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "yangguang.review"
    label = "review"
    verbose_name = "法制审核"

    def ready(self) -> None:
        from yangguang.cases import extensions as workflow
        from yangguang.cases.workflow import CaseKind
        from yangguang.core import extensions
        from yangguang.review import access_rules

        access_rules.register()
        # A State Council schedule replacing a provisional year recounts open review rounds' due dates.
        from yangguang.review.recount import tracked_rounds
        from yangguang.workdays.hooks import DEADLINE_SOURCES

        DEADLINE_SOURCES.add("review", tracked_rounds, app="review")

        from . import gate, guards, selectors, services

        ordinary = {CaseKind.PENALTY_ORDINARY}
        workflow.contribute(
            "review",
            guards=guards.GUARDS,
            # Inside every case step's transaction: check the proposal against the discretion
            # benchmark, keep case.is_major current, open review rounds on submission.
            effects=[
                workflow.Effect(
                    "review.assess_proposal", run=gate.assess_proposal, actions={"propose"}, kinds=ordinary
                ),
                workflow.Effect(
                    "review.keep_major_current", run=gate.keep_major_current, actions=gate.MAJOR_ACTIONS, kinds=ordinary
                ),
                workflow.Effect(
                    "review.open_request", run=services.open_request, actions={"submit_review"}, kinds=ordinary
                ),
                workflow.Effect(
                    "review.open_round", run=services.open_round, actions={"resubmit_review"}, kinds=ordinary
                ),
            ],
            step_kinds=services.STEP_KINDS,
        )
        extensions.home_panel("review", "review", selectors.home_panels)
        extensions.todo_source("review", "review.queue", selectors.todo_items)
        extensions.menu_entry(
            "review", "review:queue", _("法制审核"), roles={"reviewer", "unit_head", "agency_head"}, order=110
        )
        extensions.menu_entry("review", "review:staffing", _("审核人员配备"), action="review.staffing.view", order=120)
