#!/usr/bin/env python3
"""Case file (一案一卷) export benchmark (not a test): the streamed ZIP of a large penalty case.

    .venv/bin/python bench/case_file_bench.py --records 100 --photos 300
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/case_file_bench.py --records 100 --photos 300

Builds one case in a throwaway database: filed, ``--records`` 现场检查笔录 and 询问笔录 (half each,
every one issued as a document and signed by two persons), ``--photos`` JPEG photos ingested as
evidence. Then streams the ZIP (``evidence.export.stream_case_zip``: statutory order, 卷内目录 with
page numbers, signatures) and prints its size, the time to the last byte, the number of files and
pages, and the peak memory of the process. Target: a case of 100 records and 300 photos exports in
under 10 s without holding the ZIP in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100)
    parser.add_argument("--photos", type=int, default=300)
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="yg-casefile-")
    os.environ.setdefault("YG_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.JOBS_OUTBOX_EAGER = True
    settings.LEDGER_KEY_DIR = Path(var_dir) / "ledger-keys"
    call_command("migrate", "--noinput", verbosity=0)
    from django.utils import timezone
    from PIL import Image

    from yangguang.cases.services import case_transition, create_case
    from yangguang.cases.tests.conftest import company
    from yangguang.documents.models import IssuedDocument
    from yangguang.documents.services import sign_document
    from yangguang.evidence import services as evidence
    from yangguang.evidence.export import stream_case_zip
    from yangguang.ledger.crypto import generate_key
    from yangguang.roster.models import Region, RegionLevel
    from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UnitFactory, UserFactory

    generate_key()
    province = Region.objects.create(code="330000", name="浙江省", level=RegionLevel.PROVINCE, path="/330000/")
    city = Region.objects.create(
        code="330100", name="杭州市", level=RegionLevel.CITY, parent=province, path="/330000/330100/"
    )
    agency = AgencyFactory(name="杭州市市场监督管理局", region=city)
    unit = UnitFactory(agency=agency, name="执法稽查处")
    o1, o2 = OfficerFactory(agency=agency, unit=unit), OfficerFactory(agency=agency, unit=unit)
    user = UserFactory(username="bench", role="officer", agency=agency, officer=o1)
    case = create_case(
        actor=user,
        kind="penalty_ordinary",
        title="涉嫌销售过期食品案",
        parties=[company(1)],
        officers=[o2],
        facts="当事人销售超过保质期的食品。",
        violation_date=timezone.localdate() - dt.timedelta(days=10),
        discovery_date=timezone.localdate(),
    )
    case_transition(case=case, action="file", actor=user, data={"approval": "同意立案"})

    t0 = time.perf_counter()
    now = timezone.localtime().replace(second=0, microsecond=0)
    stamp = now.strftime("%Y-%m-%dT%H:%M")
    for i in range(args.records):
        if i % 2 == 0:
            action, data = "inspection_record", {"place": f"经营场所{i}", "content": "货架上有过期食品。" * 20}
        else:
            qa = "\n".join(f"问：第{n}个问题？\n答：第{n}个回答。" for n in range(12))
            action, data = "inquiry_record", {"person": "王五", "place": "本局询问室", "content": qa}
        case_transition(case=case, action=action, actor=user, data={**data, "started_at": stamp, "ended_at": stamp})
    for doc in IssuedDocument.objects.filter(doc_type__in=("inspection_record", "inquiry_record")):
        for name, role in (("王五", "party"), ("李明", "officer")):
            sign_document(document=doc, signer_name=name, role=role, method="on_site", signed_at=now, actor=user)
    built_records = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i in range(args.photos):
        buf = io.BytesIO()
        Image.new("RGB", (320, 240), (i % 255, 80, 160)).save(buf, "JPEG", quality=85)
        meta = evidence.parse_meta(case, {"kind": "photo", "filename": f"照片{i:04d}.jpg", "step": "inspection_record"})
        evidence.ingest_stream(case=case, actor=user, meta=meta, stream=io.BytesIO(buf.getvalue()))
    built_photos = time.perf_counter() - t0

    t0 = time.perf_counter()
    size = chunks = 0
    largest = 0
    for part in stream_case_zip(case):
        size += len(part)
        chunks += 1
        largest = max(largest, len(part))
    took = time.perf_counter() - t0
    import json
    import zipfile

    out = b"".join(stream_case_zip(case))
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        contents = json.loads(zf.read("manifest.json"))["contents"]
        files = len(zf.namelist())
    last_page = max(int(c["pages"].split("-")[-1]) for c in contents if c["pages"])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    print(
        f"records issued and signed: {args.records} in {built_records:.1f} s; photos ingested: {args.photos} in {built_photos:.1f} s"
    )
    print(f"ZIP: {size / 1e6:.1f} MB, {files} files, {len(contents)} entries in the 卷内目录, {last_page} pages")
    print(f"export to the last byte: {took:.2f} s ({chunks} chunks, largest {largest / 1e6:.2f} MB)")
    print(f"peak RSS of the process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
