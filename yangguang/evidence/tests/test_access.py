"""Record access (调阅): a stated reason, permission for the case, every view and download logged
in the access log and the ledger; Range requests for the player; photo thumbnails; purge and hold."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.utils import timezone

from yangguang.evidence import services
from yangguang.evidence.models import AccessLog, Blob, Evidence
from yangguang.evidence.tests.conftest import jpeg, mp4
from yangguang.ledger.models import Entry


def _video(tus_as: Any, officer: Any, case: Any) -> tuple[Evidence, bytes]:
    data = mp4(bytes(range(256)) * 20)
    resp = tus_as(officer).upload(data, case=case.pk, kind="video", step="impose", filename="v.mp4")
    return Evidence.objects.get(pk=resp["Evidence-Id"]), data


def test_view_needs_a_reason_and_is_logged(
    tus_as: Any, officer: Any, reviewer: Any, client: Any, seizure_case: Any
) -> None:
    ev, data = _video(tus_as, officer, seizure_case)
    client.force_login(reviewer)
    page = client.get(f"/evidence/{ev.pk}/")
    assert page.status_code == 200
    assert 'id="reason-form"' in page.content.decode()
    assert client.get(f"/evidence/{ev.pk}/media").status_code == 403
    refused = client.post(f"/evidence/{ev.pk}/", {"reason": "  "})
    assert refused.status_code == 400
    assert "调阅证据须填写调阅事由" in refused.content.decode()
    assert not AccessLog.objects.exists()
    assert client.post(f"/evidence/{ev.pk}/", {"reason": "法制审核前调阅现场录像"}).status_code == 302
    log = AccessLog.objects.get()
    assert (log.user, log.kind, log.reason, log.evidence) == (reviewer, "view", "法制审核前调阅现场录像", ev)
    entry = Entry.objects.get(seq=log.ledger_seq or -1)
    assert (entry.action, entry.subject) == ("evidence.view", ev.subject_label)
    assert "法制审核前调阅现场录像" in entry.canonical
    player = client.get(f"/evidence/{ev.pk}/").content.decode()
    assert 'id="ev-player"' in player
    # Range requests: seeking works.
    part = client.get(f"/evidence/{ev.pk}/media", headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert part["Accept-Ranges"] == "bytes"
    assert b"".join(part.streaming_content) == data[100:200]
    tail = client.get(f"/evidence/{ev.pk}/media", headers={"Range": "bytes=-10"})
    assert b"".join(tail.streaming_content) == data[-10:]
    assert client.get(f"/evidence/{ev.pk}/media", headers={"Range": f"bytes={len(data)}-"}).status_code == 416
    whole = client.get(f"/evidence/{ev.pk}/media")
    assert whole.status_code == 200
    assert hashlib.sha256(b"".join(whole.streaming_content)).hexdigest() == ev.sha256
    # Download: its own reason, its own log line.
    assert client.post(f"/evidence/{ev.pk}/download", {"reason": ""}).status_code == 302
    got = client.post(f"/evidence/{ev.pk}/download", {"reason": "复核"})
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == data
    assert list(AccessLog.objects.values_list("kind", flat=True)) == ["download", "view"]


def test_access_log_shows_on_the_case_page(
    tus_as: Any, officer: Any, reviewer: Any, supervisor: Any, client: Any, seizure_case: Any
) -> None:
    ev, _ = _video(tus_as, officer, seizure_case)
    services.record_access(evidence=ev, actor=reviewer, kind="view", reason="审核前调阅")
    for user in (officer, supervisor):
        client.force_login(user)
        page = client.get(f"/cases/{seizure_case.pk}/").content.decode()
        assert 'id="access-log"' in page
        assert "审核前调阅" in page


def test_no_access_without_permission_for_the_case(
    tus_as: Any, officer: Any, client: Any, seizure_case: Any, agency: Any
) -> None:
    from yangguang.roster.tests.factories import OfficerFactory, UserFactory

    ev, _ = _video(tus_as, officer, seizure_case)
    stranger = UserFactory(username="stranger", role="officer", agency=agency, officer=OfficerFactory(agency=agency))
    client.force_login(stranger)
    assert client.get(f"/evidence/{ev.pk}/").status_code == 404
    assert client.post(f"/evidence/{ev.pk}/", {"reason": "好奇"}).status_code == 404
    assert not AccessLog.objects.exists()


def test_photo_thumbnail(client: Any, officer: Any, seizure_case: Any) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    client.force_login(officer)
    client.post(
        f"/evidence/case/{seizure_case.pk}/upload",
        {"kind": "photo", "file": SimpleUploadedFile("p.jpg", jpeg((1200, 900)), "image/jpeg")},
    )
    ev = Evidence.objects.get()
    assert client.get(f"/evidence/{ev.pk}/thumb").status_code == 404  # no reason stated yet
    client.post(f"/evidence/{ev.pk}/", {"reason": "查看现场照片"})
    thumb = client.get(f"/evidence/{ev.pk}/thumb")
    assert thumb["Content-Type"] == "image/jpeg"
    assert max(Image.open(io.BytesIO(thumb.content)).size) == 320
    assert client.get(f"/evidence/{ev.pk}/thumb").content == thumb.content  # cached


def test_purge_keeps_hash_and_ledger_and_respects_legal_hold(
    tus_as: Any, officer: Any, agency_head: Any, seizure_case: Any
) -> None:
    ev, _ = _video(tus_as, officer, seizure_case)
    assert ev.retention_years == 10  # the default list's storage period for the seizure step
    later = timezone.now() + dt.timedelta(days=365 * 11)
    services.set_legal_hold(evidence=ev, actor=agency_head, hold=True, reason="行政复议中")
    assert services.purge_expired(now=later) == []
    services.set_legal_hold(evidence=ev, actor=agency_head, hold=False, reason="复议结束")
    assert services.purge_expired(now=timezone.now()) == []
    (purged,) = services.purge_expired(now=later)
    assert purged.pk == ev.pk
    ev.refresh_from_db()
    assert ev.purged_at is not None
    assert ev.sha256 and Blob.objects.get().purged_at is not None
    from yangguang.evidence.storage import get_storage

    assert not get_storage().exists(ev.sha256)
    entry = Entry.objects.filter(subject=ev.subject_label, action="evidence.purge").get()
    assert ev.sha256 in entry.canonical


def test_legal_hold_on_the_page(tus_as: Any, officer: Any, agency_head: Any, client: Any, seizure_case: Any) -> None:
    ev, _ = _video(tus_as, officer, seizure_case)
    client.force_login(officer)
    assert 'id="hold-form"' not in client.get(f"/evidence/{ev.pk}/").content.decode()
    client.force_login(agency_head)
    assert 'id="hold-form"' in client.get(f"/evidence/{ev.pk}/").content.decode()
    client.post(f"/evidence/{ev.pk}/hold", {"hold": "1", "reason": "行政诉讼中"})
    ev.refresh_from_db()
    assert ev.legal_hold
    assert Entry.objects.filter(subject=ev.subject_label, action="evidence.legal_hold").exists()
