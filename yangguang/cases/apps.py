from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yangguang.cases"
    label = "cases"
