"""Writes of the evidence app: resumable (tus) and plain uploads, evidence records, record access,
recording exceptions, legal hold and purging.

Slow I/O (receiving, hashing, storing bytes) never runs inside a database transaction: the bytes are
staged and stored first, then one short transaction creates the record and its ledger entry.

State between tus PATCH requests lives in the database (``Upload``: offset, the SM3 and SHA-256
states saved by ``hashstate``, a lease naming the one request writing) and the staged bytes in the
staging directory, so any process continues any upload, after a restart too; every byte is hashed
once (where the runtime cannot save hash states, the staged bytes are re-hashed instead).
Finalization (``finish_upload``) is a sequence of repeatable steps: a crash at any moment leaves an
upload that the next HEAD or PATCH completes into exactly one evidence record and ledger entry.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from yangguang.access import policy
from yangguang.cases.workflow import CaseKind, workflow_for
from yangguang.core import faults
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.core.images import check_image_pixels
from yangguang.env import env_int
from yangguang.ledger.services import append_entry
from yangguang.roster.models import User

from . import conf, filetypes, hashstate, selectors
from .models import (
    AccessKind,
    AccessLog,
    Blob,
    Evidence,
    EvidenceKind,
    RecordingException,
    RecordingRule,
    Upload,
    UploadStatus,
)
from .rules import DEFAULT_STORAGE_YEARS
from .storage import CHUNK, BlobInfo, Hashes, get_storage, hash_file

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


# --- tus ------------------------------------------------------------------------------------------------


def _lease() -> dt.timedelta:
    """How long a PATCH holds an upload, renewed while it streams (a killed PATCH blocks its upload
    this long at most: the client's retry gets 423 until then)."""
    return dt.timedelta(seconds=env_int("YG_UPLOAD_LEASE_SECONDS", 15))


def staging_path(upload: Upload) -> Path:
    return conf.staging_dir() / f"{upload.id}.part"


def upload_token(upload_id: Any) -> str:
    """Per-upload capability (sent back as ``Upload-Token``) — not used for auth by itself."""
    from django.conf import settings

    return hmac.new(settings.SECRET_KEY.encode(), f"tus:{upload_id}".encode(), hashlib.sha256).hexdigest()[:32]


def create_upload(*, case: Any, actor: User, length: int, metadata: Mapping[str, str]) -> Upload:
    """tus creation: validate the declared length and metadata, create the empty staging file."""
    check_can_upload(actor, case)
    meta = parse_meta(case, metadata)
    check_size(meta.kind, length)
    upload = Upload.objects.create(
        case=case,
        created_by=actor,
        length=length,
        metadata={k: str(metadata.get(k, "")) for k in META_KEYS if metadata.get(k) not in (None, "")},
        expires_at=timezone.now() + dt.timedelta(hours=conf.upload_expiry_hours()),
    )
    path = staging_path(upload)
    path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    return upload


def get_upload(upload_id: str, actor: User) -> Upload:
    try:
        key = uuid.UUID(str(upload_id))
    except ValueError as exc:
        raise NotFoundError("上传任务不存在", code="upload_not_found") from exc
    upload = Upload.objects.select_related("case").filter(pk=key).first()
    if upload is None:
        raise NotFoundError("上传任务不存在", code="upload_not_found")
    if upload.created_by_id != actor.pk:
        raise NotFoundError("上传任务不存在", code="upload_not_found")
    if upload.status in (UploadStatus.TERMINATED, UploadStatus.EXPIRED) or (
        upload.status == UploadStatus.OPEN and upload.offset < upload.length and upload.expires_at <= timezone.now()
    ):
        raise StatusError("上传任务已终止或已过期，请重新上传", code="upload_gone", http_status=410)
    return upload


_CHECKSUMS: dict[str, Callable[[], Any]] = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "md5": hashlib.md5}


def parse_checksum(header: str) -> tuple[str, bytes] | None:
    if not header:
        return None
    try:
        alg, value = header.strip().split(" ", 1)
        digest = base64.b64decode(value.strip(), validate=True)
    except ValueError as exc:
        raise StatusError("Upload-Checksum 格式不正确", code="tus_bad_checksum", http_status=400) from exc
    if alg not in _CHECKSUMS:
        raise StatusError(f"不支持的校验算法：{alg}", code="tus_bad_checksum", http_status=400)
    return alg, digest


def _hashes_at(upload: Upload, path: Path) -> Hashes:
    """The SM3 and SHA-256 states after ``upload.offset`` bytes: restored from the database when
    this runtime can, otherwise recomputed from the staged bytes."""
    state = upload.hash_state or {}
    if state.get("offset") == upload.offset:
        sm3 = hashstate.restore("sm3", state.get("sm3", ""))
        sha = hashstate.restore("sha256", state.get("sha256", ""))
        if sm3 is not None and sha is not None:
            return Hashes.resume(sm3=sm3, sha256=sha, size=upload.offset)
    h = hash_file(path, limit=upload.offset)
    if h.size != upload.offset:
        raise StatusError("暂存文件短于已确认的位置，请重新上传", code="upload_gone", http_status=410)
    return h


def _state_of(h: Hashes) -> dict[str, Any]:
    sm3, sha = hashstate.export(h.sm3), hashstate.export(h.sha256)
    if sm3 is None or sha is None:
        return {}
    return {"offset": h.size, "sm3": sm3, "sha256": sha}


def _take_lease(upload: Upload) -> str:
    """Only one PATCH writes an upload at a time, whichever process or host serves it."""
    token = uuid.uuid4().hex
    now = timezone.now()
    taken = (
        Upload.objects.filter(pk=upload.pk)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + _lease(), lease_token=token)
    )
    if not taken:
        raise StatusError("另一个请求正在写入此上传，请稍后重试", code="tus_locked", http_status=423)
    return token


def _renew_lease(upload: Upload, token: str) -> None:
    if not Upload.objects.filter(pk=upload.pk, lease_token=token).update(lease_until=timezone.now() + _lease()):
        raise StatusError("上传已被另一个请求接管，请从服务器的位置续传", code="tus_locked", http_status=423)


def _release_lease(upload: Upload, token: str) -> None:
    Upload.objects.filter(pk=upload.pk, lease_token=token).update(lease_until=None, lease_token="")


def append_chunk(
    *, upload: Upload, actor: User, offset: int, stream: Any, length: int, checksum: tuple[str, bytes] | None = None
) -> tuple[Upload, Evidence | None]:
    """tus PATCH: append up to ``length`` bytes read from ``stream`` at ``offset``.

    Bytes are written and hashed in 1 MB chunks and made durable (fsync) before the new offset and
    hash state are confirmed in the database. A body cut short by a dropped connection keeps the
    bytes received (the client resumes from the new offset), except when a checksum was sent, in
    which case the whole body is discarded unless it matches (460). Returns the upload and, when the
    last byte arrived, the evidence record (an empty PATCH at the end completes an unfinished one)."""
    if upload.offset >= upload.length or upload.status == UploadStatus.DONE:
        if offset != upload.offset:
            raise OffsetMismatch(
                f"续传位置不一致：服务器已接收{upload.offset}字节，请求从{offset}字节开始",
                code="tus_offset_mismatch",
                http_status=409,
            )
        if length:
            raise StatusError("上传的数据超过声明的文件长度", code="tus_too_long", http_status=413)
        return upload, finish_upload(upload=upload, actor=actor)
    path = staging_path(upload)
    if not path.exists():
        raise StatusError("上传任务的暂存文件缺失，请重新上传", code="upload_gone", http_status=410)
    token = _take_lease(upload)
    name = upload.metadata.get("filename", "")
    try:
        upload.refresh_from_db(fields=["offset", "status", "hash_state"])
        if upload.status != UploadStatus.OPEN:
            raise StatusError("上传任务已结束", code="upload_gone", http_status=410)
        if offset != upload.offset:
            raise OffsetMismatch(
                f"续传位置不一致：服务器已接收{upload.offset}字节，请求从{offset}字节开始",
                code="tus_offset_mismatch",
                http_status=409,
            )
        if offset + length > upload.length:
            raise StatusError("上传的数据超过声明的文件长度", code="tus_too_long", http_status=413)
        h = _hashes_at(upload, path)
        check = _CHECKSUMS[checksum[0]]() if checksum else None
        with open(path, "r+b") as fh:
            fh.seek(offset)
            fh.truncate()  # drop bytes of an earlier PATCH that were never confirmed
            remaining = length
            renewed = time.monotonic()
            while remaining > 0:
                data = stream.read(min(CHUNK, remaining))
                if not data:
                    break
                fh.write(data)
                h.update(data)
                if check is not None:
                    check.update(data)
                remaining -= len(data)
                if time.monotonic() - renewed > _lease().total_seconds() / 3:
                    _renew_lease(upload, token)
                    renewed = time.monotonic()
                faults.point("tus.patch.streaming", f"{name}:{offset + length - remaining}")
            if check is not None and (remaining or not hmac.compare_digest(check.digest(), checksum[1])):  # type: ignore[index]
                fh.truncate(offset)
                raise ChecksumMismatch(
                    "数据校验失败：本次上传的数据与 Upload-Checksum 不符，已丢弃", code="tus_checksum", http_status=460
                )
            fh.flush()
            os.fsync(fh.fileno())  # durable before the offset that confirms it
            new_offset = offset + (length - remaining)
            if offset < filetypes.HEAD_BYTES <= new_offset or (
                new_offset == upload.length and offset < filetypes.HEAD_BYTES
            ):
                fh.seek(0)
                head = fh.read(filetypes.HEAD_BYTES)
                try:
                    check_type(upload.metadata.get("kind", ""), head)
                except DomainError:
                    _terminate(upload)
                    raise
        faults.point("tus.patch.before_confirm", f"{name}:{new_offset}")
        confirmed = Upload.objects.filter(pk=upload.pk, lease_token=token).update(
            offset=new_offset, hash_state=_state_of(h)
        )
        if not confirmed:
            raise StatusError("上传已被另一个请求接管，请从服务器的位置续传", code="tus_locked", http_status=423)
        upload.offset = new_offset
    finally:
        _release_lease(upload, token)
    if upload.offset < upload.length:
        return upload, None
    return upload, finish_upload(upload=upload, actor=actor)


def finish_upload(*, upload: Upload, actor: User) -> Evidence:
    """Finalize a complete upload, or complete a finalization a crash interrupted. Three steps,
    each safe to repeat: (1) check the file and fix its digests and type on the upload row;
    (2) move the bytes into content-addressed storage (a repeat finds them there); (3) one
    transaction creates the blob and evidence records and the ledger entry and marks the upload
    done — under the upload's row lock, so only the first of two racing finalizations records."""
    upload.refresh_from_db()
    if upload.status == UploadStatus.DONE and upload.evidence_id:
        return Evidence.objects.get(pk=upload.evidence_id)
    if upload.status != UploadStatus.OPEN or upload.offset != upload.length:
        raise StatusError("上传任务已终止或已过期，请重新上传", code="upload_gone", http_status=410)
    meta = parse_meta(upload.case, upload.metadata)
    name = meta.filename
    path = staging_path(upload)
    if not upload.sha256:
        if not path.exists():
            raise StatusError("上传任务的暂存文件缺失，请重新上传", code="upload_gone", http_status=410)
        info = _hashes_at(upload, path).info()
        try:
            check_size(meta.kind, info.size)
            with open(path, "rb") as fh:
                ft = check_type(meta.kind, fh.read(filetypes.HEAD_BYTES))
            check_complete(ft, path, info.size)
        except DomainError:
            _terminate(upload)
            raise
        Upload.objects.filter(pk=upload.pk).update(sha256=info.sha256, sm3=info.sm3, content_type=ft.content_type)
        upload.sha256, upload.sm3, upload.content_type = info.sha256, info.sm3, ft.content_type
        faults.point("tus.finish.hashed", name)
    info = BlobInfo(sha256=upload.sha256, sm3=upload.sm3, size=upload.length)
    storage = get_storage()
    try:
        storage.adopt(path, info)  # slow for S3 (multipart upload); a rename on the local disk
    except FileNotFoundError:
        if not storage.exists(info.sha256):  # the staged bytes went nowhere: nothing to record
            raise StatusError("上传任务的暂存文件缺失，请重新上传", code="upload_gone", http_status=410) from None
    faults.point("tus.finish.stored", name)
    return _record(
        case=upload.case,
        actor=actor,
        meta=meta,
        info=info,
        content_type=upload.content_type,
        backend=storage.name,
        upload=upload,
    )


def _terminate(upload: Upload, status: str = UploadStatus.TERMINATED) -> None:
    Upload.objects.filter(pk=upload.pk).exclude(status=UploadStatus.DONE).update(status=status)
    upload.status = status
    staging_path(upload).unlink(missing_ok=True)


def terminate_upload(*, upload: Upload, actor: User) -> None:
    """tus termination (DELETE): drop the staged bytes."""
    if upload.status == UploadStatus.DONE or upload.sha256:
        raise StatusError("上传已完成，证据不能删除", code="evidence_no_delete", http_status=403)
    _terminate(upload)


def expire_uploads(*, now: dt.datetime | None = None) -> int:
    """tus expiration: incomplete uploads past ``expires_at`` lose their staged bytes (an upload
    whose bytes all arrived is being finalized, not abandoned: it is left to complete)."""
    now = now or timezone.now()
    count = 0
    for upload in Upload.objects.filter(status=UploadStatus.OPEN, expires_at__lte=now, sha256=""):
        if upload.offset >= upload.length:
            continue
        _terminate(upload, UploadStatus.EXPIRED)
        count += 1
    return count


# --- Record access (调阅) ----------------------------------------------------------------------------


def record_access(*, evidence: Evidence, actor: User, kind: str, reason: str) -> AccessLog:
    """Log one view or download of evidence (with its reason) to the access log and the ledger."""
    reason = (reason or "").strip()
    policy.require(actor, "evidence.view", evidence)
    if not reason:
        raise DomainError("调阅证据须填写调阅事由", code="evidence_reason_required")
    if evidence.purged_at is not None:
        raise StatusError(
            "该证据文件已超过存储期限并已清除，仅保留哈希值和记录", code="evidence_purged", http_status=410
        )
    with transaction.atomic():
        log = AccessLog.objects.create(
            evidence=evidence,
            case=evidence.case,
            user=actor,
            user_name=actor.full_name or actor.username,
            kind=kind,
            reason=reason,
        )
        entry = append_entry(
            actor=actor,
            subject=evidence.subject_label,
            action=f"evidence.{kind}",
            payload={"case": evidence.case.subject_label, "reason": reason, "access_id": log.pk},
            refs=[evidence.case.subject_label],
        )
        AccessLog.objects.filter(pk=log.pk).update(ledger_seq=entry.seq)
    return log


def record_export(*, case: Any, actor: User, reason: str) -> AccessLog:
    """Log the export of the whole case file (一案一卷)."""
    reason = (reason or "").strip()
    policy.require(actor, "evidence.export", case)
    if not reason:
        raise DomainError("导出案卷须填写调阅事由", code="evidence_reason_required")
    with transaction.atomic():
        log = AccessLog.objects.create(
            case=case, user=actor, user_name=actor.full_name or actor.username, kind=AccessKind.EXPORT, reason=reason
        )
        entry = append_entry(
            actor=actor,
            subject=case.subject_label,
            action="evidence.export",
            payload={"reason": reason, "access_id": log.pk},
        )
        AccessLog.objects.filter(pk=log.pk).update(ledger_seq=entry.seq)
    return log


def record_document_access(*, case: Any, document: Any, actor: User, reason: str) -> AccessLog:
    """Log the opening of one document of the case file (调阅) with its reason, e.g. from the legal
    review page (the reason names the review)."""
    reason = (reason or "").strip()
    policy.require(actor, "case.view", case)
    if document.subject != case.subject_label:
        raise NotFoundError("文书不存在或不属于本案", code="not_found")
    if not reason:
        raise DomainError("调阅文书须填写调阅事由", code="evidence_reason_required")
    with transaction.atomic():
        log = AccessLog.objects.create(
            case=case,
            document=document,
            user=actor,
            user_name=actor.full_name or actor.username,
            kind=AccessKind.DOCUMENT,
            reason=reason,
        )
        entry = append_entry(
            actor=actor,
            subject=case.subject_label,
            action="evidence.document_view",
            payload={"reason": reason, "access_id": log.pk, "document": document.pk, "title": document.title},
        )
        AccessLog.objects.filter(pk=log.pk).update(ledger_seq=entry.seq)
    return log


# --- Recording exceptions, rules, legal hold, purge ---------------------------------------------------


def record_exception(*, case: Any, step: str, actor: User, reason: str) -> RecordingException:
    """The officer states why a mandatory recording is missing; flagged for the supervisor."""
    policy.require(actor, "evidence.exception.record", case)
    if workflow_for(case.kind).by_action(step) is None:
        raise DomainError(f"本案没有“{step}”这一执法环节", code="evidence_invalid")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise DomainError("请具体说明未能音像记录的原因（如设备故障），不少于4个字", code="evidence_reason_required")
    with transaction.atomic():
        exc = RecordingException.objects.create(case=case, step=step, reason=reason, recorded_by=actor)
        append_entry(
            actor=actor,
            subject=case.subject_label,
            action="evidence.recording_exception",
            payload={"step": step, "reason": reason, "exception_id": exc.pk},
        )
    return exc


def review_exception(*, exception: RecordingException, actor: User, note: str) -> RecordingException:
    policy.require(actor, "evidence.exception.review", exception)
    with transaction.atomic():
        exc = RecordingException.objects.select_for_update().get(pk=exception.pk)
        if exc.reviewed_at is not None:
            raise DomainError("该例外情况已审阅", code="evidence_already_reviewed")
        exc.reviewed_by = actor
        exc.reviewed_at = timezone.now()
        exc.review_note = (note or "").strip()
        exc.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
        append_entry(
            actor=actor,
            subject=exc.case.subject_label,
            action="evidence.exception_reviewed",
            payload={"exception_id": exc.pk, "note": exc.review_note},
        )
    return exc


def save_rule(*, agency: Any, actor: User, values: Mapping[str, Any]) -> RecordingRule:
    """Set one line of an agency's AV item list."""
    policy.require(actor, "evidence.rules.edit", agency)
    fields = ("required", "full_process", "method", "start", "content", "end", "storage_years")

    kind, step = str(values.get("case_kind", "")), str(values.get("step", ""))
    if kind not in CaseKind.values or workflow_for(kind).by_action(step) is None:
        raise DomainError("音像记录事项的执法类别或记录环节无效", code="evidence_invalid")
    with transaction.atomic():
        rule, _ = RecordingRule.objects.update_or_create(
            agency=agency,
            case_kind=values["case_kind"],
            step=values["step"],
            defaults={k: values[k] for k in fields if k in values},
        )
        rule.full_clean()
        append_entry(
            actor=actor,
            subject=f"roster.agency:{agency.pk}",
            action="evidence.rule",
            payload={"case_kind": rule.case_kind, "step": rule.step, **{k: getattr(rule, k) for k in fields}},
        )
    return rule


def set_legal_hold(*, evidence: Evidence, actor: User, hold: bool, reason: str) -> Evidence:
    policy.require(actor, "evidence.hold", evidence)
    if not (reason or "").strip():
        raise DomainError("请填写依法保全（或解除）的理由", code="evidence_reason_required")
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(legal_hold=hold)
        evidence.legal_hold = hold
        append_entry(
            actor=actor,
            subject=evidence.subject_label,
            action="evidence.legal_hold" if hold else "evidence.legal_hold_released",
            payload={"reason": reason.strip()},
            refs=[evidence.case.subject_label],
        )
    return evidence


def retention_ends(ev: Evidence) -> dt.datetime:
    start = ev.capture_end or ev.created_at
    years = ev.retention_years or DEFAULT_STORAGE_YEARS
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def purge_expired(*, now: dt.datetime | None = None, dry_run: bool = False) -> list[Evidence]:
    """Remove the bytes of evidence past its retention period and not under legal hold. The record,
    its hashes and a ledger entry stay; a blob shared with other evidence still kept stays stored."""
    now = now or timezone.now()
    purged: list[Evidence] = []
    for ev in Evidence.objects.filter(purged_at__isnull=True, legal_hold=False).select_related("case", "blob"):
        if retention_ends(ev) > now:
            continue
        purged.append(ev)
        if dry_run:
            continue
        with transaction.atomic():
            Evidence.objects.filter(pk=ev.pk).update(purged_at=now)
            append_entry(
                actor=None,
                subject=ev.subject_label,
                action="evidence.purge",
                payload={"retention_years": ev.retention_years, "retention_ended": retention_ends(ev).isoformat()},
                file_hashes={"sha256": ev.sha256, "sm3": ev.sm3},
                refs=[ev.case.subject_label],
            )
        still_used = Evidence.objects.filter(blob=ev.blob, purged_at__isnull=True).exists()
        if not still_used:
            get_storage().delete(ev.blob.sha256)
            Blob.objects.filter(pk=ev.blob_id).update(purged_at=now)
    return purged
