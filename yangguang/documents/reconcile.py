"""Reconciling issued documents with their ledger entries (registered in ``DocumentsConfig.ready``):
the ``documents.issue`` entry (number, type, date, content snapshot, hash of the fields) and the
``documents.render`` entry written when the DOCX was rendered after commit (the file's hashes).
Documents issued before rendering moved out of the transaction carry the file's hashes in their
issue entry (and no content hash); those are checked there."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from yangguang.documents.models import IssuedDocument


class _IssuedDocumentEntries:
    """What both reconcilers share: an entry of ``action`` names its document by ``document_id``;
    documents are loaded in bulk and described by number (or title)."""

    action = ""
    label = ""
    many_entries = False

    def __init__(self) -> None:
        self._names: dict[Any, str] = {}

    def key(self, doc: Mapping[str, Any]) -> Hashable | None:
        payload = doc.get("payload")
        if doc.get("action") != self.action or not isinstance(payload, dict):
            return None
        value = payload.get("document_id")
        return value if isinstance(value, int) else None

    def load(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        out: dict[Hashable, IssuedDocument] = {}
        for document in IssuedDocument.objects.filter(pk__in=keys).select_related("file"):
            out[document.pk] = document
            self._names[document.pk] = document.number or document.title
        return out

    def describe(self, key: Any) -> str:
        if key not in self._names:
            row = IssuedDocument.objects.filter(pk=key).values_list("number", "title").first()
            self._names[key] = (row[0] or row[1]) if row else "?"  # type: ignore[index]
        return f"{self.label}（{self._names[key]}）"


class DocumentReconciler(_IssuedDocumentEntries):
    name = "执法文书"
    label = "执法文书"
    action = "documents.issue"

    def differs(self, doc: Mapping[str, Any], seq: int, record: Any) -> str | None:
        document: IssuedDocument = record
        payload = doc.get("payload") or {}
        files = doc.get("files") or {}
        context_json = json.dumps(document.context, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        checks = [
            ("所属对象", doc.get("subject"), document.subject),
            ("文书种类", payload.get("doc_type"), document.doc_type),
            ("文号", payload.get("number"), document.number),
            ("制作机关", payload.get("agency_id"), document.agency_id),
            ("文书日期", payload.get("issued_on"), document.issued_on.isoformat()),
            ("内容快照", payload.get("context_sha256"), hashlib.sha256(context_json.encode()).hexdigest()),
            ("内容哈希", payload.get("content_sha256", ""), document.content_sha256),
        ]
        if files:  # rendered inside the issuing transaction (before the outbox did it)
            checks += [
                ("文件 SHA-256", files.get("docx_sha256"), document.file.sha256 if document.file else None),
                ("文件 SM3", files.get("docx_sm3"), document.file.sm3 if document.file else None),
            ]
        changed = [label for label, recorded, current in checks if recorded != current]
        return "、".join(changed) or None

    def all_keys(self) -> Iterator[Hashable]:
        yield from IssuedDocument.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)


class RenderedFileReconciler(_IssuedDocumentEntries):
    """Each DOCX rendered after commit against its ``documents.render`` entry: one entry per
    document whose file is linked, with the file's hashes."""

    name = "执法文书文件"
    label = "执法文书文件"
    action = "documents.render"

    def differs(self, doc: Mapping[str, Any], seq: int, record: Any) -> str | None:
        document: IssuedDocument = record
        payload = doc.get("payload") or {}
        files = doc.get("files") or {}
        stored = document.file
        checks = [
            ("所属对象", doc.get("subject"), document.subject),
            ("文号", payload.get("number"), document.number),
            ("内容哈希", payload.get("content_sha256"), document.content_sha256),
            ("文件 SHA-256", files.get("docx_sha256"), stored.sha256 if stored else None),
            ("文件 SM3", files.get("docx_sm3"), stored.sm3 if stored else None),
        ]
        changed = [label for label, recorded, current in checks if recorded != current]
        return "、".join(changed) or None

    def all_keys(self) -> Iterator[Hashable]:
        # Documents with a content hash were issued without a file; once one is linked, the
        # render entry must exist. (Older documents recorded their file in the issue entry.)
        rendered = IssuedDocument.objects.filter(file__isnull=False).exclude(content_sha256="")
        yield from rendered.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)
