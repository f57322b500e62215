from django.apps import AppConfig


class DiscretionConfig(AppConfig):
    name = "yangguang.discretion"
    label = "discretion"
