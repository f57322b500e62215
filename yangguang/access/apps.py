from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "yangguang.access"
    label = "access"
    verbose_name = "权限策略"

    def ready(self) -> None:
        from yangguang.core import extensions

        from . import policy

        # core asks the policy about menu entries (extensions.menu_for) without importing it.
        extensions.PERMISSION_CHECKS.add("policy", policy.allows, app="access")
