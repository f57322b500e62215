"""The evidence API: a case's evidence and requirements; access needs a reason and is logged."""

from __future__ import annotations

from typing import Any

from yangguang.evidence.models import AccessLog
from yangguang.evidence.tests.conftest import mp4


def test_case_evidence_and_access(tus_as: Any, officer: Any, reviewer: Any, client: Any, seizure_case: Any) -> None:
    resp = client.get(f"/api/evidence/cases/{seizure_case.pk}")
    assert resp.status_code == 401
    tus_as(officer).upload(mp4(), case=seizure_case.pk, kind="video", step="impose", filename="v.mp4")
    body = client.get(f"/api/evidence/cases/{seizure_case.pk}").json()
    (ev,) = body["evidence"]
    impose = next(r for r in body["requirements"] if r["step"] == "impose")
    assert (impose["required"], impose["full_process"], impose["recorded"], impose["missing"]) == (True, True, 1, False)
    client.force_login(reviewer)
    refused = client.post(f"/api/evidence/{ev['id']}/access", {"reason": ""}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json() == {"code": "evidence_reason_required", "message": "调阅证据须填写调阅事由"}
    ok = client.post(f"/api/evidence/{ev['id']}/access", {"reason": "审核"}, content_type="application/json")
    assert ok.status_code == 200
    assert AccessLog.objects.get().reason == "审核"
    assert client.get(ok.json()["media"], headers={"Range": "bytes=0-9"}).status_code == 206
