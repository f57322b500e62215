"""The major decision catalog (重大执法决定法制审核目录清单): defaults, evaluation, editing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.discretion.models import MajorCatalog, MajorRule
from yangguang.discretion.services import MajorRuleInput, ensure_default_catalog, evaluate_major, replace_major_rules
from yangguang.ledger.models import Entry

pytestmark = pytest.mark.django_db


def texts(reasons: list[Any]) -> list[str]:
    return [r.text for r in reasons]


def test_60000_yuan_fine_against_a_company_is_major_under_the_defaults(agency: Any) -> None:
    reasons = evaluate_major(agency=agency, party_kind="organization", fine_amount=Decimal(60000))
    assert texts(reasons) == ["对法人或者其他组织处以5万元以上罚款（拟罚款60000元）"]
    assert reasons[0].kind == "fine" and reasons[0].rule_id is None  # the default catalog, not saved
    assert not MajorCatalog.objects.exists()


def test_small_cases_are_not_major(agency: Any) -> None:
    assert evaluate_major(agency=agency, party_kind="person", fine_amount=2000) == []
    assert evaluate_major(agency=agency, party_kind="organization", fine_amount=49999.99) == []
    assert (
        evaluate_major(agency=agency, party_kind="organization", penalty_types=["warning", "fine"], fine_amount=0) == []
    )


def test_thresholds_are_separate_for_persons_and_organizations(agency: Any) -> None:
    assert texts(evaluate_major(agency=agency, party_kind="person", fine_amount=10000)) == [
        "对自然人处以1万元以上罚款（拟罚款10000元）"
    ]
    assert evaluate_major(agency=agency, party_kind="organization", fine_amount=10000) == []
    assert texts(evaluate_major(agency=agency, party_kind="organization", confiscation_amount="50000")) == [
        "对法人或者其他组织没收违法所得或者非法财物价值5万元以上（拟没收50000元）"
    ]


def test_heavy_penalty_types_hearing_and_flags_are_major(agency: Any) -> None:
    assert texts(evaluate_major(agency=agency, party_kind="person", penalty_types=["revoke_licence"])) == [
        "吊销许可证件（拟处吊销许可证件）"
    ]
    assert texts(evaluate_major(agency=agency, party_kind="organization", penalty_types=["suspend_business"])) == [
        "责令停产停业（拟处责令停产停业）"
    ]
    assert texts(evaluate_major(agency=agency, party_kind="person", fine_amount=500, hearing_held=True)) == [
        "经过听证程序"
    ]
    reasons = evaluate_major(agency=agency, party_kind="person", flags={"complex": "涉及三个法律关系，事实认定有争议"})
    assert texts(reasons) == ["案件情况疑难复杂、涉及多个法律关系：涉及三个法律关系，事实认定有争议"]
    assert reasons[0].code == "complex"
    # Several reasons at once, in catalog order.
    assert (
        len(
            evaluate_major(
                agency=agency,
                party_kind="organization",
                fine_amount=100000,
                penalty_types=["fine", "revoke_licence"],
                hearing_held=True,
            )
        )
        == 3
    )


def test_flags_need_a_reason_and_a_known_code(agency: Any) -> None:
    with pytest.raises(DomainError) as exc:
        evaluate_major(agency=agency, party_kind="person", flags={"social_risk": " "})
    assert exc.value.message == "标记重大执法决定情形「可能造成重大社会影响或者引发社会风险」须填写理由"
    with pytest.raises(DomainError) as exc2:
        evaluate_major(agency=agency, party_kind="person", flags={"vip": "x"})
    assert exc2.value.message == "未知的重大执法决定标记情形「vip」"
    with pytest.raises(DomainError) as exc3:
        evaluate_major(agency=agency, party_kind="person", penalty_types=["flogging"])
    assert exc3.value.message == "未知的处罚种类「flogging」"


def test_the_agency_edits_its_catalog(agency: Any, agency_head: Any, officer: Any) -> None:
    with pytest.raises(PermissionDeniedError):
        ensure_default_catalog(agency=agency, actor=officer)
    catalog = ensure_default_catalog(agency=agency, actor=agency_head)
    assert catalog.rules.count() == 15
    assert ensure_default_catalog(agency=agency, actor=agency_head).pk == catalog.pk
    assert Entry.objects.filter(action="discretion.catalog.create").count() == 1
    reasons = evaluate_major(agency=agency, party_kind="organization", fine_amount=60000)
    assert reasons[0].rule_id == catalog.rules.get(kind="fine", party_kind="organization").pk

    replace_major_rules(
        agency=agency,
        actor=agency_head,
        rules=[
            MajorRuleInput(
                kind="fine", party_kind="organization", threshold=Decimal(100000), title="对单位罚款10万元以上"
            ),
            MajorRuleInput(kind="penalty_type", penalty_type="revoke_licence", title="吊销许可证件"),
            MajorRuleInput(kind="hearing", title="经过听证程序", active=False),
        ],
    )
    assert MajorRule.objects.filter(catalog=catalog).count() == 3
    assert evaluate_major(agency=agency, party_kind="organization", fine_amount=60000) == []
    assert evaluate_major(agency=agency, party_kind="person", hearing_held=True) == []
    assert texts(evaluate_major(agency=agency, party_kind="organization", fine_amount=100000)) == [
        "对单位罚款10万元以上（拟罚款100000元）"
    ]
    entry = Entry.objects.filter(action="discretion.catalog.update").get()
    assert '"before"' in entry.canonical and "对单位罚款10万元以上" in entry.canonical


def test_invalid_catalog_rules_are_rejected_whole(agency: Any, agency_head: Any) -> None:
    with pytest.raises(DomainError) as exc:
        replace_major_rules(
            agency=agency,
            actor=agency_head,
            rules=[
                MajorRuleInput(kind="fine", party_kind="person", threshold=None, title="罚款"),
                MajorRuleInput(kind="penalty_type", title=""),
            ],
        )
    assert exc.value.details["errors"] == [
        "第1条规则：数额标准须为大于0的数字",
        "第2条规则：须填写目录条目",
        "第2条规则：须选择处罚种类",
    ]
    assert not MajorCatalog.objects.exists()
