from django.apps import AppConfig


class RosterConfig(AppConfig):
    name = "yangguang.roster"
    label = "roster"
