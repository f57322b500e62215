"""Supervision's items of the to-do centre (``core.extensions.TODO_SOURCES``), each source one
bounded query on indexed columns:

- an agency head: supervision documents to answer (答复期限), campaign self-inspection reports to
  file and problem-list items to rectify (整改时限);
- a supervisor: clues assigned to him (核查), new clues of his bureau to assign, answers and
  rectified problems waiting for his acceptance, and case files of his bureau's evaluation plans
  still lacking a second score that he has not scored (评查).

Deadlines go to "soon" (within 3 working days) or "overdue" as well as to "mine"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_save
from django.urls import reverse

from yangguang.core.extensions import todo_changed
from yangguang.roster.models import Role, User
from yangguang.workdays.selectors import add_working_days

from .models import (
    Clue,
    ClueStatus,
    DocStatus,
    EvaluationFile,
    EvaluationScore,
    Participant,
    Problem,
    ProblemStatus,
    SupervisionDocument,
)

LIMIT = 50


def _item(bucket: str, kind: str, title: str, note: str, url: str, due: Any, since: Any) -> dict[str, Any]:
    return {"bucket": bucket, "kind": kind, "title": title, "note": note, "url": url, "due": due, "since": since}


def _deadline(
    items: list[dict[str, Any]], kind: str, title: str, url: str, due: dt.date | None, today: dt.date, soon: dt.date
) -> None:
    if due is not None and due <= soon:
        items.append(
            _item("overdue" if due < today else "soon", kind, title, f"期限 {due.isoformat()}", url, due, None)
        )


def _agency_items(agency_id: int, today: dt.date, soon: dt.date) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    docs = (
        SupervisionDocument.objects.filter(agency_id=agency_id, status__in=(DocStatus.SENT, DocStatus.RETURNED))
        .select_related("bureau")
        .order_by("due_on", "pk")[:LIMIT]
    )
    for d in docs:
        url = reverse("supervision:document", args=[d.pk])
        title = f"{d.number}（{d.bureau.name}）"
        returned = "，已退回重新整改" if d.status == DocStatus.RETURNED else ""
        note = f"答复期限 {d.due_on.isoformat() if d.due_on else '—'}{returned}"
        items.append(_item("mine", "待答复监督文书", title, note, url, d.due_on, d.issued_on))
        _deadline(items, "监督文书答复期限", title, url, d.due_on, today, soon)
    parts = (
        Participant.objects.filter(agency_id=agency_id, reported_on__isnull=True)
        .select_related("campaign")
        .order_by("campaign__report_due", "pk")[:LIMIT]
    )
    for p in parts:
        url = reverse("supervision:campaign", args=[p.campaign_id])
        due = p.campaign.report_due
        items.append(
            _item(
                "mine", "报送自查报告", p.campaign.title, f"报送期限 {due.isoformat()}", url, due, p.campaign.created_on
            )
        )
        _deadline(items, "自查报告报送期限", p.campaign.title, url, due, today, soon)
    problems = (
        Problem.objects.filter(
            participant__agency_id=agency_id, status__in=(ProblemStatus.OPEN, ProblemStatus.RETURNED)
        )
        .select_related("participant__campaign")
        .order_by("due_on", "pk")[:LIMIT]
    )
    for pr in problems:
        url = reverse("supervision:campaign", args=[pr.participant.campaign_id])
        title = f"{pr.participant.campaign.title}：{pr.description[:40]}"
        items.append(
            _item(
                "mine", "问题整改", title, f"整改时限 {pr.due_on.isoformat()}，责任人 {pr.owner}", url, pr.due_on, None
            )
        )
        _deadline(items, "问题整改时限", title, url, pr.due_on, today, soon)
    return items


def _supervisor_items(user: User, bureau_id: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for c in Clue.objects.filter(assignee=user, status=ClueStatus.INVESTIGATING).order_by("received_on", "pk")[:LIMIT]:
        url = reverse("supervision:clue", args=[c.pk])
        items.append(
            _item("mine", "核查线索", f"{c.number} {c.title}", c.get_source_display(), url, None, c.received_on)
        )
    for c in Clue.objects.filter(bureau_id=bureau_id, status=ClueStatus.NEW).order_by("received_on", "pk")[:LIMIT]:
        url = reverse("supervision:clue", args=[c.pk])
        items.append(
            _item("mine", "待分派线索", f"{c.number} {c.title}", c.get_source_display(), url, None, c.received_on)
        )
    answered = (
        SupervisionDocument.objects.filter(bureau_id=bureau_id, status=DocStatus.ANSWERED)
        .select_related("agency")
        .order_by("due_on", "pk")[:LIMIT]
    )
    for d in answered:
        url = reverse("supervision:document", args=[d.pk])
        items.append(_item("mine", "审核整改答复", f"{d.number}（{d.agency.name}）", "", url, None, d.issued_on))
    submitted = (
        Problem.objects.filter(participant__campaign__bureau_id=bureau_id, status=ProblemStatus.SUBMITTED)
        .select_related("participant__campaign", "participant__agency")
        .order_by("due_on", "pk")[:LIMIT]
    )
    for pr in submitted:
        url = reverse("supervision:campaign", args=[pr.participant.campaign_id])
        title = f"{pr.participant.agency.name}：{pr.description[:40]}"
        items.append(_item("mine", "验收整改", title, pr.participant.campaign.title, url, pr.due_on, None))
    files = (
        EvaluationFile.objects.filter(plan__bureau_id=bureau_id)
        .exclude(scores__evaluator=user)
        .annotate(n=Count("scores"))
        .filter(n__lt=2)
        .select_related("plan")
        .order_by("plan_id", "rank")[:LIMIT]
    )
    for f in files:
        url = reverse("supervision:evaluation_file", args=[f.plan_id, f.rank])
        title = f"{f.plan.code} 第{f.rank}件"
        items.append(_item("mine", "案卷评查", title, f.plan.name, url, None, f.plan.drawn_on))
    return items


def todo_items(user: User, today: dt.date) -> list[dict[str, Any]]:
    role = getattr(user, "role", "")
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None:
        return []
    if role == Role.AGENCY_HEAD:
        return _agency_items(agency_id, today, add_working_days(today, 3).due)
    if role == Role.SUPERVISOR:
        return _supervisor_items(user, agency_id)
    return []


def _changed(sender: Any, **kwargs: Any) -> None:
    transaction.on_commit(todo_changed)  # the top bar's cached to-do counts are stale


WATCHED = (Clue, SupervisionDocument, Participant, Problem, EvaluationFile, EvaluationScore)


def connect() -> None:
    """A write to a clue, document, campaign report or problem, or an evaluation file or score
    changes someone's to-do list: the cached counts are dropped after its commit."""
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"supervision.todo.{model.__name__}")
