"""Plans, the draw (commit, reveal, failed and repeated attempts), recusal, replacement, results,
review, publication and the case a finding becomes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.inspections import draw as drawing
from yangguang.inspections import selectors, services
from yangguang.inspections.models import (
    Assignment,
    ConflictKind,
    DrawStatus,
    InspectionTask,
    PlanStatus,
    ResultCode,
    TaskStatus,
)
from yangguang.ledger.models import Entry
from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import EnforcementItemFactory

from .conftest import DAY, make_plan, published_plan

pytestmark = pytest.mark.django_db


def _payload(entry: Entry) -> dict[str, Any]:
    return dict(json.loads(entry.canonical)["payload"])


def test_plan_must_be_approved_and_published_before_commit(joint: Any, unit_head: Any, agency_head: Any) -> None:
    plan = make_plan(joint, unit_head)
    with pytest.raises(DomainError, match="计划须经批准并公开后才能抽取"):
        services.commit_draw(
            plan=plan, actor=unit_head, seed_source="drand 1", revealer=agency_head, inspection_date=DAY
        )
    with pytest.raises(AccessDenied, match="只有行政机关负责人可以批准抽查计划"):
        services.approve_plan(plan=plan, actor=unit_head)
    services.approve_plan(plan=plan, actor=agency_head)
    plan = services.publish_plan(plan=plan, actor=unit_head)
    assert plan.status == PlanStatus.PUBLISHED
    assert Entry.objects.filter(subject=plan.subject_label, action="inspection.plan.publish", public=True).exists()


def test_single_agency_plan_needs_two_inspectors(joint: Any, unit_head: Any) -> None:
    with pytest.raises(DomainError, match="每户至少由两名执法人员检查"):
        make_plan(joint, unit_head, participants=[], items=[joint.market_item], per_agency=1)


def test_commit_reveal_draw_with_recusal(
    joint: Any, unit_head: Any, agency_head: Any, officer: Any, officer2: Any
) -> None:
    plan = published_plan(joint, unit_head, agency_head)
    high = [e for e in joint.restaurants if e.risk_grade == "high"]
    # the officer must recuse for every high-risk restaurant
    for e in high:
        services.declare_conflict(
            officer=officer.officer, entity=e, kind=ConflictKind.KINSHIP, note="近亲属", actor=unit_head
        )
    d = services.commit_draw(
        plan=plan, actor=unit_head, seed_source="drand quicknet 123", revealer=agency_head, inspection_date=DAY
    )
    commit = Entry.objects.get(subject=d.subject_label, action="inspection.draw.commit")
    assert commit.public and _payload(commit)["commitment_sha256"] == d.commitment_sha256
    with pytest.raises(AccessDenied, match="只有承诺时指定的人员可以录入随机种子"):
        services.reveal_draw(draw=d, actor=unit_head, seed="abc")
    d = services.reveal_draw(draw=d, actor=agency_head, seed="9f2c")
    assert d.status == DrawStatus.DRAWN
    assert d.sizes == {"low": 2, "medium": 3, "high": 3}  # 2% of 60 → 2 (rounded up 1.2), 10% of 30, 30% of 10
    tasks = list(InspectionTask.objects.filter(draw=d))
    assert len(tasks) == 8 and {t.entity.industry for t in tasks} == {"餐饮服务"}
    for t in tasks:
        crew = list(t.assignments.filter(active=True))
        assert len(crew) == 2 and {a.agency_id for a in crew} == {joint.market.pk, joint.health.pk}
        if t.stratum == "high":
            assert officer.officer.pk not in {a.officer_id for a in crew}
    # the stand-alone algorithm over the stored files gives the stored result
    files = services.draw_files(d)
    result = drawing.run_draw(
        commitment=drawing.Commitment.from_json(files["commitment.json"]),
        seed="9f2c",
        entities=files["entities.tsv"],
        inspectors=files["inspectors.tsv"],
        conflicts=files["conflicts.tsv"],
    )
    assert result.to_file() == files["result.tsv"] and result.digest == d.result_sha256
    with pytest.raises(DomainError, match="本计划已完成抽取，不得重新抽取"):
        services.commit_draw(
            plan=plan, actor=unit_head, seed_source="x", revealer=agency_head, inspection_date=DAY, reason="再来"
        )


def test_failed_and_repeated_attempts_are_kept(joint: Any, unit_head: Any, agency_head: Any) -> None:
    plan = published_plan(joint, unit_head, agency_head, per_agency=5)  # the health commission has 4
    d1 = services.commit_draw(plan=plan, actor=unit_head, seed_source="r1", revealer=agency_head, inspection_date=DAY)
    with pytest.raises(DomainError, match="抽取失败（已记录）"):
        services.reveal_draw(draw=d1, actor=agency_head, seed="s1")
    d1.refresh_from_db()
    assert d1.status == DrawStatus.FAILED
    assert Entry.objects.filter(subject=d1.subject_label, action="inspection.draw.fail", public=True).exists()
    with pytest.raises(DomainError, match="再次抽取须写明理由"):
        services.commit_draw(plan=plan, actor=unit_head, seed_source="r2", revealer=agency_head, inspection_date=DAY)
    d2 = services.commit_draw(
        plan=plan, actor=unit_head, seed_source="r2", revealer=agency_head, inspection_date=DAY, reason="人员不足后重抽"
    )
    assert d2.attempt == 2


def test_exclusions_same_item_this_year_and_scope(joint: Any, unit_head: Any, agency_head: Any) -> None:
    plan = published_plan(joint, unit_head, agency_head)
    d = services.commit_draw(plan=plan, actor=unit_head, seed_source="r", revealer=agency_head, inspection_date=DAY)
    services.reveal_draw(draw=d, actor=agency_head, seed="s")
    drawn = set(InspectionTask.objects.filter(draw=d).values_list("entity_id", flat=True))
    second = published_plan(joint, unit_head, agency_head, title="专项抽查", kind="adhoc")
    eligible = set(selectors.eligible_entities(second, DAY + dt.timedelta(days=200)).values_list("pk", flat=True))
    assert not drawn & eligible  # same item, same year
    assert len(eligible) == 100 - len(drawn)  # shops are out of scope (industry)
    again = published_plan(joint, unit_head, agency_head, title="复查", allow_repeat=True)
    recent = set(selectors.eligible_entities(again, DAY + dt.timedelta(days=30)).values_list("pk", flat=True))
    assert not drawn & recent  # inspected recently (within 180 days)


def _drawn(joint: Any, unit_head: Any, agency_head: Any) -> Any:
    plan = published_plan(joint, unit_head, agency_head)
    d = services.commit_draw(plan=plan, actor=unit_head, seed_source="r", revealer=agency_head, inspection_date=DAY)
    return services.reveal_draw(draw=d, actor=agency_head, seed="field")


def _task_of(user: Any, d: Any) -> Any:
    return InspectionTask.objects.filter(draw=d, assignments__officer=user.officer, assignments__active=True).first()


def test_result_review_publication_and_case(
    joint: Any, unit_head: Any, agency_head: Any, officer: Any, officer2: Any
) -> None:
    d = _drawn(joint, unit_head, agency_head)
    task = _task_of(officer, d) or _task_of(officer2, d)
    user = officer if _task_of(officer, d) == task else officer2
    other = InspectionTask.objects.filter(draw=d).exclude(pk__in=selectors.my_tasks(user).values("pk")).first()
    if other is not None:
        with pytest.raises(AccessDenied, match="只有本任务抽中的检查人员可以录入检查结果"):
            services.record_result(task=other, actor=user, result_code="no_problem", record="x", inspected_on=DAY)
    task = services.record_result(
        task=task, actor=user, result_code=ResultCode.FOLLOW_UP, record="后厨卫生不合格", inspected_on=DAY
    )
    assert task.status == TaskStatus.SUBMITTED and task.publish_due == dt.date(2026, 3, 30)
    with pytest.raises(DomainError, match="退回须写明理由"):
        services.review_result(task=task, actor=unit_head, approve=False)
    task = services.review_result(task=task, actor=unit_head, approve=False, note="请补充笔录")
    assert task.status == TaskStatus.RETURNED
    task = services.record_result(
        task=task, actor=user, result_code=ResultCode.FOLLOW_UP, record="后厨卫生不合格，已拍照", inspected_on=DAY
    )
    task = services.review_result(task=task, actor=unit_head, approve=True)
    pub = Publication.objects.get(source_kind=SourceKind.INSPECTION_RESULT, source_id=task.pk)
    assert pub.status == PublicationStatus.PUBLISHED and pub.due_on == task.publish_due
    assert d.commitment_sha256 in pub.redacted_text and "field" in pub.redacted_text
    item = EnforcementItemFactory(agency=joint.market, kind=ActionKind.PENALTY)
    case = services.register_case(task=task, actor=user, item=item, facts="后厨卫生不合格")  # type: ignore[arg-type]
    task.refresh_from_db()
    assert task.case == case and case.source == "inspection"
    assert case.parties.get().id_number == task.entity.uscc
    figures = {f.stratum: f for f in selectors.plan_figures(task.plan)}
    f = figures[task.stratum]
    assert (f.published, f.closed, f.problems, f.assessed) == (1, 1, 1, 1)


def test_manual_replacement_needs_reason_and_is_recorded(
    joint: Any, unit_head: Any, agency_head: Any, officer: Any, officer2: Any, supervisor: Any, client: Any
) -> None:
    d = _drawn(joint, unit_head, agency_head)
    a = Assignment.objects.filter(task__draw=d, agency=joint.market).select_related("task").first()
    assert a is not None
    crew = {x.officer_id for x in a.task.assignments.all()}
    spare = next(o for o in (officer.officer, officer2.officer, unit_head.officer) if o.pk not in crew)
    with pytest.raises(DomainError, match="人工调整检查人员须写明理由"):
        services.replace_inspector(assignment=a, officer=spare, reason=" ", actor=unit_head)
    with pytest.raises(DomainError, match="同属一个部门"):
        services.replace_inspector(assignment=a, officer=joint.health_officers[0], reason="病假", actor=unit_head)
    new = services.replace_inspector(assignment=a, officer=spare, reason="原检查人员病假", actor=unit_head)
    assert not new.drawn and new.replaces_id == a.pk
    assert _payload(Entry.objects.get(seq=int(new.ledger_seq or 0)))["reason"] == "原检查人员病假"
    client.force_login(supervisor)  # the supervisor sees every manual replacement with its reason
    page = client.get("/inspections/replacements/").content.decode()
    assert "原检查人员病假" in page and spare.name in page


def test_overdue_results_flagged_once(
    joint: Any, unit_head: Any, agency_head: Any, officer: Any, officer2: Any
) -> None:
    d = _drawn(joint, unit_head, agency_head)
    task = _task_of(officer, d) or _task_of(officer2, d)
    user = officer if _task_of(officer, d) == task else officer2
    task = services.record_result(task=task, actor=user, result_code="no_problem", record="无", inspected_on=DAY)
    assert task.publish_due is not None
    assert services.flag_overdue(today_=task.publish_due) == 0
    assert services.flag_overdue(today_=task.publish_due + dt.timedelta(days=1)) == 1
    assert services.flag_overdue(today_=task.publish_due + dt.timedelta(days=2)) == 0  # once
    assert Entry.objects.filter(subject=task.subject_label, action="inspection.result.overdue").count() == 1
