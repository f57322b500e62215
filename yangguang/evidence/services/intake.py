"""Evidence intake: metadata and file checks, storing the bytes and recording the evidence with its
ledger entry (plain uploads through ``ingest_stream``)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from yangguang.access import policy
from yangguang.cases.workflow import workflow_for
from yangguang.core import faults
from yangguang.core.errors import DomainError
from yangguang.core.images import check_image_pixels
from yangguang.ledger.services import append_entry
from yangguang.roster.models import User

from .. import conf, filetypes, selectors
from ..models import (
    Blob,
    Evidence,
    EvidenceKind,
    Upload,
    UploadStatus,
)
from ..rules import DEFAULT_STORAGE_YEARS
from ..storage import CHUNK, BlobInfo, Hashes, get_storage

META_KEYS = (
    "filename",
    "filetype",
    "case",
    "step",
    "kind",
    "device",
    "capture_start",
    "capture_end",
    "location",
    "description",
)


class StatusError(DomainError):
    """A domain error with its own HTTP status (tus needs 409, 410, 413, 415, 460)."""

    def __init__(self, message: str, *, code: str, http_status: int = 400) -> None:
        super().__init__(message, code=code)
        self.http_status = http_status


class ChecksumMismatch(StatusError):
    """tus checksum extension: the PATCH body does not match Upload-Checksum (HTTP 460)."""


class OffsetMismatch(StatusError):
    """tus core: Upload-Offset differs from the server's offset (HTTP 409)."""


# --- Validation ------------------------------------------------------------------------------------


@dataclass
class EvidenceMeta:
    kind: str
    filename: str
    step: str = ""
    device_no: str = ""
    capture_start: dt.datetime | None = None
    capture_end: dt.datetime | None = None
    location: str = ""
    description: str = ""


def _parse_time(raw: str, label: str) -> dt.datetime | None:
    if not raw:
        return None
    value = parse_datetime(raw.strip())
    if value is None:
        raise DomainError(f"“{label}”不是有效时间（格式：YYYY-MM-DDTHH:MM:SS）", code="evidence_invalid")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def parse_meta(case: Any, raw: Mapping[str, str]) -> EvidenceMeta:
    """Validate the metadata of an upload (tus Upload-Metadata or the plain form's fields)."""
    kind = (raw.get("kind") or "").strip()
    if kind not in EvidenceKind.values:
        raise DomainError("请选择证据类别（照片、视频、录音、书证、电子数据、现场笔录）", code="evidence_invalid")
    step = (raw.get("step") or "").strip()
    if step and workflow_for(case.kind).by_action(step) is None:
        raise DomainError(f"本案没有“{step}”这一执法环节", code="evidence_invalid")
    start = _parse_time(raw.get("capture_start", ""), "开始时间")
    end = _parse_time(raw.get("capture_end", ""), "结束时间")
    if start and end and end < start:
        raise DomainError("结束时间不能早于开始时间", code="evidence_invalid")
    filename = Path((raw.get("filename") or "").strip().replace("\\", "/")).name[:255] or "evidence"
    return EvidenceMeta(
        kind=kind,
        filename=filename,
        step=step,
        device_no=(raw.get("device") or "").strip()[:60],
        capture_start=start,
        capture_end=end,
        location=(raw.get("location") or "").strip()[:200],
        description=(raw.get("description") or "").strip(),
    )


def check_size(kind: str, size: int) -> None:
    if size <= 0:
        raise DomainError("文件为空（0字节），未保存，请重新选择文件", code="evidence_empty")
    limit = min(filetypes.MAX_SIZE[kind], conf.max_upload_bytes())
    if size > limit:
        label = EvidenceKind(kind).label
        raise StatusError(
            f"文件过大：{label}类证据单个文件不得超过{limit // conf.MB} MB", code="evidence_too_large", http_status=413
        )


def _type_error(kind: str) -> DomainError:
    label = EvidenceKind(kind).label
    allowed = "、".join(filetypes.allowed_types(kind))
    return StatusError(
        f"文件内容与所选类别不符：{label}类证据只接受 {allowed} 格式（按文件内容识别，不看扩展名）",
        code="evidence_type",
        http_status=415,
    )


def check_type(kind: str, head: bytes) -> filetypes.FileType:
    code = filetypes.sniff(head)
    if code is None or kind not in filetypes.TYPES[code].kinds:
        raise _type_error(kind)
    return filetypes.TYPES[code]


def _truncated(ft: filetypes.FileType) -> DomainError:
    return DomainError(
        f"文件不完整（{ft.label}文件结尾缺失，可能在传输或导出时被截断），未保存，请重新上传完整文件",
        code="evidence_truncated",
    )


def check_complete(ft: filetypes.FileType, path: Path, size: int) -> None:
    """Refuse files whose own structure says they were cut short, and decompression bombs."""
    if ft.code in ("jpeg", "png"):
        check_image_pixels(path)
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 1024))
        tail = fh.read()
        ok = True
        if ft.code == "jpeg":
            ok = tail.rstrip(b"\x00").endswith(b"\xff\xd9")
        elif ft.code == "png":
            ok = tail.endswith(b"IEND\xaeB`\x82")
        elif ft.code == "pdf":
            ok = b"%%EOF" in tail
        elif ft.code == "wav":
            fh.seek(4)
            riff = int.from_bytes(fh.read(4), "little")
            ok = riff + 8 <= size
        elif ft.code in ("mp4", "mov", "heic", "m4a"):
            ok = _boxes_fit(fh, size)
        elif ft.code in ("docx", "zip"):
            ok = b"PK\x05\x06" in tail
    if not ok:
        raise _truncated(ft)


def _boxes_fit(fh: IO[bytes], size: int) -> bool:
    """ISO BMFF: the top-level boxes must tile the file exactly; a cut file ends inside a box."""
    pos = 0
    for _ in range(100_000):
        if pos == size:
            return True
        fh.seek(pos)
        header = fh.read(16)
        if len(header) < 8:
            return False
        box = int.from_bytes(header[:4], "big")
        if box == 1:
            if len(header) < 16:
                return False
            box = int.from_bytes(header[8:16], "big")
        elif box == 0:  # to the end of the file
            return True
        if box < 8:
            return False
        pos += box
        if pos > size:
            return False
    return False


# --- Permission --------------------------------------------------------------------------------------


def check_can_upload(user: User, case: Any) -> None:
    """Uploading (and starting a tus upload) is an enforcement act of today (``evidence.upload``)."""
    policy.require(user, "evidence.upload", case)


# --- Storing and recording ---------------------------------------------------------------------------


def _retention_years(case: Any, step: str) -> int:
    rule = selectors.rule_for(case.agency_id, case.kind, step) if step else None
    return rule.storage_years if rule else DEFAULT_STORAGE_YEARS


def store_and_record(*, case: Any, actor: User, meta: EvidenceMeta, path: Path, hashes: Hashes) -> Evidence:
    """Check a fully staged file, move it into blob storage (outside any transaction), then create
    the evidence record and its ledger entry in one short transaction."""
    info = hashes.info()
    try:
        check_size(meta.kind, info.size)
        with open(path, "rb") as fh:
            head = fh.read(filetypes.HEAD_BYTES)
        ft = check_type(meta.kind, head)
        check_complete(ft, path, info.size)
    except DomainError:
        path.unlink(missing_ok=True)
        raise
    storage = get_storage()
    storage.adopt(path, info)  # slow for S3 (multipart upload); a rename on the local disk
    return _record(case=case, actor=actor, meta=meta, info=info, content_type=ft.content_type, backend=storage.name)


def _record(
    *,
    case: Any,
    actor: User,
    meta: EvidenceMeta,
    info: BlobInfo,
    content_type: str,
    backend: str,
    upload: Upload | None = None,
) -> Evidence:
    with transaction.atomic():
        if upload is not None:
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            if locked.status == UploadStatus.DONE and locked.evidence_id:  # a racing finalization won
                return Evidence.objects.get(pk=locked.evidence_id)
        blob, _ = Blob.objects.get_or_create(
            sha256=info.sha256, defaults={"sm3": info.sm3, "size": info.size, "backend": backend}
        )
        if blob.purged_at is not None:  # the same bytes came back after a purge: stored again
            Blob.objects.filter(pk=blob.pk).update(purged_at=None, backend=backend)
        ev = Evidence.objects.create(
            case=case,
            step=meta.step,
            kind=meta.kind,
            officer=actor.officer if actor.officer_id else None,
            uploaded_by=actor,
            device_no=meta.device_no,
            capture_start=meta.capture_start,
            capture_end=meta.capture_end,
            location=meta.location,
            description=meta.description,
            filename=meta.filename,
            content_type=content_type,
            sha256=info.sha256,
            sm3=info.sm3,
            size=info.size,
            blob=blob,
            retention_years=_retention_years(case, meta.step),
        )
        entry = append_entry(
            actor=actor,
            subject=ev.subject_label,
            action="evidence.add",
            payload={
                "case": case.subject_label,
                "case_number": case.number,
                "step": meta.step,
                "kind": meta.kind,
                "filename": meta.filename,
                "content_type": content_type,
                "size": info.size,
                "device_no": meta.device_no,
                "capture_start": meta.capture_start.isoformat() if meta.capture_start else "",
                "capture_end": meta.capture_end.isoformat() if meta.capture_end else "",
                "location": meta.location,
                "description": meta.description,
            },
            file_hashes={"sha256": info.sha256, "sm3": info.sm3},
            refs=[case.subject_label],
        )
        Evidence.objects.filter(pk=ev.pk).update(ledger_seq=entry.seq)
        ev.ledger_seq = entry.seq
        if upload is not None:
            Upload.objects.filter(pk=upload.pk).update(status=UploadStatus.DONE, evidence=ev, lease_until=None)
            upload.status, upload.evidence = UploadStatus.DONE, ev
        faults.point("tus.finish.before_commit", meta.filename)
    return ev


def ingest_stream(*, case: Any, actor: User, meta: EvidenceMeta, stream: IO[bytes]) -> Evidence:
    """The plain upload (small files, multipart form): stage while hashing, then store and record."""
    check_can_upload(actor, case)
    staging = conf.staging_dir()
    staging.mkdir(parents=True, exist_ok=True)
    path = staging / f"plain-{uuid.uuid4().hex}.part"
    h = Hashes()
    limit = min(filetypes.MAX_SIZE[meta.kind], conf.max_upload_bytes())
    try:
        with open(path, "wb") as out:
            while data := stream.read(CHUNK):
                h.update(data)
                if h.size > limit:
                    check_size(meta.kind, h.size)
                out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return store_and_record(case=case, actor=actor, meta=meta, path=path, hashes=h)
