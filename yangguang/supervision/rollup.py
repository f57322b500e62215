"""The cockpit's roll-up (``MonthFact``): the facts of each agency × month × case kind, kept current
after every change of the records they count, so that a province's cockpit sums a few thousand rows
instead of reading every case.

Data flow:

1. A case, a decision's publication, a legal review request or an AV exception is saved or deleted
   (by any service, the admin, an import or a fixture): the model signals connected in
   ``connect()`` (from ``SupervisionConfig.ready``) name the (agency, month) keys it touched — the
   keys of its values before and after the change (the values as loaded are kept at ``post_init``),
   so a date moved from May to June refreshes both months.
2. Inside a transaction each key touched queues one outbox item (``supervision.rollup``) in that
   transaction (once per key and transaction), so the refresh commits with the fact or not at all;
   a task worker runs it after the commit. With ``JOBS_OUTBOX_EAGER`` (tests) the key is refreshed
   at once, in line.
3. ``refresh(agency, month)`` recomputes that key's rows from the records with the same grouped
   queries the rebuild uses (``compute``) and replaces them: idempotent, whatever order items run in.
4. Writes that bypass model signals (``QuerySet.update``, ``bulk_create``: the workdays recount of
   publication due dates, bulk loads) are caught by the daily ``supervision.rollup_refresh`` job
   (the current and the previous month, and the months a recount may have moved) and by
   ``manage.py supervision_rollup --rebuild`` after a bulk load; ``--check`` reports every key where
   the stored roll-up differs from the records.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DateField, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone

from yangguang.cases.models import Case
from yangguang.evidence.models import RecordingException
from yangguang.jobs import outbox, registry
from yangguang.publicity.models import Publication, SourceKind
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.models import Agency

from .models import MonthFact

logger = logging.getLogger("yangguang.supervision")

KIND = "supervision.rollup"
REVIEW_FIELDS = {status: f"review_{status}" for status in RequestStatus.values}
COUNT_FIELDS = ("opened", "decided", "pub_on_time", "pub_late", *REVIEW_FIELDS.values(), "av_exceptions")
AMOUNT_FIELDS = ("fines", "confiscations")
FACT_FIELDS = COUNT_FIELDS + AMOUNT_FIELDS

Key = tuple[int, dt.date]  # (agency id, first day of the month)
Facts = dict[tuple[int, dt.date, str], dict[str, Any]]


def month_of(day: dt.date | dt.datetime) -> dt.date:
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    out, m = [], month_of(first)
    while m <= last:
        out.append(m)
        m = next_month(m)
    return out


# --- computing the facts from the records ------------------------------------------------------------


def _range(field: str, first: dt.date | None, last: dt.date | None, *, aware: bool = False) -> Q:
    """``field`` within the months ``first``..``last`` (first days; either open)."""
    q = Q(**{f"{field}__isnull": False})

    def bound(day: dt.date) -> Any:
        if not aware:
            return day
        return timezone.make_aware(dt.datetime(day.year, day.month, day.day))

    if first is not None:
        q &= Q(**{f"{field}__gte": bound(first)})
    if last is not None:
        q &= Q(**{f"{field}__lt": bound(next_month(last))})
    return q


def compute(*, agency_id: int | None = None, first: dt.date | None = None, last: dt.date | None = None) -> Facts:
    """The facts of every (agency, month, kind) from the records: of one agency or of all, for the
    months ``first``..``last`` (first days of months; None: unbounded). Five grouped queries."""
    out: Facts = {}

    def add(agency: int, month: Any, kind: str | None, **values: Any) -> None:
        row = out.setdefault((agency, month_of(month), kind or ""), {})
        for name, value in values.items():
            row[name] = row.get(name, 0) + (value or 0)

    cases = Case.objects.all() if agency_id is None else Case.objects.filter(agency_id=agency_id)
    for r in (
        cases.filter(_range("registered_on", first, last))
        .annotate(m=TruncMonth("registered_on"))
        .values("agency_id", "m", "kind")
        .annotate(n=Count("pk"))
    ):
        add(r["agency_id"], r["m"], r["kind"], opened=r["n"])
    for r in (
        cases.filter(_range("decided_on", first, last))
        .annotate(m=TruncMonth("decided_on"))
        .values("agency_id", "m", "kind")
        .annotate(n=Count("pk"), f=Sum("fine_amount"), c=Sum("confiscation_amount"))
    ):
        add(r["agency_id"], r["m"], r["kind"], decided=r["n"], fines=r["f"], confiscations=r["c"])

    pubs = Publication.objects.filter(source_kind=SourceKind.CASE_DECISION)
    if agency_id is not None:
        pubs = pubs.filter(agency_id=agency_id)
    for r in (
        pubs.filter(_range("decided_on", first, last))
        .annotate(m=TruncMonth("decided_on"))
        .values("agency_id", "m", "case__kind")
        .annotate(
            on_time=Count("pk", filter=Q(published_on__isnull=False, published_on__lte=F("due_on"))),
            late=Count("pk", filter=Q(published_on__gt=F("due_on"))),
        )
    ):
        if r["on_time"] or r["late"]:
            add(r["agency_id"], r["m"], r["case__kind"], pub_on_time=r["on_time"], pub_late=r["late"])

    reviews = ReviewRequest.objects.all() if agency_id is None else ReviewRequest.objects.filter(agency_id=agency_id)
    for r in (
        reviews.filter(_range("submitted_on", first, last))
        .annotate(m=TruncMonth("submitted_on"))
        .values("agency_id", "m", "case__kind", "status")
        .annotate(n=Count("pk"))
    ):
        if r["status"] in REVIEW_FIELDS:
            add(r["agency_id"], r["m"], r["case__kind"], **{REVIEW_FIELDS[r["status"]]: r["n"]})

    av = RecordingException.objects.all()
    if agency_id is not None:
        av = av.filter(case__agency_id=agency_id)
    for r in (
        av.filter(_range("recorded_at", first, last, aware=True))
        .annotate(m=TruncMonth("recorded_at", output_field=DateField()))
        .values("case__agency_id", "m", "case__kind")
        .annotate(n=Count("pk"))
    ):
        add(r["case__agency_id"], r["m"], r["case__kind"], av_exceptions=r["n"])
    return out


def _stored(agency_id: int | None, first: dt.date | None, last: dt.date | None) -> Any:
    qs = MonthFact.objects.all()
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if first is not None:
        qs = qs.filter(month__gte=first)
    if last is not None:
        qs = qs.filter(month__lte=last)
    return qs


def store(
    facts: Facts, *, agency_id: int | None = None, first: dt.date | None = None, last: dt.date | None = None
) -> int:
    """Replace the stored rows of the range by ``facts`` (one transaction). Returns the rows written."""
    rows = [
        MonthFact(agency_id=a, month=m, kind=k, **{f: v for f, v in values.items() if f in FACT_FIELDS})
        for (a, m, k), values in sorted(facts.items())
    ]
    with transaction.atomic():
        if agency_id is not None:  # one agency's refreshes run one at a time (no duplicate rows);
            # FOR NO KEY UPDATE: inserts referencing the agency (its cases, steps) are not blocked
            list(Agency.objects.select_for_update(no_key=True).filter(pk=agency_id).values_list("pk"))
        _stored(agency_id, first, last).delete()
        MonthFact.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def refresh(agency_id: int, month: dt.date) -> int:
    """Recompute one key (an agency's month) from the records: idempotent."""
    month = month_of(month)
    return store(compute(agency_id=agency_id, first=month, last=month), agency_id=agency_id, first=month, last=month)


def rebuild(*, first: dt.date | None = None, last: dt.date | None = None) -> int:
    """Recompute every agency's months ``first``..``last`` (everything when both are None)."""
    first = month_of(first) if first else None
    last = month_of(last) if last else None
    return store(compute(first=first, last=last), first=first, last=last)


def differences(*, first: dt.date | None = None, last: dt.date | None = None) -> list[str]:
    """Every (agency, month, kind) where the stored roll-up differs from the records."""
    want = compute(first=month_of(first) if first else None, last=month_of(last) if last else None)
    have = {
        (r.agency_id, r.month, r.kind): {f: getattr(r, f) for f in FACT_FIELDS}
        for r in _stored(None, month_of(first) if first else None, month_of(last) if last else None)
    }
    out = []
    for key in sorted(set(want) | set(have)):
        w = {f: want.get(key, {}).get(f, 0) or 0 for f in FACT_FIELDS}
        h = {f: have.get(key, {}).get(f, 0) or 0 for f in FACT_FIELDS}
        bad = {f: (h[f], w[f]) for f in FACT_FIELDS if Decimal(h[f]) != Decimal(w[f])}
        if bad:
            out.append(
                f"agency {key[0]} {key[1]:%Y-%m} {key[2] or '-'}: "
                + ", ".join(f"{f} {old}≠{new}" for f, (old, new) in bad.items())
            )
    return out


# --- keeping it current ------------------------------------------------------------------------------


@registry.handler(KIND, queue="maintenance", backoff_seconds=2.0)
def run_refresh(payload: dict[str, Any]) -> int:
    # Every write queues its keys, so a busy agency's month waits several times over: settle the
    # other waiting refreshes of the key first, then recompute once (``outbox.coalesce`` says why
    # that loses nothing).
    outbox.coalesce(kind=KIND, payload=payload)
    return refresh(int(payload["agency"]), dt.date.fromisoformat(payload["month"]))


def refresh_recent_job() -> str:
    """Daily: recompute the current and the previous month of every agency (and, for publications
    whose due date a confirmed holiday schedule moved with a bulk update, the year before)."""
    today = timezone.localdate()
    first = dt.date(today.year - 1, today.month, 1)
    n = rebuild(first=first, last=today)
    return f"{n} rows from {first:%Y-%m}"


_local = threading.local()


def _clear() -> None:
    _local.keys = set()


def _pending() -> set[Key]:
    """The keys already queued in the current transaction (a fresh set in a new transaction: the
    set's clearing callback is registered on the transaction, Django drops it on rollback)."""
    conn = transaction.get_connection()
    if not any(item[1] is _clear for item in conn.run_on_commit):
        _local.keys = set()
        transaction.on_commit(_clear)
    keys: set[Key] = _local.keys
    return keys


def touch(keys: Iterable[tuple[int | None, dt.date | None]]) -> None:
    """Queue the refresh of the (agency, month) keys a write changed."""
    wanted = {(a, month_of(m)) for a, m in keys if a and m}
    if not wanted:
        return
    if getattr(settings, "JOBS_OUTBOX_EAGER", False):
        for a, m in sorted(wanted):
            refresh(a, m)
        return
    conn = transaction.get_connection()
    pending = _pending() if conn.in_atomic_block else set()
    for a, m in sorted(wanted - pending):
        outbox.add(
            kind=KIND,
            key=f"{KIND}:{a}:{m:%Y-%m}:{uuid.uuid4().hex}",
            payload={"agency": a, "month": m.isoformat()},
        )
    pending |= wanted


# What each model's rows are counted under: (agency id, date) pairs.
def _case_keys(c: Any) -> set[tuple[Any, Any]]:
    d = c.__dict__
    return {(d.get("agency_id"), d.get("registered_on")), (d.get("agency_id"), d.get("decided_on"))}


def _publication_keys(p: Any) -> set[tuple[Any, Any]]:
    d = p.__dict__
    if d.get("source_kind") != SourceKind.CASE_DECISION:
        return set()
    return {(d.get("agency_id"), d.get("decided_on"))}


def _review_keys(r: Any) -> set[tuple[Any, Any]]:
    d = r.__dict__
    return {(d.get("agency_id"), d.get("submitted_on"))}


def _av_keys(e: Any) -> set[tuple[Any, Any]]:
    d = e.__dict__
    if not d.get("case_id"):
        return set()
    agency = d.get("_rollup_agency")
    if agency is None:
        agency = Case.objects.filter(pk=d["case_id"]).values_list("agency_id", flat=True).first()
        e._rollup_agency = agency
    return {(agency, day) for day in (d.get("recorded_at"), d.get("_rollup_recorded_at")) if day}


KEYS = {Case: _case_keys, Publication: _publication_keys, ReviewRequest: _review_keys, RecordingException: _av_keys}


def _loaded(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Keep the values as loaded, so that a save refreshes the months they counted in too."""
    if instance._state.adding and instance.pk is None:
        return
    if sender is RecordingException:  # its agency is the case's: looked up when it is saved
        instance._rollup_recorded_at = instance.__dict__.get("recorded_at")
    else:
        instance._rollup_keys = KEYS[sender](instance)


def _saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    keys = KEYS[sender](instance)
    touch(keys | getattr(instance, "_rollup_keys", set()))
    if sender is RecordingException:
        instance._rollup_recorded_at = instance.recorded_at
    else:
        instance._rollup_keys = keys


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    touch(KEYS[sender](instance) | getattr(instance, "_rollup_keys", set()))


def connect() -> None:
    """Connect the model signals (once, from ``SupervisionConfig.ready``)."""
    for model in KEYS:
        uid = f"supervision.rollup.{model.__name__}"
        post_init.connect(_loaded, sender=model, dispatch_uid=uid + ".init")
        post_save.connect(_saved, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + ".delete")
