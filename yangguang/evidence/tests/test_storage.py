"""Content-addressed storage: local filesystem and S3 (against moto's server on loopback)."""

from __future__ import annotations

import hashlib
import io
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from yangguang.evidence import storage
from yangguang.evidence.storage import LocalStorage, S3Storage


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3(s3_server: str, monkeypatch: Any) -> S3Storage:
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    backend = S3Storage(
        endpoint_url=s3_server, bucket="evidence-test", access_key="test", secret_key="test", region="us-east-1"
    )
    backend.client.create_bucket(Bucket="evidence-test")
    return backend


def test_local_put_dedup_and_range(tmp_path: Any) -> None:
    backend = LocalStorage(tmp_path)
    data = b"evidence bytes " * 1000
    info = backend.put(io.BytesIO(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.sm3 == hashlib.new("sm3", data).hexdigest()
    assert info.size == len(data)
    again = backend.put(io.BytesIO(data))
    assert again == info
    files = [p for p in (tmp_path).rglob("*") if p.is_file()]
    assert files == [backend.path(info.sha256)]  # stored once, no temporary left behind
    assert backend.exists(info.sha256)
    assert b"".join(backend.read_range(info.sha256, 15, 29)) == data[15:30]
    with backend.open(info.sha256) as fh:
        assert fh.read() == data


def test_s3_multipart_put_dedup_range(s3: S3Storage, monkeypatch: Any) -> None:
    monkeypatch.setattr(storage, "S3_PART", 5 * 1024 * 1024)
    data = bytes(range(256)) * (11 * 4096 + 7)  # a little over 11 MB: three parts
    info = s3.put(io.BytesIO(data))
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.sm3 == hashlib.new("sm3", data).hexdigest()
    assert s3.exists(info.sha256)
    head = s3.client.head_object(Bucket="evidence-test", Key=S3Storage.key(info.sha256))
    assert head["ContentLength"] == len(data)
    assert head["ETag"].strip('"').endswith("-3")  # multipart upload of three parts
    assert head["Metadata"] == {"sha256": info.sha256, "sm3": info.sm3}
    assert s3.put(io.BytesIO(data)) == info
    keys = [o["Key"] for o in s3.client.list_objects_v2(Bucket="evidence-test")["Contents"]]
    assert keys.count(S3Storage.key(info.sha256)) == 1
    assert b"".join(s3.read_range(info.sha256, 1000, 1999)) == data[1000:2000]
    with s3.open(info.sha256) as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == info.sha256
    s3.delete(info.sha256)
    assert not s3.exists(info.sha256)


def test_s3_selected_by_settings(s3_server: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("YG_EVIDENCE_STORAGE", "s3")
    monkeypatch.setenv("YG_S3_ENDPOINT_URL", s3_server)
    monkeypatch.setenv("YG_S3_BUCKET", "evidence-test-2")
    monkeypatch.setenv("YG_S3_ACCESS_KEY", "test")
    monkeypatch.setenv("YG_S3_SECRET_KEY", "test")
    storage.reset_storage()
    backend = storage.get_storage()
    assert isinstance(backend, S3Storage)
    assert backend.bucket == "evidence-test-2"
    monkeypatch.setenv("YG_EVIDENCE_STORAGE", "ftp")
    storage.reset_storage()
    from yangguang.env import ImproperlyConfiguredEnv

    with pytest.raises(ImproperlyConfiguredEnv):
        storage.get_storage()


def test_tus_upload_into_s3(s3: S3Storage, tus_as: Any, officer: Any, seizure_case: Any) -> None:
    from yangguang.evidence.models import Evidence
    from yangguang.evidence.tests.conftest import mp4

    storage.reset_storage(s3)
    data = mp4(b"\x01" * 5000)
    resp = tus_as(officer).upload(data, case=seizure_case.pk, kind="video", filename="v.mp4", step="impose")
    ev = Evidence.objects.get(pk=resp["Evidence-Id"])
    assert ev.blob.backend == "s3"
    assert s3.exists(hashlib.sha256(data).hexdigest())
