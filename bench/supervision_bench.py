#!/usr/bin/env python3
"""Supervision cockpit benchmark (not a test): each view of the cockpit on a province-sized data set.

    .venv/bin/python bench/supervision_bench.py --cases 300000                 # SQLite (fresh file)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/supervision_bench.py --cases 300000

It seeds the province roster (``seed_demo --scale province``: 437 agencies of 11 cities and 90
counties, 30,000 officers; the entity directory is cut to ``--entities``, since the cockpit does
not read it), then generates ``--cases`` cases over two years spread across every agency and kind
(decisions with fines and confiscations, their publications on time, late or missing, legal reviews,
AV recording exceptions) with bulk inserts, and builds the cockpit's roll-up
(``supervision_rollup --rebuild``) and stores the cases' next due dates (``case_deadlines
--recount``) — bulk inserts bypass the model signals that keep both current — and
measures in-process (Django test client) the pages a supervisor of the provincial justice
department opens — the province, a city, a county, an agency, case lists behind figures, the XLSX
export, the home page (cockpit and 即将到期 panels) and the to-do centre — and an agency head's home
page and to-do centre; then the refresh of one roll-up key (what the outbox runs after a write).
Prints the median and the worst wall time of ``--rounds`` requests per view with the median CPU
time of this process (SQLite runs in it; PostgreSQL's server time is not in it) and the load
average when the view was measured. Target: every view under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("YG_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    from yangguang.ledger.crypto import generate_key

    if not any(Path(settings.LEDGER_KEY_DIR).glob("*")):
        generate_key()  # the ledger signs checkpoints after commits (no key: an error per commit)


def seed(entities: int, cases: int, today: dt.date) -> None:
    from django.db import transaction

    from yangguang.cases.models import Case
    from yangguang.cases.workflow import CaseKind, CaseState
    from yangguang.demo.generator import custom_scale, seed_demo
    from yangguang.evidence.models import RecordingException
    from yangguang.publicity.models import Publication, PublicationStatus, SourceKind
    from yangguang.review.models import RequestStatus, ReviewRequest
    from yangguang.roster.models import Agency, User

    t0 = time.perf_counter()
    seed_demo(scale=custom_scale("province", entities=entities), today=today)
    print(f"seed_demo province (entities {entities}): {time.perf_counter() - t0:.1f} s", flush=True)
    rng = random.Random(19)
    agencies = list(Agency.objects.filter(is_supervisor=False).values_list("pk", "region_id"))
    actor = User.objects.filter(role="officer").first()
    assert actor is not None
    kinds = [
        (CaseKind.PENALTY_ORDINARY, 0.45),
        (CaseKind.PENALTY_SUMMARY, 0.2),
        (CaseKind.INSPECTION, 0.25),
        (CaseKind.COERCIVE_MEASURE, 0.05),
        (CaseKind.LICENSING, 0.05),
    ]
    t0 = time.perf_counter()
    batch: list[Case] = []
    serial: dict[int, int] = {}
    for _ in range(cases):
        agency_id, region_id = agencies[rng.randrange(len(agencies))]
        kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        registered = today - dt.timedelta(days=rng.randrange(730))
        decided = registered + dt.timedelta(days=rng.randrange(1, 120)) if rng.random() < 0.8 else None
        if decided is not None and decided > today:
            decided = None
        fine = (
            Decimal(rng.choice([200, 500, 1000, 2000, 5000, 10000, 50000]))
            if decided and kind.startswith("penalty")
            else None
        )
        serial[agency_id] = serial.get(agency_id, 0) + 1
        batch.append(
            Case(
                agency_id=agency_id,
                kind=kind,
                number=f"基准{agency_id}-{serial[agency_id]}",
                year=registered.year,
                serial=serial[agency_id],
                state=CaseState.CLOSED if decided else CaseState.INVESTIGATING,
                title="基准测试案件",
                region_id=region_id,
                registered_on=registered,
                filed_on=registered,
                decided_on=decided,
                fine_amount=fine,
                confiscation_amount=Decimal(rng.choice([0, 0, 0, 3000])) if fine else None,
                created_by=actor,
            )
        )
        if len(batch) == 5000:
            with transaction.atomic():
                Case.objects.bulk_create(batch)
            batch = []
    with transaction.atomic():
        Case.objects.bulk_create(batch)
    print(f"cases {cases}: {time.perf_counter() - t0:.1f} s", flush=True)

    t0 = time.perf_counter()
    paths = dict(Agency.objects.values_list("pk", "region__path"))
    pubs: list[Publication] = []
    reviews: list[ReviewRequest] = []
    exceptions: list[RecordingException] = []
    rows = Case.objects.filter(decided_on__isnull=False).values_list(
        "pk", "agency_id", "region_id", "decided_on", "kind"
    )
    for pk, agency_id, region_id, decided, kind in rows.iterator(chunk_size=5000):
        due = decided + dt.timedelta(days=9)
        r = rng.random()
        published = (
            decided + dt.timedelta(days=rng.randrange(1, 9))
            if r < 0.85
            else (due + dt.timedelta(days=5) if r < 0.95 else None)
        )
        if published is not None and published > today:
            published = None
        pubs.append(
            Publication(
                source_kind=SourceKind.CASE_DECISION,
                source_id=pk,
                case_id=pk,
                agency_id=agency_id,
                region_id=region_id,
                region_path=paths[agency_id],
                action_kind="penalty",
                number=f"基准{pk}",
                title="基准测试决定",
                decided_on=decided,
                due_on=due,
                status=PublicationStatus.PUBLISHED if published else PublicationStatus.PENDING,
                published_on=published,
                original_text="x",
                redacted_text="x",
            )
        )
        if kind == CaseKind.PENALTY_ORDINARY and rng.random() < 0.1:
            reviews.append(
                ReviewRequest(
                    case_id=pk,
                    agency_id=agency_id,
                    status=RequestStatus.PASSED,
                    submitted_by=actor,
                    submitted_on=decided - dt.timedelta(days=5),
                    passed_on=decided - dt.timedelta(days=2),
                )
            )
        if kind == CaseKind.COERCIVE_MEASURE and rng.random() < 0.2:
            exceptions.append(RecordingException(case_id=pk, step="impose", reason="设备故障", recorded_by=actor))
        if len(pubs) >= 5000:
            with transaction.atomic():
                Publication.objects.bulk_create(pubs)
                ReviewRequest.objects.bulk_create(reviews)
                RecordingException.objects.bulk_create(exceptions)
            pubs, reviews, exceptions = [], [], []
    with transaction.atomic():
        Publication.objects.bulk_create(pubs)
        ReviewRequest.objects.bulk_create(reviews)
        RecordingException.objects.bulk_create(exceptions)
    print(
        f"publications {Publication.objects.count()}, reviews {ReviewRequest.objects.count()}, "
        f"AV exceptions {RecordingException.objects.count()}: {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    from yangguang.cases.deadlines import recount_all
    from yangguang.supervision import rollup

    t0, c0 = time.perf_counter(), time.process_time()
    n = recount_all()
    print(
        f"cases' next due dates (case_deadlines --recount): {n} set, {time.perf_counter() - t0:.1f} s wall, "
        f"{time.process_time() - c0:.1f} s CPU",
        flush=True,
    )
    t0, c0 = time.perf_counter(), time.process_time()
    n = rollup.rebuild()
    print(
        f"roll-up rebuild: {n} rows, {time.perf_counter() - t0:.1f} s wall, {time.process_time() - c0:.1f} s CPU",
        flush=True,
    )


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure(rounds: int) -> None:
    from django.test import Client

    from yangguang.roster.models import Agency, Region, User
    from yangguang.supervision import rollup

    bureau = Agency.objects.filter(is_supervisor=True, region__level="province").first()
    assert bureau is not None, "no provincial justice department in the seed"
    user, _ = User.objects.get_or_create(
        username="bench_supervisor", defaults={"role": "supervisor", "agency": bureau, "full_name": "基准监督员"}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    city = Region.objects.filter(level="city").order_by("code").first()
    county = Region.objects.filter(level="county").order_by("code").first()
    agency = Agency.objects.filter(is_supervisor=False, region=county).first()
    assert city and county and agency
    head, _ = User.objects.get_or_create(
        username="bench_agency_head", defaults={"role": "agency_head", "agency": agency, "full_name": "基准局长"}
    )
    head_client = Client(HTTP_HOST="localhost")
    head_client.force_login(head)
    views = [
        ("cockpit: province", client, f"/supervision/?region={bureau.region.code}"),
        (f"cockpit: city {city.name}", client, f"/supervision/?region={city.code}"),
        (f"cockpit: county {county.name}", client, f"/supervision/?region={county.code}"),
        ("cockpit: one agency", client, f"/supervision/?agency={agency.pk}"),
        ("case list: publication late (province)", client, "/supervision/cockpit/cases/?metric=publication_late"),
        (
            "case list: fines of a month (province)",
            client,
            f"/supervision/cockpit/cases/?metric=fines&month={dt.date.today():%Y-%m}",
        ),
        ("case list: overdue (province)", client, "/supervision/cockpit/cases/?metric=overdue"),
        ("XLSX export (province)", client, "/supervision/cockpit/export/"),
        ("home: supervisor (cockpit, 即将到期)", client, "/"),
        ("to-do: supervisor", client, "/todo/"),
        ("deadlines page: supervisor (200 soonest)", client, "/cases/deadlines/"),
        ("home: agency head", head_client, "/"),
        ("to-do: agency head", head_client, "/todo/"),
        ("deadlines page: agency head", head_client, "/cases/deadlines/"),
    ]
    print(f"\n{'view':45} {'median ms':>10} {'max ms':>10} {'CPU ms':>10}  load 1/5/15 min")
    for label, c, url in views:
        times, cpu = [], []
        load = _load()
        for _ in range(rounds):
            t0, c0 = time.perf_counter(), time.process_time()
            r = c.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert r.status_code == 200, (url, r.status_code)
            if times[-1] > 20_000:  # a view that slow: one round says enough
                break
        print(
            f"{label:45} {statistics.median(times):10.1f} {max(times):10.1f} {statistics.median(cpu):10.1f}  {load}",
            flush=True,
        )
    month = dt.date.today().replace(day=1)
    times, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        rollup.refresh(agency.pk, month)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    label = "roll-up: refresh one key (agency, month)"
    print(
        f"{label:45} {statistics.median(times):10.1f} {max(times):10.1f} {statistics.median(cpu):10.1f}  {_load()}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=300_000)
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--var-dir", default="")
    parser.add_argument(
        "--measure-only", action="store_true", help="reuse the data seeded before in --var-dir (SQLite), only measure"
    )
    args = parser.parse_args()
    var_dir = args.var_dir or tempfile.mkdtemp(prefix="yg-supervision-bench-")
    setup_django(var_dir)
    from django.db import connection

    print(f"database: {connection.vendor}; var dir {var_dir}", flush=True)
    if not args.measure_only:
        seed(args.entities, args.cases, dt.date.today())
    measure(args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
