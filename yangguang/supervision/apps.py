from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "yangguang.supervision"
    label = "supervision"
    verbose_name = "行政执法监督"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.supervision import access_rules

        access_rules.register()

        from yangguang.jobs import registry

        from . import cockpit, rollup, selectors, services, todo

        registry.periodic("supervision.escalate", every=3600.0, func=services.escalate_job, queue="maintenance")
        # The cockpit's roll-up: refreshed per touched key through the outbox (model signals), and
        # daily for the recent months (writes that bypass the signals: bulk updates, bulk loads).
        rollup.connect()
        registry.periodic(
            "supervision.rollup_refresh", every=86400.0, func=rollup.refresh_recent_job, queue="maintenance"
        )

        extensions.home_panel("supervision", "supervision.cockpit", cockpit.home_panels)
        extensions.home_panel("supervision", "supervision", selectors.home_panels)
        extensions.todo_source("supervision", "supervision.todo", todo.todo_items)
        todo.connect()
        extensions.menu_entry(
            "supervision", "supervision:models", _("监督预警模型"), action="supervision.view", order=200
        )
        extensions.menu_entry(
            "supervision", "supervision:clues", _("执法监督线索"), action="supervision.view", order=201
        )
        extensions.menu_entry(
            "supervision",
            "supervision:documents",
            _("执法监督文书"),
            action="supervision.document.list",
            order=202,
        )
        extensions.menu_entry(
            "supervision", "supervision:evaluations", _("案卷评查"), action="supervision.view", order=203
        )
        extensions.menu_entry(
            "supervision", "supervision:campaigns", _("专项活动"), action="supervision.campaign.list", order=204
        )
        extensions.menu_entry(
            "supervision", "supervision:assessment", _("依法行政考核"), action="supervision.view", order=205
        )
