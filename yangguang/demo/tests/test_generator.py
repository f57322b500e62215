"""The demo-data generator without the database: determinism, valid codes, realistic shape."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from yangguang.core.validators import is_valid_uscc, validate_division_code
from yangguang.demo.generator import (
    PERSONAS,
    SCALES,
    AgencyPlan,
    _rng,
    build_agencies,
    build_regions,
    custom_scale,
    entity_places,
    iter_entities,
    iter_inspection_items,
    iter_items,
    iter_officers,
    natural_row,
)
from yangguang.demo.regions import COUNTIES
from yangguang.roster.models import CertificateStatus, Officer, Region

TODAY = dt.date(2026, 11, 22)


def build(
    seed: int = 7, officers: int = 300, entities: int = 500
) -> tuple[list[Region], list[AgencyPlan], list[Officer], list]:
    scale = custom_scale(officers=officers, entities=entities)
    regions = build_regions(scale)
    plans = build_agencies(_rng(seed, "agencies"), scale, regions, seed)
    officers_ = list(iter_officers(_rng(seed, "officers"), plans, scale.officers, TODAY))
    places, cum = entity_places(regions)
    entities_ = list(iter_entities(_rng(seed, "entities"), places, cum, scale.entities, seed=seed))
    return regions, plans, officers_, entities_


def rows(objs: list) -> list:
    return [natural_row(o) for o in objs]


def test_same_seed_gives_identical_data() -> None:
    r1, p1, o1, e1 = build(seed=7)
    r2, p2, o2, e2 = build(seed=7)
    assert rows(r1) == rows(r2)
    assert rows([p.agency for p in p1]) == rows([p.agency for p in p2])
    assert rows([u for p in p1 for u in p.units]) == rows([u for p in p2 for u in p.units])
    assert rows(o1) == rows(o2)
    assert rows(e1) == rows(e2)
    assert rows(list(iter_items(p1))) == rows(list(iter_items(p2)))


def test_another_seed_gives_other_people_and_codes() -> None:
    _, p1, o1, e1 = build(seed=7)
    _, p2, o2, e2 = build(seed=8)
    assert [o.name for o in o1] != [o.name for o in o2]
    assert [e.uscc for e in e1] != [e.uscc for e in e2]
    assert [p.agency.uscc for p in p1] != [p.agency.uscc for p in p2]
    # The region tree and the agencies' names are real data, not random.
    assert [p.agency.name for p in p1] == [p.agency.name for p in p2]


def test_small_scale_shape() -> None:
    scale = SCALES["small"]
    regions = build_regions(scale)
    plans = build_agencies(random.Random(1), scale, regions, 1)
    assert len(plans) == 12
    names = [p.agency.name for p in plans]
    assert "杭州市市场监督管理局" in names
    assert "杭州市上城区市场监督管理局" in names
    justice = [p.agency for p in plans if p.agency.name == "杭州市司法局"]
    assert len(justice) == 1 and justice[0].is_supervisor
    for plan in plans:
        review_units = [u for u in plan.units if u.is_review_unit]
        assert len(review_units) == 1, plan.agency.name
        assert review_units[0].name in {"法规处", "政策法规处", "法规科", "法制科", "法规与标准处", "法治督察处"}
        assert len({u.name for u in plan.units}) == len(plan.units)
    district = next(p.agency for p in plans if p.agency.name == "杭州市上城区市场监督管理局")
    assert district.parent is not None and district.parent.name == "杭州市市场监督管理局"


def test_every_uscc_is_valid_unique_and_typed() -> None:
    _, plans, _, entities = build(entities=3_000)
    for plan in plans:
        uscc = plan.agency.uscc
        assert is_valid_uscc(uscc), uscc
        assert uscc[:2] == "11" and uscc[2:8] == plan.agency.region.code[:6]
    for e in entities:
        assert is_valid_uscc(e.uscc), e.uscc
        assert e.uscc[:2] in {"91", "92"}
        assert e.region is not None and e.uscc[2:8] == e.region.code[:6]
        assert e.address.startswith("杭州市") and e.legal_representative
    codes = [p.agency.uscc for p in plans] + [e.uscc for e in entities]
    assert len(set(codes)) == len(codes)
    kinds = Counter(e.uscc[:2] for e in entities)
    assert kinds["91"] > kinds["92"] > 0
    assert {e.risk_grade for e in entities} == {"low", "medium", "high"}


def test_region_codes_are_valid_and_parent_consistent() -> None:
    regions = build_regions(SCALES["province"])
    codes = [r.code for r in regions]
    assert len(set(codes)) == len(codes)
    by_level = Counter(r.level for r in regions)
    assert by_level["province"] == 1 and by_level["city"] == 11 and by_level["county"] == 90
    for r in regions:
        validate_division_code(r.code)
        if r.level == "province":
            assert r.parent is None and r.path == "/330000/"
            continue
        assert r.parent is not None
        assert r.path == f"{r.parent.path}{r.code}/"
        if r.level == "city":
            assert r.code.endswith("00") and r.code[:2] == "33"
        elif r.level == "county":
            assert r.code[:4] == r.parent.code[:4] and len(r.code) == 6
        else:
            assert len(r.code) == 9 and r.code[:6] == r.parent.code
            suffix = int(r.code[6:])
            if r.name.endswith("街道"):
                assert 1 <= suffix <= 99
            elif r.name.endswith("镇"):
                assert 100 <= suffix <= 199
            else:
                assert 200 <= suffix <= 399


def test_hangzhou_has_its_real_districts() -> None:
    assert COUNTIES["330100"] == {
        "330102": "上城区", "330105": "拱墅区", "330106": "西湖区", "330108": "滨江区", "330109": "萧山区",
        "330110": "余杭区", "330111": "富阳区", "330112": "临安区", "330113": "临平区", "330114": "钱塘区",
        "330122": "桐庐县", "330127": "淳安县", "330182": "建德市",
    }  # fmt: skip
    regions = {r.code: r for r in build_regions(SCALES["small"])}
    assert regions["330102"].parent is regions["330100"]
    assert any(r.name == "湖滨街道" and r.code.startswith("330102") for r in regions.values())


def test_officers_categories_certificates_and_reviewers() -> None:
    _, plans, officers, _ = build(officers=600)
    assert len(officers) == 600
    certs = [o.certificate_no for o in officers]
    assert len(set(certs)) == len(certs)
    assert all(c.startswith("浙33") for c in certs)
    for o in officers:
        assert o.categories, o
        assert set(o.categories) <= set(o.agency.power_kinds), (o.name, o.categories, o.agency.power_kinds)
        assert o.region.path.startswith(o.agency.region.path)
        assert o.cert_valid_from < o.cert_valid_until
        if o.is_reviewer:
            assert o.unit is not None and o.unit.is_review_unit
    statuses = Counter(o.cert_status for o in officers)
    assert statuses[CertificateStatus.EXPIRED] > 0 and statuses[CertificateStatus.SUSPENDED] > 0
    assert any(not o.certificate_valid_on(TODAY) for o in officers if o.cert_status == CertificateStatus.VALID)
    valid = sum(o.certificate_valid_on(TODAY) for o in officers)
    assert 0.85 < valid / len(officers) < 0.98
    assert 0.04 < sum(o.is_reviewer for o in officers) / len(officers) < 0.10
    assert 0 < sum(o.legal_qualification for o in officers) < len(officers)
    ratios = {}
    for plan in plans:
        mine = [o for o in officers if o.agency is plan.agency]
        ratios[plan.agency.name] = sum(o.is_reviewer for o in mine) / len(mine)
    assert min(ratios.values()) < 0.05, "some agencies must fall below the 5% reviewer floor"
    assert ratios["杭州市市场监督管理局"] >= 0.05


def test_personas_officers_are_in_the_city_market_bureau() -> None:
    _, _, officers, _ = build()
    market = [o for o in officers if o.agency.name == "杭州市市场监督管理局"]
    by_name = {o.name: o for o in market[:6]}
    for persona in PERSONAS:
        if not persona.officer:
            continue
        o = by_name[persona.full_name]
        assert o.certificate_valid_on(TODAY) is (not persona.expired)
    assert by_name["李明"].unit is not None and by_name["李明"].unit.name == "执法稽查支队"
    assert by_name["赵强"].unit is by_name["李明"].unit
    assert by_name["孙慧敏"].is_reviewer and by_name["孙慧敏"].legal_qualification
    assert "penalty" in by_name["李明"].categories


def test_items_and_inspection_items() -> None:
    _, plans, _, _ = build()
    items = list(iter_items(plans))
    market = [i for i in items if i.agency.name == "杭州市市场监督管理局"]
    names = {i.name for i in market}
    assert "对食品经营者未按规定公示食品经营许可证的行政处罚" in names and "食品经营许可" in names
    for item in items:
        assert item.kind in item.agency.power_kinds
        assert item.legal_basis and item.process and item.time_limit and item.remedies and item.phone
    keys = [(i.agency.uscc, i.code) for i in items]
    assert len(set(keys)) == len(keys)
    licensing = next(i for i in market if i.name == "食品经营许可")
    assert licensing.code == "330117001000" and licensing.conditions and licensing.materials
    inspections = list(iter_inspection_items(plans))
    assert {i.ratio_percent for i in inspections} >= {5, 10}
    assert all(i.method and i.frequency and i.targets for i in inspections)


@pytest.mark.parametrize("name,agencies", [("city", 40), ("province", 437)])
def test_larger_scales_have_their_agency_counts(name: str, agencies: int) -> None:
    scale = SCALES[name]
    regions = build_regions(scale)
    plans = build_agencies(random.Random(1), scale, regions, 1)
    assert len(plans) == agencies
    assert len({p.agency.uscc for p in plans}) == agencies
    for plan in plans:
        if plan.level != "province" and plan.agency.parent is not None:
            assert plan.agency.region.path.startswith(plan.agency.parent.region.path)


def test_allocate_splits_exactly_with_a_floor() -> None:
    from yangguang.demo.generator import allocate

    assert allocate(100, [1, 1, 2]) == [26, 26, 48]
    assert sum(allocate(3_000, [10, 3, 1, 1, 8])) == 3_000
    assert min(allocate(50, [100, 1, 1], minimum=4)) == 4
    assert allocate(5, [1, 1, 1, 1], minimum=4) == [2, 1, 1, 1]
    assert allocate(7, []) == []
