"""The ledger page names a case as people do (issue 12): the lookup shows 案件 and its number, not
``cases.case:6``, and the bundle export takes the case number or a document number."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from yangguang.ledger.models import Entry

pytestmark = pytest.mark.django_db


def test_lookup_and_export_by_number(new_case: Any, supervisor: Any) -> None:
    case = new_case()
    entry = Entry.objects.filter(subject=case.subject_label).order_by("seq").first()
    assert entry is not None
    client = Client()
    client.force_login(supervisor)
    page = client.get(reverse("ledger:status"), {"seq": str(entry.seq)}).content.decode()
    assert f"案件 {case.number}" in page
    assert f"· {case.subject_label}" not in page  # the identifier only inside the record itself
    response = client.post(reverse("ledger:export"), {"subject": case.number})
    assert response.status_code == 200, response.content.decode()
    seqs = [e["seq"] for e in json.loads(response.content)["entries"]]
    assert entry.seq in seqs
    missing = client.post(reverse("ledger:export"), {"subject": "杭市监罚案〔1999〕1号"})
    assert missing.status_code in (403, 404)
