from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "yangguang.workdays"
    label = "workdays"
