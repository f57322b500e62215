"""Settings of the evidence app, read from the environment through ``yangguang.env`` (fail loudly).

- ``YG_EVIDENCE_STORAGE``: ``local`` (default; files under ``MEDIA_ROOT/evidence/blobs``) or ``s3``.
- ``YG_S3_ENDPOINT_URL``, ``YG_S3_BUCKET``, ``YG_S3_ACCESS_KEY``, ``YG_S3_SECRET_KEY``,
  ``YG_S3_REGION`` (default ``us-east-1``): the S3-compatible object store when storage is ``s3``.
- ``YG_EVIDENCE_MAX_UPLOAD_MB``: hard cap of one upload (default 8192 MB); per-kind limits below.
- ``YG_EVIDENCE_UPLOAD_EXPIRY_HOURS``: incomplete tus uploads expire after this (default 24).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from yangguang.env import ImproperlyConfiguredEnv, env_choice, env_int, env_str

MB = 1024 * 1024


def storage_backend() -> str:
    return env_choice("YG_EVIDENCE_STORAGE", "local", {"local", "s3"})


def s3_settings() -> dict[str, str]:
    out = {
        "endpoint_url": env_str("YG_S3_ENDPOINT_URL", ""),
        "bucket": env_str("YG_S3_BUCKET", ""),
        "access_key": env_str("YG_S3_ACCESS_KEY", ""),
        "secret_key": env_str("YG_S3_SECRET_KEY", ""),
        "region": env_str("YG_S3_REGION", "us-east-1"),
    }
    if not out["bucket"]:
        raise ImproperlyConfiguredEnv("YG_EVIDENCE_STORAGE=s3 needs YG_S3_BUCKET")
    return out


def evidence_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


def staging_dir() -> Path:
    """Where tus uploads in progress are kept (always local: they are appended to)."""
    return evidence_root() / "uploads"


def max_upload_bytes() -> int:
    return env_int("YG_EVIDENCE_MAX_UPLOAD_MB", 8192) * MB


def upload_expiry_hours() -> int:
    return env_int("YG_EVIDENCE_UPLOAD_EXPIRY_HOURS", 24)


# Read and hash in chunks of this size: memory stays flat whatever the file size.
CHUNK = 1024 * 1024
