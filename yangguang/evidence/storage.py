"""Content-addressed blob storage (内容寻址存储) behind one interface.

A blob is named by the SHA-256 of its bytes, so identical content is stored once and a stored blob
can never silently change (any change would give it another name). ``put`` streams a file in and
returns its SHA-256, SM3 and size; ``adopt`` takes a local file whose hashes are already known (a
completed tus upload); ``open``/``read_range`` stream it back. Two backends: the local filesystem
(default, under ``MEDIA_ROOT/evidence/blobs``) and any S3-compatible object store (boto3, multipart
upload), chosen by ``YG_EVIDENCE_STORAGE``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from . import conf

CHUNK = conf.CHUNK
S3_PART = 16 * conf.MB  # multipart part size (S3 needs >= 5 MB except the last)


@dataclass(frozen=True)
class BlobInfo:
    sha256: str
    sm3: str
    size: int


class Hashes:
    """SM3 (GB/T 32905) and SHA-256 computed together, incrementally."""

    def __init__(self) -> None:
        self.sm3 = hashlib.new("sm3")
        self.sha256 = hashlib.sha256()
        self.size = 0

    def update(self, data: bytes | memoryview) -> None:
        self.sm3.update(data)
        self.sha256.update(data)
        self.size += len(data)

    @classmethod
    def resume(cls, *, sm3: Any, sha256: Any, size: int) -> Hashes:
        """Continue from restored hashlib states after ``size`` bytes (``hashstate.restore``)."""
        h = cls.__new__(cls)
        h.sm3, h.sha256, h.size = sm3, sha256, size
        return h

    def copy(self) -> Hashes:
        other = Hashes.__new__(Hashes)
        other.sm3 = self.sm3.copy()
        other.sha256 = self.sha256.copy()
        other.size = self.size
        return other

    def info(self) -> BlobInfo:
        return BlobInfo(sha256=self.sha256.hexdigest(), sm3=self.sm3.hexdigest(), size=self.size)


def hash_file(path: Path | str, *, limit: int | None = None) -> Hashes:
    """Hash a file (or its first ``limit`` bytes) in chunks."""
    h = Hashes()
    remaining = limit
    with open(path, "rb") as fh:
        while remaining is None or remaining > 0:
            want = CHUNK if remaining is None else min(CHUNK, remaining)
            data = fh.read(want)
            if not data:
                break
            h.update(data)
            if remaining is not None:
                remaining -= len(data)
    return h


class BlobStorage(Protocol):
    name: str

    def put(self, stream: IO[bytes]) -> BlobInfo: ...

    def adopt(self, path: Path, info: BlobInfo) -> None: ...

    def exists(self, sha256: str) -> bool: ...

    def open(self, sha256: str) -> IO[bytes]: ...

    def read_range(self, sha256: str, start: int, end: int) -> Iterator[bytes]: ...

    def delete(self, sha256: str) -> None: ...

    def names(self) -> Iterator[str]: ...


def _check_name(sha256: str) -> str:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


class LocalStorage:
    """Blobs as files ``<root>/<sha[:2]>/<sha>``, written through a temporary file and renamed."""

    name = "local"

    def __init__(self, root: Path | None = None) -> None:
        self._root = Path(root) if root is not None else None

    @property
    def root(self) -> Path:
        # Read MEDIA_ROOT at use, not at construction: tests point it elsewhere.
        return self._root if self._root is not None else conf.evidence_root() / "blobs"

    def path(self, sha256: str) -> Path:
        sha = _check_name(sha256)
        return self.root / sha[:2] / sha

    def _tmp(self) -> Path:
        tmp = self.root / "tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        return tmp / uuid.uuid4().hex

    def put(self, stream: IO[bytes]) -> BlobInfo:
        h = Hashes()
        tmp = self._tmp()
        try:
            with open(tmp, "wb") as out:
                while data := stream.read(CHUNK):
                    h.update(data)
                    out.write(data)
            info = h.info()
            self.adopt(tmp, info)
        finally:
            tmp.unlink(missing_ok=True)
        return info

    def adopt(self, path: Path, info: BlobInfo) -> None:
        target = self.path(info.sha256)
        if target.exists():
            Path(path).unlink(missing_ok=True)  # identical content is stored once
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(path, target)
        except OSError:  # another filesystem: copy then rename atomically
            tmp = self._tmp()
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
            Path(path).unlink(missing_ok=True)
        os.chmod(target, 0o440)  # read-only, and not for other users of the machine

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def open(self, sha256: str) -> IO[bytes]:
        return open(self.path(sha256), "rb")

    def read_range(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``start``..``end`` inclusive, in chunks."""
        with open(self.path(sha256), "rb") as fh:
            fh.seek(start)
            remaining = end - start + 1
            while remaining > 0:
                data = fh.read(min(CHUNK, remaining))
                if not data:
                    break
                remaining -= len(data)
                yield data

    def delete(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def names(self) -> Iterator[str]:
        """Every stored blob's name (its SHA-256)."""
        if not self.root.exists():
            return
        for sub in sorted(self.root.iterdir()):
            if len(sub.name) == 2 and sub.is_dir():
                for f in sorted(sub.iterdir()):
                    if len(f.name) == 64 and f.name.startswith(sub.name):
                        yield f.name


class _S3Body:
    """A file-like reader over an S3 object's streaming body."""

    def __init__(self, body: Any) -> None:
        self.body = body

    def read(self, n: int = -1) -> bytes:
        return bytes(self.body.read(None if n < 0 else n))

    def close(self) -> None:
        self.body.close()

    def __enter__(self) -> _S3Body:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class S3Storage:
    """Blobs as objects ``evidence/<sha[:2]>/<sha>`` of an S3-compatible bucket.

    ``put`` cannot know the name before the bytes are hashed, so it spools the stream to a local
    temporary file while hashing (flat memory), then uploads it with multipart upload.
    """

    name = "s3"

    def __init__(self, *, endpoint_url: str, bucket: str, access_key: str, secret_key: str, region: str) -> None:
        import boto3

        self.bucket = bucket
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint_url or None,
            aws_access_key_id=access_key or None,
            aws_secret_access_key=secret_key or None,
            region_name=region,
        )

    @staticmethod
    def key(sha256: str) -> str:
        sha = _check_name(sha256)
        return f"evidence/{sha[:2]}/{sha}"

    def put(self, stream: IO[bytes]) -> BlobInfo:
        h = Hashes()
        with tempfile.NamedTemporaryFile(prefix="yg-blob-", delete=False) as out:
            tmp = Path(out.name)
            while data := stream.read(CHUNK):
                h.update(data)
                out.write(data)
        try:
            info = h.info()
            self.adopt(tmp, info)
        finally:
            tmp.unlink(missing_ok=True)
        return info

    def adopt(self, path: Path, info: BlobInfo) -> None:
        key = self.key(info.sha256)
        if not self.exists(info.sha256):
            self._multipart(Path(path), key, info)
        Path(path).unlink(missing_ok=True)

    def _multipart(self, path: Path, key: str, info: BlobInfo) -> None:
        meta = {"sha256": info.sha256, "sm3": info.sm3}
        upload = self.client.create_multipart_upload(Bucket=self.bucket, Key=key, Metadata=meta)
        upload_id = upload["UploadId"]
        parts = []
        try:
            with open(path, "rb") as fh:
                number = 1
                while True:
                    data = fh.read(S3_PART)
                    if not data and number > 1:
                        break
                    part = self.client.upload_part(
                        Bucket=self.bucket, Key=key, PartNumber=number, UploadId=upload_id, Body=data
                    )
                    parts.append({"ETag": part["ETag"], "PartNumber": number})
                    number += 1
                    if len(data) < S3_PART:
                        break
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
        except BaseException:
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
            raise

    def exists(self, sha256: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    def open(self, sha256: str) -> IO[bytes]:
        obj = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))
        return _S3Body(obj["Body"])  # type: ignore[return-value]

    def read_range(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        obj = self.client.get_object(Bucket=self.bucket, Key=self.key(sha256), Range=f"bytes={start}-{end}")
        body = obj["Body"]
        try:
            while data := body.read(CHUNK):
                yield data
        finally:
            body.close()

    def delete(self, sha256: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.key(sha256))

    def names(self) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix="evidence/"):
            for obj in page.get("Contents", []):
                name = obj["Key"].rsplit("/", 1)[-1]
                if len(name) == 64:
                    yield name


_storage: BlobStorage | None = None


def get_storage() -> BlobStorage:
    """The configured backend (built once per process), sealed when encryption keys are set."""
    global _storage
    if _storage is None:
        from .encryption import EncryptedStorage, load_keys

        base: BlobStorage = S3Storage(**conf.s3_settings()) if conf.storage_backend() == "s3" else LocalStorage()
        keys, current = load_keys()
        _storage = EncryptedStorage(base, keys, current) if keys else base
    return _storage


def reset_storage(storage: BlobStorage | None = None) -> None:
    """Forget (or replace) the cached backend: tests and settings changes."""
    global _storage
    _storage = storage
