"""The discretion assistant: level and range selection, factors, 首违不罚, past decisions and the
proposal check (法制审核 item 6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from yangguang.core.errors import DomainError, NotFoundError
from yangguang.discretion.services import check_proposal, import_benchmarks, require_outside_reason, suggest
from yangguang.discretion.tests.helpers import import_standard, main_row, make_item, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def std(agency: Any, agency_head: Any) -> Any:
    _bench, item = import_standard(agency, agency_head, publish=True)
    return item


def S(agency: Any, item: Any, party: str = "organization", **facts: Any) -> Any:
    return suggest(agency=agency, item=item, party_kind=party, facts=facts)


def test_chosen_level_gives_its_fixed_range_and_types(agency: Any, std: Any) -> None:
    s = S(agency, std, level="general")
    assert (s.level, s.level_label, s.range_basis) == ("general", "一般", "fixed")
    assert (s.amount_min, s.amount_max, s.recommended_amount) == (Decimal(1000), Decimal(5000), Decimal(3000))
    assert s.penalty_types == ["warning", "fine"] and s.penalty_type_labels == ["警告", "罚款"]
    assert s.reasons[0] == "承办人选定裁量情形「一般」"
    assert "「一般」情形罚款幅度为1000元至5000元" in s.reasons
    # Chinese labels work too.
    assert S(agency, std, level="较重").level == "serious"


def test_level_derived_from_illegal_gains_and_multiples(agency: Any, std: Any) -> None:
    s = S(agency, std, illegal_gains="8000")
    assert s.level == "general"
    assert s.reasons[0] == "违法所得8000元，不超过「一般」情形的违法所得上限10000元"
    s = S(agency, std, illegal_gains=80000)
    assert s.level == "severe" and s.range_basis == "gains_multiple"
    assert (s.amount_min, s.amount_max) == (Decimal(80000), Decimal(400000))
    assert s.reasons[0] == "违法所得80000元，超过较低情形的违法所得上限，适用「严重」情形"
    assert "按违法所得80000元的1倍至5倍计算，罚款幅度为80000元至400000元" in s.reasons
    # Without illegal gains the fixed range of the same level applies.
    s = S(agency, std, level="severe")
    assert (s.range_basis, s.amount_min, s.amount_max) == ("fixed", Decimal(20000), Decimal(50000))


def test_level_from_harm_or_default(agency: Any, std: Any) -> None:
    s = S(agency, std, harm="serious")
    assert s.level == "serious" and s.reasons[0] == "危害后果较重，适用「较重」情形"
    s = S(agency, std)
    assert s.level == "general" and s.reasons[0] == "未提供裁量情形，默认适用「一般」情形"


def test_factors_move_levels_and_adjust_within_the_range(agency: Any, std: Any) -> None:
    s = S(agency, std, level="general", factors=["confessed"])
    assert (s.base_level, s.level) == ("general", "minor")
    assert "具有从轻、减轻情节「主动供述违法行为」，下调一档至「轻微」" in s.reasons
    assert s.range_basis == "none" and s.penalty_types == ["warning"]
    s = S(agency, std, level="general", factors=["repeat"])
    assert s.level == "serious" and (s.amount_min, s.amount_max) == (Decimal(5000), Decimal(20000))
    s = S(agency, std, level="severe", factors=["repeat"])
    assert s.level == "severe"
    assert "具有从重情节「两年内因同一违法行为受过处罚」，已是最高裁量等级，不再上调" in s.reasons
    s = S(agency, std, level="general", factors=["eliminated"])
    assert s.recommended_amount == Decimal(2000)
    assert "情节合计调整-50%，参考罚款金额2000元" in s.reasons
    s = S(agency, std, level="general", factors=["eliminated", "obstruct"])
    assert s.recommended_amount == Decimal(4000)
    with pytest.raises(DomainError) as exc:
        S(agency, std, level="general", factors=["bribed"])
    assert exc.value.message == "裁量基准中没有情节「bribed」"


def test_first_violation_exemption(agency: Any, std: Any) -> None:
    base: dict[str, Any] = {"first_violation": True, "corrected_promptly": True, "harm": "minor"}
    s = S(agency, std, illegal_gains=200, **base)
    assert s.first_violation_exempt is True
    assert "符合首违不罚清单：首次违法、危害后果轻微并及时改正（行政处罚法第三十三条第一款）" in s.reasons
    assert S(agency, std, illegal_gains=600, **base).first_violation_exempt is False
    assert S(agency, std, **{**base, "first_violation": False}).first_violation_exempt is False
    assert S(agency, std, **{**base, "corrected_promptly": False}).first_violation_exempt is False
    assert S(agency, std, **{**base, "harm": "general"}).first_violation_exempt is False


def test_article_33_no_penalty_for_minor_corrected_harmless(agency: Any, std: Any) -> None:
    s = S(agency, std, level="minor", corrected_promptly=True, harm="none")
    assert s.no_penalty_rule == "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚（行政处罚法第三十三条第一款）"
    check = check_proposal(suggestion=s, amount=None, penalty_types=["warning"])
    assert not check.inside and s.no_penalty_rule in check.messages


def test_party_specific_level_overrides_the_general_row(agency: Any, agency_head: Any) -> None:
    item = make_item(agency, "P1")
    rows = [
        main_row("P1", "一般", C_FINE_MIN=1000, C_FINE_MAX=5000),
        main_row("P1", "一般", C_PARTY="自然人", C_FINE_MIN=100, C_FINE_MAX=500),
    ]
    import_benchmarks(agency=agency, data=workbook(rows), filename="p.xlsx", actor=agency_head)
    person = S(agency, item, "person", level="general")
    org = S(agency, item, "organization", level="general")
    assert (person.amount_min, person.amount_max) == (Decimal(100), Decimal(500))
    assert (org.amount_min, org.amount_max) == (Decimal(1000), Decimal(5000))


def test_past_decisions_from_the_cases_app(agency: Any, std: Any, monkeypatch: Any) -> None:
    s = S(agency, std, level="general")
    assert s.past.count == 0 and s.past.median is None
    assert "本机关同一事项暂无可比的处罚决定" in s.reasons
    calls: list[dict[str, Any]] = []

    def fake(**kw: Any) -> list[Any]:
        calls.append(kw)
        return [1000, Decimal("3000"), 2000.0, 8000]

    monkeypatch.setattr("yangguang.discretion.assistant.past_fines", fake)
    s = S(agency, std, "person", level="general")
    assert calls == [{"agency": agency, "item": std, "party_kind": "person"}]
    assert (s.past.count, s.past.median, s.past.minimum, s.past.maximum) == (4, Decimal(2500), 1000, 8000)
    assert "本机关同一事项已作出处罚决定4件，罚款中位数2500元（最低1000元，最高8000元）" in s.reasons
    assert s.to_dict()["past"] == {"count": 4, "median": "2500", "minimum": "1000", "maximum": "8000"}


def test_proposal_inside_and_outside_the_range(agency: Any, std: Any) -> None:
    s = S(agency, std, level="general")
    ok = check_proposal(suggestion=s, amount=Decimal(3000), penalty_types=["fine"])
    assert ok.inside and not ok.requires_reason and ok.checklist_item is None
    assert ok.messages == ["拟处罚在裁量基准范围内"]
    require_outside_reason(check=ok, reason="")

    high = check_proposal(suggestion=s, amount=6000, penalty_types=["fine"])
    assert not high.inside and high.requires_reason and high.checklist_item == 6
    assert high.messages == [
        "拟罚款金额6000元高于裁量基准「一般」情形的上限5000元",
        "拟处罚超出裁量基准范围，须书面说明理由（法制审核第6项「裁量基准运用是否适当」将予标记）",
    ]
    low = check_proposal(suggestion=s, amount="500", penalty_types=[])
    assert low.messages[0] == "拟罚款金额500元低于裁量基准「一般」情形的下限1000元"
    kinds = check_proposal(suggestion=s, amount=2000, penalty_types=["fine", "revoke_licence"])
    assert kinds.messages[0] == "拟处罚种类「吊销许可证件」不在裁量基准「一般」情形规定的处罚种类内"
    with pytest.raises(DomainError) as exc:
        require_outside_reason(check=high, reason="  ")
    assert exc.value.message == "拟处罚超出裁量基准范围，须书面说明理由"
    require_outside_reason(check=high, reason="当事人经营规模大，违法持续时间长")

    severe = S(agency, std, level="severe", illegal_gains=80000)
    assert check_proposal(suggestion=severe, amount=400000, penalty_types=["fine", "confiscate_income"]).inside
    assert not check_proposal(suggestion=severe, amount=400001, penalty_types=["fine"]).inside


def test_no_benchmark_and_bad_input(agency: Any, std: Any) -> None:
    other = make_item(agency, "NONE")
    with pytest.raises(NotFoundError) as exc:
        S(agency, other)
    assert exc.value.message == "该执法事项没有生效的裁量基准"
    with pytest.raises(DomainError) as exc2:
        suggest(agency=agency, item=std, party_kind="alien", facts={})
    assert exc2.value.message == "当事人类型应为自然人（person）或法人或者其他组织（organization）"
    with pytest.raises(DomainError) as exc3:
        S(agency, std, illegal_gains="很多")
    assert exc3.value.message == "违法所得应为不小于0的数字"


def test_published_version_is_preferred_over_a_newer_draft(agency: Any, agency_head: Any, std: Any) -> None:
    rows = [main_row(std.code, "一般", C_VERSION="2026修订", C_EFFECTIVE="2026-02-01", C_FINE_MIN=1, C_FINE_MAX=2)]
    rows += [main_row(std.code, lv, C_VERSION="2026修订", C_EFFECTIVE="2026-02-01", C_TYPES="警告") for lv in ["轻微"]]
    import_benchmarks(agency=agency, data=workbook(rows), filename="d.xlsx", actor=agency_head)
    s = S(agency, std, level="general")
    assert s.benchmark_version == "2026版" and s.amount_max == Decimal(5000)
