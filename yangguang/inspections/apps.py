from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "yangguang.inspections"
    label = "inspections"

    def ready(self) -> None:
        from yangguang.inspections import access_rules

        access_rules.register()
