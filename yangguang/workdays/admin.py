"""Django admin: read-only views of the schedules. Changes go through the schedule page or the
``workdays load`` command, which validate the whole year and record it in the ledger."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from yangguang.workdays.models import CalendarYear, SpecialDay


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SpecialDayInline(ReadOnlyMixin, admin.TabularInline):  # type: ignore[type-arg]
    model = SpecialDay
    fields = ["date", "kind", "name"]
    readonly_fields = ["date", "kind", "name"]
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["year", "status", "source", "revision", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["year", "status", "source", "note", "revision", "updated_at"]
    inlines = [SpecialDayInline]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("workdays.view_calendaryear")


@admin.register(SpecialDay)
class SpecialDayAdmin(ReadOnlyMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["date", "name", "kind", "calendar_year"]
    list_filter = ["kind", "calendar_year"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("workdays.view_specialday")
