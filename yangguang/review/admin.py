"""The legal review in the admin: read-only. Reviews pass only through the services (the nine findings,
the written opinion, the ledger), so an administrator cannot mark a review passed here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Coordination, ReviewRequest, ReviewRound, ReviewSetting


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewRequest)
class ReviewRequestAdmin(ReadOnlyAdmin):
    list_display = ("id", "case", "agency", "status", "reviewer", "submitted_on", "passed_on")
    list_filter = ("status",)


@admin.register(ReviewRound)
class ReviewRoundAdmin(ReadOnlyAdmin):
    list_display = ("request", "number", "submitted_on", "due_on", "opinion", "reviewed_on")


@admin.register(Coordination)
class CoordinationAdmin(ReadOnlyAdmin):
    list_display = ("request", "round", "method", "outcome", "decided_on")


@admin.register(ReviewSetting)
class ReviewSettingAdmin(ReadOnlyAdmin):
    list_display = ("agency", "deadline_working_days", "warning_working_days")
