from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yangguang.core"
    label = "core"
