"""The supervision app's part of the permission policy. Registered once by ``SupervisionConfig.ready()``.

Supervisors (the justice bureau, 司法行政部门, the government's supervision organ by Art. 6 of the
《行政执法监督条例》) work on the agencies of their region and below; agencies never see the
models or the verdicts.
"""

from __future__ import annotations

from typing import Any

from yangguang.access import policy
from yangguang.access.policy import grant
from yangguang.access.roles import AGENCY_HEAD, SUPERVISOR, UNIT_HEAD
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import in_supervised_region, same_agency
from yangguang.roster.models import Agency

from .models import (
    Answer,
    Campaign,
    Clue,
    EvaluationPlan,
    HitMark,
    ModelSetting,
    Participant,
    ScoringSheet,
    SupervisionDocument,
)

MSG_SUPERVISOR = "只有执法监督机构的人员可以使用监督预警模型"


def _hitmark(pk: str) -> Any:
    return row_by_id(HitMark.objects, pk)


MSG_ANSWER = "只能由被监督执法主体的负责人答复监督文书"


def _clue(pk: str) -> Any:
    return row_by_id(Clue.objects, pk)


def _document(pk: str) -> Any:
    return row_by_id(SupervisionDocument.objects, pk)


def _answer_document(pk: str) -> Any:
    answer = row_by_id(Answer.objects, pk)
    return answer.document if answer is not None else None


def _plan_bureau(pk: str) -> Any:
    plan = row_by_id(EvaluationPlan.objects, pk)
    return plan.bureau if plan is not None else None


def _setting_bureau(pk: str) -> Any:
    setting = row_by_id(ModelSetting.objects, pk)
    return setting.bureau if setting is not None else None


def _campaign_bureau(pk: str) -> Any:
    campaign = row_by_id(Campaign.objects, pk)
    return campaign.bureau if campaign is not None else None


def register() -> None:
    policy.register(
        "supervision.view",
        label="查看监督预警模型及命中情况",
        owner="supervision",
        role_message=MSG_SUPERVISOR,
        grants=[grant(SUPERVISOR)],
    )
    policy.register(
        "supervision.mark",
        label="判定预警命中（属实、误报）",
        model=Agency,
        owner="supervision",
        role_message=MSG_SUPERVISOR,
        grants=[grant(SUPERVISOR, in_supervised_region(""))],
    )
    policy.register(
        "supervision.hitmark.view",
        label="查看预警判定记录",
        model=HitMark,
        owner="supervision",
        role_message=MSG_SUPERVISOR,
        grants=[grant(SUPERVISOR, in_supervised_region("agency"))],
    )
    policy.register_subject("supervision.hitmark", resolve=_hitmark, action="supervision.hitmark.view")
    policy.register(
        "supervision.clue.view",
        label="查看执法监督线索",
        model=Clue,
        owner="supervision",
        role_message="只有执法监督机构的人员可以查看执法监督线索",
        grants=[grant(SUPERVISOR, in_supervised_region("agency"))],
    )
    policy.register(
        "supervision.clue.manage",
        label="办理执法监督线索（登记、分派、核查、办结、制发监督文书、审核整改）",
        model=Agency,
        owner="supervision",
        role_message="只有执法监督机构的人员可以办理执法监督线索",
        grants=[grant(SUPERVISOR, in_supervised_region(""))],
    )
    policy.register(
        "supervision.document.view",
        label="查看执法监督文书及整改答复",
        model=SupervisionDocument,
        owner="supervision",
        role_message="只能查看本机关收到的执法监督文书",
        grants=[
            grant(SUPERVISOR, in_supervised_region("agency")),
            grant({AGENCY_HEAD, UNIT_HEAD}, same_agency("agency", "只能查看本机关收到的执法监督文书")),
        ],
    )
    policy.register(
        "supervision.document.answer",
        label="答复执法监督文书（整改情况及证明材料）",
        model=SupervisionDocument,
        owner="supervision",
        role_message=MSG_ANSWER,
        grants=[grant(AGENCY_HEAD, same_agency("agency", MSG_ANSWER))],
    )
    policy.register(
        "supervision.document.list",
        label="查看执法监督文书列表",
        owner="supervision",
        role_message="只有执法监督机构和执法主体负责人可以查看执法监督文书",
        grants=[grant({SUPERVISOR, AGENCY_HEAD, UNIT_HEAD})],
    )
    policy.register(
        "supervision.parameters.set",
        label="设置本监督机构的预警模型参数",
        model=Agency,
        owner="supervision",
        role_message="只有执法监督机构的人员可以设置模型参数",
        grants=[grant(SUPERVISOR, same_agency("", "只能设置本监督机构的模型参数"))],
    )
    policy.register_subject("supervision.modelsetting", resolve=_setting_bureau, action="agency.work")
    policy.register_subject("supervision.clue", resolve=_clue, action="supervision.clue.view")
    policy.register_subject("supervision.supervisiondocument", resolve=_document, action="supervision.document.view")
    policy.register_subject("supervision.answer", resolve=_answer_document, action="supervision.document.view")
    policy.register_subject("supervision.evaluationplan", resolve=_plan_bureau, action="agency.work")
    policy.register_subject(
        "supervision.scoringsheet", resolve=lambda pk: row_by_id(ScoringSheet.objects, pk), action="supervision.view"
    )
    policy.register(
        "supervision.campaign.respond",
        label="填报专项活动自查报告、问题清单和整改情况",
        model=Participant,
        owner="supervision",
        role_message="只能由参加专项活动的执法主体负责人填报",
        grants=[grant(AGENCY_HEAD, same_agency("agency", "只能填报本机关的自查报告和问题清单"))],
    )
    policy.register(
        "supervision.campaign.list",
        label="查看专项活动",
        owner="supervision",
        role_message="只有执法监督机构和执法主体负责人可以查看专项活动",
        grants=[grant({SUPERVISOR, AGENCY_HEAD})],
    )
    policy.register_subject("supervision.campaign", resolve=_campaign_bureau, action="agency.work")
