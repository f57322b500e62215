"""Reads of issued documents, scoped by the policy's ``document.view`` (who may see the subject)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import QuerySet

from yangguang.access import policy
from yangguang.core.errors import NotFoundError
from yangguang.documents.models import IssuedDocument
from yangguang.ledger.models import Entry


def _scoped(user: Any | None) -> QuerySet[IssuedDocument]:
    qs = IssuedDocument.objects.select_related("agency", "file", "issued_by")
    if user is not None:
        qs = policy.scope(user, "document.view", qs)
    return qs


def documents_for_subject(subject: str, *, user: Any | None = None) -> QuerySet[IssuedDocument]:
    """The documents of one subject (e.g. ``cases.case:42``) in the order they were issued; with
    ``user``, only if the user may see the subject."""
    return _scoped(user).filter(subject=subject).order_by("issued_at", "pk")


def get_document(pk: int, *, user: Any | None = None) -> IssuedDocument:
    """One document; NotFoundError if it does not exist or ``user`` may not see its subject (a
    document one may not read is indistinguishable from a missing one)."""
    document = _scoped(user).filter(pk=pk).first()
    if document is None:
        raise NotFoundError("执法文书不存在或无权查看", code="document_not_found")
    return document


def recent_documents(user: Any, *, limit: int = 100) -> QuerySet[IssuedDocument]:
    return _scoped(user).order_by("-issued_at", "-pk")[:limit]


@dataclass(frozen=True)
class Problem:
    """One integrity problem of an issued document's file."""

    document_id: int
    display_name: str
    message: str


def verify_documents() -> list[Problem]:
    """Recompute SHA-256 and SM3 of every stored document file and compare them with the recorded
    hashes and with the ledger entry that recorded the file (防删改): ``documents.render`` for files
    rendered after commit, ``documents.issue`` for older ones. A file edited, replaced or deleted on
    disk, or a hash edited in the database, is reported. A document whose file is still being
    rendered (queued after commit) has nothing to check yet."""
    recorded: dict[int, dict[str, str]] = {}
    entries = Entry.objects.filter(action__in=("documents.issue", "documents.render")).order_by("seq")
    for canonical in entries.values_list("canonical", flat=True):
        doc = json.loads(canonical)
        if doc.get("files"):
            recorded[int(doc["payload"]["document_id"])] = doc["files"]
    problems: list[Problem] = []
    checked: dict[int, str | None] = {}  # StoredFile id -> problem (files are shared by documents)
    for document in IssuedDocument.objects.select_related("file").filter(file__isnull=False).order_by("pk").iterator():
        stored = document.file
        assert stored is not None
        if stored.pk not in checked:
            checked[stored.pk] = _check_file(stored.name, stored.sha256, stored.sm3)
        problem = checked[stored.pk]
        if problem is None:
            files = recorded.get(document.pk)
            if files is None:
                problem = "没有对应的记录条目（documents.render）"
            elif files != {"docx_sha256": stored.sha256, "docx_sm3": stored.sm3}:
                problem = "文件哈希与记录条目不一致"
        if problem:
            problems.append(Problem(document.pk, document.display_name, problem))
    return problems


def _check_file(name: str, sha256: str, sm3: str) -> str | None:
    if not default_storage.exists(name):
        return f"文件缺失：{name}"
    with default_storage.open(name, "rb") as fh:
        data = fh.read()
    if hashlib.sha256(data).hexdigest() != sha256 or hashlib.new("sm3", data).hexdigest() != sm3:
        return f"文件内容与登记的哈希不一致：{name}"
    return None


def subject_of_number(number: str) -> str | None:
    """The subject (e.g. the case) of the document issued with ``number``, if any."""
    if not number:
        return None
    rows = IssuedDocument.objects.filter(number=number).order_by("legacy_duplicate", "pk")
    return rows.values_list("subject", flat=True).first()
