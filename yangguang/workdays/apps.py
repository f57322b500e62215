from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _restore_shipped(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """After a flush (TransactionTestCase, ``manage.py flush``) the calendar table is empty and the
    data migration will not run again: put the shipped official schedules back. Only when the
    table is empty, so that an administrator's changes are never overwritten."""
    from yangguang.workdays.models import CalendarYear, SpecialDay
    from yangguang.workdays.selectors import invalidate
    from yangguang.workdays.services import install_shipped_schedules

    if using != DEFAULT_DB_ALIAS:  # read replicas get their data by replication
        return
    if CalendarYear._meta.db_table not in connections[using].introspection.table_names():
        return
    invalidate()  # the rows may have been flushed under this process's cache
    if CalendarYear.objects.exists():
        return
    install_shipped_schedules(CalendarYear, SpecialDay)


class WorkdaysConfig(AppConfig):
    name = "yangguang.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from yangguang.core import extensions
        from yangguang.workdays import access_rules

        access_rules.register()
        post_migrate.connect(_restore_shipped, sender=self, dispatch_uid="workdays.restore_shipped")
        extensions.menu_entry("workdays", "workdays:calendar", _("工作日历"), order=150)
