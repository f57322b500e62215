"""The issue's "Done when", end to end in Chromium: the market regulation bureau and the health
commission make a joint plan, approve and publish it, commit, reveal a seed, draw 2% of the
restaurants per risk class with two inspectors each (one per agency) honouring a declared recusal;
an inspector records a result on a 390 px phone viewport; the result is approved and published on
the portal within its due date; the finding becomes a case; ``draw.py`` downloaded from the portal
reproduces the draw from the published files and fails with one entity removed."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from yangguang.inspections import services
from yangguang.inspections.models import Assignment, DrawStatus, InspectionPlan, InspectionTask, TaskStatus
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.roster.models import ActionKind, EnforcementItem, User

from .conftest import DAY

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FILES = ("commitment.json", "entities.tsv", "inspectors.tsv", "conflicts.tsv", "seed.txt", "result.tsv")


def _logout(page: Any) -> None:
    page.click("text=退出")


def test_joint_plan_to_verified_draw(
    page: Any,
    live_server: Any,
    login: Any,
    joint: Any,
    officer: Any,
    officer2: Any,
    unit_head: Any,
    agency_head: Any,
    tmp_path: Path,
    settings: Any,
) -> None:
    url = live_server.url
    EnforcementItem.objects.create(
        agency=joint.market, code="330217099", name="对餐饮服务违法行为的处罚", kind=ActionKind.PENALTY
    )
    # The officer is a relative of every high-risk restaurant's owner: declared before the draw.
    high = [e for e in joint.restaurants if e.risk_grade == "high"]
    login(unit_head)
    page.goto(f"{url}/inspections/conflicts/")
    page.select_option("#f-officer", str(officer.officer.pk))
    page.fill("#f-uscc", high[0].uscc)
    page.select_option("#f-kind", "kinship")
    page.click("#declare button[type=submit]")
    assert "已登记回避情形" in page.locator(".messages").inner_text()
    for e in high[1:]:
        services.declare_conflict(officer=officer.officer, entity=e, kind="kinship", note="", actor=unit_head)

    # The joint plan: 2% of the restaurants in every risk class, one inspector from each agency.
    page.goto(f"{url}/inspections/plans/")
    page.fill("#f-title", "2026年餐饮单位部门联合双随机抽查")
    page.fill("#f-start", DAY.isoformat())
    page.fill("#f-end", "2026-06-30")
    page.select_option("#f-items", [str(joint.market_item.pk), str(joint.health_item.pk)])
    page.select_option("#f-participants", [str(joint.health.pk)])
    page.fill("#f-industries", "餐饮服务")
    for grade in ("low", "medium", "high"):
        page.fill(f"input[name=ratio_{grade}]", "2")
    page.fill("#f-per", "1")
    page.click("#new-plan button[type=submit]")
    assert "已制定抽查计划" in page.locator(".messages").inner_text()
    plan = InspectionPlan.objects.get(title="2026年餐饮单位部门联合双随机抽查")
    _logout(page)

    login(agency_head)
    page.goto(f"{url}/inspections/plans/{plan.pk}/")
    page.click("#approve button")
    assert page.locator("#plan-status").inner_text() == "已批准"
    _logout(page)

    login(unit_head)
    page.goto(f"{url}/inspections/plans/{plan.pk}/")
    page.click("#publish button")
    assert page.locator("#plan-status").inner_text() == "已公开"
    page.fill("#f-source", "drand quicknet 第 12345678 轮")
    page.select_option("#f-revealer", str(agency_head.pk))
    page.click("#commit-form button[type=submit]")
    assert "已承诺" in page.locator(".messages").inner_text()
    assert page.locator("#draws tr[data-status=committed]").count() == 1
    _logout(page)

    login(agency_head)
    page.goto(f"{url}/inspections/plans/{plan.pk}/")
    page.fill("#f-seed", "5c1e2d9a7b3f")
    page.click("#reveal-form button[type=submit]")
    assert "已录入随机种子并完成抽取" in page.locator(".messages").inner_text()
    draw = plan.draws.get(status=DrawStatus.DRAWN)
    assert draw.sizes == {"low": 2, "medium": 1, "high": 1}  # 2% of 60, 30, 10, rounded up
    tasks = list(InspectionTask.objects.filter(draw=draw))
    assert len(tasks) == 4
    for t in tasks:
        crew = list(t.assignments.filter(active=True))
        assert len(crew) == 2 and {a.agency_id for a in crew} == {joint.market.pk, joint.health.pk}
        if t.stratum == "high":
            assert officer.officer.pk not in {a.officer_id for a in crew}  # recusal honoured
    _logout(page)

    # An inspector of the market bureau records the result on a phone.
    a = (
        Assignment.objects.filter(task__draw=draw, agency=joint.market, officer__user__isnull=False)
        .select_related("task")
        .first()
    )
    assert a is not None
    inspector = User.objects.get(officer=a.officer)
    page.set_viewport_size({"width": 390, "height": 844})
    login(inspector)
    page.goto(f"{url}/inspections/tasks/")
    page.click(f".task-card[data-task='{a.task.pk}'] h2 a")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.select_option("#f-code", "follow_up")
    page.fill("#f-record", "后厨生熟食品混放，冷藏柜温度不达标。")
    page.click("#record button[type=submit]")
    assert page.locator("#task-status").inner_text() == "待审核"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    _logout(page)

    login(unit_head)
    page.goto(f"{url}/inspections/tasks/{a.task.pk}/")
    page.click("#review button[value=approve]")
    assert "审核通过" in page.locator(".messages").inner_text()
    task = InspectionTask.objects.get(pk=a.task.pk)
    assert task.status == TaskStatus.APPROVED
    pub = Publication.objects.get(source_kind=SourceKind.INSPECTION_RESULT, source_id=task.pk)
    assert pub.status == PublicationStatus.PUBLISHED
    assert pub.published_on is not None and task.publish_due is not None and pub.published_on <= task.publish_due
    _logout(page)

    # The finding becomes a case.
    login(inspector)
    page.goto(f"{url}/inspections/tasks/{task.pk}/")
    page.click("#to-case button[type=submit]")
    assert "已转为立案" in page.locator(".messages").inner_text()
    task.refresh_from_db()
    assert task.case is not None and task.case.source == "inspection"
    assert page.locator("#case-link").inner_text() == task.case.number
    _logout(page)

    # The portal: the plan, the proof, the result; the files and the verifier downloaded.
    page.goto(f"{url}/inspections/public/plans/{plan.pk}/")
    assert draw.commitment_sha256 in page.locator("#proof").inner_text()
    assert task.entity.name in page.locator("#results").inner_text()
    folder = tmp_path / "draw"
    folder.mkdir()
    for name in (*FILES, "draw.py"):
        link = (
            f"{url}/inspections/public/draw.py"
            if name == "draw.py"
            else f"{url}/inspections/public/draws/{draw.pk}/{name}"
        )
        with urllib.request.urlopen(link) as response:
            (folder / name).write_bytes(response.read())
    ok = subprocess.run(
        [sys.executable, "-I", "draw.py", ".", "--commitment-sha256", draw.commitment_sha256],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
    lines = (folder / "entities.tsv").read_bytes().splitlines(keepends=True)
    (folder / "entities.tsv").write_bytes(b"".join(lines[:-1]))  # one entity removed
    bad = subprocess.run([sys.executable, "-I", "draw.py", "."], cwd=folder, capture_output=True, text=True)
    assert bad.returncode == 1 and "entities.tsv 与承诺的哈希不符" in bad.stderr

    # The entity's own page: this year's inspection against the cap, with the proof.
    page.goto(f"{url}/inspections/public/entity/?uscc={task.entity.uscc}&year=2026")
    record = page.locator("#entity-record").inner_text()
    assert "本年度被随机抽查 1 次" in record and draw.commitment_sha256 in record
