"""Field mode on a phone (issue 17), in Chromium at 390 × 844: an officer registers a case on the
phone, the unit head approves the filing (立案审批), the officer opens the case in field mode and,
with the network cut (``context.set_offline``), takes photos and a note; they wait on the phone
(IndexedDB) with their capture time and position and are sent by tus when the connection returns;
the note fills the 现场检查笔录, which is generated and signed by the persons present; an inquiry is
imported from a dictation text; the ZIP holds the complete file in statutory order with page
numbers; signing out empties the offline cache."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, csp_violations
from yangguang.cases.models import Case
from yangguang.core.validators import make_uscc
from yangguang.documents.models import IssuedDocument
from yangguang.evidence.models import Evidence
from yangguang.evidence.tests.conftest import jpeg
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import EnforcementItemFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HANGZHOU = {"latitude": 30.2741, "longitude": 120.1551}


def _phone(browser: Any, live_server: Any, user: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(
        locale="zh-CN",
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        geolocation=HANGZHOU,
        permissions=["geolocation"],
        accept_downloads=True,
    )
    context.set_default_timeout(20_000)
    violations = csp_violations(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return context, page, violations


def _no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_field_mode_on_a_phone(browser: Any, live_server: Any, officer: Any, officer2: Any, unit_head: Any) -> None:
    item: Any = EnforcementItemFactory(agency=officer.agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)
    today = timezone.localdate()

    # 1. The officer registers the case on the phone.
    context, page, violations = _phone(browser, live_server, officer)
    page.goto(f"{live_server.url}/cases/new/")
    _no_sideways_scroll(page)
    page.select_option("#id_kind", "penalty_ordinary")
    page.fill("#id_title", "涉嫌销售过期食品案")
    page.select_option("#id_item", str(item.pk))
    page.fill("#id_party_name", "杭州某某食品有限公司")
    page.fill("#id_party_id_number", make_uscc(777_101))
    page.fill("#id_party_legal_representative", "王五")
    page.fill("#id_party_address", "杭州市西湖区文三路1号")
    page.check(f"#new-case-form input[name=officers][value='{officer2.officer.pk}']")
    page.fill("#id_facts", "当事人在其经营场所销售超过保质期的预包装食品。")
    page.fill("#id_violation_date", (today - dt.timedelta(days=3)).isoformat())
    page.fill("#id_discovery_date", today.isoformat())
    page.click("#new-case-form button[type=submit]")
    expect(page.locator("#case-state")).to_have_text("线索登记")
    case = Case.objects.get()
    _no_sideways_scroll(page)

    # 2. The officer submits the filing; the unit head approves it (立案审批) from his to-do centre,
    # on the phone.
    page.locator("#action-file summary").click()
    page.locator("#action-file button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已提请立案审批：立案，等待审批")
    head_context, head, head_violations = _phone(browser, live_server, unit_head)
    head.goto(f"{live_server.url}/todo/")
    _no_sideways_scroll(head)
    head.locator("#todo-bucket-mine a", has_text="立案审批").click()
    _no_sideways_scroll(head)
    head.fill("#f-opinion", "同意立案，由李明、赵强承办")
    head.click("#approve")
    expect(head.locator(".messages")).to_contain_text("已批准：立案审批")
    head.goto(f"{live_server.url}/cases/{case.pk}/")
    expect(head.locator("#case-state")).to_have_text("调查取证")
    head_context.close()
    assert head_violations == []

    # 3. Field mode: the task list, then the case with the capture form first.
    page.goto(f"{live_server.url}/field/")
    _no_sideways_scroll(page)
    manifest = page.request.get(f"{live_server.url}/field/manifest.webmanifest").json()
    assert manifest["scope"] == "/field/" and manifest["display"] == "standalone"
    task = page.locator(f".field-task[data-case='{case.pk}']")
    expect(task).to_contain_text("涉嫌销售过期食品案")
    expect(task.locator("a.button", has_text="现场检查笔录")).to_be_visible()
    task.locator(".field-task-title").click()
    page.wait_for_url(f"{live_server.url}/field/case/{case.pk}/")
    expect(page.locator("body")).to_have_attribute("data-service-worker", "ready")
    capture_top = page.locator("#capture").bounding_box()["y"]
    assert capture_top < PHONE["height"], "the capture form is the first thing on the page"
    _no_sideways_scroll(page)

    # 4. The network is cut: two photos and a note wait on the phone.
    context.set_offline(True)
    expect(page.locator("#net-state")).to_have_attribute("data-state", "offline")
    page.set_input_files(
        "#field-photo",
        [
            {"name": "货架1.jpg", "mimeType": "image/jpeg", "buffer": jpeg((64, 48))},
            {"name": "货架2.jpg", "mimeType": "image/jpeg", "buffer": jpeg((80, 60))},
        ],
    )
    page.fill("#field-note", "货架上的牛奶已过保质期")
    page.click("#field-save")
    expect(page.locator("#field-queue li[data-kind=photo]")).to_have_count(2)
    expect(page.locator("#field-queue li[data-kind=photo]").first).to_contain_text("等待网络")
    page.fill("#field-note", "店内冷柜温度正常，过期牛奶12盒")
    page.click("#field-save")
    expect(page.locator("#field-queue li[data-kind=note]")).to_have_count(1)
    assert Evidence.objects.count() == 0
    # Offline, the page itself comes from the service worker's cache.
    page.reload()
    expect(page.locator("#field-queue li")).to_have_count(3)

    # 5. The connection returns: the photos go up by tus, with capture time and position.
    context.set_offline(False)
    expect(page.locator("#field-queue li[data-kind=photo]")).to_have_count(0, timeout=30_000)
    photos = list(Evidence.objects.filter(case=case).order_by("filename"))
    assert [e.filename for e in photos] == ["货架1.jpg", "货架2.jpg"]
    for ev in photos:
        assert ev.kind == "photo" and ev.step == "inspection_record"
        assert ev.location.startswith("30.274100,120.155100")
        assert ev.capture_start is not None and abs((timezone.now() - ev.capture_start).total_seconds()) < 600
        assert ev.description == "货架上的牛奶已过保质期"

    # 6. The note fills the 现场检查笔录; it is generated and signed by the persons present.
    page.click("#next-actions a[data-action=inspection_record]")
    page.wait_for_url(f"{live_server.url}/cases/{case.pk}/#action-inspection_record")
    area = page.locator("#f-inspection_record-content")
    expect(area).to_have_value(
        re.compile(r"^\d\d:\d\d（位置 30\.274100,120\.155100 ±\d+m） 店内冷柜温度正常，过期牛奶12盒$")
    )
    now = timezone.localtime()
    page.fill("#f-inspection_record-place", "当事人经营场所")
    page.fill("#f-inspection_record-started_at", (now - dt.timedelta(minutes=40)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#f-inspection_record-ended_at", now.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#f-inspection_record-present", "王五（法定代表人）")
    page.locator("#action-inspection_record button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已完成：现场检查笔录")
    record = IssuedDocument.objects.get(doc_type="inspection_record")
    assert "过期牛奶12盒" in record.context["record"]
    page.goto(f"{live_server.url}/documents/{record.pk}/")
    _no_sideways_scroll(page)
    for name, role in (("王五", "party"), ("李明", "officer")):
        page.fill("#sign-name", name)
        page.select_option("#sign-role", role)
        page.select_option("#sign-method", "on_site")
        page.click("#sign-form button[type=submit]")
        expect(page.locator(".messages")).to_contain_text("签名已登记")
    expect(page.locator("#signing-state")).to_have_text("已签名")

    # 7. An inquiry imported from a dictation text (问：/答：) on the phone.
    page.goto(f"{live_server.url}/cases/{case.pk}/#action-inquiry_record")
    dictation = "问：你与当事人是什么关系？\n答：我是店长，\n负责进货。\n问：过期牛奶是谁进的货？\n答：是我。"
    page.set_input_files(
        "#action-inquiry_record input[data-fill-textarea]",
        {"name": "听写.txt", "mimeType": "text/plain", "buffer": dictation.encode()},
    )
    expect(page.locator("#f-inquiry_record-content")).to_have_value(dictation)
    page.fill("#f-inquiry_record-person", "王五")
    page.fill("#f-inquiry_record-place", "当事人经营场所")
    page.fill("#f-inquiry_record-started_at", (now - dt.timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#f-inquiry_record-ended_at", now.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#action-inquiry_record button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("已完成：询问笔录")
    inquiry = IssuedDocument.objects.get(doc_type="inquiry_record")
    assert inquiry.context["qa"][0] == {"q": "你与当事人是什么关系？", "a": "我是店长，负责进货。"}

    # 8. The ZIP holds the complete file in statutory order with page numbers.
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.fill("#case-export input[name=reason]", "现场执法归档检查")
    with page.expect_download() as info:
        page.click("#case-export button")
    data = open(info.value.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        contents = json.loads(zf.read("manifest.json"))["contents"]
        assert [c["title"] for c in contents] == [
            "立案审批表",
            "现场检查（勘验）笔录",
            "询问笔录",
            "照片：货架1.jpg",
            "照片：货架2.jpg",
        ]
        # 卷内目录 page numbers run on from 1 without gaps (photos one page each).
        expected = 1
        for c in contents:
            first, _, last = c["pages"].partition("-")
            assert int(first) == expected, contents
            expected = int(last or first) + 1
        assert [c["pages"].count("-") for c in contents[-2:]] == [0, 0]
        toc = zf.read("目录.html").decode()
        assert "王五（当事人，当场签名确认" in toc and "已签名" in toc
        filing = zf.read(contents[0]["path"])
        assert filing[:2] == b"PK"
    # 9. Signed out, the next field page empties the service worker's cache: nothing stays on the phone.
    assert page.evaluate("caches.keys()") == ["yangguang-field-v1"]
    page.click(".nav-toggle")
    page.click("text=退出")
    page.goto(f"{live_server.url}/field/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.wait_for_function("async () => (await caches.keys()).length === 0")
    context.close()
    assert violations == []
