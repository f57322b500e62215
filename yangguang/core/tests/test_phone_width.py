"""Every page at a phone's width (390 px, issue 17): officers, reviewers, supervisors and the public.

The pages are the page walk's (``pagewalk.pages``: every URL pattern outside the API and the admin,
path parameters filled from the same small demo world). Each page a persona may open (a 200 HTML
answer) is loaded in Chromium at 390 × 844 and must

- not scroll sideways: ``document.documentElement.scrollWidth <= the phone's width`` (wide tables scroll
  inside their own box, never the page);
- offer tap targets of at least 44 × 44 px for the buttons and the links of the main content. A
  link inside a sentence (its parent holds more text than the link) is exempt, as WCAG 2.5.8
  exempts inline targets; a link standing alone (a table cell, a list entry, a card's action) is
  a target and must be 44 px tall and wide.

The menu opened by the ☰ button is an overlay above the page, not a column that pushes it."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
from django.test import Client

from conftest import csp_violations
from yangguang.core.tests.pagewalk import pages, seed_world

PHONE = {"width": 390, "height": 844}

# Measured in the page: the sideways overflow, the widest offenders when there is one, and the
# tap targets below 44 px.
MEASURE = """(vw) => {
  const doc = document.documentElement;
  const out = {overflow: doc.scrollWidth - vw, wide: [], small: []};
  const describe = (el) => {
    const id = el.id ? "#" + el.id : "";
    const cls = el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    return el.tagName.toLowerCase() + id + cls + " «" + (el.textContent || el.value || "").trim().slice(0, 30) + "»";
  };
  if (out.overflow > 0) {
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0) {
        let p = el.parentElement, clipped = false;
        while (p && p !== document.body) {
          const ov = getComputedStyle(p).overflowX;
          if (ov === "auto" || ov === "scroll" || ov === "hidden") { clipped = true; break; }
          p = p.parentElement;
        }
        if (!clipped) out.wide.push(describe(el) + " right=" + Math.round(r.right));
      }
      if (out.wide.length >= 5) break;
    }
  }
  const main = document.querySelector("main") || document.body;
  const targets = main.querySelectorAll(
    "a[href], button, input[type=submit], input[type=button], input[type=reset], summary, .button"
  );
  for (const el of targets) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown (a closed <details>, hidden)
    const st = getComputedStyle(el);
    if (st.visibility === "hidden" || st.display === "none") continue;
    if (el.tagName === "A" && !el.classList.contains("button")) {
      const parent = el.parentElement;
      const own = (el.textContent || "").replace(/\\s+/g, "");
      const around = parent ? (parent.textContent || "").replace(/\\s+/g, "") : own;
      if (around.length > own.length) continue;  // a link inside a sentence
    }
    if (r.height < 43.5 || r.width < 43.5) {
      out.small.push(describe(el) + " " + Math.round(r.width) + "×" + Math.round(r.height));
    }
  }
  return out;
}"""

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|"X-CSRFToken": "[^"]*"')
PERSONAS = ("officer", "reviewer", "supervisor", None)


def _html_pages(user: Any, urls: list[str], seen: set[str]) -> list[str]:
    """The whole pages (not htmx fragments) that answer ``user`` with HTML (200), asked through the
    test client first so that the browser opens only pages there are to see, each main content
    once: a page that shows another persona the same content (the public portal, lists without
    role-specific parts) was measured already."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    out = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if 'name="viewport"' not in html:
            continue  # a fragment htmx swaps into a page
        main = TOKEN.sub("", html[html.find("<main") : html.rfind("</main>")])
        key = hashlib.sha256(main.encode()).hexdigest()
        if key not in seen:
            seen.add(key)
            out.append(url)
    return out


def _evidence_and_a_signed_record() -> list[str]:
    """The demo world has no evidence and no on-site record: the first case gets a photo (the
    evidence page) and its filing approval form is followed by a signed 现场检查笔录 (a document page
    with signatures and the signing form)."""
    import io

    from django.utils import timezone
    from PIL import Image

    from yangguang.cases.models import Case
    from yangguang.cases.services import case_transition
    from yangguang.documents.models import IssuedDocument
    from yangguang.documents.services import sign_document
    from yangguang.evidence import services as evidence
    from yangguang.roster.models import User

    officer = User.objects.get(username="officer")
    case = Case.objects.order_by("pk").first()
    assert case is not None
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buf, "JPEG")
    meta = evidence.parse_meta(case, {"kind": "photo", "filename": "现场照片.jpg", "location": "30.274100,120.155100"})
    evidence.ingest_stream(case=case, actor=officer, meta=meta, stream=io.BytesIO(buf.getvalue()))
    investigating = Case.objects.filter(state="investigating", case_officers__officer=officer.officer).first()
    if investigating is not None:
        now = timezone.localtime()
        case_transition(
            case=investigating,
            action="inspection_record",
            actor=officer,
            data={
                "place": "当事人经营场所（杭州市西湖区文三路一百号一楼东侧商铺）",
                "started_at": now.strftime("%Y-%m-%dT%H:%M"),
                "ended_at": now.strftime("%Y-%m-%dT%H:%M"),
                "content": "货架上有过期食品",
            },
        )
        record = IssuedDocument.objects.filter(doc_type="inspection_record").order_by("-pk").first()
        assert record is not None
        sign_document(document=record, signer_name="王五", role="party", method="on_site", signed_at=now, actor=officer)
        return [f"/documents/{record.pk}/"]
    return []


def _session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone(browser: Any, live_server: Any) -> None:
    from yangguang.roster.models import User

    seed_world()
    extra = _evidence_and_a_signed_record()
    urls = [p.url for p in pages()] + extra
    failures: list[str] = []
    visited = 0
    opened: set[str] = set()
    seen: set[str] = set()
    for username in PERSONAS:
        user = User.objects.get(username=username) if username else None
        context = browser.new_context(locale="zh-CN", viewport=PHONE, is_mobile=True, has_touch=True)
        context.set_default_timeout(15_000)
        violations = csp_violations(context)
        if user is not None:
            context.add_cookies([{"name": "sessionid", "value": _session_cookie(user), "url": live_server.url}])
        page = context.new_page()
        who = username or "anonymous"
        for url in _html_pages(user, urls, seen):
            page.goto(live_server.url + url, wait_until="load")
            found = page.evaluate(MEASURE, PHONE["width"])
            visited += 1
            opened.add(url)
            if found["overflow"] > 0:
                failures.append(f"{who} {url}: {found['overflow']} px sideways; {found['wide']}")
            if found["small"]:
                failures.append(f"{who} {url}: small tap targets {found['small'][:6]}")
        # The opened menu covers the page (an overlay) instead of pushing it down as a column.
        page.goto(live_server.url + "/")
        if page.locator(".nav-toggle").is_visible():
            page.click(".nav-toggle")
            position = page.evaluate("getComputedStyle(document.querySelector('.menu-panel')).position")
            if position not in ("fixed", "absolute"):
                failures.append(f"{who}: the opened menu is not an overlay ({position})")
        context.close()
        assert violations == [], f"{who}: a page broke its Content-Security-Policy: {violations[:3]}"
    assert visited > 60
    # The pages the issue named: the public decision, the new-case form, the case page, the
    # evidence page, the field pages, a signed record.
    for wanted in ("/public/decisions/", "/cases/new/", "/field/", *extra):
        assert wanted in opened, wanted
    assert any(u.startswith("/evidence/") and u.rstrip("/").split("/")[-1].isdigit() for u in opened), opened
    assert any(u.startswith("/cases/") and u.rstrip("/").split("/")[-1].isdigit() for u in opened)
    assert any(u.startswith("/field/case/") for u in opened)
    assert failures == [], f"{len(failures)} pages do not fit a phone:\n" + "\n".join(failures)
