"""Reconciling published texts with their public ledger entries (registered in
``PublicityConfig.ready``): each version of a publication's public text (the first publication and
every correction) is a ``publicity.publish`` or ``publicity.correct`` entry."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from django.db.models import Q

from yangguang.publicity.models import PublicationStatus, PublicationVersion
from yangguang.publicity.services import commitment_of, committed_fields

ACTIONS = ("publicity.publish", "publicity.correct")


class PublicationReconciler:
    name = "公示文本"
    many_entries = False

    def __init__(self) -> None:
        self._numbers: dict[Any, str] = {}

    def key(self, doc: Mapping[str, Any]) -> Hashable | None:
        payload = doc.get("payload")
        if doc.get("action") not in ACTIONS or not isinstance(payload, dict):
            return None
        pub, version = payload.get("id"), payload.get("version")
        return (pub, version) if isinstance(pub, int) and isinstance(version, int) else None

    def load(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        wanted = set(keys)
        out: dict[Hashable, PublicationVersion] = {}
        rows = PublicationVersion.objects.filter(publication_id__in={k[0] for k in wanted}).select_related(  # type: ignore[index]
            "publication"
        )
        for version in rows:
            self._numbers[version.publication_id] = version.publication.number or version.publication.title
            if (version.publication_id, version.version) in wanted:
                out[(version.publication_id, version.version)] = version
        return out

    def differs(self, doc: Mapping[str, Any], seq: int, record: Any) -> str | None:
        version: PublicationVersion = record
        payload = doc.get("payload") or {}
        changed = []
        if payload.get("number") != version.publication.number:
            changed.append("文号")
        if "text_sha256" in payload:
            if payload["text_sha256"] != hashlib.sha256(version.redacted_text.encode()).hexdigest():
                changed.append("公开文本")
        elif "commitment" in payload and version.salt:
            # While the salt exists (published, not expired) the text must still match its entry;
            # once withdrawn or expired the salt is gone and the entry commits to nothing readable.
            pub = version.publication
            canonical = committed_fields(
                title=pub.title,
                party=pub.party_label,
                conclusion=pub.conclusion,
                text=version.redacted_text,
                reason=version.reason,
            )
            if payload["commitment"] != commitment_of(version.salt, canonical):
                changed.append("公开文本")
        if version.ledger_seq != seq:
            changed.append("记录序号")
        return "、".join(changed) or None

    def all_keys(self) -> Iterator[Hashable]:
        published = Q(ledger_seq__isnull=False) | Q(
            publication__status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN]
        )
        rows = PublicationVersion.objects.filter(published).order_by("publication_id", "version")
        yield from rows.values_list("publication_id", "version").iterator(chunk_size=5000)

    def describe(self, key: Any) -> str:
        pub, version = key
        if pub not in self._numbers:
            self.load([key])
        return f"公示（{self._numbers.get(pub, '?')}）第 {version} 版文本"
