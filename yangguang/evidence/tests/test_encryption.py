"""Encryption at rest (issue 11): sealed on disk, plaintext to readers (whole, ranges, verify),
keys outside the database, rotation, blobs stored before encryption still readable, modes."""

from __future__ import annotations

import hashlib
import io
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from yangguang.evidence import encryption
from yangguang.evidence.storage import LocalStorage, get_storage, reset_storage

DATA = bytes(range(256)) * 9000 + b"tail"  # 2.2 MiB: three segments


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "evidence.keys"
    path.write_text(encryption.new_key_line(1) + "\n")
    monkeypatch.setenv("YG_EVIDENCE_KEYS_FILE", str(path))
    reset_storage()
    return path


def test_sealed_on_disk_plain_to_readers(keys: Path) -> None:
    storage = get_storage()
    info = storage.put(io.BytesIO(DATA))
    assert info.sha256 == hashlib.sha256(DATA).hexdigest()
    on_disk = LocalStorage().path(info.sha256).read_bytes()
    assert on_disk.startswith(b"YGE1") and DATA[:4096] not in on_disk
    with storage.open(info.sha256) as fh:
        assert fh.read() == DATA
    for start, end in [(0, 9), (1_048_570, 1_048_590), (2_000_000, len(DATA) + 100), (len(DATA) - 4, len(DATA) - 1)]:
        assert b"".join(storage.read_range(info.sha256, start, end)) == DATA[start : end + 1]
    mode = stat.S_IMODE(LocalStorage().path(info.sha256).stat().st_mode)
    assert mode & 0o007 == 0  # nothing for other users of the machine


def test_tampering_is_detected(keys: Path) -> None:
    storage = get_storage()
    info = storage.put(io.BytesIO(DATA))
    path = LocalStorage().path(info.sha256)
    raw = bytearray(path.read_bytes())
    raw[5000] ^= 1
    path.chmod(0o640)
    path.write_bytes(bytes(raw))
    from cryptography.exceptions import InvalidTag

    with pytest.raises(InvalidTag), storage.open(info.sha256) as fh:
        fh.read()


def test_rotation_and_blobs_from_before_encryption(keys: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YG_EVIDENCE_KEYS_FILE")
    reset_storage()
    old_plain = get_storage().put(io.BytesIO(b"%PDF-1.4 stored before encryption %%EOF"))
    monkeypatch.setenv("YG_EVIDENCE_KEYS_FILE", str(keys))
    reset_storage()
    under_key1 = get_storage().put(io.BytesIO(DATA))
    keys.write_text(keys.read_text() + encryption.new_key_line(2) + "\n")
    reset_storage()
    under_key2 = get_storage().put(io.BytesIO(DATA[::-1]))
    assert LocalStorage().path(under_key2.sha256).read_bytes()[4] == 2
    storage = get_storage()
    with (
        storage.open(old_plain.sha256) as a,
        storage.open(under_key1.sha256) as b,
        storage.open(under_key2.sha256) as c,
    ):
        assert a.read().startswith(b"%PDF") and b.read() == DATA and c.read() == DATA[::-1]


@pytest.mark.django_db
def test_an_encrypted_upload_verifies(keys: Path, tus_as: Any, officer: Any, seizure_case: Any) -> None:
    from yangguang.evidence.tests.conftest import mp4

    data = mp4(b"\x07" * 1_200_000)
    tus_as(officer).upload(data, filename="a.mp4", case=seizure_case.pk, kind="video", step="impose")
    call_command("evidence", "verify", stdout=io.StringIO())
    assert b"\x07" * 1000 not in b"".join(p.read_bytes() for p in (LocalStorage().root).rglob("*") if p.is_file())
