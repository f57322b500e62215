"""tus integer headers are parsed strictly (issue 11): ASCII digits only, within a 64-bit integer,
so ``Upload-Length: ²`` or a 30-digit offset is a 400 with a Chinese message, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.evidence.tests.conftest import TUS, metadata, mp4

pytestmark = pytest.mark.django_db

BAD_NUMBERS = ["²", "٣", "１０", "-1", "1e3", "1_000", " ", "0x10", "99999999999999999999999999", "9223372036854775808"]


@pytest.mark.parametrize("raw", BAD_NUMBERS)
def test_bad_upload_length_is_400(tus_as: Any, officer: Any, seizure_case: Any, raw: str) -> None:
    tus = tus_as(officer)
    resp = tus.client.post(
        "/evidence/tus/",
        headers={**TUS, "Upload-Length": raw, "Upload-Metadata": metadata(case=seizure_case.pk, kind="video")},
    )
    assert resp.status_code == 400
    body = resp.json()
    assert body["code"] == "bad_header"
    assert body["message"] in (
        "请求头 Upload-Length 应为不超过9223372036854775807的非负整数（半角数字0-9）",
        "缺少请求头 Upload-Length",
    )


@pytest.mark.parametrize("raw", ["²", "99999999999999999999999999", "-5"])
def test_bad_upload_offset_and_content_length_are_400(tus_as: Any, officer: Any, seizure_case: Any, raw: str) -> None:
    tus = tus_as(officer)
    data = mp4()
    url = tus.create(len(data), case=seizure_case.pk, kind="video", filename="a.mp4")["Location"]
    resp = tus.client.generic(
        "PATCH",
        url,
        data=data,
        content_type="application/offset+octet-stream",
        headers={**TUS, "Upload-Offset": raw},
    )
    assert (resp.status_code, resp.json()["code"]) == (400, "bad_header")
    assert "Upload-Offset" in resp.json()["message"]
    assert tus.head(url)["Upload-Offset"] == "0"


@pytest.mark.parametrize("case", ["²", "99999999999999999999999"])
def test_bad_case_in_metadata_is_refused(tus_as: Any, officer: Any, case: str) -> None:
    tus = tus_as(officer)
    resp = tus.create(100, case=case, kind="video")
    assert resp.status_code == 400
    assert resp.json() == {"code": "evidence_invalid", "message": "Upload-Metadata 须包含案件编号 case"}


def test_missing_upload_length_is_400(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    resp = tus_as(officer).client.post(
        "/evidence/tus/", headers={**TUS, "Upload-Metadata": metadata(case=seizure_case.pk)}
    )
    assert resp.status_code == 400
    assert resp.json() == {
        "code": "bad_header",
        "message": "缺少请求头 Upload-Length",
        "details": {"param": "Upload-Length"},
    }
