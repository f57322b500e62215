"""Where files live: one setting for every stored file (evidence blobs, generated documents,
thumbnails, exports), so any process on any host reads what another wrote.

- ``YG_STORAGE=local`` (default; ``YG_EVIDENCE_STORAGE`` is read when it is unset): files under
  ``YG_MEDIA_ROOT`` (on several hosts: a shared filesystem mounted there).
- ``YG_STORAGE=s3``: an S3-compatible object store: ``YG_S3_ENDPOINT_URL``, ``YG_S3_BUCKET``,
  ``YG_S3_ACCESS_KEY``, ``YG_S3_SECRET_KEY``, ``YG_S3_REGION`` (default ``us-east-1``).

``django_storage()`` is Django's ``STORAGES["default"]`` (documents, thumbnails);
the evidence app's content-addressed blob store reads the same settings.
New files are written with mode 0640 and directories 0750 (``YG_FILE_MODE`` / ``YG_DIR_MODE``).
"""

from __future__ import annotations

from typing import Any

from yangguang.env import ImproperlyConfiguredEnv, env_choice, env_str

FILE_MODE = 0o640
DIR_MODE = 0o750


def backend() -> str:
    legacy = env_str("YG_EVIDENCE_STORAGE", "local")
    return env_choice("YG_STORAGE", legacy, {"local", "s3"})


def s3_settings() -> dict[str, str]:
    out = {
        "endpoint_url": env_str("YG_S3_ENDPOINT_URL", ""),
        "bucket": env_str("YG_S3_BUCKET", ""),
        "access_key": env_str("YG_S3_ACCESS_KEY", ""),
        "secret_key": env_str("YG_S3_SECRET_KEY", ""),
        "region": env_str("YG_S3_REGION", "us-east-1"),
    }
    if not out["bucket"]:
        raise ImproperlyConfiguredEnv("YG_STORAGE=s3 needs YG_S3_BUCKET")
    return out


def file_mode() -> int:
    return int(env_str("YG_FILE_MODE", oct(FILE_MODE)), 8)


def dir_mode() -> int:
    return int(env_str("YG_DIR_MODE", oct(DIR_MODE)), 8)


def django_storage() -> dict[str, Any]:
    """``STORAGES["default"]`` for the configured backend."""
    if backend() == "s3":
        s3 = s3_settings()
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": s3["bucket"],
                "endpoint_url": s3["endpoint_url"] or None,
                "access_key": s3["access_key"] or None,
                "secret_key": s3["secret_key"] or None,
                "region_name": s3["region"],
                "location": "media",
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        }
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"file_permissions_mode": file_mode(), "directory_permissions_mode": dir_mode()},
    }


def check() -> None:
    """Readiness: the store answers (raises when it does not)."""
    from django.core.files.storage import default_storage

    default_storage.exists("readyz-probe")
