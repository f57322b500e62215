from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "yangguang.access"
    label = "access"
    verbose_name = "权限策略"
