"""Deadlines that other apps counted with the working-day calendar, so that replacing a year's
schedule (the State Council notice replacing the provisional year) can recompute them and list
every due date that moved (``services.set_year_schedule``).

An app that counts or stores deadlines contributes a *source* in its ``AppConfig.ready()``
(``DEADLINE_SOURCES.add(name, fn, app=...)``): ``fn(first, last)`` returns a ``TrackedDue`` for each
running deadline whose count may have looked at a day in ``first..last`` (its start is on or
before ``last`` and its due date on or after ``first``). The workdays app imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from yangguang.core.extensions import Registry

from .selectors import Deadline


@dataclass(frozen=True)
class TrackedDue:
    """One running deadline as its app counted it.

    ``recompute()`` counts it again with the calendar as it is now; ``store(deadline)``, when the app
    keeps the due date in a row, writes the new one (in the schedule's transaction)."""

    source: str  # the contributing source's name
    agency_id: int
    subject: str  # what the deadline belongs to, as officers know it (a case number, a publication)
    url: str
    what: str  # the deadline's name (作出处罚决定, 法制审核 …)
    start: dt.date
    due: dt.date
    recompute: Callable[[], Deadline]
    store: Callable[[Deadline], None] | None = None


Source = Callable[[dt.date, dt.date], Iterable[TrackedDue]]
DEADLINE_SOURCES: Registry[Source] = Registry("deadline source")


def collect(first: dt.date, last: dt.date) -> list[TrackedDue]:
    """Every running deadline whose count may look at a day in ``first..last``."""
    out: list[TrackedDue] = []
    for _name, source in DEADLINE_SOURCES.items():
        out.extend(t for t in source(first, last) if t.start <= last and t.due >= first)
    return out
