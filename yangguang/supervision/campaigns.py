"""Campaigns (专项活动, seed 003): the bureau sets tasks and a report deadline for the agencies of a
region; each agency head files the self-inspection report (自查报告) and the problem list (问题清单:
category, measure, owner, date), reports progress with evidence; the supervisor accepts (销号) or
returns each problem; overdue problems escalate; the campaign report aggregates it all."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from yangguang.access import policy
from yangguang.accounts import notify
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Region, Role, User

from . import selectors
from .models import Campaign, Participant, Problem, ProblemCategory, ProblemStatus

EVIDENCE_MAX = 20 * 1024 * 1024


def launch(
    *,
    actor: User,
    title: str,
    tasks: str,
    report_due: dt.date,
    region: Region | None = None,
    today: dt.date | None = None,
) -> Campaign:
    """Deploy a campaign to every enforcement agency of ``region`` (default: the bureau's region)."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.view")
    bureau = selectors.bureau_of(actor)
    if bureau is None:
        raise DomainError("只有执法监督机构的人员可以部署专项活动", code="forbidden")
    region = region or bureau.region
    if not region.path.startswith(bureau.region.path):
        raise DomainError("只能在本区划及下级区划部署专项活动", code="region_invalid")
    if not title.strip() or not tasks.strip():
        raise DomainError("请填写专项活动名称和任务", code="text_required")
    if report_due <= today:
        raise DomainError("自查报告报送期限应晚于今天", code="due_invalid")
    agencies = list(selectors.scope_agencies(actor).filter(region__path__startswith=region.path, is_active=True))
    if not agencies:
        raise DomainError("该区划没有执法主体", code="no_agencies")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            bureau=bureau,
            title=title.strip()[:200],
            tasks=tasks.strip(),
            report_due=report_due,
            region_path=region.path,
            created_by=actor,
            created_on=today,
        )
        Participant.objects.bulk_create(Participant(campaign=campaign, agency=a) for a in agencies)
        append_entry(
            actor=actor,
            subject=campaign,
            action="supervision.campaign.launch",
            payload={
                "title": campaign.title,
                "report_due": report_due.isoformat(),
                "agencies": [a.pk for a in agencies],
            },
        )
    return campaign


def file_report(*, actor: User, participant: Participant, report: str, today: dt.date | None = None) -> Participant:
    """The agency head files (or amends) the self-inspection report."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.campaign.respond", participant)
    if not report.strip():
        raise DomainError("请填写自查报告", code="report_required")
    with transaction.atomic():
        part = Participant.objects.select_for_update().get(pk=participant.pk)
        part.report = report.strip()
        part.reported_on = today
        part.save(update_fields=["report", "reported_on"])
        append_entry(
            actor=actor,
            subject=part.campaign,
            action="supervision.campaign.report",
            payload={"agency": part.agency_id, "on": today.isoformat(), "late": today > part.campaign.report_due},
            file_hashes={"report_sha256": hashlib.sha256(part.report.encode()).hexdigest()},
        )
    return part


def add_problem(
    *,
    actor: User,
    participant: Participant,
    category: str,
    description: str,
    measure: str,
    owner: str,
    due_on: dt.date | None,
) -> Problem:
    """An entry of the agency's problem list."""
    policy.require(actor, "supervision.campaign.respond", participant)
    if category not in ProblemCategory.values:
        raise DomainError("请选择问题类别", code="category_required")
    if not description.strip() or not measure.strip() or not owner.strip() or due_on is None:
        raise DomainError("请填写问题、整改措施、责任人和整改时限", code="problem_incomplete")
    with transaction.atomic():
        problem = Problem.objects.create(
            participant=participant,
            category=category,
            description=description.strip(),
            measure=measure.strip(),
            owner=owner.strip()[:50],
            due_on=due_on,
        )
        append_entry(
            actor=actor,
            subject=participant.campaign,
            action="supervision.campaign.problem",
            payload={
                "agency": participant.agency_id,
                "problem": problem.pk,
                "category": category,
                "due_on": due_on.isoformat(),
            },
        )
    return problem


def report_progress(
    *, actor: User, problem: Problem, progress: str, evidence: UploadedFile | None = None, today: dt.date | None = None
) -> Problem:
    """The agency reports the rectification with evidence; the problem waits for acceptance."""
    policy.require(actor, "supervision.campaign.respond", problem.participant)
    if not progress.strip():
        raise DomainError("请填写整改情况", code="progress_required")
    data = b""
    if evidence is not None:
        if evidence.size and evidence.size > EVIDENCE_MAX:
            raise DomainError("整改证明材料不能超过20MB", code="evidence_too_large")
        data = evidence.read()
    with transaction.atomic():
        p = Problem.objects.select_for_update().get(pk=problem.pk)
        if p.status not in (ProblemStatus.OPEN, ProblemStatus.RETURNED):
            raise DomainError("该问题已报整改或已销号", code="not_open")
        p.progress = progress.strip()
        p.status = ProblemStatus.SUBMITTED
        sha = ""
        if data:
            sha = hashlib.sha256(data).hexdigest()
            name = (evidence.name if evidence is not None else "") or "evidence"
            p.evidence_name, p.evidence_sha256 = name[-200:], sha
            p.evidence.save(f"{sha}{Path(name).suffix[:10]}", ContentFile(data), save=False)
        p.save()
        append_entry(
            actor=actor,
            subject=p.participant.campaign,
            action="supervision.campaign.progress",
            payload={"problem": p.pk, "on": (today or timezone.localdate()).isoformat()},
            file_hashes={"evidence_sha256": sha} if sha else {},
        )
    return p


def decide_problem(
    *, actor: User, problem: Problem, accept: bool, note: str = "", today: dt.date | None = None
) -> Problem:
    """The supervisor accepts the rectification (销号) or returns it with a reason."""
    today = today or timezone.localdate()
    policy.require(actor, "supervision.clue.manage", problem.participant.agency)
    if not accept and not note.strip():
        raise DomainError("退回时请写明理由", code="note_required")
    with transaction.atomic():
        p = Problem.objects.select_for_update().get(pk=problem.pk)
        if p.status != ProblemStatus.SUBMITTED:
            raise DomainError("该问题没有待验收的整改情况", code="nothing_to_decide")
        p.status = ProblemStatus.ACCEPTED if accept else ProblemStatus.RETURNED
        p.closed_on = today if accept else None
        p.decision_note = note.strip()
        p.save(update_fields=["status", "closed_on", "decision_note"])
        append_entry(
            actor=actor,
            subject=p.participant.campaign,
            action="supervision.campaign.accept" if accept else "supervision.campaign.return",
            payload={"problem": p.pk, "on": today.isoformat()},
        )
    return p


def _notify_overdue_problem(p: Problem) -> None:
    """An overdue problem: the agency's heads and the supervisor who launched the campaign are
    notified through the to-do centre's channels (YG_NOTIFY_CHANNELS)."""
    part = p.participant
    campaign = part.campaign
    heads = User.objects.filter(agency_id=part.agency_id, role=Role.AGENCY_HEAD, is_active=True)
    notify.users(
        users=[*heads, campaign.created_by],
        key=f"supervision.problem.{p.pk}.overdue",
        subject=f"专项活动问题逾期未整改：{campaign.title}",
        body=f"{part.agency.name}问题清单中的“{p.description[:60]}”整改时限{p.due_on.isoformat()}已过，尚未验收销号。",
        url=reverse("supervision:campaign", args=[campaign.pk]),
    )


def escalate_overdue(*, today: dt.date | None = None) -> int:
    """Problems past their rectification date and not accepted are marked escalated (once), in the
    ledger; they show in red on the campaign page of the bureau and of the organs above."""
    today = today or timezone.localdate()
    n = 0
    for pk in (
        Problem.objects.filter(due_on__lt=today, escalated_on__isnull=True)
        .exclude(status=ProblemStatus.ACCEPTED)
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            p = Problem.objects.select_for_update().select_related("participant__campaign").get(pk=pk)
            if p.escalated_on is not None or not p.is_overdue(today):
                continue
            p.escalated_on = today
            p.save(update_fields=["escalated_on"])
            _notify_overdue_problem(p)
            append_entry(
                actor=None,
                subject=p.participant.campaign,
                action="supervision.campaign.escalate",
                payload={"problem": p.pk, "due_on": p.due_on.isoformat(), "on": today.isoformat()},
            )
            n += 1
    return n


def summary(campaign: Campaign, today: dt.date | None = None) -> dict[str, Any]:
    """The campaign report: reports filed (on time), problems by status and category, the closure
    rate, overdue problems, and repeat problems (categories reported by two or more agencies)."""
    today = today or timezone.localdate()
    parts = list(campaign.participants.select_related("agency"))
    problems = list(Problem.objects.filter(participant__campaign=campaign).select_related("participant__agency"))
    by_status = Counter(p.status for p in problems)
    by_category = Counter(p.category for p in problems)
    agencies_per_category: dict[str, set[int]] = {}
    for p in problems:
        agencies_per_category.setdefault(p.category, set()).add(p.participant.agency_id)
    labels = dict(ProblemCategory.choices)
    return {
        "agencies": len(parts),
        "reported": sum(1 for p in parts if p.reported_on),
        "reported_on_time": sum(1 for p in parts if p.reported_on and p.reported_on <= campaign.report_due),
        "problems": len(problems),
        "accepted": by_status.get(ProblemStatus.ACCEPTED, 0),
        "closure_rate": round(100 * by_status.get(ProblemStatus.ACCEPTED, 0) / len(problems), 1) if problems else None,
        "overdue": sum(1 for p in problems if p.is_overdue(today)),
        "categories": [
            {"label": str(labels[c]), "n": n, "agencies": len(agencies_per_category[c])}
            for c, n in by_category.most_common()
        ],
        "repeats": [str(labels[c]) for c, a in agencies_per_category.items() if len(a) >= 2],
    }
