"""Document numbers: per agency, year and type; restart each year; the number text; concurrency."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from yangguang.core.errors import DomainError
from yangguang.documents.abbreviations import default_abbreviation
from yangguang.documents.models import AgencyAbbreviation, DocumentSequence, IssuedDocument
from yangguang.documents.services import abbreviation_for, set_abbreviation
from yangguang.documents.tests.helpers import issue
from yangguang.documents.types import DOC_TYPES
from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import AgencyFactory, UserFactory


@pytest.mark.parametrize(
    ("name", "abbr"),
    [
        ("杭州市市场监督管理局", "杭市监"),
        ("浙江省市场监督管理局", "浙市监"),
        ("杭州市西湖区综合行政执法局", "杭西综执"),
        ("杭州市上城区市场监督管理局", "杭上市监"),
        ("杭州市城市管理局", "杭城管"),
        ("宁波市生态环境局", "宁环"),
        ("温州市某某管理中心", "温某某"),
    ],
)
def test_default_abbreviation(name: str, abbr: str) -> None:
    assert default_abbreviation(name) == abbr


def test_numbered_types_have_distinct_words() -> None:
    # Two types sharing a word would print the same number text for different documents.
    words = [t.word for t in DOC_TYPES.values() if t.numbered]
    assert all(words)
    assert len(words) == len(set(words))


@pytest.mark.django_db
def test_numbers_increment_per_agency_year_and_type(agency: Any, officer: Any) -> None:
    first = issue(agency, officer, "penalty_decision")
    second = issue(agency, officer, "penalty_decision")
    notice = issue(agency, officer, "penalty_notice")
    assert (first.seq, second.seq, notice.seq) == (1, 2, 1)
    assert first.number == "杭市监罚〔2026〕1号"
    assert second.number == "杭市监罚〔2026〕2号"
    assert notice.number == "杭市监告〔2026〕1号"

    other: Any = AgencyFactory(name="宁波市市场监督管理局", region=agency.region)
    other_officer = UserFactory(username="nb", role="officer", agency=other)
    assert issue(other, other_officer, "penalty_decision").number == "宁市监罚〔2026〕1号"
    assert issue(agency, officer, "penalty_decision").number == "杭市监罚〔2026〕3号"


@pytest.mark.django_db
def test_numbers_restart_each_year(agency: Any, officer: Any) -> None:
    issue(agency, officer, date="2026-12-31")
    issue(agency, officer, date="2026-12-31")
    new_year = issue(agency, officer, date="2027-01-04")
    assert (new_year.year, new_year.seq, new_year.number) == (2027, 1, "杭市监罚〔2027〕1号")
    late = issue(agency, officer, date="2026-12-31")
    assert late.number == "杭市监罚〔2026〕3号"
    rows = {(r.year, r.doc_type): r.last for r in DocumentSequence.objects.filter(agency=agency)}
    assert rows == {(2026, "penalty_decision"): 3, (2027, "penalty_decision"): 1}


@pytest.mark.django_db
def test_unnumbered_types_take_no_number(agency: Any, officer: Any) -> None:
    record = issue(agency, officer, "inquiry_record")
    assert (record.number, record.seq) == ("", None)
    assert not DocumentSequence.objects.filter(doc_type="inquiry_record").exists()


@pytest.mark.django_db
def test_edited_abbreviation_is_used_and_recorded(agency: Any, officer: Any, admin_user: Any) -> None:
    issue(agency, officer)
    set_abbreviation(agency=agency, abbreviation="浙杭市监", actor=admin_user)
    assert issue(agency, officer).number == "浙杭市监罚〔2026〕2号"
    entry = Entry.objects.filter(action="documents.abbreviation.set").get()
    assert entry.subject == f"roster.agency:{agency.pk}"


@pytest.mark.django_db
def test_an_abbreviation_is_unique_across_the_platform(agency: Any, officer: Any, admin_user: Any) -> None:
    other: Any = AgencyFactory(name="宁波市市场监督管理局", region=agency.region)
    issue(agency, officer)
    with pytest.raises(DomainError) as exc:
        set_abbreviation(agency=other, abbreviation=" 杭市监 ", actor=admin_user)
    assert exc.value.message == "机关代字“杭市监”已由杭州市市场监督管理局使用，机关代字在全平台不得重复"
    assert abbreviation_for(other) == "宁市监"
    set_abbreviation(agency=agency, abbreviation="杭市监", actor=admin_user)  # its own: unchanged, allowed


@pytest.mark.django_db
def test_a_derived_abbreviation_already_taken_falls_back_to_a_free_one(agency: Any, admin_user: Any) -> None:
    district: Any = AgencyFactory(name="杭州市上城区市场监督管理局", region=agency.region)
    namesake: Any = AgencyFactory(name="杭州市上虞区市场监督管理局", region=agency.region)
    third: Any = AgencyFactory(name="杭州市上城区市场监督管理局", region=agency.region)
    set_abbreviation(agency=agency, abbreviation="杭上城市监", actor=admin_user)
    assert abbreviation_for(district) == "杭上市监"
    assert abbreviation_for(namesake) == "杭上虞市监"
    assert abbreviation_for(third) == f"杭上市监{third.pk}"
    assert abbreviation_for(district) == "杭上市监"  # kept once taken
    assert AgencyAbbreviation.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_never_duplicates(agency: Any, officer: Any) -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("in-memory SQLite is not shared safely between threads; SQLite serializes writers anyway")
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(4):
                issue(agency, officer)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(IssuedDocument.objects.filter(agency=agency).values_list("seq", flat=True))
    assert sorted(n or 0 for n in numbers) == list(range(1, 17))
