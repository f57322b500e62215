"""File type from content, empty and truncated files, size limits, the plain upload, dedup."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from yangguang.evidence.models import Blob, Evidence, Upload, UploadStatus
from yangguang.evidence.tests.conftest import PDF, jpeg, mp4, png

TYPE_MSG_VIDEO = "文件内容与所选类别不符：视频类证据只接受 MP4、MOV、WebM 格式（按文件内容识别，不看扩展名）"


def test_type_is_checked_from_content_not_the_name(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = png()
    url = tus.create(len(data), case=seizure_case.pk, kind="video", filename="clip.mp4")["Location"]
    resp = tus.patch(url, 0, data)
    assert resp.status_code == 415
    assert resp.json() == {"code": "evidence_type", "message": TYPE_MSG_VIDEO}
    assert Upload.objects.get().status == UploadStatus.TERMINATED
    assert not Evidence.objects.exists()


def test_empty_file_is_refused(tus_as: Any, officer: Any, seizure_case: Any, client: Any) -> None:
    resp = tus_as(officer).create(0, case=seizure_case.pk, kind="video", filename="empty.mp4")
    assert resp.status_code == 400
    assert resp.json() == {"code": "evidence_empty", "message": "文件为空（0字节），未保存，请重新选择文件"}
    resp = client.post(
        f"/evidence/case/{seizure_case.pk}/upload",
        {"kind": "photo", "file": SimpleUploadedFile("a.jpg", b"", "image/jpeg")},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 400
    assert resp.json()["message"] == "文件为空（0字节），未保存，请重新选择文件"


def test_truncated_files_are_refused(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    cut = mp4(b"\x00" * 5000)[:-100]
    resp = tus.create(len(cut), case=seizure_case.pk, kind="video", filename="cut.mp4")
    done = tus.patch(resp["Location"], 0, cut)
    assert done.status_code == 400
    assert done.json() == {
        "code": "evidence_truncated",
        "message": "文件不完整（MP4文件结尾缺失，可能在传输或导出时被截断），未保存，请重新上传完整文件",
    }
    photo = jpeg()[:-50]
    resp = tus.create(len(photo), case=seizure_case.pk, kind="photo", filename="cut.jpg")
    done = tus.patch(resp["Location"], 0, photo)
    assert (
        done.json()["message"] == "文件不完整（JPEG文件结尾缺失，可能在传输或导出时被截断），未保存，请重新上传完整文件"
    )
    assert not Evidence.objects.exists()


def test_size_limit_per_kind(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    resp = tus_as(officer).create(51 * 1024 * 1024, case=seizure_case.pk, kind="photo", filename="big.jpg")
    assert resp.status_code == 413
    assert resp.json()["message"] == "文件过大：照片类证据单个文件不得超过50 MB"


def test_plain_upload_and_dedup(client: Any, officer: Any, seizure_case: Any) -> None:
    client.force_login(officer)
    photo = jpeg()
    for name in ("现场1.jpg", "现场1-副本.png"):  # the name's extension does not matter
        resp = client.post(
            f"/evidence/case/{seizure_case.pk}/upload",
            {
                "kind": "photo",
                "step": "impose",
                "device": "CAM-1",
                "file": SimpleUploadedFile(name, photo, "image/png"),
            },
            headers={"Accept": "application/json"},
        )
        assert resp.status_code == 201, resp.content
        assert resp.json()["sha256"] == hashlib.sha256(photo).hexdigest()
    assert Evidence.objects.count() == 2
    assert Blob.objects.count() == 1
    assert {e.content_type for e in Evidence.objects.all()} == {"image/jpeg"}
    resp = client.post(
        f"/evidence/case/{seizure_case.pk}/upload",
        {"kind": "document", "file": SimpleUploadedFile("询问笔录.pdf", PDF, "application/pdf")},
    )
    assert resp.status_code == 302
    assert Evidence.objects.filter(kind="document", content_type="application/pdf").exists()
