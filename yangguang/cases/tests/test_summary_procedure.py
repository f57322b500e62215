"""Summary procedure (简易程序, 当场处罚): within 200 / 3,000 yuan or a warning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.models import Case
from yangguang.cases.tests.conftest import SPOT, company, person
from yangguang.core.errors import DomainError

D = dt.date
PERSON = "简易程序当场处罚仅限警告或者对公民处以二百元以下罚款（《行政处罚法》第五十一条）"
ORG = "简易程序当场处罚仅限警告或者对法人、其他组织处以三千元以下罚款（《行政处罚法》第五十一条）"


def _decide(step: Any, case: Any, actor: Any, types: list[str], fine: str | None) -> Any:
    return step(case, "decide_on_spot", actor, D(2026, 3, 2), penalty_types=types, fine=fine, **SPOT)


@pytest.mark.parametrize(
    "party, types, fine, message",
    [
        (person(), ["fine"], "201", PERSON),
        (person(), ["fine", "confiscate_income"], "100", PERSON),
        (company(), ["fine"], "3000.01", ORG),
        (company(), ["suspend_business"], None, ORG),
    ],
)
def test_limits(new_case: Any, step: Any, officer: Any, party: Any, types: Any, fine: Any, message: str) -> None:
    case = new_case("penalty_summary", parties=[party])
    with pytest.raises(DomainError) as exc:
        _decide(step, case, officer, types, fine)
    assert exc.value.message == message
    assert Case.objects.get(pk=case.pk).state == "on_spot"


@pytest.mark.parametrize(
    "party, types, fine",
    [(person(), ["fine"], "200"), (company(), ["warning", "fine"], "3000"), (person(), ["warning"], None)],
)
def test_within_limits(new_case: Any, step: Any, officer: Any, party: Any, types: Any, fine: Any) -> None:
    case = new_case("penalty_summary", parties=[party])
    _decide(step, case, officer, types, fine)
    assert Case.objects.get(pk=case.pk).state == "decided"


def test_one_certified_officer_suffices_and_the_case_closes_after_payment(
    new_case: Any, step: Any, officer: Any
) -> None:
    case = new_case("penalty_summary", parties=[person()], officers=[])
    assert case.number == "杭市监简案〔2026〕1号"
    _decide(step, case, officer, ["fine"], "200")
    step(case, "deliver", officer, D(2026, 3, 2), recipient="张三")
    with pytest.raises(DomainError):
        step(case, "close", officer, D(2026, 3, 2), summary="备案")
    step(case, "record_payment", officer, D(2026, 3, 3), amount="200")
    step(case, "close", officer, D(2026, 3, 3), summary="已报局备案")
    assert Case.objects.get(pk=case.pk).state == "closed"


def test_uncertified_officer_cannot_decide_on_the_spot(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case("penalty_summary", parties=[person()], officers=[])
    o = officer.officer
    o.categories = ["licensing"]
    o.save()
    with pytest.raises(DomainError) as exc:
        _decide(step, case, officer, ["warning"], None)
    assert exc.value.message == "当场作出行政处罚决定的执法人员须持有效执法证（《行政处罚法》第五十二条、第五十五条）"
