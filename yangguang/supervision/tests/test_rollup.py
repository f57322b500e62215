"""The cockpit's roll-up: on random records (cases over 30 months in four agencies, publications on
time, late and pending, reviews of every status, AV exceptions; then a decision moved to another
month, a publication deleted, a review's status changed) the cockpit's figures from the roll-up
equal the direct computation at every position, and the stored roll-up equals a rebuild; outside
the tests' in-line mode each touched key is queued once per transaction and refreshed by the
outbox."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from yangguang.evidence.models import RecordingException
from yangguang.jobs import outbox
from yangguang.jobs.models import OutboxItem
from yangguang.publicity.models import Publication
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.tests.factories import AgencyFactory
from yangguang.supervision import cockpit, rollup
from yangguang.supervision.models import MonthFact

from .conftest import D, make_case, make_publication
from .reference_cockpit import direct_figures

pytestmark = pytest.mark.django_db
KINDS = ["penalty_ordinary", "penalty_summary", "inspection", "coercive_measure", "licensing"]


def _world(agencies: list[Any], officer: Any, today: dt.date) -> None:
    rng = random.Random(19)
    for _ in range(90):
        agency = rng.choice(agencies)
        kind = rng.choice(KINDS)
        registered = today - dt.timedelta(days=rng.randrange(900))
        decided = registered + dt.timedelta(days=rng.randrange(1, 90)) if rng.random() < 0.7 else None
        decided = decided if decided and decided <= today else None
        case = make_case(
            agency,
            officer,
            kind=kind,
            state="decided" if decided else rng.choice(["investigating", "notified"]),
            registered_on=registered,
            filed_on=registered,
            decided_on=decided,
            fine_amount=Decimal(rng.choice([200, 1500, 50000])) if decided else None,
            confiscation_amount=Decimal(rng.choice([0, 3000])) if decided else None,
        )
        if decided:
            due, r = decided + dt.timedelta(days=9), rng.random()
            published = decided + dt.timedelta(days=3) if r < 0.5 else due + dt.timedelta(days=4) if r < 0.75 else None
            published = published if published and published <= today else None
            make_publication(
                case,
                due=due,
                decided_on=decided,
                status="published" if published else "pending",
                published_on=published,
            )
        if rng.random() < 0.3:
            ReviewRequest.objects.create(
                case=case,
                agency=agency,
                status=rng.choice(RequestStatus.values),
                submitted_by=officer,
                submitted_on=min(registered + dt.timedelta(days=2), today),
            )
        if rng.random() < 0.15:
            e = RecordingException.objects.create(case=case, step="impose", reason="设备故障", recorded_by=officer)
            e.recorded_at = timezone.make_aware(dt.datetime.combine(registered, dt.time(0, 30)))
            e.save()
    # later changes: each leaves a month it counted in before
    case = make_case(agencies[0], officer, state="decided", decided_on=today - dt.timedelta(days=70))
    case.decided_on, case.fine_amount = today - dt.timedelta(days=20), Decimal("800")
    case.save()
    Publication.objects.order_by("pk").first().delete()  # type: ignore[union-attr]
    review = ReviewRequest.objects.exclude(status="passed").order_by("pk").first()
    assert review is not None
    review.status, review.submitted_on = "passed", review.submitted_on - dt.timedelta(days=40)
    review.save()
    av = RecordingException.objects.order_by("pk").first()
    assert av is not None
    av.recorded_at -= dt.timedelta(days=45)
    av.save()


def test_rollup_figures_equal_the_direct_computation(
    agency: Any, officer: Any, supervisor: Any, county: Any, other_city_agency: Any
) -> None:
    today = timezone.localdate()
    county_agency: Any = AgencyFactory(name="西湖区市场监督管理局", region=county)
    _world([agency, county_agency, AgencyFactory(region=county), other_city_agency], officer, today)
    assert rollup.differences() == []
    positions = [
        cockpit.position(supervisor, agency_id=None, today=today),
        cockpit.position(supervisor, region_code=county.code, agency_id=None, today=today),
        cockpit.position(supervisor, agency_id=county_agency.pk, today=today),
    ]
    for pos in positions:
        assert pos is not None
        got, want = cockpit.figures(supervisor, pos, today), direct_figures(supervisor, pos, today)
        assert got == want
        assert sum(k["opened"] for k in got["kinds"]) > 0
    # a rebuild from the records writes the same rows
    before = sorted(MonthFact.objects.values_list("agency_id", "month", "kind", "opened", "decided", "fines"))
    call_command("supervision_rollup", "--rebuild")
    assert sorted(MonthFact.objects.values_list("agency_id", "month", "kind", "opened", "decided", "fines")) == before
    # a write that bypasses the signals is found by --check and repaired by --rebuild
    MonthFact.objects.filter(agency=agency).update(opened=999)
    with pytest.raises(CommandError, match="不一致"):
        call_command("supervision_rollup", "--check")
    call_command("supervision_rollup", "--rebuild", "--from", "2000-01")
    call_command("supervision_rollup", "--check")


def test_touched_keys_go_through_the_outbox_once_per_transaction(settings: Any, agency: Any, officer: Any) -> None:
    settings.JOBS_OUTBOX_EAGER = False
    with transaction.atomic():
        case = make_case(agency, officer, state="decided", registered_on=D(2026, 5, 3), decided_on=D(2026, 6, 1))
        case.fine_amount = Decimal("700")
        case.save()
    items = OutboxItem.objects.filter(kind=rollup.KIND)
    assert sorted(i.payload["month"] for i in items) == ["2026-05-01", "2026-06-01"]
    assert not MonthFact.objects.exists()
    outbox.drain()
    facts = {f.month: f for f in MonthFact.objects.filter(agency=agency)}
    assert facts[D(2026, 5, 1)].opened == 1 and facts[D(2026, 6, 1)].fines == Decimal("700")


@pytest.mark.django_db(transaction=True)
def test_waiting_refreshes_of_one_key_are_run_once(settings: Any, agency: Any, officer: Any) -> None:
    """Three transactions touch the same month before a worker gets to it: the first refresh settles
    the other two (their changes were committed before it read the records) and counts all three."""
    settings.JOBS_OUTBOX_EAGER = False
    for n in range(3):
        with transaction.atomic():
            make_case(agency, officer, state="registered", registered_on=D(2026, 5, 3 + n))
    other: Any = AgencyFactory()
    with transaction.atomic():
        make_case(other, officer, state="registered", registered_on=D(2026, 5, 9))
    items = OutboxItem.objects.filter(kind=rollup.KIND, payload__agency=agency.pk).order_by("pk")
    assert items.count() == 3
    first = items.first()
    assert first is not None
    assert outbox.run_item(first.pk) == "done"
    statuses = list(OutboxItem.objects.filter(kind=rollup.KIND).order_by("pk").values_list("status", "result"))
    assert statuses == [("done", 1), ("done", {"coalesced": True}), ("done", {"coalesced": True}), ("pending", None)]
    assert MonthFact.objects.get(agency=agency, month=D(2026, 5, 1)).opened == 3
    outbox.drain()
    assert MonthFact.objects.get(agency=other, month=D(2026, 5, 1)).opened == 1
