"""Admin for maintenance. Saves go through the roster services so that they are recorded.

Who sees what comes from the role only (``roster.roles.ADMIN_SITE_PERMISSIONS`` through
``User.has_perm``): the system administrator maintains master data; the security administrator
only views accounts and officers. Accounts, passwords, certificates and qualifications are never
edited here: they change through their services and pages, which check the issuing authority and
write the audit record."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from yangguang.ledger.services import append_entry
from yangguang.roster import services
from yangguang.roster.models import Agency, EnforcementItem, Entity, InspectionItem, Officer, Region, Unit, User

_SAVERS: dict[type, Any] = {
    Region: lambda obj, actor: services.save_region(region=obj, actor=actor),
    Agency: lambda obj, actor: services.save_agency(agency=obj, actor=actor),
    Unit: lambda obj, actor: services.save_unit(unit=obj, actor=actor),
    Officer: lambda obj, actor: services.save_officer(officer=obj, actor=actor),
    EnforcementItem: lambda obj, actor: services.save_item(item=obj, actor=actor),
    InspectionItem: lambda obj, actor: services.save_inspection_item(item=obj, actor=actor),
    Entity: lambda obj, actor: services.save_entity(entity=obj, actor=actor),
}


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Routes admin saves through the services; deletes are recorded too."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        _SAVERS[type(obj)](obj, request.user)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            append_entry(
                actor=request.user,
                subject=obj,
                action=f"roster.{obj._meta.model_name}.delete",
                payload={"repr": str(obj)},
            )
            obj.delete()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Region)
class RegionAdmin(ServiceAdmin):
    list_display = ("code", "name", "level", "parent")
    search_fields = ("code", "name")
    list_filter = ("level",)


class UnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Unit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(ServiceAdmin):
    list_display = ("name", "uscc", "region", "is_supervisor")
    search_fields = ("name", "uscc")
    autocomplete_fields = ("region", "parent")


@admin.register(Unit)
class UnitAdmin(ServiceAdmin):
    list_display = ("name", "agency", "is_review_unit")
    search_fields = ("name", "agency__name")


# Certificate facts and qualifications change only through the certificate services (发证机关).
CERTIFICATE_FIELDS = (
    "certificate_no",
    "cert_valid_from",
    "cert_valid_until",
    "cert_status",
    "legal_qualification",
    "is_reviewer",
)


@admin.register(Officer)
class OfficerAdmin(ServiceAdmin):
    list_display = ("name", "agency", "certificate_no", "cert_valid_until", "cert_status", "is_reviewer")
    search_fields = ("name", "certificate_no")
    list_filter = ("cert_status", "is_reviewer", "legal_qualification")
    autocomplete_fields = ("agency", "region")
    raw_id_fields = ("unit",)
    readonly_fields = CERTIFICATE_FIELDS


@admin.register(EnforcementItem)
class EnforcementItemAdmin(ServiceAdmin):
    list_display = ("code", "name", "kind", "agency")
    search_fields = ("code", "name")
    list_filter = ("kind",)
    raw_id_fields = ("agency",)


@admin.register(InspectionItem)
class InspectionItemAdmin(ServiceAdmin):
    list_display = ("code", "name", "agency", "ratio_percent")
    search_fields = ("code", "name")
    raw_id_fields = ("agency",)


@admin.register(Entity)
class EntityAdmin(ServiceAdmin):
    list_display = ("name", "uscc", "legal_representative", "risk_grade")
    search_fields = ("name", "uscc")
    raw_id_fields = ("region",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    """Read-only: accounts change through the security administrator's pages (audited services); in
    particular no administrator can set another user's password here."""

    fieldsets = (
        (None, {"fields": ("username", "full_name", "role", "agency", "officer")}),
        ("状态", {"fields": ("is_active", "is_staff", "must_change_password", "password_changed_at")}),
        ("时间", {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "full_name", "role", "agency", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("agency", "officer")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
