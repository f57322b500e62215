"""A decompression-bomb image (issue 11): a small PNG whose header declares 40,000 × 40,000 pixels
is refused at upload with a Chinese message, before anything is decoded."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import pytest

from yangguang.core.images import ImageTooLarge, check_image_pixels
from yangguang.evidence.models import Evidence
from yangguang.evidence.tests.conftest import png

pytestmark = pytest.mark.django_db


def bomb(width: int = 40_000, height: int = 40_000) -> bytes:
    """The sample PNG with its IHDR claiming ``width`` × ``height`` (CRC fixed)."""
    data = bytearray(png())
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def test_header_check(tmp_path: Any) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(bomb())
    with pytest.raises(ImageTooLarge) as exc:
        check_image_pixels(path)
    assert exc.value.message.startswith("图片像素过多（")
    ok = tmp_path / "ok.png"
    ok.write_bytes(png())
    check_image_pixels(ok)


def test_bomb_upload_is_refused(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = bomb()
    url = tus.create(len(data), case=seizure_case.pk, kind="photo", filename="现场.png")["Location"]
    resp = tus.patch(url, 0, data)
    assert resp.status_code == 400
    assert resp.json()["code"] == "image_too_large"
    assert "解压炸弹" in resp.json()["message"]
    assert not Evidence.objects.exists()
