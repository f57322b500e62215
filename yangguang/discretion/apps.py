from django.apps import AppConfig


class DiscretionConfig(AppConfig):
    name = "yangguang.discretion"
    label = "discretion"

    def ready(self) -> None:
        from yangguang.discretion import access_rules

        access_rules.register()
