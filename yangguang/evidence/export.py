"""One case, one file (一案一卷): the complete case file as a streamed ZIP.

Layout: ``目录.html`` (卷内目录: every document and piece of evidence in the statutory order of
``documents.filing`` with its page numbers, signatures and hashes), ``manifest.json`` (every file with its SHA-256 and the
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
from yangguang.documents import filing
from yangguang.documents.services import SIGNED_TYPES, document_content, signing_state

from . import selectors
from .models import AV_KINDS, Evidence, EvidenceKind
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


def evidence_path(ev: Evidence, seq: int | None = None) -> str:
    prefix = f"{seq:03d}-" if seq is not None else ""
    return f"evidence/{prefix}{ev.pk:06d}-{ev.filename}"


class _PageCounter:
    """Counts the page objects of a PDF as its bytes stream past: a match is counted in the chunk
    where it starts, once the bytes after it (the lookahead) have arrived."""

    KEEP = 16  # longer than a marker and its lookahead

    def __init__(self) -> None:
        self.pages = 0
        self.tail = b""

    def feed(self, data: bytes) -> None:
        chunk = self.tail + data
        limit = len(chunk) - self.KEEP
        self.pages += sum(1 for m in filing.PDF_PAGE.finditer(chunk) if m.start() < limit)
        self.tail = chunk[max(0, limit) :]

    def total(self) -> int:
        return max(1, self.pages + len(filing.PDF_PAGE.findall(self.tail)))


def _ordered(documents: list[Any], evidence: list[Evidence]) -> list[tuple[str, Any]]:
    """Documents by their rank in the statutory order (then as issued), the evidence after the
    on-site records it supports (as captured)."""
    rows: list[tuple[tuple[Any, ...], str, Any]] = []
    for doc in documents:
        rows.append(((filing.rank(doc.doc_type), doc.issued_at.timestamp(), doc.pk), "document", doc))
    for ev in evidence:
        when = (ev.capture_start or ev.created_at).timestamp()
        rows.append(((filing.EVIDENCE_RANK, when, ev.pk), "evidence", ev))
    rows.sort(key=lambda r: r[0])
    return [(kind, obj) for _key, kind, obj in rows]


def _copy(src: Any, zf: zipfile.ZipFile, name: str, sink: _Sink, counter: _PageCounter | None) -> Iterator[bytes]:
    with zf.open(name, "w", force_zip64=True) as dst:
        while data := src.read(CHUNK):
            if counter is not None:
                counter.feed(data)
            dst.write(data)
            yield sink.take()


def _pages_text(first: int, count: int) -> str:
    return "" if count <= 0 else (str(first) if count == 1 else f"{first}-{first + count - 1}")


def stream_case_zip(case: Any) -> Iterator[bytes]:
    sink = _Sink()
    evidence = list(selectors.case_evidence(case))
    documents = case_selectors.case_documents(case)
    bundle = case_selectors.record_bundle(case)
    manifest: dict[str, Any] = {
        "format": "yangguang-case-file/1",
        "case": {"subject": case.subject_label, "number": case.number, "title": case.display_title},
        "exported_at": timezone.now().isoformat(),
        "bundle": "ledger/bundle.json",
        "files": [],
    }
    toc: list[dict[str, Any]] = []
    page = 1
    storage = get_storage()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:  # type: ignore[call-overload]
        for seq, (kind, obj) in enumerate(_ordered(documents, evidence), 1):
            if kind == "document":
                doc = obj
                name = f"documents/{seq:03d}-{doc.pk:06d}-{doc.download_filename}"
                stored = doc.file
                if stored is None:
                    name = ""  # issued, its DOCX still being rendered by the task queue
                else:
                    with default_storage.open(stored.name, "rb") as src:
                        yield from _copy(src, zf, name, sink, None)
                    manifest["files"].append(
                        {"path": name, "sha256": stored.sha256, "sm3": stored.sm3, "subject": case.subject_label}
                    )
                pages = filing.content_pages(document_content(doc))
                signatures = list(doc.signatures.select_related("scan")) if doc.doc_type in SIGNED_TYPES else []
                row = {
                    "seq": seq,
                    "title": doc.title,
                    "number": doc.number,
                    "date": doc.issued_on,
                    "pages": _pages_text(page, pages),
                    "path": name,
                    "sha256": stored.sha256 if stored else "",
                    "signing": signing_state(doc),
                    "signatures": signatures,
                    "scans": [],
                }
                page += pages
                for sig in signatures:
                    if sig.scan is None:
                        continue
                    ext = sig.scan.name.rsplit(".", 1)[-1]
                    scan_name = f"documents/{seq:03d}-{doc.pk:06d}-签名页-{sig.pk}.{ext}"
                    counter = _PageCounter() if sig.scan.content_type == "application/pdf" else None
                    with default_storage.open(sig.scan.name, "rb") as src:
                        yield from _copy(src, zf, scan_name, sink, counter)
                    manifest["files"].append(
                        {
                            "path": scan_name,
                            "sha256": sig.scan.sha256,
                            "sm3": sig.scan.sm3,
                            "subject": case.subject_label,
                        }
                    )
                    scan_pages = counter.total() if counter else 1
                    row["scans"].append(
                        {"path": scan_name, "pages": _pages_text(page, scan_pages), "signer": sig.signer_name}
                    )
                    page += scan_pages
                toc.append(row)
                continue
            ev = obj
            row = {
                "seq": seq,
                "title": f"{ev.get_kind_display()}：{ev.filename}",
                "number": "",
                "date": ev.capture_start or ev.created_at,
                "pages": "",
                "path": "",
                "sha256": ev.sha256,
                "ev": ev,
                "purged": ev.purged_at is not None,
            }
            if ev.purged_at is None:
                name = evidence_path(ev, seq)
                counter = _PageCounter() if ev.content_type == "application/pdf" else None
                with storage.open(ev.sha256) as src:
                    yield from _copy(src, zf, name, sink, counter)
                manifest["files"].append(
                    {"path": name, "sha256": ev.sha256, "sm3": ev.sm3, "subject": ev.subject_label}
                )
                row["path"] = name
                # Audio-visual records are kept as electronic files, not paginated; a photo is
                # printed one to a page, a PDF as its pages.
                if ev.kind not in AV_KINDS:
                    count = counter.total() if counter else 1
                    if ev.kind in (EvidenceKind.PHOTO, EvidenceKind.DOCUMENT, EvidenceKind.ON_SITE) or counter:
                        row["pages"] = _pages_text(page, count)
                        page += count
            toc.append(row)
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
                    "title": case.display_title,
                    "kind": case.kind,
                    "state": case.state,
                    "timeline": timeline,
                },
                ensure_ascii=False,
                indent=1,
                default=str,
            ),
        )
        manifest["contents"] = [
            {
                "seq": r["seq"],
                "title": r["title"],
                "number": r["number"],
                "pages": r["pages"],
                "path": r["path"],
                "attachments": [{"path": sc["path"], "pages": sc["pages"]} for sc in r.get("scans", [])],
            }
            for r in toc
        ]
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        zf.writestr(
            "目录.html",
            render_to_string(
                "evidence/case_file_toc.html",
                {
                    "case": case,
                    "toc": toc,
                    "total_pages": page - 1,
                    "timeline": timeline,
                    "bundle_entries": len(bundle.get("entries", [])),
                    "fingerprint": bundle.get("public_key", {}).get("fingerprint", ""),
                    "exported_at": manifest["exported_at"],
                },
            ),
        )
        yield sink.take()
    yield sink.take()
