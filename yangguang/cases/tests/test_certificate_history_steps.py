"""Issue 16: every act is judged on its own date against the certificate's history. A step recorded
after the fact (补录) on a day inside a lapse between two certificate periods, or inside a
suspension, is refused even after the certificate was renewed or reinstated; one on a day the
certificate was valid passes. Runs on SQLite and PostgreSQL like the rest of the suite."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.access.errors import AccessDenied
from yangguang.roster import certificates

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def lapsed_then_renewed(officer: Any, security_admin: Any) -> Any:
    """The acting officer's certificate ran until 2026-03-31, lapsed in April and was renewed from
    2026-05-01; it was suspended from 2026-06-01 and reinstated on 2026-06-10."""
    o = officer.officer
    o.cert_valid_until = D(2026, 3, 31)
    o.save()
    return o


def test_a_back_dated_step_in_a_lapse_or_a_suspension_is_refused_after_renewal(
    lapsed_then_renewed: Any, new_case: Any, step: Any, officer: Any, security_admin: Any
) -> None:
    o = lapsed_then_renewed
    case = new_case(on=D(2026, 3, 2))
    step(case, "file", officer, D(2026, 3, 2))
    certificates.renew_certificate(
        officer=o, valid_from=D(2026, 5, 1), valid_until=D(2031, 4, 30), actor=security_admin, reason="到期换证"
    )
    certificates.suspend_certificate(officer=o, on=D(2026, 6, 1), actor=security_admin, reason="涉嫌违纪")
    certificates.reinstate_certificate(officer=o, on=D(2026, 6, 10), actor=security_admin, reason="调查结束")
    o.refresh_from_db()
    # the fields now read as a valid certificate: only the history knows April and early June
    assert (o.cert_valid_from, o.cert_valid_until, o.cert_status) == (D(2026, 5, 1), D(2031, 4, 30), "valid")

    with pytest.raises(AccessDenied) as lapse:
        step(case, "evidence", officer, D(2026, 4, 15), name="补录的现场照片")
    assert lapse.value.message == (
        "持证上岗：执法证在 2026-04-15 已过期（有效期至 2026-03-31），不得从事执法活动（《行政处罚法》第五十五条）"
    )
    step(case, "evidence", officer, D(2026, 3, 20), name="现场照片")  # valid under the first period

    with pytest.raises(AccessDenied) as suspended:
        step(case, "evidence", officer, D(2026, 6, 5), name="询问笔录")
    assert suspended.value.message == (
        "持证上岗：执法证在 2026-06-05 处于暂扣期间，不得从事执法活动（《行政处罚法》第五十五条）"
    )
    step(case, "evidence", officer, D(2026, 6, 10), name="询问笔录")  # reinstated that day
    assert [s.action for s in case.steps.order_by("pk")][-2:] == ["evidence", "evidence"]


def test_a_renewal_does_not_lend_validity_to_the_co_handler_either(
    new_case: Any, step: Any, officer: Any, officer2: Any, security_admin: Any
) -> None:
    """The other handler's certificate is judged by the case guard (two certified officers, Art. 42)
    on the step's date too."""
    o2 = officer2.officer
    o2.cert_valid_until = D(2026, 3, 31)
    o2.save()
    certificates.renew_certificate(
        officer=o2, valid_from=D(2026, 5, 1), valid_until=D(2031, 4, 30), actor=security_admin, reason="到期换证"
    )
    with pytest.raises(AccessDenied) as exc:
        new_case(on=D(2026, 4, 20))
    assert exc.value.message == (
        "持证上岗：执法人员赵强的执法证在 2026-04-20 已过期（有效期至 2026-03-31），不得承办案件"
        "（《行政处罚法》第四十二条、第五十五条）"
    )
    assert new_case(on=D(2026, 5, 6)).pk
