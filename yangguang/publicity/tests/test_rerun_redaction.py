"""An agency re-runs the redaction over its published decisions after the detectors improve: a
report of what would change, then the changes as corrections (the old words leave the public text)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from yangguang.publicity import services
from yangguang.publicity.models import Publication
from yangguang.publicity.redaction import Known, redact_all

pytestmark = pytest.mark.django_db


def test_rerun_reports_then_applies(decide: Any, agency: Any, agency_head: Any, officer: Any) -> None:
    facts = "当事人在人行道上占道经营，保洁员严冬梅称多次劝阻。"

    def weaker(texts: list[str], known: Known) -> list[str]:
        # Yesterday's detectors: nothing but the case data.
        out = redact_all(texts, known)
        return [o.replace("严某某", "严冬梅") for o in out]

    with mock.patch.object(services, "redact_all", side_effect=weaker):
        pub = Publication.objects.get(case=decide(facts=facts))
    assert "严冬梅" in pub.redacted_text

    c = Client()
    c.force_login(agency_head)
    report = c.post("/api/publicity/manage/rerun-redaction", {}, content_type="application/json").json()
    assert report["changed"] == 1 and report["items"][0]["newly_masked"] == ["冬梅"]
    assert "严冬梅" in Publication.objects.get(pk=pub.pk).redacted_text  # only reported

    c.force_login(officer)
    refused = c.post("/api/publicity/manage/rerun-redaction", {"apply": True}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["message"] == "只有本机关负责人可以重新脱敏已公开的决定"

    call_command("rerun_redaction", agency=agency.pk, apply=True)
    pub.refresh_from_db()
    assert pub.version == 2 and "严冬梅" not in pub.redacted_text and "严某某" in pub.redacted_text
    assert pub.versions.get(version=2).reason == services.RERUN_REASON
    assert services.rerun_redaction(agency=agency, actor=agency_head, apply=False) == []
