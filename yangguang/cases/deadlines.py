"""Deadlines of a case, derived from its recorded dates with the working-day calendar.

Each deadline is computed from the dates the steps recorded (filing, notice, decision, service,
seizure, acceptance) plus approved extensions, with the periods of the one table
(``yangguang.workdays.periods``). ``due`` is the last day on which the act is still in time.

Only the soonest due date is stored, as ``Case.next_due_on``, so that lists of what is due soon or
overdue read an index instead of computing every open case's deadlines: ``connect()`` keeps it on
every save of a case and of the records its periods read (preservations, statements, extensions,
payments, seizures), the workdays recount keeps it when a confirmed schedule moves due dates, and
``manage.py case_deadlines --recount`` recomputes it for every case (after a bulk load).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from yangguang.workdays.hooks import TrackedDue
from yangguang.workdays.periods import PERIODS, Unit
from yangguang.workdays.selectors import (
    Deadline,
    provisional_label,
    working_days_between,
)

from .models import Case, DeadlineExtension, EvidencePreservation, Payment, Seizure, Statement
from .workflow import SURCHARGE_RATE_PER_DAY, CaseKind, CaseState, DecisionType

WARNING_WORKING_DAYS = 3


@dataclass(frozen=True)
class CaseDeadline:
    """One deadline of a case as shown to officers."""

    code: str
    label: str
    basis: str
    start: dt.date
    due: dt.date
    provisional: bool
    provisional_note: str
    period: str  # "90日", "7个工作日"
    detail: str = ""

    def status(self, today: dt.date) -> str:
        """ "overdue" (red) after ``due``; "warning" when due within 3 working days; else "ok"."""
        if today > self.due:
            return "overdue"
        left, _ = working_days_between(today, self.due)
        return "warning" if left <= WARNING_WORKING_DAYS else "ok"

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


def period(code: str, start: dt.date, extra: int = 0, *, days: int | None = None) -> Deadline:
    """The end of the period ``code`` of the table (or of ``days`` instead of its length, plus
    ``extra`` of the same unit) after ``start``."""
    return PERIODS[code].due(start, length=days, extra=extra)


def _make(code: str, start: dt.date, extra: int = 0, detail: str = "", days: int | None = None) -> CaseDeadline:
    spec = PERIODS[code]
    d = spec.due(start, length=days, extra=extra)
    unit = Unit(spec.unit).label
    text = f"{spec.length if days is None else days}{unit}" + (f"（延长{extra}{unit}）" if extra else "")
    return CaseDeadline(
        code=code,
        label=spec.label,
        basis=spec.article,
        start=start,
        due=d.due,
        provisional=d.provisional,
        provisional_note=provisional_label(d.provisional_years) if d.provisional else "",
        period=text,
        detail=detail,
    )


def extension_days(case: Case, code: str) -> int:
    # .all() so that a prefetched list (deadline lists of many cases) costs no query
    return sum(e.days for e in case.extensions.all() if e.deadline == code)


def statement_deadline(case: Case) -> Deadline | None:
    """The end of the period after notice for statement, defense and hearing requests (``statement``)."""
    if case.notice_on is None:
        return None
    return period("statement", case.notice_on)


def payment_due(case: Case) -> dt.date | None:
    if case.served_on is None or not case.fine_amount:
        return None
    return period("payment", case.served_on).due


# --- enforcement (行政强制法 Art. 53, 54) ----------------------------------------------------------

DEMAND_ACTION = "demand_payment"
DEMAND_SERVICE_ACTION = "serve_demand"


def demand_steps(case: Case) -> tuple[Any, Any]:
    """(the latest 催告 step, its service step or None): a new demand starts over."""
    demand = case.steps.filter(action=DEMAND_ACTION).order_by("-seq").first()
    if demand is None:
        return None, None
    served = case.steps.filter(action=DEMAND_SERVICE_ACTION, seq__gt=demand.seq).order_by("seq").first()
    return demand, served


def demand_due(served_on: dt.date) -> Deadline:
    """The last day of the ten (working) days the served 催告书 gives (Art. 54, Art. 69)."""
    return period("demand_performance", served_on)


def remedy_periods(case: Case) -> tuple[Deadline, Deadline] | None:
    """The ends of the periods for reconsideration (60 days) and litigation (6 months) after the
    party received the decision; None before it was served."""
    if case.served_on is None:
        return None
    return period("reconsideration", case.served_on), period("litigation", case.served_on)


def enforcement_window(case: Case) -> tuple[dt.date, dt.date] | None:
    """(first, last) day on which the agency may apply to the court (Art. 53): after both remedy
    periods ran out, within three months."""
    remedies = remedy_periods(case)
    if remedies is None:
        return None
    lapsed = max(remedies[0].due, remedies[1].due)
    return lapsed + dt.timedelta(days=1), period("enforcement_application", lapsed).due


def surcharge(fine: Decimal, due: dt.date, on: dt.date) -> Decimal:
    """Late-payment surcharge (加处罚款, 《行政处罚法》第七十二条): 3% of the fine for each day after
    ``due`` up to ``on``, never more than the fine itself."""
    late = (on - due).days
    if late <= 0:
        return Decimal("0.00")
    amount = (fine * SURCHARGE_RATE_PER_DAY * late).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return min(amount, fine)


def amount_owed(case: Case, on: dt.date) -> tuple[Decimal, Decimal, Decimal]:
    """(fine, surcharge as of ``on``, still outstanding after payments) of a fined case."""
    fine = case.fine_amount or Decimal("0")
    due = payment_due(case)
    extra = surcharge(fine, due, on) if due else Decimal("0.00")
    paid = case.total_paid()
    return fine, extra, max(fine + extra - paid, Decimal("0.00"))


# States in which some deadline may run (the lists skip the others without computing).
DEADLINE_STATES = (
    CaseState.INVESTIGATING,
    CaseState.INVESTIGATION_ENDED,
    CaseState.LEGAL_REVIEW,
    CaseState.NOTIFIED,
    CaseState.DECIDED,
    CaseState.EXECUTING,
    CaseState.IN_FORCE,
    CaseState.REVIEWING,
)
PREFETCH = ("preservations", "statements", "extensions", "payments", "seizures")


def case_deadlines(case: Case) -> list[CaseDeadline]:
    """The deadlines running now for ``case`` (the ones already met are not listed)."""
    out: list[CaseDeadline] = []
    state = case.state
    if (
        case.kind == CaseKind.PENALTY_ORDINARY
        and case.filed_on
        and state
        in (
            CaseState.INVESTIGATING,
            CaseState.INVESTIGATION_ENDED,
            CaseState.LEGAL_REVIEW,
            CaseState.NOTIFIED,
        )
    ):
        out.append(_make("decision", case.filed_on, extension_days(case, "decision")))
    if state == CaseState.INVESTIGATING:
        for p in [p for p in case.preservations.all() if p.disposed_on is None]:
            out.append(_make("evidence_preservation", p.registered_on, detail=p.items[:40]))
    if state == CaseState.NOTIFIED and case.notice_on:
        if not [s for s in case.statements.all() if s.superseded_on is None]:
            out.append(_make("statement", case.notice_on))
    if case.kind == CaseKind.PENALTY_ORDINARY and state == CaseState.DECIDED and case.decided_on:
        out.append(_make("service", case.decided_on))
    if (
        state == CaseState.EXECUTING
        and case.served_on
        and case.fine_amount
        and case.decision_type in ("", DecisionType.PENALTY)
        and case.compulsory_execution_on is None
        and case.total_paid() < case.fine_amount
    ):
        out.append(_make("payment", case.served_on))
    if case.kind == CaseKind.COERCIVE_MEASURE and state == CaseState.IN_FORCE:
        for s in [s for s in case.seizures.all() if s.released_on is None]:
            out.append(_make("seizure", s.started_on, s.extended_days, detail=s.items[:40], days=s.term_days))
    if case.kind == CaseKind.LICENSING and state == CaseState.REVIEWING and case.accepted_on:
        out.append(_make("licensing", case.accepted_on, extension_days(case, "licensing")))
    return out


# --- recount when a year's holiday schedule is replaced (workdays.hooks) --------------------------


def _recount(case_pk: int, code: str, start: dt.date, detail: str, old: dt.date) -> Deadline:
    case = Case.objects.prefetch_related(*PREFETCH).get(pk=case_pk)
    store_next_due(case)  # counted with the new schedule, as the deadline below
    for d in case_deadlines(case):
        if (d.code, d.start, d.detail) == (code, start, detail):
            return Deadline(due=d.due, provisional=d.provisional)
    return Deadline(due=old, provisional=False)  # pragma: no cover - the same case, same transaction


def tracked_deadlines(first: dt.date, last: dt.date) -> Iterator[TrackedDue]:
    """The running deadlines of every case whose count may look at ``first..last`` (computed, not
    stored: the new due date is what the pages compute from now on; the recount stores the case's
    new ``next_due_on``)."""
    cases = (
        Case.objects.filter(state__in=DEADLINE_STATES)
        .select_related("agency")
        .prefetch_related(*PREFETCH)
        .order_by("pk")
    )
    for case in cases.iterator(chunk_size=500):
        for d in case_deadlines(case):
            if d.start <= last and d.due >= first:
                yield TrackedDue(
                    source="cases",
                    agency_id=case.agency_id,
                    subject=case.number,
                    url=reverse("cases:detail", args=[case.pk]),
                    what=d.label,
                    start=d.start,
                    due=d.due,
                    recompute=partial(_recount, case.pk, d.code, d.start, d.detail, d.due),
                )


# --- the stored soonest due date (Case.next_due_on) -------------------------------------------------


def next_due(case: Case) -> dt.date | None:
    """The soonest due date of the deadlines running for ``case`` (None: none is running)."""
    return min((d.due for d in case_deadlines(case)), default=None)


def store_next_due(case: Case) -> dt.date | None:
    """Write ``case.next_due_on`` if it changed (an UPDATE: no save signal, no loop)."""
    value = next_due(case) if case.state in DEADLINE_STATES else None
    if value != case.next_due_on:
        Case.objects.filter(pk=case.pk).update(next_due_on=value)
        case.next_due_on = value
    return value


def recount_all(*, batch: int = 500) -> int:
    """Recompute every case's ``next_due_on`` (after a bulk load or an upgrade). Returns the cases
    whose stored value changed."""
    changed = 0
    Case.objects.exclude(state__in=DEADLINE_STATES).exclude(next_due_on=None).update(next_due_on=None)
    cases = Case.objects.filter(state__in=DEADLINE_STATES).prefetch_related(*PREFETCH).order_by("pk")
    for case in cases.iterator(chunk_size=batch):
        before = case.next_due_on
        changed += store_next_due(case) != before
    return changed


# The case fields ``case_deadlines`` reads: a save naming only other fields changes nothing.
DEADLINE_FIELDS = frozenset(
    {
        "state",
        "kind",
        "filed_on",
        "notice_on",
        "decided_on",
        "served_on",
        "fine_amount",
        "decision_type",
        "compulsory_execution_on",
        "accepted_on",
    }
)
RECORDS = (EvidencePreservation, Statement, DeadlineExtension, Payment, Seizure)


def _case_saved(sender: Any, instance: Case, raw: bool = False, update_fields: Any = None, **kwargs: Any) -> None:
    if raw or (update_fields is not None and not DEADLINE_FIELDS.intersection(update_fields)):
        return
    # related lists prefetched before this save may be stale: read them again
    getattr(instance, "_prefetched_objects_cache", {}).clear()
    store_next_due(instance)


def _record_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    case = Case.objects.filter(pk=instance.case_id).first()
    if case is not None:
        store_next_due(case)


def connect() -> None:
    """Keep ``Case.next_due_on`` on every save (from ``CasesConfig.ready``)."""
    post_save.connect(_case_saved, sender=Case, dispatch_uid="cases.next_due.case")
    for model in RECORDS:
        uid = f"cases.next_due.{model.__name__}"
        post_save.connect(_record_changed, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=uid + ".delete")


def warning_horizon(today: dt.date) -> dt.date:
    """The last due date whose status is not "ok" on ``today`` (due within 3 working days): every
    deadline due by then is overdue or due soon."""
    day = today
    while working_days_between(today, day + dt.timedelta(days=1))[0] <= WARNING_WORKING_DAYS:
        day += dt.timedelta(days=1)
    return day
