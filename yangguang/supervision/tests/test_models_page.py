"""The models page: every model with its rule and hit count; a supervisor marks hits and the
precision follows; agencies are refused; each verdict is in the ledger."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from yangguang.ledger.models import Entry
from yangguang.supervision.models import HitMark

from .conftest import D, make_case, make_publication

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_models_page_marks_and_precision(agency: Any, officer: Any, supervisor: Any, agency_head: Any) -> None:
    late = [make_publication(make_case(agency, officer), due=D(2026, 1, 5), status="pending") for _ in range(2)]
    c = _client(supervisor)
    page = c.get("/supervision/models/").content.decode()
    assert "执法决定逾期公开或未公开" in page and "国办发〔2018〕118号" in page and "尚无判定" in page
    hits = c.get("/supervision/models/publication_late/").content.decode()
    assert "至今未公开" in hits and late[0].number in hits
    r = c.post(
        "/supervision/models/publication_late/mark/", {"key": f"publication:{late[0].pk}", "verdict": "confirmed"}
    )
    assert r.status_code == 302
    c.post("/supervision/models/publication_late/mark/", {"key": f"publication:{late[1].pk}", "verdict": "false_alarm"})
    assert "50.0%" in c.get("/supervision/models/").content.decode()
    mark = HitMark.objects.get(key=f"publication:{late[0].pk}")
    entry = Entry.objects.get(subject=mark.subject_label)
    assert entry.action == "supervision.hit.mark" and mark.ledger_seq == entry.seq
    # a key the model does not find now is refused, nothing written
    r = c.post("/supervision/models/publication_late/mark/", {"key": "publication:999999", "verdict": "confirmed"})
    assert r.status_code == 400 and "该对象目前未被此模型命中" in r.content.decode()
    assert HitMark.objects.count() == 2
    assert _client(agency_head).get("/supervision/models/").status_code == 403
    assert _client(officer).post("/supervision/models/publication_late/mark/", {"key": "x"}).status_code == 403
