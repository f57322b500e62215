"""Migration 0004 copies each publication's county-level region onto the postings it already has,
so that an upgraded installation's county and township filters find its existing decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("publicity", "0003_posting_published_on")]
AFTER = [("publicity", "0004_posting_county")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_backfill_sets_the_county_of_existing_postings() -> None:
    apps = migrate(BEFORE)
    try:
        Region = apps.get_model("roster", "Region")
        Agency = apps.get_model("roster", "Agency")
        Publication = apps.get_model("publicity", "Publication")
        Posting = apps.get_model("publicity", "Posting")
        SearchToken = apps.get_model("publicity", "SearchToken")
        province = Region.objects.create(code="330000", name="浙江省", level="province", path="/330000/")
        city = Region.objects.create(
            code="330100", name="杭州市", level="city", parent=province, path="/330000/330100/"
        )
        county = Region.objects.create(
            code="330106", name="西湖区", level="county", parent=city, path="/330000/330100/330106/"
        )
        town = Region.objects.create(
            code="330106001", name="北山街道", level="township", parent=county, path=f"{county.path}330106001/"
        )
        agency = Agency.objects.create(name="杭州市市场监督管理局", uscc="11330100MB0000001X", region=city)
        token = SearchToken.objects.create(text="罚款", df=3)
        day = dt.date(2026, 11, 2)
        pubs: dict[str, Any] = {}
        for name, region in [("city", city), ("county", county), ("town", town)]:
            pubs[name] = Publication.objects.create(
                source_kind="case_decision",
                source_id=len(pubs) + 1,
                agency=agency,
                region=region,
                region_path=region.path,
                action_kind="penalty",
                number=f"杭市监罚〔2026〕{len(pubs) + 1}号",
                title="行政处罚决定",
                decided_on=day,
                due_on=day,
                status="published",
                published_on=day,
                original_text="当事人占道经营，罚款二百元。",
                redacted_text="当事人占道经营，罚款二百元。",
            )
            Posting.objects.create(token=token, publication=pubs[name], published_on=day, agency=agency, tf=1)
        apps = migrate(AFTER)
        Posting = apps.get_model("publicity", "Posting")
        counties = dict(Posting.objects.values_list("publication_id", "county_id"))
        assert counties == {pubs["city"].pk: None, pubs["county"].pk: county.pk, pubs["town"].pk: county.pk}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
