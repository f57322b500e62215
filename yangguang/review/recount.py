"""Review rounds store their due date (法制审核期限, the agency's working days from submission):
when a year's holiday schedule is replaced, the rounds still waiting for an opinion are counted
again and the new due date is stored (a source of ``workdays.hooks.DEADLINE_SOURCES``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from yangguang.workdays.hooks import TrackedDue
from yangguang.workdays.periods import PERIODS
from yangguang.workdays.selectors import Deadline, add_working_days

from .models import RequestStatus, ReviewRound
from .services import setting_for


def _recount(rnd: ReviewRound) -> Deadline:
    return add_working_days(rnd.submitted_on, setting_for(rnd.request.agency).deadline_working_days)


def _store(rnd: ReviewRound, deadline: Deadline) -> None:
    ReviewRound.objects.filter(pk=rnd.pk).update(due_on=deadline.due, due_provisional=deadline.provisional)


def tracked_rounds(first: dt.date, last: dt.date) -> Iterator[TrackedDue]:
    rounds = (
        ReviewRound.objects.filter(opinion="", submitted_on__lte=last, due_on__gte=first)
        .exclude(request__status=RequestStatus.PASSED)
        .select_related("request__agency", "request__case")
        .order_by("pk")
    )
    for rnd in rounds:
        yield TrackedDue(
            source="review",
            agency_id=rnd.request.agency_id,
            subject=rnd.request.case.number,
            url=reverse("review:detail", args=[rnd.request_id]),
            what=str(PERIODS["legal_review"].label),
            start=rnd.submitted_on,
            due=rnd.due_on,
            recompute=lambda rnd=rnd: _recount(rnd),  # type: ignore[misc]
            store=lambda d, rnd=rnd: _store(rnd, d),  # type: ignore[misc]
        )
