"""The case file's table of contents (卷内目录, issue 17): documents and evidence in the statutory
order with continuous page numbers, the signatures of each record and the scans of signed pages
in the ZIP; a record is signed through its page."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from yangguang.cases.tests.conftest import END
from yangguang.evidence.tests.conftest import jpeg

D = dt.date
SIGNED_PAGE = b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >> endobj\n2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type/Page >> endobj\n%%EOF"


def test_zip_lists_the_file_in_statutory_order_with_pages(
    new_case: Any, step: Any, officer: Any, tus_as: Any, client: Any
) -> None:
    case = new_case(on=D(2026, 3, 2))
    step(case, "file", officer, D(2026, 3, 2))
    # Taken out of order on purpose: the inquiry before the inspection, evidence in between.
    step(
        case,
        "inquiry_record",
        officer,
        D(2026, 3, 3),
        person="王五",
        place="本局询问室",
        started_at="2026-03-03T14:00",
        ended_at="2026-03-03T14:30",
        content="问：是否销售过期食品？\n答：是。",
    )
    inspected = step(
        case,
        "inspection_record",
        officer,
        D(2026, 3, 3),
        place="经营场所",
        started_at="2026-03-03T09:00",
        ended_at="2026-03-03T09:40",
        content="货架上有过期食品",
    )
    tus_as(officer).upload(jpeg(), case=case.pk, kind="photo", step="inspection_record", filename="货架.jpg")
    step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)

    # The party signs the inspection record on its page (a signed page scanned, two pages).
    record_id = next(d["id"] for d in inspected.documents if d["doc_type"] == "inspection_record")
    refused = client.post(
        f"/documents/{record_id}/sign",
        {"signer_name": "王五", "role": "party", "method": "refused", "signed_at": "2026-03-03T09:45"},
    )
    assert refused.status_code == 400
    assert "请注明当事人拒绝签名的情况" in refused.content.decode()
    signed = client.post(
        f"/documents/{record_id}/sign",
        {
            "signer_name": "王五",
            "role": "party",
            "method": "scan",
            "signed_at": "2026-03-03T09:45",
            "scan": io.BytesIO(SIGNED_PAGE),
        },
    )
    assert signed.status_code == 302
    page = client.get(f"/documents/{record_id}/").content.decode()
    assert "王五" in page and "上传签名页扫描件" in page and 'id="signing-state">待签名' in page

    resp = client.post(f"/evidence/case/{case.pk}/export", {"reason": "案卷评查"})
    assert resp.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content))) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        contents = manifest["contents"]
        assert [c["title"] for c in contents] == [
            "立案审批表",
            "现场检查（勘验）笔录",
            "询问笔录",
            "照片：货架.jpg",
            "调查终结报告",
        ]
        # Continuous page numbers from 1: each entry starts where the one before ended.
        expected = 1
        for c in contents:
            for pages in [c["pages"], *(a["pages"] for a in c["attachments"])]:
                first, _, last = pages.partition("-")
                assert int(first) == expected, contents
                expected = int(last or first) + 1
        first, last = map(int, contents[1]["attachments"][0]["pages"].split("-"))
        assert last - first == 1  # the scanned signed page is a two-page PDF
        toc = zf.read("目录.html").decode()
        assert "卷内目录" in toc and "王五（当事人，上传签名页扫描件，2026-03-03 09:45）" in toc
        scan = next(n for n in zf.namelist() if "签名页" in n)
        assert zf.read(scan) == SIGNED_PAGE and scan.startswith("documents/002-")
        assert "第" in toc and "签名页扫描件（王五）" in toc
