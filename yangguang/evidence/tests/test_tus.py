"""The tus 1.0 endpoint: discovery, creation, resume after a partial PATCH, offset mismatch (409),
checksum (460), HEAD, termination, expiration, authentication and CSRF."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from yangguang.evidence import services
from yangguang.evidence.models import Evidence, Upload, UploadStatus
from yangguang.evidence.tests.conftest import TUS, mp4
from yangguang.ledger.models import Entry


def test_options_advertises_the_protocol(client: Any, db: Any) -> None:
    resp = client.options("/evidence/tus/")
    assert resp.status_code == 204
    assert resp["Tus-Resumable"] == "1.0.0"
    assert resp["Tus-Version"] == "1.0.0"
    assert resp["Tus-Extension"] == "creation,checksum,termination,expiration"
    assert resp["Tus-Checksum-Algorithm"] == "sha1,sha256,md5"
    assert int(resp["Tus-Max-Size"]) > 0


def test_create_partial_patch_head_resume_and_hashes(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = mp4(bytes(range(256)) * 40)
    created = tus.create(
        len(data),
        filename="执法记录仪0001.mp4",
        filetype="video/mp4",
        case=seizure_case.pk,
        kind="video",
        step="impose",
        device="DSJ-001",
        capture_start="2026-03-02T09:00:00",
        capture_end="2026-03-02T09:20:00",
        location="某某仓库",
    )
    assert created.status_code == 201
    url = created["Location"]
    assert created["Upload-Expires"]
    assert tus.head(url)["Upload-Offset"] == "0"
    first = tus.patch(url, 0, data[:1000])
    assert (first.status_code, first["Upload-Offset"]) == (204, "1000")
    head = tus.head(url)
    assert (head.status_code, head["Upload-Offset"], head["Upload-Length"]) == (200, "1000", str(len(data)))
    assert head["Cache-Control"] == "no-store"
    # Another process continues: the hash states come from the database, not from memory.
    state = Upload.objects.get().hash_state
    assert state["offset"] == 1000 and state["sm3"] and state["sha256"]
    done = tus.patch(url, 1000, data[1000:])
    assert (done.status_code, done["Upload-Offset"]) == (204, str(len(data)))
    ev = Evidence.objects.get(pk=done["Evidence-Id"])
    assert ev.sha256 == hashlib.sha256(data).hexdigest() == done["Evidence-SHA256"]
    assert ev.sm3 == hashlib.new("sm3", data).hexdigest()
    assert (ev.size, ev.kind, ev.step, ev.device_no, ev.filename) == (
        len(data),
        "video",
        "impose",
        "DSJ-001",
        "执法记录仪0001.mp4",
    )
    assert ev.content_type == "video/mp4"
    assert ev.officer == officer.officer
    entry = Entry.objects.get(seq=ev.ledger_seq or -1)
    assert entry.action == "evidence.add"
    assert entry.subject == f"evidence.evidence:{ev.pk}"
    assert f'"sha256":"{ev.sha256}"' in entry.canonical
    assert Upload.objects.get().status == UploadStatus.DONE


def test_offset_mismatch_is_409(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = mp4()
    url = tus.create(len(data), case=seizure_case.pk, kind="video", filename="a.mp4")["Location"]
    tus.patch(url, 0, data[:100])
    resp = tus.patch(url, 50, data[50:])
    assert resp.status_code == 409
    assert resp.json() == {
        "code": "tus_offset_mismatch",
        "message": "续传位置不一致：服务器已接收100字节，请求从50字节开始",
    }
    assert tus.head(url)["Upload-Offset"] == "100"


def test_checksum_mismatch_is_460_and_the_body_is_dropped(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = mp4()
    url = tus.create(len(data), case=seizure_case.pk, kind="video", filename="a.mp4")["Location"]
    bad = "sha1 " + base64.b64encode(hashlib.sha1(b"other").digest()).decode()
    resp = tus.patch(url, 0, data[:500], **{"Upload-Checksum": bad})
    assert resp.status_code == 460
    assert resp.json()["message"] == "数据校验失败：本次上传的数据与 Upload-Checksum 不符，已丢弃"
    assert tus.head(url)["Upload-Offset"] == "0"
    for alg, fn in (("sha1", hashlib.sha1), ("sha256", hashlib.sha256)):
        offset = 0 if alg == "sha1" else 500
        chunk = data[offset:500] if alg == "sha1" else data[500:]
        good = f"{alg} " + base64.b64encode(fn(chunk).digest()).decode()
        resp = tus.patch(url, offset, chunk, **{"Upload-Checksum": good})
        assert resp.status_code == 204, resp.content
    assert Evidence.objects.get().sha256 == hashlib.sha256(data).hexdigest()


def test_delete_terminates(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = mp4()
    url = tus.create(len(data), case=seizure_case.pk, kind="video", filename="a.mp4")["Location"]
    tus.patch(url, 0, data[:100])
    assert tus.delete(url).status_code == 204
    gone = tus.head(url)
    assert gone.status_code == 410
    assert tus.head("/evidence/tus/not-an-upload").status_code == 404
    assert not services.staging_path(Upload.objects.get()).exists()


def test_expired_uploads_are_cleaned(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    data = mp4()
    url = tus.create(len(data), case=seizure_case.pk, kind="video", filename="a.mp4")["Location"]
    tus.patch(url, 0, data[:100])
    upload = Upload.objects.get()
    Upload.objects.filter(pk=upload.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert tus.patch(url, 100, data[100:]).status_code == 410
    call_command("evidence", "expire-uploads")
    upload.refresh_from_db()
    assert upload.status == UploadStatus.EXPIRED
    assert not services.staging_path(upload).exists()
    assert not Evidence.objects.exists()


def test_needs_login_and_version_and_csrf(officer: Any, seizure_case: Any) -> None:
    anon = Client()
    resp = anon.post("/evidence/tus/", headers={**TUS, "Upload-Length": "10"})
    assert resp.status_code == 401
    assert anon.post("/evidence/tus/", headers={"Upload-Length": "10"}).status_code == 412
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    resp = strict.post("/evidence/tus/", headers={**TUS, "Upload-Length": "10"})
    assert resp.status_code == 403  # unsafe tus methods need the X-CSRFToken header


def test_other_officer_cannot_upload_to_the_case(tus_as: Any, unit_head: Any, seizure_case: Any, agency: Any) -> None:
    from yangguang.roster.tests.factories import OfficerFactory, UserFactory

    stranger = UserFactory(username="stranger", role="officer", agency=agency, officer=OfficerFactory(agency=agency))
    tus = tus_as(stranger)
    resp = tus.create(100, case=seizure_case.pk, kind="video", filename="a.mp4")
    assert resp.status_code == 404
