"""The bulk generator of published decisions (the publicity benchmark's data): what it loads is
exactly what the pipeline's indexer would have written, on both databases."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from yangguang.demo.publications import generate_publications
from yangguang.publicity import search
from yangguang.publicity.models import Posting, Publication, SearchToken
from yangguang.publicity.search import SearchFilters

pytestmark = pytest.mark.django_db(transaction=True)
COLUMNS = ("token__text", "tf", "published_on", "agency_id", "county_id")


def test_bulk_load_equals_the_indexer() -> None:
    info = generate_publications(300, n_agencies=3, batch=70)
    assert Publication.objects.filter(status="published").count() == 300
    assert Posting.objects.count() == info["postings"] and SearchToken.objects.count() == info["tokens"]
    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) FROM publicity_searchtoken t WHERE t.df <> "
            "(SELECT COUNT(*) FROM publicity_posting p WHERE p.token_id = t.id)"
        )
        assert cur.fetchone()[0] == 0
        cur.execute(
            "SELECT COUNT(*) FROM publicity_posting d JOIN publicity_publication p ON p.id = d.publication_id"
            " WHERE d.published_on <> p.published_on OR d.agency_id <> p.agency_id OR d.county_id <> p.region_id"
        )
        assert cur.fetchone()[0] == 0  # (the generated decisions are in counties)
    # Re-indexing a loaded decision the normal way gives the same postings.
    pub = Publication.objects.order_by("pk").first()
    assert pub is not None
    before = sorted(Posting.objects.filter(publication=pub).values_list(*COLUMNS))
    search.index_publication(pub)
    assert sorted(Posting.objects.filter(publication=pub).values_list(*COLUMNS)) == before
    # The loaded index answers like a scan of the text.
    today = timezone.localdate()
    search.clear_stats_cache()
    for q in ["罚款", "占道经营", "警"]:
        assert search.search(q, SearchFilters(), today=today).ids == search.like_scan(q, today=today)
    agency = info["agencies"][0]
    expected = list(
        Publication.objects.filter(agency_id=agency, search_text__contains="罚款")
        .order_by("-published_on", "-pk")
        .values_list("pk", flat=True)[:20]
    )
    assert search.search("罚款", SearchFilters(agency_id=agency), today=today).ids == expected
    region = Publication.objects.get(pk=expected[0]).region
    expected = list(
        Publication.objects.filter(region=region, search_text__contains="罚款")
        .order_by("-published_on", "-pk")
        .values_list("pk", flat=True)[:20]
    )
    assert search.search("罚款", SearchFilters(region_path=region.path), today=today).ids == expected


def test_posting_constraints_are_restored() -> None:
    generate_publications(20, n_agencies=2, batch=10)
    pub = Publication.objects.first()
    assert pub is not None
    posting = Posting.objects.filter(publication=pub).first()
    assert posting is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(token_id=posting.token_id, publication=pub, published_on=posting.published_on, tf=1)
