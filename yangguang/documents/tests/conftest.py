"""Fixtures of the documents tests: files go to a temporary media root; passwords hash fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # The personas' passwords are hashed with the production hasher (about a second each on this
    # machine); these tests are about documents, so hash them cheaply.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return tmp_path / "media"
