"""Settings of the evidence app, read from the environment through ``yangguang.env`` (fail loudly).

- Storage (``local`` under ``MEDIA_ROOT/evidence/blobs``, or ``s3``): ``core.filestore``
  (``YG_STORAGE``, the S3 settings), shared with documents and thumbnails.
- ``YG_EVIDENCE_MAX_UPLOAD_MB``: hard cap of one upload (default 8192 MB); per-kind limits below.
- ``YG_EVIDENCE_UPLOAD_EXPIRY_HOURS``: incomplete tus uploads expire after this (default 24).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from yangguang.core import filestore
from yangguang.env import env_int, env_str

MB = 1024 * 1024


def storage_backend() -> str:
    return filestore.backend()


def s3_settings() -> dict[str, str]:
    return filestore.s3_settings()


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


def staging_dir() -> Path:
    """Where tus uploads in progress are kept (a filesystem: they are appended to). Every process
    of a host shares it; for uploads to move between hosts, mount it from shared storage on each
    (``YG_UPLOAD_STAGING_DIR``), or route an upload's requests to one host (docs/deployment.md)."""
    override = env_str("YG_UPLOAD_STAGING_DIR", "")
    return Path(override) if override else evidence_root() / "uploads"


def max_upload_bytes() -> int:
    return env_int("YG_EVIDENCE_MAX_UPLOAD_MB", 8192) * MB


def upload_expiry_hours() -> int:
    return env_int("YG_EVIDENCE_UPLOAD_EXPIRY_HOURS", 24)


# Read and hash in chunks of this size: memory stays flat whatever the file size.
CHUNK = 1024 * 1024
