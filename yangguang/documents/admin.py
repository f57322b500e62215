"""Admin: the agency abbreviation (机关代字) is editable (saved through the service, so recorded);
issued documents and sequences are read-only (issued documents are never edited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from yangguang.core.errors import DomainError
from yangguang.documents import services
from yangguang.documents.models import AgencyAbbreviation, DocumentSequence, IssuedDocument


class AgencyAbbreviationForm(forms.ModelForm):  # type: ignore[type-arg]
    """Refuses an abbreviation another agency uses with the service's message (unique across the
    platform), before the database's unique constraint would."""

    class Meta:
        model = AgencyAbbreviation
        fields = ("agency", "abbreviation")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency = data.get("agency") or (self.instance.agency if self.instance.pk else None)
        if "abbreviation" in data:
            try:
                data["abbreviation"] = services.check_abbreviation(agency=agency, abbreviation=data["abbreviation"])
            except DomainError as exc:
                self.add_error("abbreviation", exc.message)
        return data


@admin.register(AgencyAbbreviation)
class AgencyAbbreviationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = AgencyAbbreviationForm
    list_display = ("agency", "abbreviation")
    search_fields = ("agency__name", "abbreviation")
    autocomplete_fields = ("agency",)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        services.set_abbreviation(agency=obj.agency, abbreviation=obj.abbreviation, actor=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "number", "agency_name", "subject", "issued_on", "issued_by")
    list_filter = ("doc_type", "year")
    search_fields = ("number", "subject", "title", "agency_name")


@admin.register(DocumentSequence)
class DocumentSequenceAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "doc_type", "last")
    list_filter = ("year", "doc_type")
