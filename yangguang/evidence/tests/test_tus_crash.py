"""tus finalization is crash-safe (issue 11): whatever moment the process dies, the next HEAD or
PATCH completes the upload into exactly one evidence record with its ledger entry; the orphan
check lists stored bytes without a record; ``evidence verify`` reports a missing blob."""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from yangguang.core import faults
from yangguang.evidence.models import Blob, Evidence, Upload, UploadStatus
from yangguang.evidence.storage import get_storage
from yangguang.evidence.tests.conftest import mp4
from yangguang.ledger.models import Entry


class Crash(BaseException):
    """Stands for SIGKILL at a fault point (BaseException: no handler in the code catches it)."""


def crash_at(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    def point(passed: str, key: str = "") -> None:
        if passed == name:
            monkeypatch.setattr(faults, "point", lambda passed, key="": None)  # the restarted process runs on
            raise Crash(passed)

    monkeypatch.setattr(faults, "point", point)


META = {"filename": "记录仪.mp4", "case": None, "kind": "video", "step": "impose"}


@pytest.mark.parametrize(
    "where",
    [
        "tus.patch.streaming",
        "tus.patch.before_confirm",
        "tus.finish.hashed",
        "tus.finish.stored",
        "tus.finish.before_commit",
    ],
)
@pytest.mark.django_db(transaction=True)
def test_a_crash_anywhere_ends_in_exactly_one_record(
    where: str, monkeypatch: pytest.MonkeyPatch, tus_as: Any, officer: Any, seizure_case: Any
) -> None:
    tus = tus_as(officer)
    data = mp4(b"\x5a" * 3_000_000)
    created = tus.create(len(data), **{**META, "case": seizure_case.pk})
    url = created["Location"]
    assert tus.patch(url, 0, data[:1_500_000]).status_code == 204
    crash_at(monkeypatch, where)
    with pytest.raises(Crash):
        tus.patch(url, 1_500_000, data[1_500_000:])
    # The client reconnects (possibly to another process) and asks where to resume.
    head = tus.head(url)
    offset = int(head["Upload-Offset"])
    if offset < len(data):
        assert "Evidence-Id" not in head
        done = tus.patch(url, offset, data[offset:])
        assert done.status_code == 204, done.content
    else:
        done = head  # every byte had arrived: the HEAD itself completed the record
    ev = Evidence.objects.get()
    assert done["Evidence-Id"] == str(ev.pk)
    assert ev.sha256 == hashlib.sha256(data).hexdigest() and ev.sm3 == hashlib.new("sm3", data).hexdigest()
    assert Entry.objects.filter(action="evidence.add", subject=ev.subject_label).count() == 1
    assert Upload.objects.get().status == UploadStatus.DONE
    # Asking again changes nothing.
    again = tus.head(url)
    assert again["Evidence-Id"] == str(ev.pk)
    assert Evidence.objects.count() == 1 and Blob.objects.count() == 1
    with get_storage().open(ev.sha256) as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == ev.sha256


@pytest.mark.django_db
def test_two_finalizations_racing_record_once(
    tus_as: Any, officer: Any, seizure_case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yangguang.evidence import services

    tus = tus_as(officer)
    data = mp4(b"\x01" * 5000)
    url = tus.create(len(data), **{**META, "case": seizure_case.pk})["Location"]
    done = tus.patch(url, 0, data)
    first = Evidence.objects.get(pk=done["Evidence-Id"])
    # A second request read the upload (complete, not yet done) before the first one committed.
    late = Upload.objects.get()
    late.status, late.evidence = UploadStatus.OPEN, None
    monkeypatch.setattr(late, "refresh_from_db", lambda *a, **k: None)
    assert services.finish_upload(upload=late, actor=officer) == first
    assert Evidence.objects.count() == 1
    assert Entry.objects.filter(action="evidence.add").count() == 1


@pytest.mark.django_db
def test_a_patch_while_another_writes_is_told_to_retry(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    from yangguang.evidence import services

    tus = tus_as(officer)
    data = mp4(b"\x02" * 5000)
    url = tus.create(len(data), **{**META, "case": seizure_case.pk})["Location"]
    services._take_lease(Upload.objects.get())  # another process is writing
    resp = tus.patch(url, 0, data)
    assert resp.status_code == 423 and resp.json()["code"] == "tus_locked"


@pytest.mark.django_db
def test_orphans_and_missing_blobs_are_reported(tus_as: Any, officer: Any, seizure_case: Any) -> None:
    tus = tus_as(officer)
    kept = mp4(b"\x03" * 4000)
    tus.upload(kept, **{**META, "case": seizure_case.pk})
    ev = Evidence.objects.get()
    orphan = mp4(b"\x04" * 4000)
    from io import BytesIO

    info = get_storage().put(BytesIO(orphan))  # bytes stored, no record (a crash before the record)
    out = StringIO()
    with pytest.raises(CommandError, match="1 stored blob"):
        call_command("evidence", "orphans", stdout=out)
    assert info.sha256 in out.getvalue() and ev.sha256 not in out.getvalue()
    get_storage().delete(ev.sha256)
    out = StringIO()
    with pytest.raises(CommandError, match="1 blob"):
        call_command("evidence", "verify", stdout=out)
    assert f"MISSING {ev.sha256}" in out.getvalue()
