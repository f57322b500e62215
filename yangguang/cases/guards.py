"""Guards: the rules of procedure law that a step must satisfy, each raising ``DomainError`` with a
stable code and a Chinese message naming the rule and article.

A guard is registered (``extensions.guard``) under the name used in ``workflow.Transition.guards``
and receives a ``GuardContext``. Guards only read; the engine runs them with the case row locked.
Guards that need an upper app (the legal review gate, the AV recording list) are contributed by that
app (``review/guards.py``, ``evidence/guards.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from yangguang.core.errors import DomainError
from yangguang.roster.models import Officer, Role
from yangguang.workdays import periods
from yangguang.workdays.periods import PERIODS

from . import deadlines
from .extensions import GuardContext, guard
from .models import Case, Party
from .workflow import (
    HEARING_PENALTY_TYPES,
    KIND_CATEGORY,
    LARGE_AMOUNT,
    SUMMARY_FINE_LIMIT,
    SUMMARY_PENALTY_TYPES,
    AnnulmentChannel,
    AnnulmentGround,
    DecisionType,
    PartyKind,
    PenaltyType,
)


def fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- Messages (stable codes; tests assert the exact text) ---------------------------------------

MSG = {
    "limitation_2y": "违法行为在二年内未被发现的，不再给予行政处罚（《行政处罚法》第三十六条）",
    "limitation_5y": "涉及公民生命健康安全、金融安全且有危害后果的违法行为在五年内未被发现的，不再给予行政处罚（《行政处罚法》第三十六条）",
    "limitation_dates": "请填写违法行为发生日期和发现日期，以核对追责时效（《行政处罚法》第三十六条）",
    "two_officers_file": "立案需至少两名持有效执法证的执法人员承办（《行政处罚法》第四十二条）",
    "two_officers_investigate": "调查取证时执法人员不得少于两人，并应持有效执法证（《行政处罚法》第四十二条、第五十五条）",
    "two_officers_coercion": "实施行政强制措施须由两名以上持有效执法证的执法人员实施（《行政强制法》第十八条）",
    "two_officers_inspection": "行政检查须由两名以上持有效执法证的执法人员实施（《行政处罚法》第四十二条、第五十五条）",
    "one_officer_summary": "当场作出行政处罚决定的执法人员须持有效执法证（《行政处罚法》第五十二条、第五十五条）",
    "evidence_not_disposed": "先行登记保存的证据应当在{evidence_preservation}内作出处理决定，处理后方可调查终结（《行政处罚法》第五十六条）",
    "evidence_missing": "尚未登记证据，不能调查终结：违法事实不清、证据不足的，不得给予行政处罚（《行政处罚法》第四十条）",
    "proposal_types": "请选择拟处罚种类（《行政处罚法》第九条）",
    "fine_amount_missing": "处罚种类包含罚款的，应填写罚款金额",
    "confiscation_amount_missing": "处罚种类包含没收的，应填写没收金额",
    "notice_required": "作出行政处罚决定前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证等权利（《行政处罚法》第四十四条）",
    "hearing_pending": "当事人已要求听证，听证结束前不得作出决定（《行政处罚法》第六十四条、第六十五条）",
    "statement_period": "告知后{statement}的陈述申辩期（至{due}）届满前不得作出决定，当事人已陈述申辩或明确放弃的除外（《行政处罚法》第四十四条、第四十五条）",
    "heavier_penalty": "决定的处罚不得重于告知的拟处罚，不得因当事人陈述、申辩而给予更重的处罚（《行政处罚法》第四十五条）；发现新的违法事实、需要给予更重处罚的，应当先“重新告知”当事人，重新给予陈述、申辩（要求听证）的期限",
    "collective_discussion": "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《行政处罚法》第五十七条）",
    "decision_no_penalty_types": "不予行政处罚、违法事实不能成立或移送司法机关的决定不应包含处罚种类",
    "hearing_no_right": "拟作出的行政处罚不属于听证范围（《行政处罚法》第六十三条）",
    "hearing_late": "当事人要求听证的，应当在行政机关告知后{statement}内提出（至{due}），逾期视为放弃（《行政处罚法》第六十四条）",
    "hearing_duplicate": "当事人已要求听证，不能重复申请",
    "hearing_not_held": "尚未举行听证，不能制作听证报告（《行政处罚法》第六十五条）",
    "hearing_already_reported": "本次听证已制作听证报告，决定依据该报告和听证笔录作出（《行政处罚法》第六十五条）",
    "hearing_not_reported": "听证结束后，行政机关应当根据听证笔录作出决定：请先制作听证报告，载明听证认定的事实、证据和听证主持人的处理意见（《行政处罚法》第六十五条）",
    "hearing_not_requested": "当事人未要求听证，不能通知听证（《行政处罚法》第六十四条）",
    "hearing_notice_period": "行政机关应当在举行听证的{hearing_notice}前通知当事人听证的时间、地点，听证日期最早为{earliest}（《行政处罚法》第六十四条、第八十五条）",
    "hearing_chair": "听证由行政机关指定的非本案调查人员主持（《行政处罚法》第六十四条）",
    "hearing_not_noticed": "尚未通知当事人听证的时间、地点（《行政处罚法》第六十四条）",
    "hearing_date_not_reached": "听证应当在通知的日期（{date}）举行",
    "no_fine": "本案没有应缴纳的罚款",
    "fine_paid": "罚款及加处罚款已缴清",
    "not_overdue": "当事人逾期不履行行政处罚决定的，方可申请人民法院强制执行；缴款期限至{due}（《行政处罚法》第七十二条）",
    "demand_not_overdue": "当事人逾期不履行行政处罚决定的，方可催告；缴款期限至{due}（《行政处罚法》第七十二条，《行政强制法》第五十四条）",
    "demand_not_issued": "尚未制作催告书，不能登记送达（《行政强制法》第三十五条、第三十七条）",
    "demand_not_served": "申请人民法院强制执行前，应当以书面形式催告当事人履行义务；催告书尚未送达，不得申请（《行政强制法》第五十四条）",
    "demand_period": "催告书于{served}送达，{demand_performance}的履行期限至{due}；期限届满当事人仍未履行的，方可申请人民法院强制执行（《行政强制法》第五十四条、第六十九条）",
    "remedy_periods": "当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，方可申请人民法院强制执行；申请行政复议的期限至{review_due}，提起行政诉讼的期限至{litigation_due}，届满前不得申请（《行政强制法》第五十三条）",
    "enforcement_late": "申请人民法院强制执行应当自复议、诉讼期限届满之日起{enforcement_application}内提出，已于{due}届满（《行政强制法》第五十三条）",
    "not_executed": "罚款及加处罚款未缴清且未申请强制执行的，不能结案（《行政处罚法》第六十七条、第七十二条）",
    "summary_person": "简易程序当场处罚仅限警告或者对公民处以二百元以下罚款（《行政处罚法》第五十一条）",
    "summary_org": "简易程序当场处罚仅限警告或者对法人、其他组织处以三千元以下罚款（《行政处罚法》第五十一条）",
    "seizure_term": "查封、扣押的期限不得超过{seizure}（《行政强制法》第二十五条）",
    "seizure_extended_once": "查封、扣押期限只能延长一次（《行政强制法》第二十五条）",
    "seizure_extension_days": "延长查封、扣押的期限不得超过{seizure_extension}（《行政强制法》第二十五条）",
    "seizure_expired": "查封、扣押期限已于{due}届满，不能再延长（《行政强制法》第二十五条）",
    "licensing_extension": "许可决定期限经本行政机关负责人批准只能延长一次，且不得超过{licensing_extension}（《行政许可法》第四十二条）",
    "violation_not_found": "检查未发现违法行为，不能转为行政处罚案件",
    "party_required": "请至少登记一名当事人",
}


def fail(code: str, **fmt_args: Any) -> DomainError:
    """The refusal ``code`` with its message; ``{statement}``, ``{hearing_notice}``… are the lengths
    of the periods of the one table (``yangguang.workdays.periods``), read when the step is refused."""
    return DomainError(gettext(MSG[code]).format(**periods.texts(), **fmt_args), code=code)


# --- Helpers -------------------------------------------------------------------------------------


def officer_problems(case: Case, officer: Officer, on: dt.date) -> list[str]:
    """Why ``officer`` may not act on ``case`` on day ``on`` (empty list: qualified)."""
    problems = []
    if not officer.certificate_valid_on(on):
        problems.append("执法证无效或已过期")
    category = KIND_CATEGORY[case.kind]
    if category not in (officer.categories or []):
        problems.append("执法类别不符")
    if not case.region.path.startswith(officer.region.path):
        problems.append("执法区域不符")
    return problems


def qualified_officers(case: Case, on: dt.date) -> tuple[list[Officer], dict[str, list[str]]]:
    ok: list[Officer] = []
    bad: dict[str, list[str]] = {}
    links = case.case_officers.filter(active=True).select_related("officer__region")
    for link in links:
        problems = officer_problems(case, link.officer, on)
        if problems:
            bad[link.officer.name] = problems
        else:
            ok.append(link.officer)
    return ok, bad


def is_heavy(penalty_types: list[str], fine: Decimal | None, confiscation: Decimal | None, party: Party | None) -> bool:
    """Heavy penalty: one carrying the hearing right (《行政处罚法》第六十三条): licence revocation,
    downgrade, suspension, closure, practice restriction, or a large fine or confiscation."""
    if set(penalty_types) & HEARING_PENALTY_TYPES:
        return True
    threshold = LARGE_AMOUNT[PartyKind(party.kind) if party else PartyKind.ORGANIZATION]
    return (fine or Decimal("0")) >= threshold or (confiscation or Decimal("0")) >= threshold


def _statement_or_waiver(case: Case) -> bool:
    return (
        case.statements.filter(superseded_on__isnull=True).exists()
        or case.hearings.filter(held_on__isnull=False, superseded_on__isnull=True).exists()
    )


# --- Guards --------------------------------------------------------------------------------------


@guard("limitation_period")
def limitation_period(ctx: GuardContext) -> None:
    """《行政处罚法》第三十六条: 2 years, or 5 years where life, health or financial safety is harmed,
    from the violation (or its end) to its discovery."""
    case = ctx.case
    if case.violation_date is None or case.discovery_date is None:
        raise fail("limitation_dates")
    years = 5 if case.harms_safety else 2
    v = case.violation_date
    try:
        limit = v.replace(year=v.year + years)
    except ValueError:  # 29 February
        limit = v.replace(year=v.year + years, day=28)
    if case.discovery_date > limit:
        raise fail("limitation_5y" if case.harms_safety else "limitation_2y")


TWO_OFFICER_MESSAGES = {
    "file": "two_officers_file",
    "impose": "two_officers_coercion",
    "start_inspection": "two_officers_inspection",
}


@guard("two_certified_officers")
def two_certified_officers(ctx: GuardContext) -> None:
    ok, bad = qualified_officers(ctx.case, ctx.on)
    if len(ok) < 2:
        code = TWO_OFFICER_MESSAGES.get(ctx.transition.action, "two_officers_investigate")
        err = fail(code)
        err.details = {"qualified": [o.name for o in ok], "not_qualified": bad}
        raise err


@guard("one_certified_officer")
def one_certified_officer(ctx: GuardContext) -> None:
    ok, bad = qualified_officers(ctx.case, ctx.on)
    if not ok:
        err = fail("one_officer_summary")
        err.details = {"not_qualified": bad}
        raise err


@guard("evidence_disposed")
def evidence_disposed(ctx: GuardContext) -> None:
    if ctx.case.preservations.filter(disposed_on__isnull=True).exists():
        raise fail("evidence_not_disposed")


EVIDENCE_ACTIONS = ("evidence", "inspection_record", "inquiry_record", "preserve_evidence")


@guard("evidence_registered")
def evidence_registered(ctx: GuardContext) -> None:
    if not ctx.case.steps.filter(action__in=EVIDENCE_ACTIONS).exists():
        raise fail("evidence_missing")


def _check_amounts(types: list[str], fine: Decimal | None, confiscation: Decimal | None) -> None:
    if PenaltyType.FINE in types and not fine:
        raise fail("fine_amount_missing")
    if (PenaltyType.CONFISCATE_INCOME in types or PenaltyType.CONFISCATE_PROPERTY in types) and not confiscation:
        raise fail("confiscation_amount_missing")


@guard("proposal_valid")
def proposal_valid(ctx: GuardContext) -> None:
    types = ctx.data.get("penalty_types") or []
    if not types:
        raise fail("proposal_types")
    _check_amounts(types, ctx.data.get("fine"), ctx.data.get("confiscation"))


@guard("notice_given")
def notice_given(ctx: GuardContext) -> None:
    """A penalty (or a decision not to penalize) needs the notice of rights first; a finding that the
    facts are not established, or a referral to judicial organs, does not."""
    if ctx.data.get("decision_type") in (DecisionType.PENALTY, DecisionType.NO_PENALTY) and ctx.case.notice_on is None:
        raise fail("notice_required")


@guard("hearing_not_pending")
def hearing_not_pending(ctx: GuardContext) -> None:
    if ctx.case.hearings.filter(held_on__isnull=True, superseded_on__isnull=True).exists():
        raise fail("hearing_pending")


@guard("statement_period_over")
def statement_period_over(ctx: GuardContext) -> None:
    period = deadlines.statement_deadline(ctx.case)
    if period is None or _statement_or_waiver(ctx.case):
        return
    if ctx.on <= period.due:
        raise fail("statement_period", due=fmt(period.due))


@guard("decision_valid")
def decision_valid(ctx: GuardContext) -> None:
    types = ctx.data.get("penalty_types") or []
    if ctx.data.get("decision_type") == DecisionType.PENALTY:
        if not types:
            raise fail("proposal_types")
        _check_amounts(types, ctx.data.get("fine"), ctx.data.get("confiscation"))
    elif types or ctx.data.get("fine") or ctx.data.get("confiscation"):
        raise fail("decision_no_penalty_types")


@guard("no_heavier_after_defense")
def no_heavier_after_defense(ctx: GuardContext) -> None:
    case = ctx.case
    if ctx.data.get("decision_type") != DecisionType.PENALTY or case.notice_on is None:
        return
    types = set(ctx.data.get("penalty_types") or [])
    heavier = (
        not types <= set(case.proposed_penalty_types)
        or (ctx.data.get("fine") or Decimal("0")) > (case.proposed_fine or Decimal("0"))
        or (ctx.data.get("confiscation") or Decimal("0")) > (case.proposed_confiscation or Decimal("0"))
    )
    if heavier:
        raise fail("heavier_penalty")


@guard("collective_discussion")
def collective_discussion(ctx: GuardContext) -> None:
    case = ctx.case
    if ctx.data.get("decision_type") != DecisionType.PENALTY:
        required = case.collective_discussion_ordered
    else:
        heavy = is_heavy(
            ctx.data.get("penalty_types") or [], ctx.data.get("fine"), ctx.data.get("confiscation"), case.main_party
        )
        required = heavy or case.collective_discussion_ordered
    if required and not case.discussions.exists():
        raise fail("collective_discussion")


@guard("hearing_right")
def hearing_right(ctx: GuardContext) -> None:
    case = ctx.case
    if not is_heavy(case.proposed_penalty_types, case.proposed_fine, case.proposed_confiscation, case.main_party):
        raise fail("hearing_no_right")


@guard("hearing_request_window")
def hearing_request_window(ctx: GuardContext) -> None:
    case = ctx.case
    if case.hearings.filter(superseded_on__isnull=True).exists():
        raise fail("hearing_duplicate")
    period = deadlines.statement_deadline(case)
    if period is not None and ctx.on > period.due:
        raise fail("hearing_late", due=fmt(period.due))


@guard("hearing_requested")
def hearing_requested(ctx: GuardContext) -> None:
    if not ctx.case.hearings.filter(held_on__isnull=True, superseded_on__isnull=True).exists():
        raise fail("hearing_not_requested")


@guard("hearing_notice_period")
def hearing_notice_period(ctx: GuardContext) -> None:
    earliest = PERIODS["hearing_notice"].due(ctx.on).due
    if ctx.data["hearing_time"].date() < earliest:
        raise fail("hearing_notice_period", earliest=fmt(earliest))


@guard("hearing_chair")
def hearing_chair(ctx: GuardContext) -> None:
    chair: Officer = ctx.data["chair"]
    if ctx.case.case_officers.filter(officer=chair).exists():
        raise fail("hearing_chair")


@guard("hearing_scheduled_reached")
def hearing_scheduled_reached(ctx: GuardContext) -> None:
    hearing = ctx.case.hearings.filter(held_on__isnull=True, superseded_on__isnull=True).first()
    if hearing is None:
        raise fail("hearing_not_requested")
    if hearing.scheduled_for is None:
        raise fail("hearing_not_noticed")
    if ctx.on < hearing.scheduled_for:
        raise fail("hearing_date_not_reached", date=fmt(hearing.scheduled_for))


def _held_hearing_report(case: Case) -> tuple[Any, Any]:
    """(the step that held the current hearing, the report step after it) or (None, None)."""
    if not case.hearings.filter(held_on__isnull=False, superseded_on__isnull=True).exists():
        return None, None
    held = case.steps.filter(action="hold_hearing").order_by("-seq").first()
    if held is None:
        return None, None
    return held, case.steps.filter(action="hearing_report", seq__gt=held.seq).first()


@guard("hearing_held_unreported")
def hearing_held_unreported(ctx: GuardContext) -> None:
    held, report = _held_hearing_report(ctx.case)
    if held is None:
        raise fail("hearing_not_held")
    if report is not None:
        raise fail("hearing_already_reported")


@guard("hearing_reported")
def hearing_reported(ctx: GuardContext) -> None:
    """Art. 65: after a hearing the decision rests on its record, carried by the report."""
    held, report = _held_hearing_report(ctx.case)
    if held is not None and report is None:
        raise fail("hearing_not_reported")


@guard("fine_outstanding")
def fine_outstanding(ctx: GuardContext) -> None:
    case = ctx.case
    if not case.fine_amount:
        raise fail("no_fine")
    _, _, outstanding = deadlines.amount_owed(case, ctx.on)
    if outstanding <= 0:
        raise fail("fine_paid")


@guard("payment_overdue")
def payment_overdue(ctx: GuardContext) -> None:
    case = ctx.case
    due = deadlines.payment_due(case)
    if due is None:
        raise fail("no_fine")
    _, _, outstanding = deadlines.amount_owed(case, ctx.on)
    if outstanding <= 0:
        raise fail("fine_paid")
    if ctx.on <= due:
        raise fail("not_overdue", due=fmt(due))


@guard("demand_overdue")
def demand_overdue(ctx: GuardContext) -> None:
    """A 催告 is for a fine not paid in time (nothing left to pay: nothing to demand)."""
    case = ctx.case
    due = deadlines.payment_due(case)
    if due is None:
        raise fail("no_fine")
    _, _, outstanding = deadlines.amount_owed(case, ctx.on)
    if outstanding <= 0:
        raise fail("fine_paid")
    if ctx.on <= due:
        raise fail("demand_not_overdue", due=fmt(due))


@guard("demand_issued")
def demand_issued(ctx: GuardContext) -> None:
    demand, served = deadlines.demand_steps(ctx.case)
    if demand is None or served is not None:
        raise fail("demand_not_issued")
    if ctx.on < demand.occurred_on:
        raise DomainError(f"送达日期不能早于催告书的制作日期（{fmt(demand.occurred_on)}）", code="demand_service_date")


@guard("demand_served_and_lapsed")
def demand_served_and_lapsed(ctx: GuardContext) -> None:
    """行政强制法 Art. 54: the application needs a written demand served and its ten days passed."""
    _, served = deadlines.demand_steps(ctx.case)
    if served is None:
        raise fail("demand_not_served")
    due = deadlines.demand_due(served.occurred_on).due
    if ctx.on <= due:
        raise fail("demand_period", served=fmt(served.occurred_on), due=fmt(due))


@guard("remedy_periods_over")
def remedy_periods_over(ctx: GuardContext) -> None:
    """行政强制法 Art. 53: only after the periods for reconsideration and litigation ran out, and
    within three months after."""
    remedies = deadlines.remedy_periods(ctx.case)
    window = deadlines.enforcement_window(ctx.case)
    if remedies is None or window is None:
        raise fail("no_fine")
    if ctx.on < window[0]:
        raise fail("remedy_periods", review_due=fmt(remedies[0].due), litigation_due=fmt(remedies[1].due))
    if ctx.on > window[1]:
        raise fail("enforcement_late", due=fmt(window[1]))


@guard("executed")
def executed(ctx: GuardContext) -> None:
    case = ctx.case
    if not case.fine_amount or case.compulsory_execution_on is not None:
        return
    last = case.payments.order_by("-paid_on").first()
    if last is None:
        raise fail("not_executed")
    _, _, outstanding = deadlines.amount_owed(case, last.paid_on)
    if outstanding > 0:
        raise fail("not_executed")


@guard("summary_limits")
def summary_limits(ctx: GuardContext) -> None:
    party = ctx.case.main_party
    if party is None:
        raise fail("party_required")
    types = set(ctx.data.get("penalty_types") or [])
    fine = ctx.data.get("fine")
    code = "summary_person" if party.kind == PartyKind.PERSON else "summary_org"
    if not types:
        raise fail("proposal_types")
    if not types <= SUMMARY_PENALTY_TYPES:
        raise fail(code)
    if PenaltyType.FINE in types:
        if not fine:
            raise fail("fine_amount_missing")
        if fine > SUMMARY_FINE_LIMIT[PartyKind(party.kind)]:
            raise fail(code)


@guard("seizure_term")
def seizure_term(ctx: GuardContext) -> None:
    if not 1 <= ctx.data["term_days"] <= PERIODS["seizure"].length:
        raise fail("seizure_term")


@guard("seizure_extension")
def seizure_extension(ctx: GuardContext) -> None:
    seizure = ctx.case.seizures.filter(released_on__isnull=True).first()
    if seizure is None:
        raise DomainError("没有正在执行的查封、扣押", code="no_seizure")
    if seizure.extended_days:
        raise fail("seizure_extended_once")
    if not 1 <= ctx.data["days"] <= PERIODS["seizure_extension"].length:
        raise fail("seizure_extension_days")
    due = deadlines.period("seizure", seizure.started_on, days=seizure.term_days).due
    if ctx.on > due:
        raise fail("seizure_expired", due=fmt(due))


@guard("licensing_extension")
def licensing_extension(ctx: GuardContext) -> None:
    if ctx.case.extensions.filter(deadline="licensing").exists():
        raise fail("licensing_extension")
    if not 1 <= ctx.data["days"] <= PERIODS["licensing_extension"].length:
        raise fail("licensing_extension")


@guard("violation_found")
def violation_found(ctx: GuardContext) -> None:
    if ctx.case.inspection_result != "violation":
        raise fail("violation_not_found")


@guard("annulment_authority")
def annulment_authority(ctx: GuardContext) -> None:
    """The agency's own correction (自行纠错) of its decision is decided, like the decision itself, by
    the agency head; the handlers record a reconsideration decision or a judgment."""
    if ctx.data.get("channel") == AnnulmentChannel.SELF and ctx.actor.role != Role.AGENCY_HEAD:
        raise DomainError(
            "本机关自行纠错撤销、确认违法或重新作出原决定的，须由行政机关负责人决定", code="annul_self_head"
        )


@guard("not_annulled")
def not_annulled(ctx: GuardContext) -> None:
    case = ctx.case
    if case.annulled_on is not None:
        label = AnnulmentGround(case.annulment_ground).label if case.annulment_ground else ""
        raise DomainError(f"原决定已于{fmt(case.annulled_on)}登记为“{label}”，不能重复登记", code="already_annulled")
