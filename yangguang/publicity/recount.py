"""Publications waiting to be published store their statutory due date (7 or 20 working days from
the decision): when a year's holiday schedule is replaced, the pending ones are counted again and
the new due date is stored (a source of ``workdays.hooks.DEADLINE_SOURCES``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from yangguang.workdays.hooks import TrackedDue
from yangguang.workdays.periods import PERIODS
from yangguang.workdays.selectors import Deadline

from .models import Publication, PublicationStatus
from .services import FAST_KINDS


def _code(p: Publication) -> str:
    return "publication_fast" if p.action_kind in FAST_KINDS else "publication_other"


def _store(p: Publication, deadline: Deadline) -> None:
    Publication.objects.filter(pk=p.pk).update(due_on=deadline.due)


def tracked_publications(first: dt.date, last: dt.date) -> Iterator[TrackedDue]:
    pending = Publication.objects.filter(
        status=PublicationStatus.PENDING, decided_on__lte=last, due_on__gte=first
    ).order_by("pk")
    for p in pending:
        code = _code(p)
        yield TrackedDue(
            source="publicity",
            agency_id=p.agency_id,
            subject=p.number or p.title,
            url=reverse("publicity:manage_publication", args=[p.pk]),
            what=str(PERIODS[code].label),
            start=p.decided_on,
            due=p.due_on,
            recompute=lambda p=p, code=code: PERIODS[code].due(p.decided_on),  # type: ignore[misc]
            store=lambda d, p=p: _store(p, d),  # type: ignore[misc]
        )
