"""Every warning model with a fixture that fires and one that does not, on the bureau's scope (an
agency of another city never shows up)."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.cases.models import CaseOfficer, DeadlineExtension, Seizure
from yangguang.discretion.models import Benchmark, CircumstanceLevel
from yangguang.evidence.models import RecordingException
from yangguang.review.models import RequestStatus, ReviewRequest
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory
from yangguang.supervision.rules import RULES
from yangguang.supervision.selectors import scope_agencies

from .conftest import TODAY, D, add_party, add_step, make_case, make_publication, money

pytestmark = pytest.mark.django_db


def keys(code: str, supervisor: Any) -> set[str]:
    return {h.key for h in RULES[code].hits(scope_agencies(supervisor), TODAY)}


def test_every_model_is_declared_with_article_params_and_query() -> None:
    assert len(RULES) == 12
    for r in RULES.values():
        assert r.name and r.article and r.query and r.version
        assert all(p.label for p in r.params)


def test_decision_overdue(agency: Any, officer: Any, supervisor: Any, other_city_agency: Any) -> None:
    late_open = make_case(agency, officer, filed_on=D(2026, 6, 1))
    late_decided = make_case(agency, officer, state="decided", filed_on=D(2026, 3, 2), decided_on=D(2026, 7, 1))
    in_time = make_case(agency, officer, state="decided", filed_on=D(2026, 6, 1), decided_on=D(2026, 8, 15))
    fresh = make_case(agency, officer, filed_on=D(2026, 10, 1))
    extended = make_case(agency, officer, filed_on=D(2026, 8, 20))
    DeadlineExtension.objects.create(
        case=extended, deadline="decision", days=30, approved_by=officer, approved_on=D(2026, 11, 1), reason="复杂"
    )
    make_case(other_city_agency, officer, filed_on=D(2026, 6, 1))
    assert keys("decision_overdue", supervisor) == {f"case:{late_open.pk}", f"case:{late_decided.pk}"}
    assert f"case:{in_time.pk}" not in keys("decision_overdue", supervisor)
    assert f"case:{fresh.pk}" not in keys("decision_overdue", supervisor)


def test_publication_late_or_missing(agency: Any, officer: Any, supervisor: Any) -> None:
    missing = make_publication(make_case(agency, officer), due=D(2026, 11, 2), status="pending")
    late = make_publication(make_case(agency, officer), due=D(2026, 11, 2), published_on=D(2026, 11, 6))
    make_publication(make_case(agency, officer), due=D(2026, 11, 2), published_on=D(2026, 10, 30))
    make_publication(make_case(agency, officer), due=D(2026, 12, 8), status="pending")
    assert keys("publication_late", supervisor) == {f"publication:{missing.pk}", f"publication:{late.pk}"}


def test_withdrawal_late(agency: Any, officer: Any, supervisor: Any) -> None:
    still = make_publication(
        make_case(agency, officer),
        due=D(2026, 9, 1),
        published_on=D(2026, 9, 1),
        revoked_on=D(2026, 11, 2),
        withdraw_due=D(2026, 11, 5),
    )
    make_publication(
        make_case(agency, officer),
        due=D(2026, 9, 1),
        published_on=D(2026, 9, 1),
        status="withdrawn",
        revoked_on=D(2026, 11, 2),
        withdraw_due=D(2026, 11, 5),
        withdrawn_on=D(2026, 11, 4),
    )
    assert keys("withdrawal_late", supervisor) == {f"publication:{still.pk}"}


def test_major_without_review(agency: Any, officer: Any, supervisor: Any) -> None:
    bad = make_case(agency, officer, state="decided", is_major=True, decided_on=D(2026, 9, 1))
    good = make_case(agency, officer, state="decided", is_major=True, decided_on=D(2026, 9, 1))
    ReviewRequest.objects.create(
        case=good,
        agency=agency,
        status=RequestStatus.PASSED,
        submitted_by=officer,
        submitted_on=D(2026, 8, 20),
        passed_on=D(2026, 8, 25),
    )
    make_case(agency, officer, state="decided", decided_on=D(2026, 9, 1))
    assert keys("major_without_review", supervisor) == {f"case:{bad.pk}"}


def test_seizure_without_av(agency: Any, officer: Any, supervisor: Any) -> None:
    bad = make_case(agency, officer, kind="coercive_measure", state="in_force")
    excused = make_case(agency, officer, kind="coercive_measure", state="in_force")
    for c in (bad, excused):
        Seizure.objects.create(case=c, items="冻品20箱", started_on=D(2026, 10, 10), term_days=30)
    RecordingException.objects.create(case=excused, step="impose", reason="执法记录仪故障，已报备", recorded_by=officer)
    assert keys("seizure_without_av", supervisor) == {f"case:{bad.pk}"}


def test_fine_outside_discretion_without_reason(agency: Any, officer: Any, supervisor: Any, item: Any) -> None:
    bench = Benchmark.objects.create(
        agency=agency,
        item=item,
        violation="销售过期食品",
        violation_basis="食品安全法第三十四条",
        penalty_basis="食品安全法第一百二十四条",
        version="2026",
        effective_from=D(2026, 1, 1),
        published=True,
    )
    CircumstanceLevel.objects.create(
        benchmark=bench, level="general", conditions="一般", fine_min=money("1000"), fine_max=money("5000")
    )
    kw = {"state": "decided", "item": item, "decided_on": D(2026, 9, 1)}
    outside = make_case(agency, officer, fine_amount=money("8000"), **kw)
    make_case(agency, officer, fine_amount=money("3000"), **kw)
    reasoned = make_case(agency, officer, fine_amount=money("9000"), **kw)
    add_step(reasoned, "propose", on=D(2026, 8, 20), outside_reason="情节特别严重，经集体讨论")
    assert keys("outside_discretion", supervisor) == {f"case:{outside.pk}"}


def test_unequal_fines(agency: Any, officer: Any, supervisor: Any, item: Any) -> None:
    kw = {"state": "decided", "item": item, "decided_on": D(2026, 9, 1)}
    cases = [make_case(agency, officer, fine_amount=money(f), **kw) for f in ("1000", "1100", "1200", "1000", "9000")]
    assert keys("unequal_fines", supervisor) == {f"case:{cases[-1].pk}"}
    # another level is another group: four cases are too few to compare
    add_step(cases[-1], "propose", on=D(2026, 8, 1), level="severe")
    assert keys("unequal_fines", supervisor) == set()


def test_profit_driven(agency: Any, officer: Any, supervisor: Any) -> None:
    steady = AgencyFactory(name="杭州市交通运输局", region=agency.region)
    for a, before, now in ((agency, "20000", "30000"), (steady, "20000", "22000")):
        make_case(a, officer, state="decided", fine_amount=money(before), decided_on=D(2025, 6, 1))
        make_case(a, officer, state="decided", fine_amount=money(now), decided_on=D(2026, 6, 1))
    assert keys("profit_driven", supervisor) == {f"agency:{agency.pk}:2026"}


def test_repeated_inspection(agency: Any, officer: Any, supervisor: Any) -> None:
    for n, times in ((1, 3), (2, 2)):
        for i in range(times):
            add_party(
                make_case(agency, officer, kind="inspection", state="inspected", registered_on=D(2026, 3 + i, 5)), n
            )
    hits = RULES["repeated_inspection"].hits(scope_agencies(supervisor), TODAY)
    assert len(hits) == 1 and "近12个月被本机关检查3次（上限2次）" in hits[0].detail


def test_invalid_certificate(agency: Any, officer: Any, officer2: Any, supervisor: Any) -> None:
    lapsed: Any = OfficerFactory(agency=agency, cert_valid_until=D(2026, 5, 31))
    officer2.officer = lapsed
    officer2.save()
    case = make_case(agency, officer)
    add_step(case, "evidence", on=D(2026, 6, 10), actor=officer2)
    add_step(case, "evidence", on=D(2026, 6, 10), actor=officer)
    assert keys("invalid_certificate", supervisor) == {f"case:{case.pk}:officer:{lapsed.pk}"}


def test_reviewer_floor(agency: Any, supervisor: Any) -> None:
    staffed = AgencyFactory(name="杭州市城市管理局", region=agency.region)
    for a, reviewers in ((agency, 0), (staffed, 1)):
        for i in range(20):
            OfficerFactory(agency=a, is_reviewer=i < reviewers)
    assert keys("reviewer_floor", supervisor) == {f"agency:{agency.pk}"}


def test_out_of_region_or_category(agency: Any, officer: Any, supervisor: Any, county: Any) -> None:
    from yangguang.roster.models import Region, RegionLevel

    other_county, _ = Region.objects.get_or_create(
        code="330108",
        defaults={"name": "滨江区", "level": "county", "parent": county.parent, "path": "/330000/330100/330108/"},
    )
    assert other_county.level == RegionLevel.COUNTY
    elsewhere: Any = OfficerFactory(agency=agency, region=other_county)
    citywide: Any = OfficerFactory(agency=agency)
    no_category: Any = OfficerFactory(agency=agency, categories=["licensing"])
    case = make_case(agency, officer, region=county)
    for o in (elsewhere, citywide, no_category):
        CaseOfficer.objects.create(case=case, officer=o, added_on=D(2026, 6, 1))
    hits = {h.key: h.detail for h in RULES["out_of_region"].hits(scope_agencies(supervisor), TODAY)}
    assert set(hits) == {f"case:{case.pk}:officer:{elsewhere.pk}", f"case:{case.pk}:officer:{no_category.pk}"}
    assert hits[f"case:{case.pk}:officer:{elsewhere.pk}"] == "案发地西湖区不在其执法区域（滨江区）内"
    assert hits[f"case:{case.pk}:officer:{no_category.pk}"] == "执法证未载明本案执法类别"
