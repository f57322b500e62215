"""Reads of issued documents, scoped to the agencies a user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from yangguang.core.errors import NotFoundError
from yangguang.documents.models import IssuedDocument
from yangguang.roster.selectors import visible_agencies


def _scoped(user: Any | None) -> QuerySet[IssuedDocument]:
    qs = IssuedDocument.objects.select_related("agency", "file", "issued_by")
    if user is not None:
        qs = qs.filter(agency__in=visible_agencies(user))
    return qs


def documents_for_subject(subject: str, *, user: Any | None = None) -> QuerySet[IssuedDocument]:
    """The documents of one subject (e.g. ``cases.case:42``) in the order they were issued; with
    ``user``, only those of agencies the user may see."""
    return _scoped(user).filter(subject=subject).order_by("issued_at", "pk")


def get_document(pk: int, *, user: Any | None = None) -> IssuedDocument:
    """One document; NotFoundError if it does not exist or ``user`` may not see its agency (a
    document of another agency is indistinguishable from a missing one)."""
    document = _scoped(user).filter(pk=pk).first()
    if document is None:
        raise NotFoundError("执法文书不存在或无权查看", code="document_not_found")
    return document


def recent_documents(user: Any, *, limit: int = 100) -> QuerySet[IssuedDocument]:
    return _scoped(user).order_by("-issued_at", "-pk")[:limit]
