#!/usr/bin/env python3
"""Random inspection draw benchmark (issue 18; not a test): a draw among 1,000,000 entities in 4
strata and 10,000 inspectors with recusal, < 2 s, identical on SQLite, PostgreSQL and in
``tools/verify_draw.py``.

Two parts, reported separately:

1. **The draw computation** (``yangguang/inspections/draw.py``, the function the platform and the
   verifier both run): 1,000,000 entities in 4 strata (A/B/C/D at 1 %/3 %/10 %/30 %, the ratios
   the issue gives as an example), 10,000 inspectors in two agencies (one per agency per entity),
   10,000 declared recusal pairs. Timed in process (wall and CPU), then the same files are handed
   to ``tools/verify_draw.py`` in a fresh ``python -I`` process, which must print the same result.
2. **From the database**: the same sizes stored (entities with the roster's three risk grades,
   officers with certificates, conflicts), then ``services.commit_draw`` (the snapshot read from
   the database, hashed and stored) and ``services.reveal_draw`` (the draw, the tasks and the
   assignments written) timed one by one. The data are generated deterministically, so the
   printed digests must be equal on SQLite and PostgreSQL.

    .venv/bin/python bench/inspections_draw_bench.py                     # SQLite (a fresh file database)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/inspections_draw_bench.py   # PostgreSQL

Options: --entities N (default 1000000), --inspectors N (default 10000), --skip-db.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = "drand-quicknet-round-1234567-randomness"
DAY = dt.date(2026, 3, 2)


def timed(label: str, fn: Any) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    print(
        f"{label:<58} {time.perf_counter() - wall:7.2f} s wall {time.process_time() - cpu:7.2f} s CPU",
        flush=True,
    )
    return result


def uscc(i: int) -> str:
    from yangguang.core.validators import make_uscc

    return make_uscc(2_000_000 + i)


def pure(n: int, inspectors: int) -> None:
    from yangguang.inspections import draw

    print(f"== draw computation: {n:,} entities in 4 strata, {inspectors:,} inspectors, recusal")
    codes = [uscc(i) for i in range(n)]
    strata = "ABCD"
    entities = timed("build entities.tsv", lambda: draw.entities_file((c, strata[i % 4]) for i, c in enumerate(codes)))
    insp = draw.inspectors_file(
        (f"ZJ{i:08d}", "11330100AGENCY001X" if i % 2 else "11330100AGENCY002X") for i in range(inspectors)
    )
    pairs = [(f"ZJ{i:08d}", codes[(i * 7919) % n]) for i in range(inspectors)]
    conflicts = timed("build conflicts.tsv", lambda: draw.conflicts_file("BENCH-PLAN", pairs))
    quotas = {s: draw.Quota(ratio=r) for s, r in zip(strata, ("0.01", "0.03", "0.1", "0.3"), strict=True)}
    commitment = draw.make_commitment(
        plan="BENCH-PLAN",
        entities=entities,
        inspectors=insp,
        conflicts=conflicts,
        quotas=quotas,
        agencies=["11330100AGENCY001X", "11330100AGENCY002X"],
        per_agency=1,
        seed_source="drand quicknet round 1234567",
    )
    result = timed(
        "run_draw (hash check, tickets, selection, inspectors)",
        lambda: draw.run_draw(
            commitment=commitment, seed=SEED, entities=entities, inspectors=insp, conflicts=conflicts
        ),
    )
    print(f"  selected {len(result.selected):,} by stratum {result.sizes}; result sha256 {result.digest}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in (
            ("commitment.json", commitment.to_json()),
            ("entities.tsv", entities),
            ("inspectors.tsv", insp),
            ("conflicts.tsv", conflicts),
            ("seed.txt", (SEED + "\n").encode()),
            ("result.tsv", result.to_file()),
        ):
            (folder / name).write_bytes(data)
        tool = ROOT / "tools" / "verify_draw.py"
        out = timed(
            "tools/verify_draw.py (python -I, reads the files)",
            lambda: subprocess.run([sys.executable, "-I", str(tool), str(folder)], capture_output=True, text=True),
        )
        print(f"  verifier: exit {out.returncode}: {(out.stdout or out.stderr).strip()}")


def setup() -> None:
    tmp = tempfile.mkdtemp(prefix="yg-inspections-bench-")
    os.environ.setdefault("YG_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.conf import settings

    from yangguang.ledger.crypto import generate_key

    settings.LEDGER_KEY_DIR = Path(tmp) / "keys"
    settings.LEDGER_KEY_DIR.mkdir()
    generate_key()


def database(n: int, inspectors: int) -> None:
    from django.db import connection

    from yangguang.core.validators import make_uscc
    from yangguang.inspections import services
    from yangguang.inspections.models import Conflict, InspectionTask
    from yangguang.roster.models import (
        ActionKind,
        Agency,
        Entity,
        InspectionItem,
        Officer,
        Region,
        RegionLevel,
        Role,
        User,
    )

    print(f"== from the database ({connection.vendor}): {n:,} entities, {inspectors:,} officers, recusal")
    region = Region.objects.create(code="330100", name="杭州市", level=RegionLevel.CITY, path="/330100/")
    market = Agency.objects.create(name="市场监督管理局", uscc=make_uscc(1, org_type="11"), region=region)
    health = Agency.objects.create(name="卫生健康委员会", uscc=make_uscc(2, org_type="11"), region=region)
    grades = ("low", "low", "medium", "high")

    def entities() -> None:
        batch = []
        for i in range(n):
            batch.append(
                Entity(name=f"测试餐饮{i}", uscc=uscc(i), region=region, industry="餐饮服务", risk_grade=grades[i % 4])
            )
            if len(batch) == 10_000:
                Entity.objects.bulk_create(batch)
                batch = []
        Entity.objects.bulk_create(batch)

    timed(f"insert {n:,} entities (setup, not the draw)", entities)
    officers = [
        Officer(
            name=f"检查员{i}",
            agency=market if i % 2 else health,
            certificate_no=f"ZJ{i:08d}",
            categories=[ActionKind.INSPECTION],
            region=region,
            cert_valid_from=dt.date(2024, 1, 1),
            cert_valid_until=dt.date(2030, 12, 31),
        )
        for i in range(inspectors)
    ]
    Officer.objects.bulk_create(officers, batch_size=5000)
    head_officer = Officer.objects.filter(agency=market).first()
    head = User.objects.create(username="head", role=Role.AGENCY_HEAD, agency=market, officer=head_officer)
    maker = User.objects.create(username="maker", role=Role.UNIT_HEAD, agency=market)
    ids = dict(Entity.objects.values_list("uscc", "pk"))
    offs = list(Officer.objects.order_by("certificate_no").values_list("pk", flat=True))
    Conflict.objects.bulk_create(
        [
            Conflict(officer_id=offs[i], entity_id=ids[uscc((i * 7919) % n)], kind="kinship", declared_by=head)
            for i in range(inspectors)
        ],
        batch_size=5000,
    )
    item = InspectionItem.objects.create(agency=market, code="SJ01", name="餐饮服务食品安全检查")
    plan = services.create_plan(
        actor=maker,
        title="基准测试联合抽查",
        year=2026,
        items=[item],
        participants=[health],
        period_start=DAY,
        period_end=dt.date(2026, 6, 30),
        quotas={"low": {"ratio": "0.01"}, "medium": {"ratio": "0.1"}, "high": {"ratio": "0.3"}},
        per_agency=1,
    )
    services.approve_plan(plan=plan, actor=head)
    services.publish_plan(plan=plan, actor=maker)
    d = timed(
        "commit_draw (snapshot from the database, hash, store)",
        lambda: services.commit_draw(plan=plan, actor=maker, seed_source="drand", revealer=head, inspection_date=DAY),
    )
    from yangguang.inspections import draw as drawing

    files = services.draw_files(d)
    commitment = drawing.Commitment.from_json(files["commitment.json"])
    pure_result = timed(
        "the draw computation alone, on the stored files",
        lambda: drawing.run_draw(
            commitment=commitment,
            seed=SEED,
            entities=files["entities.tsv"],
            inspectors=files["inspectors.tsv"],
            conflicts=files["conflicts.tsv"],
        ),
    )
    d = timed(
        "reveal_draw (draw + write tasks and assignments)",
        lambda: services.reveal_draw(draw=d, actor=head, seed=SEED),
    )
    print(f"  commitment sha256 {d.commitment_sha256}")
    print(f"  result sha256     {d.result_sha256} (recomputed: {pure_result.digest})")
    print(f"  tasks {InspectionTask.objects.filter(draw=d).count():,}; sizes {d.sizes}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--inspectors", type=int, default=10_000)
    parser.add_argument("--skip-db", action="store_true")
    args = parser.parse_args()
    setup()
    pure(args.entities, args.inspectors)
    if not args.skip_db:
        database(args.entities, args.inspectors)


if __name__ == "__main__":
    main()
