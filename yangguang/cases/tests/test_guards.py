"""Each guard of procedure law refuses with its stable code and exact Chinese message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.models import Case
from yangguang.cases.tests.conftest import END, SERVE, person
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.review.tests.helpers import pass_review
from yangguang.roster.models import ActionKind, CertificateStatus, Region
from yangguang.roster.tests.factories import OfficerFactory, UserFactory

D = dt.date
TWO_OFFICERS = "立案需至少两名持有效执法证的执法人员承办（《行政处罚法》第四十二条）"


def test_filing_needs_two_officers(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case(officers=[])
    with pytest.raises(DomainError) as exc:
        step(case, "file", officer, D(2026, 3, 2))
    assert (exc.value.code, exc.value.message) == ("two_officers_file", TWO_OFFICERS)
    assert Case.objects.get(pk=case.pk).state == "clue"


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"cert_status": CertificateStatus.SUSPENDED}, "执法证无效或已过期"),
        ({"cert_valid_until": D(2026, 3, 1)}, "执法证无效或已过期"),
        ({"categories": [ActionKind.LICENSING]}, "执法类别不符"),
        ("other_region", "执法区域不符"),
    ],
)
def test_second_officer_must_be_certified_for_category_and_region(
    new_case: Any, step: Any, officer: Any, officer2: Any, change: Any, problem: str
) -> None:
    # The second handler was eligible when made a handler; by the filing date he is not.
    case = new_case(on=D(2026, 2, 27))
    o2 = officer2.officer
    if change == "other_region":
        o2.region = Region.objects.create(code="330200", name="宁波市", level="city", path="/330000/330200/")
    else:
        for k, v in change.items():
            setattr(o2, k, v)
    o2.save()
    with pytest.raises(DomainError) as exc:
        step(case, "file", officer, D(2026, 3, 2))
    assert exc.value.message == TWO_OFFICERS
    assert exc.value.details["not_qualified"] == {"赵强": [problem]}


def test_officer_of_a_parent_region_covers_the_case(new_case: Any, step: Any, officer: Any, officer2: Any) -> None:
    o2 = officer2.officer
    o2.region = Region.objects.get(code="330000")
    o2.save()
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    assert Case.objects.get(pk=case.pk).state == "investigating"


def test_recusal(new_case: Any, step: Any, officer: Any, officer2: Any, agency_head: Any) -> None:
    case = new_case()
    exc: Any
    with pytest.raises(PermissionDeniedError) as exc:
        step(case, "recuse", officer, D(2026, 3, 2), officer=officer2.officer.pk, grounds="与当事人有亲属关系")
    assert exc.value.message == "执法人员的回避由行政机关负责人决定（《行政处罚法》第四十三条）"
    step(case, "recuse", agency_head, D(2026, 3, 2), officer=officer2.officer.pk, grounds="与当事人有亲属关系")
    # the recused officer can no longer act, nor be added back
    with pytest.raises(PermissionDeniedError) as exc:
        step(case, "file", officer2, D(2026, 3, 2))
    assert (exc.value.code, exc.value.message) == (
        "forbidden",
        "您已回避本案，不得继续承办（《行政处罚法》第四十三条）",
    )
    with pytest.raises(DomainError) as exc:
        step(case, "add_officer", officer, D(2026, 3, 2), officer=officer2.officer.pk)
    assert exc.value.message == "执法人员赵强已回避本案，不得承办（《行政处罚法》第四十三条）"
    # one handler left: filing is refused until another certified officer joins
    with pytest.raises(DomainError) as exc:
        step(case, "file", officer, D(2026, 3, 2))
    assert exc.value.message == TWO_OFFICERS
    third: Any = OfficerFactory(agency=officer.agency, name="孙三")
    step(case, "add_officer", officer, D(2026, 3, 2), officer=third.pk)
    step(case, "file", officer, D(2026, 3, 2))


def test_only_handlers_act(new_case: Any, step: Any, agency: Any) -> None:
    case = new_case()
    outsider: Any = UserFactory(username="o3", role="officer", agency=agency, officer=OfficerFactory(agency=agency))
    with pytest.raises(PermissionDeniedError) as exc:
        step(case, "file", outsider, D(2026, 3, 2))
    assert (exc.value.code, exc.value.message) == ("forbidden", "您不是本案的承办人员")


def test_limitation_period(new_case: Any, step: Any, officer: Any) -> None:
    late = new_case(violation_date=D(2024, 3, 1), discovery_date=D(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        step(late, "file", officer, D(2026, 3, 2))
    assert (exc.value.code, exc.value.message) == (
        "limitation_2y",
        "违法行为在二年内未被发现的，不再给予行政处罚（《行政处罚法》第三十六条）",
    )
    in_time = new_case(violation_date=D(2024, 3, 2), discovery_date=D(2026, 3, 2))
    step(in_time, "file", officer, D(2026, 3, 2))
    harmful = new_case(violation_date=D(2022, 1, 1), discovery_date=D(2026, 3, 2), harms_safety=True)
    step(harmful, "file", officer, D(2026, 3, 2))
    too_late = new_case(violation_date=D(2021, 3, 1), discovery_date=D(2026, 3, 2), harms_safety=True)
    with pytest.raises(DomainError) as exc:
        step(too_late, "file", officer, D(2026, 3, 2))
    assert exc.value.message == (
        "涉及公民生命健康安全、金融安全且有危害后果的违法行为在五年内未被发现的，不再给予行政处罚（《行政处罚法》第三十六条）"
    )


def test_no_penalty_decision_before_notice(new_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    step(case, "evidence", officer, D(2026, 3, 3), name="现场照片")
    step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "decide",
            agency_head,
            D(2026, 3, 12),
            decision_type="penalty",
            penalty_types=["fine"],
            fine="100",
            reasons="x",
        )
    assert exc.value.code == "notice_required"
    assert exc.value.message == (
        "作出行政处罚决定前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，"
        "并告知其陈述、申辩、要求听证等权利（《行政处罚法》第四十四条）"
    )
    # a finding that the facts are not established needs no notice
    step(case, "decide", agency_head, D(2026, 3, 12), decision_type="not_established", reasons="证据不足")
    assert Case.objects.get(pk=case.pk).state == "decided"


def test_decide_from_clue_is_an_illegal_transition(new_case: Any, step: Any, agency_head: Any) -> None:
    case = new_case()
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 2), decision_type="not_established", reasons="x")
    assert (exc.value.code, exc.value.message) == ("illegal_transition", "案件处于“线索登记”状态，不能进行“作出决定”")
    with pytest.raises(DomainError) as exc:
        step(case, "fly", agency_head, D(2026, 3, 2))
    assert exc.value.code == "unknown_action"


def test_only_the_agency_head_signs_off_the_decision(
    notified_case: Any, submit: Any, officer: Any, unit_head: Any
) -> None:
    """The handler drafts the decision and submits it; the agency's responsible person signs it off
    (审签): the unit head may not (《行政处罚法》第五十七条)."""
    from yangguang.cases.models import ApprovalRequest
    from yangguang.cases.services import decide_approval

    case = notified_case()
    submitted = submit(
        case,
        "decide",
        officer,
        D(2026, 3, 20),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="100",
        reasons="x",
    )
    assert submitted.action == "approval_request" and submitted.label == "提请处罚决定审签：作出决定"
    case.refresh_from_db()
    assert case.state == "notified"
    req = ApprovalRequest.objects.get(pk=submitted.data["request"])
    with pytest.raises(PermissionDeniedError) as exc:
        decide_approval(request=req, actor=unit_head, approve=True, occurred_on=D(2026, 3, 20))
    assert (exc.value.code, exc.value.message) == (
        "forbidden",
        "处罚决定审签由行政机关负责人审批（《行政处罚法》第五十七条）",
    )


def test_statement_period(notified_case: Any, step: Any, agency_head: Any) -> None:
    case = notified_case()
    decision = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "5000", "reasons": "依法处罚"}
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 19), **decision)
    assert (exc.value.code, exc.value.message) == (
        "statement_period",
        "告知后五个工作日的陈述申辩期（至2026年3月19日）届满前不得作出决定，当事人已陈述申辩或明确放弃的除外"
        "（《行政处罚法》第四十四条、第四十五条）",
    )
    step(case, "decide", agency_head, D(2026, 3, 20), **decision)


def test_statement_period_ends_early_when_party_waives(
    notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="当事人书面放弃陈述申辩")
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 13),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="5000",
        reasons="x",
    )


def test_no_heavier_penalty_than_notified(notified_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = notified_case()
    step(case, "record_statement", officer, D(2026, 3, 13), content="不服")
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "decide",
            agency_head,
            D(2026, 3, 16),
            decision_type="penalty",
            penalty_types=["fine"],
            fine="6000",
            reasons="x",
        )
    assert exc.value.message == (
        "决定的处罚不得重于告知的拟处罚，不得因当事人陈述、申辩而给予更重的处罚（《行政处罚法》第四十五条）；"
        "发现新的违法事实、需要给予更重处罚的，应当先“重新告知”当事人，重新给予陈述、申辩（要求听证）的期限"
    )


def test_hearing_rules(
    notified_case: Any, step: Any, officer: Any, officer2: Any, agency_head: Any, agency: Any
) -> None:
    case = notified_case(fine="200000")  # a large fine for an organization: hearing right
    step(case, "request_hearing", officer, D(2026, 3, 16))
    with pytest.raises(DomainError) as exc:
        step(case, "request_hearing", officer, D(2026, 3, 16))
    assert exc.value.message == "当事人已要求听证，不能重复申请"
    decision = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "200000", "reasons": "x"}
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 20), **decision)
    assert (exc.value.code, exc.value.message) == (
        "hearing_pending",
        "当事人已要求听证，听证结束前不得作出决定（《行政处罚法》第六十四条、第六十五条）",
    )
    chair: Any = OfficerFactory(agency=agency, name="钱主持")
    # notice on Monday 16 March: 7 working days later is Wednesday 25 March
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "hearing_notice",
            officer,
            D(2026, 3, 16),
            hearing_time="2026-03-24T09:30",
            place="听证室",
            chair=chair.pk,
        )
    assert (exc.value.code, exc.value.message) == (
        "hearing_notice_period",
        "行政机关应当在举行听证的七个工作日前通知当事人听证的时间、地点，听证日期最早为2026年3月25日"
        "（《行政处罚法》第六十四条、第八十五条）",
    )
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "hearing_notice",
            officer,
            D(2026, 3, 16),
            hearing_time="2026-03-25T09:30",
            place="听证室",
            chair=officer2.officer.pk,
        )
    assert exc.value.message == "听证由行政机关指定的非本案调查人员主持（《行政处罚法》第六十四条）"
    step(
        case, "hearing_notice", officer, D(2026, 3, 16), hearing_time="2026-03-25T09:30", place="听证室", chair=chair.pk
    )
    with pytest.raises(DomainError) as exc:
        step(case, "hold_hearing", officer, D(2026, 3, 24), summary="x", clerk="钱记录")
    assert exc.value.message == "听证应当在通知的日期（2026年3月25日）举行"
    step(case, "hold_hearing", officer, D(2026, 3, 25), summary="当事人到场陈述", clerk="钱记录")
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 26), **decision)
    assert exc.value.code == "hearing_not_reported"  # Art. 65: see test_hearing_and_discussion.py
    step(case, "hearing_report", officer, D(2026, 3, 25), findings="事实清楚", opinion="维持拟处罚")
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 26), **decision)
    assert exc.value.code == "collective_discussion"
    assert (
        exc.value.message
        == "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条）"
    )
    step(
        case, "collective_discussion", agency_head, D(2026, 3, 26), started_at="2026-03-26T09:00", place="局会议室",
        chair="周局长", participants="周局长、吴副局长、郑副局长", record="讨论拟处罚", conclusion="同意",
    )  # fmt: skip
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 26), **decision)
    assert exc.value.code == "review_not_passed"  # a large fine and a hearing held: a major decision
    pass_review(case, officer, D(2026, 3, 26))
    step(case, "decide", agency_head, D(2026, 3, 26), **decision)


def test_hearing_request_window_and_scope(notified_case: Any, step: Any, officer: Any) -> None:
    small = notified_case(fine="5000")
    with pytest.raises(DomainError) as exc:
        step(small, "request_hearing", officer, D(2026, 3, 13))
    assert exc.value.message == "拟作出的行政处罚不属于听证范围（《行政处罚法》第六十三条）"
    large = notified_case(fine=None, types=["revoke_licence"])
    with pytest.raises(DomainError) as exc:
        step(large, "request_hearing", officer, D(2026, 3, 20))
    assert (exc.value.code, exc.value.message) == (
        "hearing_late",
        "当事人要求听证的，应当在行政机关告知后五个工作日内提出（至2026年3月19日），逾期视为放弃（《行政处罚法》第六十四条）",
    )
    step(large, "request_hearing", officer, D(2026, 3, 19))


def test_person_large_fine_threshold_is_lower(notified_case: Any, step: Any, officer: Any) -> None:
    case = notified_case(fine="10000", parties=[person()])
    step(case, "request_hearing", officer, D(2026, 3, 13))


def test_collective_discussion_ordered_by_head(notified_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = notified_case()
    step(case, "order_collective_discussion", agency_head, D(2026, 3, 13), reason="案情复杂")
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "decide",
            agency_head,
            D(2026, 3, 16),
            decision_type="penalty",
            penalty_types=["fine"],
            fine="5000",
            reasons="x",
        )
    assert exc.value.code == "collective_discussion"


def test_evidence_must_be_disposed_before_investigation_ends(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    step(
        case, "preserve_evidence", officer, D(2026, 3, 3), items="账册", storage_place="本局证物室", approval="局长批准"
    )
    with pytest.raises(DomainError) as exc:
        step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)
    assert (
        exc.value.message
        == "先行登记保存的证据应当在七个工作日内作出处理决定，处理后方可调查终结（《行政处罚法》第五十六条）"
    )


def test_major_case_needs_legal_review(new_case: Any, step: Any, officer: Any) -> None:
    """A case that is not major never needs review; once a major case is submitted, the notice waits
    for the review to pass."""
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    step(case, "evidence", officer, D(2026, 3, 3), name="现场照片")
    step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)
    with pytest.raises(DomainError) as exc:
        step(case, "submit_review", officer, D(2026, 3, 11), truth_statement=True)
    assert exc.value.message == "本案不属于重大执法决定，无需法制审核"
    notice = {"penalty_types": ["fine"], "fine": "60000", "legal_basis": "x"}
    step(case, "propose", officer, D(2026, 3, 11), **notice)
    assert Case.objects.get(pk=case.pk).is_major
    step(case, "submit_review", officer, D(2026, 3, 12), truth_statement=True)
    assert Case.objects.get(pk=case.pk).state == "legal_review"
    with pytest.raises(DomainError) as exc:
        step(case, "issue_notice", officer, D(2026, 3, 12), **notice)
    assert exc.value.message == "重大执法决定未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）"


def test_occurred_on_rules(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case()
    with pytest.raises(DomainError) as exc:
        step(case, "file", officer, D(2026, 3, 1))
    assert (exc.value.code, exc.value.message) == (
        "occurred_before_previous",
        "发生日期不能早于上一步骤的日期（2026年3月2日）",
    )
    with pytest.raises(DomainError) as exc:
        step(case, "file", officer, dt.date.today() + dt.timedelta(days=1))
    assert (exc.value.code, exc.value.message) == ("occurred_in_future", "发生日期不能晚于今天")


def test_required_data(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        step(case, "inquiry_record", officer, D(2026, 3, 2), person="王五")
    assert (exc.value.code, exc.value.message) == ("invalid_data", "请填写“询问地点”")


def test_closing_needs_payment_or_compulsory_execution(
    notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 13),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="5000",
        reasons="x",
    )
    step(case, "serve", officer, D(2026, 3, 16), method="direct", recipient="王五", **SERVE)
    with pytest.raises(DomainError) as exc:
        step(case, "close", officer, D(2026, 3, 17), summary="x")
    assert (
        exc.value.message == "罚款及加处罚款未缴清且未申请强制执行的，不能结案（《行政处罚法》第六十七条、第七十二条）"
    )
    # payment due 15 days after service: 31 March
    with pytest.raises(DomainError) as exc:
        step(case, "apply_compulsory_execution", officer, D(2026, 3, 31), court="西湖区人民法院")
    assert exc.value.message == (
        "当事人逾期不履行行政处罚决定的，方可申请人民法院强制执行；缴款期限至2026年3月31日（《行政处罚法》第七十二条）"
    )
    # 催告 (行政强制法 Art. 54), ten working days, then the remedy periods (Art. 53): see test_enforcement.py
    step(case, "demand_payment", officer, D(2026, 4, 1))
    step(case, "serve_demand", officer, D(2026, 4, 2), method="direct", recipient="王五")
    step(case, "apply_compulsory_execution", officer, D(2026, 9, 17), court="西湖区人民法院")
    step(case, "close", officer, D(2026, 9, 17), summary="已申请强制执行")


def test_investigation_cannot_end_without_evidence(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)
    assert (exc.value.code, exc.value.message) == (
        "evidence_missing",
        "尚未登记证据，不能调查终结：违法事实不清、证据不足的，不得给予行政处罚（《行政处罚法》第四十条）",
    )


def test_documents_must_be_complete(new_case: Any, step: Any, officer: Any) -> None:
    """A step whose document lacks required content is refused with the documents app's message."""
    case = new_case(facts="")
    with pytest.raises(DomainError) as exc:
        step(case, "file", officer, D(2026, 3, 2))
    assert (exc.value.code, exc.value.message) == (
        "document_context_missing",
        "生成《立案审批表》缺少必填内容：违法事实（facts）",
    )
    assert Case.objects.get(pk=case.pk).state == "clue"
    # The approval failed as a whole: the submission (提请立案审批) stays pending, nothing was filed.
    assert list(case.steps.values_list("action", flat=True)) == ["create", "approval_request"]
