from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "yangguang.publicity"
    label = "publicity"
