from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "yangguang.inspections"
    label = "inspections"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.inspections import access_rules, panels, services, todo
        from yangguang.jobs import registry

        access_rules.register()
        staff = {"officer", "unit_head", "reviewer", "agency_head", "supervisor"}
        extensions.menu_entry("inspections", "inspections:plans", _("双随机抽查"), roles=staff, order=125)
        extensions.menu_entry(
            "inspections", "inspections:my_tasks", _("我的抽查任务"), roles={"officer", "unit_head"}, order=126
        )
        extensions.menu_entry(
            "inspections",
            "inspections:conflicts",
            _("回避情形"),
            roles={"officer", "unit_head", "agency_head", "supervisor"},
            order=127,
        )
        extensions.menu_entry(
            "inspections", "inspections:replacements", _("检查人员调整记录"), roles={"supervisor"}, order=128
        )
        extensions.home_panel("inspections", "inspections", panels.home_panels)
        extensions.todo_source("inspections", "inspections.todo", todo.todo_items)
        registry.periodic("inspections.overdue", every=3600.0, func=services.overdue_job, queue="maintenance")
