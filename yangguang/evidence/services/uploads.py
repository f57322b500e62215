"""Resumable (tus) uploads: state in the database, a lease per writing request, repeatable finalization."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone

from yangguang.core import faults
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.env import env_int
from yangguang.roster.models import User

from .. import conf, filetypes, hashstate
from ..models import (
    Evidence,
    Upload,
    UploadStatus,
)
from ..storage import CHUNK, BlobInfo, Hashes, get_storage, hash_file
from .intake import (
    META_KEYS,
    ChecksumMismatch,
    OffsetMismatch,
    StatusError,
    _record,
    check_can_upload,
    check_complete,
    check_size,
    check_type,
    parse_meta,
)

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
