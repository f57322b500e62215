"""One case, one file (一案一卷): the complete case file as a streamed ZIP.

Layout: ``目录.html`` (table of contents), ``manifest.json`` (every file with its SHA-256 and the
ledger subject that recorded it), ``case.json`` (the case and its timeline), ``documents/`` (issued
documents, DOCX), ``evidence/`` (evidence files), ``ledger/bundle.json`` (the case's ledger entries
with inclusion proofs and a signed checkpoint). ``python tools/verify_bundle.py CASE.zip`` checks the
bundle and every file's hash against its ledger entry, offline.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from typing import Any

from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

from yangguang.cases import selectors as case_selectors

from . import selectors
from .models import Evidence
from .storage import CHUNK, get_storage


class _Sink:
    """An unseekable file object that collects what ZipFile writes, to be yielded in pieces."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.pos = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def evidence_path(ev: Evidence) -> str:
    return f"evidence/{ev.pk:06d}-{ev.filename}"


def stream_case_zip(case: Any) -> Iterator[bytes]:
    sink = _Sink()
    evidence = list(selectors.case_evidence(case))
    documents = case_selectors.case_documents(case)
    bundle = case_selectors.record_bundle(case)
    manifest: dict[str, Any] = {
        "format": "yangguang-case-file/1",
        "case": {"subject": case.subject_label, "number": case.number, "title": case.title},
        "exported_at": timezone.now().isoformat(),
        "bundle": "ledger/bundle.json",
        "files": [],
    }
    toc_docs = []
    toc_evidence = []
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:  # type: ignore[call-overload]
        for doc in documents:
            name = f"documents/{doc.pk:06d}-{doc.download_filename}"
            stored = doc.file
            with default_storage.open(stored.name, "rb") as src, zf.open(name, "w", force_zip64=True) as dst:
                while data := src.read(CHUNK):
                    dst.write(data)
                    yield sink.take()
            manifest["files"].append(
                {"path": name, "sha256": stored.sha256, "sm3": stored.sm3, "subject": case.subject_label}
            )
            toc_docs.append({"path": name, "title": doc.title, "number": doc.number, "sha256": stored.sha256})
        storage = get_storage()
        for ev in evidence:
            row = {"ev": ev, "path": "", "purged": ev.purged_at is not None}
            if ev.purged_at is None:
                name = evidence_path(ev)
                with storage.open(ev.sha256) as src, zf.open(name, "w", force_zip64=True) as dst:
                    while data := src.read(CHUNK):
                        dst.write(data)
                        yield sink.take()
                manifest["files"].append(
                    {"path": name, "sha256": ev.sha256, "sm3": ev.sm3, "subject": ev.subject_label}
                )
                row["path"] = name
            toc_evidence.append(row)
        zf.writestr("ledger/bundle.json", json.dumps(bundle, ensure_ascii=False, indent=1, default=str))
        timeline = [
            {
                "seq": st.seq,
                "label": st.label,
                "occurred_on": st.occurred_on.isoformat(),
                "actor": st.actor_name,
                "reason": st.reason,
                "data": st.data,
                "ledger_seq": st.ledger_seq,
            }
            for st in case_selectors.timeline(case)
        ]
        zf.writestr(
            "case.json",
            json.dumps(
                {
                    "number": case.number,
                    "title": case.title,
                    "kind": case.kind,
                    "state": case.state,
                    "timeline": timeline,
                },
                ensure_ascii=False,
                indent=1,
                default=str,
            ),
        )
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        zf.writestr(
            "目录.html",
            render_to_string(
                "evidence/case_file_toc.html",
                {
                    "case": case,
                    "documents": toc_docs,
                    "evidence": toc_evidence,
                    "timeline": timeline,
                    "bundle_entries": len(bundle.get("entries", [])),
                    "fingerprint": bundle.get("public_key", {}).get("fingerprint", ""),
                    "exported_at": manifest["exported_at"],
                },
            ),
        )
        yield sink.take()
    yield sink.take()
