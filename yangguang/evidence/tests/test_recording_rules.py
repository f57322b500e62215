"""Mandatory recording (音像记录事项清单): the seizure step is refused without its recording, the
exception path, the supervisor's list, agency overrides, and gaps in full-process recordings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.tests.conftest import SEIZE
from yangguang.core.errors import DomainError
from yangguang.evidence import selectors, services
from yangguang.evidence.models import RecordingRule
from yangguang.evidence.tests.conftest import mp4

D = dt.date
MISSING = (
    "“实施查封、扣押”应当进行全程音像记录（音像记录事项清单），尚未上传本环节的录像或录音；"
    "如因设备故障等原因未能记录，请登记例外情况及理由"
)


def _segment(tus: Any, case: Any, start: str, end: str, device: str = "DSJ-001", fill: int = 1) -> Any:
    return tus.upload(
        mp4(bytes([fill]) * 2000),
        case=case.pk,
        kind="video",
        step="impose",
        device=device,
        filename=f"{device}-{start}.mp4",
        capture_start=start,
        capture_end=end,
    )


def test_seizure_without_recording_is_refused(seizure_case: Any, step: Any, officer: Any) -> None:
    with pytest.raises(DomainError) as exc:
        step(seizure_case, "impose", officer, D(2026, 3, 2), term_days=10, **SEIZE)
    assert (exc.value.code, exc.value.message) == ("av_recording_missing", MISSING)
    seizure_case.refresh_from_db()
    assert seizure_case.state == "preparing"


def test_seizure_with_its_recording_proceeds(seizure_case: Any, step: Any, officer: Any, tus_as: Any) -> None:
    _segment(tus_as(officer), seizure_case, "2026-03-02T09:00:00", "2026-03-02T09:30:00")
    step(seizure_case, "impose", officer, D(2026, 3, 2), term_days=10, **SEIZE)
    seizure_case.refresh_from_db()
    assert seizure_case.state == "in_force"


def test_exception_lets_the_step_proceed_and_is_flagged(
    seizure_case: Any, step: Any, officer: Any, supervisor: Any, client: Any
) -> None:
    with pytest.raises(DomainError) as exc:
        services.record_exception(case=seizure_case, step="impose", actor=officer, reason="坏了")
    assert exc.value.message == "请具体说明未能音像记录的原因（如设备故障），不少于4个字"
    client.force_login(officer)
    resp = client.post(
        f"/evidence/case/{seizure_case.pk}/exception", {"step": "impose", "reason": "执法记录仪电池故障，无法录像"}
    )
    assert resp.status_code == 302
    step(seizure_case, "impose", officer, D(2026, 3, 2), term_days=10, **SEIZE)
    case_page = client.get(f"/cases/{seizure_case.pk}/").content.decode()
    assert "实施查封、扣押：执法记录仪电池故障，无法录像" in case_page
    assert "待监督审阅" in case_page
    assert [e.reason for e in selectors.flagged_exceptions(supervisor)] == ["执法记录仪电池故障，无法录像"]
    client.force_login(supervisor)
    page = client.get("/evidence/exceptions/")
    assert "执法记录仪电池故障，无法录像" in page.content.decode()
    assert "实施查封、扣押" in page.content.decode()
    exc_row = selectors.flagged_exceptions(supervisor).get()
    client.post("/evidence/exceptions/", {"exception": exc_row.pk, "note": "已核实"})
    assert not selectors.flagged_exceptions(supervisor).exists()
    exc_row.refresh_from_db()
    assert (exc_row.reviewed_by, exc_row.review_note) == (supervisor, "已核实")


def test_agency_list_overrides_the_default(
    seizure_case: Any, step: Any, officer: Any, agency_head: Any, agency: Any
) -> None:
    services.save_rule(
        agency=agency,
        actor=agency_head,
        values={"case_kind": "coercive_measure", "step": "impose", "required": False, "storage_years": 3},
    )
    assert RecordingRule.objects.get().storage_years == 3
    step(seizure_case, "impose", officer, D(2026, 3, 2), term_days=10, **SEIZE)


def test_gaps_between_segments_of_one_device(seizure_case: Any, officer: Any, tus_as: Any, client: Any) -> None:
    tus = tus_as(officer)
    _segment(tus, seizure_case, "2026-03-02T09:00:00", "2026-03-02T09:10:00", fill=1)
    _segment(tus, seizure_case, "2026-03-02T09:10:02", "2026-03-02T09:20:00", fill=2)  # 2 s: a file split
    _segment(tus, seizure_case, "2026-03-02T09:25:00", "2026-03-02T09:40:00", fill=3)  # 5 min missing
    _segment(tus, seizure_case, "2026-03-02T09:00:00", "2026-03-02T09:40:00", device="DSJ-002", fill=4)
    (gap,) = selectors.gaps(seizure_case)
    assert (gap.device_no, gap.seconds) == ("DSJ-001", 300)
    page = client.get(f"/cases/{seizure_case.pk}/").content.decode()
    assert "设备 DSJ-001：09:20:00 至 09:25:00 中断 300 秒" in page


def test_agency_head_edits_the_list_on_the_page(client: Any, agency_head: Any, officer: Any, agency: Any) -> None:
    client.force_login(officer)
    page = client.get("/evidence/av-items/").content.decode()
    assert "实施查封、扣押" in page and "全程音像记录" in page
    assert 'class="rule-edit"' not in page
    client.force_login(agency_head)
    assert 'class="rule-edit"' in client.get("/evidence/av-items/").content.decode()
    form = {"case_kind": "inspection", "step": "start_inspection", "required": "on", "storage_years": "8"}
    assert client.post("/evidence/av-items/", form).status_code == 302
    rule = selectors.rule_for(agency.pk, "inspection", "start_inspection")
    assert rule is not None and (rule.required, rule.full_process, rule.storage_years) == (True, False, 8)
    with pytest.raises(DomainError) as exc:
        services.save_rule(agency=agency, actor=agency_head, values={"case_kind": "inspection", "step": "impose"})
    assert exc.value.message == "音像记录事项的执法类别或记录环节无效"
