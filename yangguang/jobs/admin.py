from django.contrib import admin

from .models import OutboxItem, Schedule, WorkerHeartbeat


@admin.register(OutboxItem)
class OutboxItemAdmin(admin.ModelAdmin):
    list_display = ("kind", "key", "status", "attempts", "next_attempt_at", "created_at", "done_at")
    list_filter = ("status", "kind", "queue")
    search_fields = ("key",)
    readonly_fields = [f.name for f in OutboxItem._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ("name", "every_seconds", "last_run_at", "next_run_at")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "hostname", "pid", "queues", "started_at", "seen_at")
