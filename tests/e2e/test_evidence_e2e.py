"""End to end: evidence (issue 4).

In Chromium: an officer's seizure is refused without its recording; the officer uploads the
body-worn video through the case page (tus-js-client, with one PATCH dropped on the way so that the
widget resumes by itself) and the stored hashes equal ``sha256sum``; the seizure then proceeds; a
reviewer opens the video with a stated reason (the player seeks with Range requests) and the access
shows in the log on the handler's case page; the exported case file verifies offline with tools/verify_bundle.py.

Over real HTTP: a PATCH whose connection is killed halfway keeps the bytes received, HEAD reports
the offset, and the resumed upload gives the same hashes as ``sha256sum``.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from yangguang.cases.demo import approved
from yangguang.cases.tests.conftest import SEIZE, head_of, item, new_case  # noqa: F401  (fixtures)
from yangguang.evidence.models import AccessLog, Evidence
from yangguang.evidence.storage import reset_storage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
MISSING = (
    "“实施查封、扣押”应当进行全程音像记录（音像记录事项清单），尚未上传本环节的录像或录音；"
    "如因设备故障等原因未能记录，请登记例外情况及理由"
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    reset_storage()
    yield
    reset_storage()


def mp4(size: int) -> bytes:
    ftyp = b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom"
    payload = bytes((i * 7) % 251 for i in range(size - len(ftyp) - 8))
    return ftyp + (size - len(ftyp)).to_bytes(4, "big") + b"mdat" + payload


def test_field_upload_seizure_review_and_export(
    page: Any,
    login: Any,
    live_server: Any,
    new_case: Any,  # noqa: F811
    officer: Any,
    reviewer: Any,
    tmp_path: Path,
) -> None:
    case = new_case("coercive_measure", on=timezone.localdate())
    login(officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    # The seizure without its recording is refused with the rule.
    box = page.locator("#action-impose")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    page.select_option("#f-impose-measure", "扣押")
    for name in ("items", "storage_place", "legal_basis"):
        page.fill(f"#f-impose-{name}", SEIZE[name])
    page.fill("#f-impose-term_days", "10")
    box.locator("button[type=submit]").click()
    expect(page.locator("#action-impose .error-box")).to_have_text(MISSING)

    # Upload the body-worn video through the widget; the third PATCH is dropped (connection lost).
    video = mp4(300_000)
    path = tmp_path / "执法记录仪-0001.mp4"
    path.write_bytes(video)
    patches: list[str] = []

    def drop_third_patch(route: Any) -> None:
        if route.request.method == "PATCH":
            patches.append(route.request.url)
            if len(patches) == 3:
                route.abort("connectionreset")
                return
        route.continue_()

    page.route("**/evidence/tus/**", drop_third_patch)
    page.evaluate("document.getElementById('evidence-upload').dataset.chunkSize = '65536'")
    page.set_input_files("#evidence-pick", str(path))
    page.select_option("#evidence-kind", "video")
    page.select_option("#evidence-step", "impose")
    page.fill("#evidence-device", "DSJ-001")
    page.click("#evidence-submit")
    sha = hashlib.sha256(video).hexdigest()
    expect(page.locator(f".evidence-row[data-sha256='{sha}']")).to_be_visible(timeout=30_000)
    assert len(patches) >= 6  # five chunks of 64 KiB, one of them sent twice
    ev = Evidence.objects.get()
    assert (ev.sha256, ev.sm3, ev.size) == (sha, hashlib.new("sm3", video).hexdigest(), len(video))

    # Now the seizure proceeds.
    box = page.locator("#action-impose")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    page.select_option("#f-impose-measure", "扣押")
    for name in ("items", "storage_place", "legal_basis"):
        page.fill(f"#f-impose-{name}", SEIZE[name])
    page.fill("#f-impose-term_days", "10")
    box.locator("button[type=submit]").click()
    # 查封扣押 needs the responsible person's approval (提请审批); he approves it from his queue.
    expect(page.locator(".messages")).to_contain_text("等待审批")
    submitted = case.steps.filter(action="approval_request").latest("pk")
    approved(submitted, approver=head_of(case.agency))
    assert case.steps.filter(action="impose").count() == 1

    # A reviewer opens the video with a reason; seeking uses Range requests; the access is logged.
    page.click("text=退出")
    login(reviewer)
    page.goto(f"{live_server.url}/evidence/{ev.pk}/")
    page.fill("#access-reason", "法制审核前调阅扣押现场录像")
    page.click("#reason-form button")
    expect(page.locator("#ev-player")).to_be_visible()
    status = page.evaluate(
        "async (u) => (await fetch(u, {headers: {Range: 'bytes=1000-1999'}})).status", f"/evidence/{ev.pk}/media"
    )
    assert status == 206
    # The case's handler sees the access in the case's log.
    page.click("text=退出")
    login(officer)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(page.locator("table.access-log")).to_contain_text("法制审核前调阅扣押现场录像")
    assert AccessLog.objects.get().user == reviewer

    # The exported case file verifies offline.
    page.fill("#case-export input[name=reason]", "案卷评查")
    with page.expect_download() as info:
        page.click("#case-export button")
    target = tmp_path / "case.zip"
    info.value.save_as(str(target))
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_bundle.py"), str(target)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"sha256 {sha}" in result.stdout


def _session(user: Any) -> tuple[str, dict[str, str]]:
    client = Client()
    client.force_login(user)
    csrf = secrets.token_hex(16)
    cookie = f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}"
    return csrf, {"Tus-Resumable": "1.0.0", "Cookie": cookie, "X-CSRFToken": csrf}


def test_killed_connection_resumes_over_http(live_server: Any, new_case: Any, officer: Any) -> None:  # noqa: F811
    case = new_case("coercive_measure")
    _, headers = _session(officer)
    url = urlparse(live_server.url)
    data = mp4(3_000_000)

    def b64(v: str) -> str:
        return base64.b64encode(v.encode()).decode()

    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    meta = f"filename {b64('bodycam.mp4')},case {b64(str(case.pk))},kind {b64('video')},step {b64('impose')}"
    conn.request(
        "POST", "/evidence/tus/", headers={**headers, "Upload-Length": str(len(data)), "Upload-Metadata": meta}
    )
    created = conn.getresponse()
    created.read()
    assert created.status == 201
    path = urlparse(created.getheader("Location")).path
    conn.close()

    # Send the whole length in the headers but only half of the body, then kill the connection.
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.putrequest("PATCH", path)
    for key, value in {
        **headers,
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
        "Content-Length": str(len(data)),
    }.items():
        conn.putheader(key, value)
    conn.endheaders()
    assert conn.sock is not None
    conn.sock.sendall(data[: len(data) // 2])
    conn.sock.close()
    conn.close()

    offset = 0
    for _ in range(100):  # the server notices the dropped connection and keeps what arrived
        head = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        head.request("HEAD", path, headers=headers)
        resp = head.getresponse()
        resp.read()
        offset = int(resp.getheader("Upload-Offset") or 0)
        head.close()
        if offset > 0:
            break
        time.sleep(0.1)
    assert 0 < offset <= len(data) // 2

    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request(
        "PATCH",
        path,
        body=data[offset:],
        headers={**headers, "Upload-Offset": str(offset), "Content-Type": "application/offset+octet-stream"},
    )
    done = conn.getresponse()
    done.read()
    assert done.status == 204
    assert done.getheader("Upload-Offset") == str(len(data))
    assert done.getheader("Evidence-SHA256") == hashlib.sha256(data).hexdigest()
    assert Evidence.objects.get().sm3 == hashlib.new("sm3", data).hexdigest()
