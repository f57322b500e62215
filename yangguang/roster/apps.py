from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "yangguang.roster"
    label = "roster"

    def ready(self) -> None:
        from yangguang.roster import access_rules

        access_rules.register()
