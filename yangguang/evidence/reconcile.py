"""Reconciling evidence records with their ``evidence.add`` entries (registered in
``EvidenceConfig.ready``): the file's hashes and size, its case and its description."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from django.utils import timezone

from yangguang.evidence.models import Evidence


def _instant(value: Any) -> Any:
    """A recorded ISO time or a stored datetime as a comparable instant ("" for none)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(dt.UTC)


class EvidenceReconciler:
    name = "证据"
    many_entries = False

    def __init__(self) -> None:
        self._names: dict[Any, str] = {}

    def key(self, doc: Mapping[str, Any]) -> Hashable | None:
        subject = str(doc.get("subject", ""))
        if doc.get("action") != "evidence.add" or not subject.startswith("evidence.evidence:"):
            return None
        try:
            return int(subject.split(":", 1)[1])
        except ValueError:
            return None

    def load(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        out: dict[Hashable, Evidence] = {}
        for ev in Evidence.objects.filter(pk__in=keys).select_related("case"):
            out[ev.pk] = ev
            self._names[ev.pk] = ev.filename
        return out

    def differs(self, doc: Mapping[str, Any], seq: int, record: Any) -> str | None:
        ev: Evidence = record
        payload = doc.get("payload") or {}
        files = doc.get("files") or {}
        checks = [
            ("案件", payload.get("case"), ev.case.subject_label),
            ("执法环节", payload.get("step"), ev.step),
            ("类别", payload.get("kind"), ev.kind),
            ("文件名", payload.get("filename"), ev.filename),
            ("字节数", payload.get("size"), ev.size),
            ("设备编号", payload.get("device_no"), ev.device_no),
            ("拍摄开始", _instant(payload.get("capture_start")), _instant(ev.capture_start)),
            ("拍摄结束", _instant(payload.get("capture_end")), _instant(ev.capture_end)),
            ("地点", payload.get("location"), ev.location),
            ("说明", payload.get("description"), ev.description),
            ("SHA-256", files.get("sha256"), ev.sha256),
            ("SM3", files.get("sm3"), ev.sm3),
            ("记录序号", seq, ev.ledger_seq),
        ]
        changed = [label for label, recorded, current in checks if recorded != current]
        return "、".join(changed) or None

    def all_keys(self) -> Iterator[Hashable]:
        yield from Evidence.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=5000)

    def describe(self, key: Any) -> str:
        if key not in self._names:
            self._names[key] = Evidence.objects.filter(pk=key).values_list("filename", flat=True).first() or "?"  # type: ignore[assignment]
        return f"证据（{self._names[key]}）"
