"""Full-text search of published decisions: one- and two-character words, phrases, filters, sort,
pagination and highlighting (the same on SQLite and PostgreSQL: run under scripts/pgtmp.py)."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

import pytest
from django.utils import timezone

from yangguang.publicity import search, services
from yangguang.publicity.models import Posting, Publication, SearchToken, SourceKind
from yangguang.publicity.redaction import Known
from yangguang.publicity.search import SearchFilters
from yangguang.roster.models import Region, RegionLevel

pytestmark = pytest.mark.django_db
_ids = count(1)


def publish(
    agency: Any,
    text: str,
    *,
    kind: str = "penalty",
    title: str = "行政处罚决定",
    days_ago: int = 0,
    region: Any = None,
) -> Publication:
    """A publication through the generic pipeline (the way inspection results will come in)."""
    today = timezone.localdate()
    draft = services.Draft(
        source_kind=SourceKind.INSPECTION_RESULT,
        source_id=next(_ids),
        agency=agency,
        region=region or agency.region,
        action_kind=kind,
        number=f"测试〔2026〕{next(_ids)}号",
        title=title,
        party_label="某公司",
        conclusion="",
        decided_on=today,
        original_text=text,
        known=Known(),
    )
    pub = services.create_publication(draft=draft, actor=None)
    if days_ago:
        day = today - dt.timedelta(days=days_ago)
        Publication.objects.filter(pk=pub.pk).update(published_on=day)
        Posting.objects.filter(publication=pub).update(published_on=day)
    search.clear_stats_cache()
    return pub


@pytest.fixture
def docs(agency: Any, county_agency: Any) -> dict[str, Publication]:
    return {
        "fine_road": publish(agency, "当事人占道经营，决定罚款二百元。", days_ago=3),
        "fine_food": publish(agency, "当事人销售过期食品，罚款五千元，没收违法所得。", days_ago=2),
        "warning": publish(county_agency, "当事人占道堆放杂物，给予警告。", days_ago=1),
        "licence": publish(county_agency, "准予食品经营许可。", kind="licensing", title="行政许可决定"),
    }


def ids(q: str, filters: SearchFilters | None = None, **kw: Any) -> list[int]:
    return search.search(q, filters or SearchFilters(), today=timezone.localdate(), **kw).ids


def test_tokens() -> None:
    assert set(search.tokens_of("罚款Ab1")) == {"ab1", "罚", "罚款", "款"}
    assert search.term_tokens("占道经营") == ["占道", "道经", "经营"]
    assert search.term_tokens("罚") == ["罚"]


def test_two_character_words(docs: dict[str, Publication]) -> None:
    assert ids("罚款") == [docs["fine_food"].pk, docs["fine_road"].pk]
    assert ids("占道") == [docs["warning"].pk, docs["fine_road"].pk]


def test_one_character_word(docs: dict[str, Publication]) -> None:
    assert ids("警") == [docs["warning"].pk]
    assert ids("没") == [docs["fine_food"].pk]
    assert ids("罚") == [docs["warning"].pk, docs["fine_food"].pk, docs["fine_road"].pk]  # 处罚 in titles


def test_phrase_must_occur_literally(docs: dict[str, Publication], agency: Any) -> None:
    # Every bigram of 占道经营 occurs in this text, but not the phrase itself.
    decoy = publish(agency, "占道，道经，经营。")
    assert ids("占道经营") == [docs["fine_road"].pk]
    assert decoy.pk in ids("占道")


def test_terms_are_anded(docs: dict[str, Publication]) -> None:
    assert ids("罚款 没收") == [docs["fine_food"].pk]
    assert ids("罚款 许可") == []
    assert ids("不存在的词") == []


def test_filters(docs: dict[str, Publication], agency: Any, county_agency: Any, city: Any, county: Any) -> None:
    assert ids("占道", SearchFilters(agency_id=agency.pk)) == [docs["fine_road"].pk]
    assert ids("", SearchFilters(region_path=county.path)) == [docs["licence"].pk, docs["warning"].pk]
    # A region includes its sub-regions.
    assert len(ids("", SearchFilters(region_path=city.path))) == 4
    assert ids("", SearchFilters(kind="licensing")) == [docs["licence"].pk]
    today = timezone.localdate()
    window = SearchFilters(date_from=today - dt.timedelta(days=2), date_to=today - dt.timedelta(days=1))
    assert ids("", window) == [docs["warning"].pk, docs["fine_food"].pk]


def test_region_filter_is_the_publications_region(
    docs: dict[str, Publication], agency: Any, county: Any, city: Any
) -> None:
    """A region filter selects by the decision's own region (where the case arose), not by the
    agency's; a county walks its postings, a township is narrowed from its county, a city by path."""
    town = Region.objects.create(
        code="330106001", name="北山街道", level=RegionLevel.TOWNSHIP, parent=county, path=f"{county.path}330106001/"
    )
    # The city bureau decides a case that arose in a township of the county.
    in_town = publish(agency, "当事人占道经营，罚款一百元。", region=town)
    assert set(Posting.objects.filter(publication=in_town).values_list("county_id", flat=True)) == {county.pk}
    assert set(Posting.objects.filter(publication=docs["fine_road"]).values_list("county_id", flat=True)) == {None}
    assert ids("占道", SearchFilters(region_path=county.path)) == [in_town.pk, docs["warning"].pk]
    assert ids("占道", SearchFilters(region_path=town.path)) == [in_town.pk]
    assert ids("占道", SearchFilters(region_path=city.path)) == [in_town.pk, docs["warning"].pk, docs["fine_road"].pk]
    assert ids("占道", SearchFilters(region_path=county.path), sort="relevance") == [in_town.pk, docs["warning"].pk]
    # An agency filter and a region filter together: both hold.
    assert ids("占道", SearchFilters(agency_id=agency.pk, region_path=county.path)) == [in_town.pk]
    assert ids("罚款", SearchFilters(region_path="/none/")) == []


def test_sort_by_relevance(docs: dict[str, Publication], agency: Any) -> None:
    dense = publish(agency, "罚款罚款罚款，罚款。", days_ago=10)
    assert ids("罚款")[-1] == dense.pk  # by date: oldest last
    assert ids("罚款", sort="relevance")[0] == dense.pk
    # Term frequencies read from the walked posting (one word, every walked posting a match) or
    # looked up per match (a filter or a phrase narrows the walk): the same ranking either way.
    # (fine_road is shorter than fine_food: BM25 ranks it higher.)
    expected = [dense.pk, docs["fine_road"].pk, docs["fine_food"].pk]
    assert ids("罚款", sort="relevance") == expected
    assert ids("罚款", SearchFilters(kind="penalty"), sort="relevance") == expected
    assert ids("罚款", SearchFilters(agency_id=agency.pk), sort="relevance") == expected


def test_pagination_and_total(agency: Any) -> None:
    pubs = [publish(agency, f"罚款第{i}号", days_ago=i) for i in range(5)]
    first = search.search("罚款", SearchFilters(), today=timezone.localdate(), limit=2)
    second = search.search("罚款", SearchFilters(), today=timezone.localdate(), limit=2, offset=2)
    assert first.total == 5 and not first.total_capped
    assert first.ids == [pubs[0].pk, pubs[1].pk]
    assert second.ids == [pubs[2].pk, pubs[3].pk]


def test_highlight_escapes_and_marks() -> None:
    assert str(search.highlight("<b>罚款</b>二百元", ["罚款"])) == "&lt;b&gt;<mark>罚款</mark>&lt;/b&gt;二百元"
    snippet = str(search.highlight("甲" * 100 + "罚款" + "乙" * 100, ["罚款"], snippet=30))
    assert snippet.startswith("…") and snippet.endswith("…") and "<mark>罚款</mark>" in snippet


def test_withdrawal_removes_from_index(docs: dict[str, Publication], officer: Any) -> None:
    df = SearchToken.objects.get(text="罚款").df
    services.withdraw_publication(publication=docs["fine_road"], ground="revoked", reason="撤销", actor=officer)
    assert ids("罚款") == [docs["fine_food"].pk]
    assert SearchToken.objects.get(text="罚款").df == df - 1


def test_search_page(public: Any, docs: dict[str, Publication], agency: Any) -> None:
    response = public.get("/public/decisions/", {"q": "罚款", "agency": agency.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共 2 条" in html and "<mark>罚款</mark>" in html
    assert f"/public/decisions/{docs['fine_road'].pk}/" in html
    bad = public.get("/public/decisions/", {"from": "2026-13-01"}).content.decode()
    assert "起始日期格式应为 YYYY-MM-DD" in bad


def test_like_scan_baseline_agrees(docs: dict[str, Publication]) -> None:
    assert search.like_scan("罚款", today=timezone.localdate()) == ids("罚款")


def test_agency_filter_walks_the_agencys_postings(
    docs: dict[str, Publication], agency: Any, county_agency: Any
) -> None:
    for i in range(3):
        publish(county_agency, f"罚款{i}")
    assert set(Posting.objects.filter(publication=docs["fine_road"]).values_list("agency_id", flat=True)) == {agency.pk}
    assert ids("罚款", SearchFilters(agency_id=agency.pk)) == [docs["fine_food"].pk, docs["fine_road"].pk]
    assert ids("罚款 没收", SearchFilters(agency_id=agency.pk)) == [docs["fine_food"].pk]
    assert ids("占道经营", SearchFilters(agency_id=county_agency.pk)) == []
    result = search.search("罚款", SearchFilters(agency_id=county_agency.pk), today=timezone.localdate())
    assert result.total == 3


def test_relevance_ranks_the_newest_matches_when_there_are_too_many(
    agency: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dense_old = publish(agency, "罚款罚款罚款罚款。", days_ago=30)
    newer = [publish(agency, f"当事人违法，罚款{i}元。", days_ago=i) for i in range(1, 4)]
    dense_new = publish(agency, "罚款罚款罚款。")
    monkeypatch.setattr(search, "MAX_COUNT", 4)
    result = search.search("罚款", SearchFilters(), today=timezone.localdate(), sort="relevance")
    assert result.ranked_newest and result.total_capped
    assert result.ids[0] == dense_new.pk and dense_old.pk not in result.ids
    assert set(result.ids) == {dense_new.pk, *(p.pk for p in newer)}


def test_total_is_capped(agency: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(3):
        publish(agency, f"罚款{i}")
    monkeypatch.setattr(search, "MAX_COUNT", 2)
    result = search.search("罚款", SearchFilters(), today=timezone.localdate())
    assert (result.total, result.total_capped) == (2, True)


def test_mixed_terms_are_checked_literally(agency: Any) -> None:
    hit = publish(agency, "型号a罚款")
    publish(agency, "罚款，型号a")
    assert ids("a罚") == [hit.pk]


def test_page_and_api_say_when_relevance_ranked_only_the_newest(
    public: Any, agency: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(3):
        publish(agency, f"罚款{i}元", days_ago=i)
    monkeypatch.setattr(search, "MAX_COUNT", 2)
    html = public.get("/public/decisions/", {"q": "罚款", "sort": "relevance"}).content.decode()
    assert "结果较多，按相关度排列的是最新的 2 条；可用机关、区划、日期等条件缩小范围。" in html
    body = public.get("/api/publicity/decisions", {"q": "罚款", "sort": "relevance"}).json()
    assert (body["count"], body["count_capped"], body["ranked_newest"]) == (2, True, True)
    by_date = public.get("/api/publicity/decisions", {"q": "罚款"}).json()
    assert (by_date["count_capped"], by_date["ranked_newest"]) == (True, False)


def test_walk_of_common_words_is_bounded_and_says_so(public: Any, agency: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    old = publish(agency, "罚款并警告", days_ago=40)
    for i in range(4):
        publish(agency, f"罚款{i}元", days_ago=i)
        publish(agency, f"警告{i}", days_ago=i)
    monkeypatch.setattr(search, "WALK_LIMIT", 3)
    search.clear_stats_cache()
    today = timezone.localdate()
    result = search.search("罚款 警告", SearchFilters(), today=today)
    # Only the newest entries of the rarer word's list were walked: the old match is out of reach.
    assert result.ids == [] and result.searched_since == today - dt.timedelta(days=3)
    html = public.get("/public/decisions/", {"q": "罚款 警告"}).content.decode()
    day = (today - dt.timedelta(days=3)).isoformat()
    assert (
        f"关键词都很常见而同时出现的较少，本次只检索了 {day} 以来公开的信息；检索更早的信息请填写公开日期范围。" in html
    )
    assert public.get("/api/publicity/decisions", {"q": "罚款 警告"}).json()["searched_since"] == day
    earlier = SearchFilters(date_to=today - dt.timedelta(days=4))
    assert search.search("罚款 警告", earlier, today=today).ids == [old.pk]
    # A common word that fills the capped count is not affected.
    monkeypatch.setattr(search, "MAX_COUNT", 2)
    single = search.search("罚款", SearchFilters(), today=today)
    assert single.total_capped and single.searched_since is None
