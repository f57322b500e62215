"""Fixtures for the evidence tests: media under a temporary MEDIA_ROOT, small sample files of each
type, a seizure case, and a tus client over the Django test client."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from yangguang.cases.tests.conftest import SEIZE, item, new_case, step  # noqa: F401  (fixtures)
from yangguang.evidence.storage import reset_storage


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.MEDIA_ROOT = tmp_path / "media"
    reset_storage()
    yield
    reset_storage()


def mp4(payload: bytes = b"\x00" * 3000) -> bytes:
    """A minimal ISO BMFF file: ftyp box + mdat box (enough for the magic and structure checks)."""
    ftyp = b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom"
    mdat = (8 + len(payload)).to_bytes(4, "big") + b"mdat" + payload
    return ftyp + mdat


def jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10), (0, 90, 200)).save(out, "PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def seizure_case(new_case: Any) -> Any:  # noqa: F811
    return new_case("coercive_measure")


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def metadata(**values: Any) -> str:
    return ",".join(f"{k} {b64(str(v))}" for k, v in values.items())


TUS = {"Tus-Resumable": "1.0.0"}


class TusClient:
    """Speaks tus through Django's test client."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def create(self, length: int, **meta: Any) -> Any:
        return self.client.post(
            "/evidence/tus/", headers={**TUS, "Upload-Length": str(length), "Upload-Metadata": metadata(**meta)}
        )

    def head(self, url: str) -> Any:
        return self.client.head(url, headers=TUS)

    def patch(self, url: str, offset: int, data: bytes, **headers: str) -> Any:
        return self.client.generic(
            "PATCH",
            url,
            data=data,
            content_type="application/offset+octet-stream",
            headers={**TUS, "Upload-Offset": str(offset), **headers},
        )

    def delete(self, url: str) -> Any:
        return self.client.delete(url, headers=TUS)

    def upload(self, data: bytes, **meta: Any) -> Any:
        created = self.create(len(data), **meta)
        assert created.status_code == 201, created.content
        resp = self.patch(created["Location"], 0, data)
        assert resp.status_code == 204, resp.content
        return resp


@pytest.fixture
def tus_as(client: Any) -> Callable[[Any], TusClient]:
    def make(user: Any) -> TusClient:
        client.force_login(user)
        return TusClient(client)

    return make
