#!/usr/bin/env python3
"""To-do centre and approval queue benchmark (not a test).

    .venv/bin/python bench/todo_bench.py --cases 200                  # SQLite (fresh file)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/todo_bench.py --cases 200

Seeds one agency (a unit head who files a quarter of the cases himself, an agency head, ``--officers`` officers) and registers ``--cases``
penalty cases through the real services, half of them submitted for 立案审批 (pending approvals), a
quarter filed (a running 90-day decision period). Then measures, ``--rounds`` times each: the agency
head's to-do items (``todo_for``: his approval queue judged by the policy, the agency's deadlines), an
officer's, the top bar's counts from the cache, and the approval of one request
(``decide_approval``: the filing step, its 立案审批表 and two ledger entries). Prints median and worst.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
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
        generate_key()


def timed(fn, rounds: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out), max(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--officers", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    setup_django(tempfile.mkdtemp(prefix="yg-todo-bench-"))

    from django.core.cache import cache
    from django.utils import timezone

    from yangguang.cases.models import ApprovalRequest
    from yangguang.cases.services import case_transition, create_case, decide_approval
    from yangguang.core.extensions import todo_counts, todo_for
    from yangguang.core.validators import make_uscc
    from yangguang.roster.models import ActionKind, Agency, EnforcementItem, Officer, Region, Unit, User

    today = timezone.localdate()
    region = Region.objects.create(code="330100", name="杭州市", level="city", path="/330100/")
    agency = Agency.objects.create(
        name="杭州市基准市场监督管理局",
        uscc=make_uscc(990_001, org_type="11"),
        region=region,
        power_kinds=[ActionKind.PENALTY],
    )
    unit = Unit.objects.create(agency=agency, name="执法稽查处")
    officers = []
    for n in range(args.officers):
        o = Officer.objects.create(
            name=f"执法{n:03d}",
            agency=agency,
            unit=unit,
            certificate_no=f"BM{n:08d}",
            categories=["penalty"],
            region=region,
            cert_valid_from=dt.date(2024, 1, 1),
            cert_valid_until=dt.date(2030, 12, 31),
        )
        officers.append(User.objects.create(username=f"bm{n}", role="officer", agency=agency, officer=o))
    head_officer = Officer.objects.create(
        name="周局长",
        agency=agency,
        certificate_no="BMHEAD01",
        categories=["penalty"],
        region=region,
        cert_valid_from=dt.date(2024, 1, 1),
        cert_valid_until=dt.date(2030, 12, 31),
    )
    head = User.objects.create(username="bmhead", role="agency_head", agency=agency, officer=head_officer)
    chief_officer = Officer.objects.create(
        name="钱科长",
        agency=agency,
        unit=unit,
        certificate_no="BMUNIT01",
        categories=["penalty"],
        region=region,
        cert_valid_from=dt.date(2024, 1, 1),
        cert_valid_until=dt.date(2030, 12, 31),
    )
    chief = User.objects.create(username="bmchief", role="unit_head", agency=agency, officer=chief_officer)
    item = EnforcementItem.objects.create(
        agency=agency, code="BM0001", name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY
    )
    t0 = time.perf_counter()
    for i in range(args.cases):
        actor, second = officers[i % len(officers)], officers[(i + 1) % len(officers)]
        case = create_case(
            actor=actor,
            kind="penalty_ordinary",
            title=f"涉嫌销售过期食品案{i}",
            parties=[
                {
                    "kind": "organization",
                    "name": f"基准食品有限公司{i}",
                    "id_number": make_uscc(700_000 + i),
                    "legal_representative": "王五",
                    "address": "杭州市西湖区文三路1号",
                }
            ],
            officers=[second.officer],
            item=item,
            source="complaint",
            facts="当事人销售超过保质期的食品。",
            violation_date=today - dt.timedelta(days=10),
            discovery_date=today,
            occurred_on=today,
        )
        if i % 4 == 0:
            case_transition(case=case, action="file", actor=chief, occurred_on=today)
        elif i % 2 == 1:
            case_transition(case=case, action="file", actor=actor, occurred_on=today)
    seeded = time.perf_counter() - t0
    pending = ApprovalRequest.objects.filter(status="pending").count()
    print(f"seeded {args.cases} cases ({pending} pending 立案审批) in {seeded:.1f} s")

    officer = officers[1]
    for label, fn in (
        ("todo_for(agency head)", lambda: todo_for(head, today)),
        ("todo_for(officer)", lambda: todo_for(officer, today)),
    ):
        med, worst = timed(fn, args.rounds)
        print(f"{label:32s} median {med * 1000:7.1f} ms  worst {worst * 1000:7.1f} ms")
    n = {b: len(v) for b, v in todo_for(head, today).items()}
    print(f"agency head's items: {n}")
    cache.clear()
    todo_counts(head, today)
    med, worst = timed(lambda: todo_counts(head, today), args.rounds)
    print(f"{'todo_counts (cached)':32s} median {med * 1000:7.1f} ms  worst {worst * 1000:7.1f} ms")
    requests = list(ApprovalRequest.objects.filter(status="pending").order_by("pk")[: args.rounds])
    times = []
    for req in requests:
        t = time.perf_counter()
        decide_approval(request=req, actor=head, approve=True, opinion="同意立案", occurred_on=today)
        times.append(time.perf_counter() - t)
    if times:
        print(
            f"{'decide_approval (file)':32s} median {statistics.median(times) * 1000:7.1f} ms  worst {max(times) * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()
