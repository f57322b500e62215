"""Transition tables of coercive measures (查封、扣押), inspections and licensing."""

from __future__ import annotations

from yangguang.roster.models import Role

from .choices import (
    CaseKind,
    LicenceDecision,
    ServiceMethod,
)
from .declaration import (
    HANDLERS,
    HEADS,
    INSPECTION_RECORD_FIELDS,
    PRESENT,
    RECORD_TIMES,
    F,
    S,
    Transition,
    Workflow,
    _add_officer,
    _annulment,
    _choices,
    _recusal,
)

COERCIVE_MEASURE = Workflow(
    kind=CaseKind.COERCIVE_MEASURE,
    initial=S.PREPARING,
    layers=((S.PREPARING,), (S.IN_FORCE,), (S.RELEASED,), (S.CLOSED,), (S.ARCHIVED,), (S.ANNULLED,)),
    terminal=frozenset({S.ARCHIVED}),
    transitions=(
        _add_officer((S.PREPARING,)),
        _recusal((S.PREPARING,)),
        Transition(
            "impose",
            "实施查封、扣押",
            (S.PREPARING,),
            S.IN_FORCE,
            HANDLERS,
            fields=(
                F("measure", "强制措施", "choice", choices=(("查封", "查封"), ("扣押", "扣押"))),
                F("items", "查封、扣押的场所、设施或财物", "textarea", help="每行一项：名称，规格，数量"),
                F("storage_place", "存放地点"),
                F("term_days", "期限（日）", "int"),
                F("legal_basis", "法律依据"),
                F("approval", "行政机关负责人批准情况"),
            ),
            guards=("two_certified_officers", "seizure_term", "av_recording"),
            documents=("seizure_decision",),
            deadlines=("seizure",),
        ),
        Transition(
            "extend_seizure",
            "延长查封、扣押期限",
            (S.IN_FORCE,),
            None,
            HEADS,
            fields=(F("days", "延长天数", "int"),),
            guards=("seizure_extension",),
            documents=("seizure_extension_decision",),
            reason_required=True,
            role_message="延长查封、扣押期限须经行政机关负责人批准（《行政强制法》第二十五条）",
        ),
        Transition(
            "seizure_record",
            "查封扣押现场笔录",
            (S.IN_FORCE,),
            None,
            HANDLERS,
            fields=(F("place", "实施地点"), *RECORD_TIMES, F("record", "现场情况", "textarea"), PRESENT),
            documents=("seizure_record",),
            requires="制作现场笔录，由当事人和行政执法人员签名或者盖章（《行政强制法》第十八条）",
        ),
        Transition(
            "release",
            "解除查封、扣押",
            (S.IN_FORCE,),
            S.RELEASED,
            HANDLERS,
            reason_required=True,
            documents=("seizure_release_decision",),
        ),
        Transition("close", "结案", (S.RELEASED,), S.CLOSED, HANDLERS, fields=(F("summary", "结案报告", "textarea"),)),
        Transition(
            "archive", "归档", (S.CLOSED, S.ANNULLED), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)
        ),
        *_annulment((S.IN_FORCE, S.RELEASED, S.CLOSED)),
    ),
)

INSPECTION = Workflow(
    kind=CaseKind.INSPECTION,
    initial=S.PLANNED,
    layers=((S.PLANNED,), (S.INSPECTING,), (S.INSPECTED,), (S.CLOSED, S.CONVERTED), (S.ARCHIVED,)),
    terminal=frozenset({S.ARCHIVED, S.CONVERTED}),
    transitions=(
        _add_officer((S.PLANNED, S.INSPECTING)),
        _recusal((S.PLANNED, S.INSPECTING)),
        Transition(
            "start_inspection",
            "开始检查",
            (S.PLANNED,),
            S.INSPECTING,
            HANDLERS,
            fields=(F("place", "检查地点"),),
            guards=("two_certified_officers",),
        ),
        Transition(
            "inspection_record",
            "现场检查笔录",
            (S.INSPECTING,),
            None,
            HANDLERS,
            fields=INSPECTION_RECORD_FIELDS,
            documents=("inspection_record",),
        ),
        Transition(
            "record_result",
            "检查结果",
            (S.INSPECTING,),
            S.INSPECTED,
            HANDLERS,
            fields=(
                F("result", "检查结论", "choice", choices=(("compliant", "未发现问题"), ("violation", "发现违法行为"))),
                F("content", "检查情况", "textarea"),
                F("inspected_at", "检查时间", "datetime"),
                F("rectification", "整改要求", "textarea", required=False),
            ),
            documents=("inspection_check",),
        ),
        Transition("end", "结束检查", (S.INSPECTED,), S.CLOSED, HANDLERS),
        Transition(
            "convert_to_penalty",
            "转立案（行政处罚）",
            (S.INSPECTED,),
            S.CONVERTED,
            HANDLERS,
            fields=(F("facts", "涉嫌违法事实", "textarea"), F("violation_date", "违法行为发生日期", "date")),
            guards=("violation_found",),
        ),
        Transition("archive", "归档", (S.CLOSED,), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)),
    ),
)

LICENSING = Workflow(
    kind=CaseKind.LICENSING,
    initial=S.APPLIED,
    layers=((S.APPLIED,), (S.REVIEWING, S.REJECTED), (S.DECIDED,), (S.CLOSED,), (S.ARCHIVED,), (S.ANNULLED,)),
    terminal=frozenset({S.ARCHIVED, S.REJECTED}),
    transitions=(
        Transition(
            "accept",
            "受理",
            (S.APPLIED,),
            S.REVIEWING,
            HANDLERS,
            fields=(F("materials", "申请材料清单", "textarea", help="每行一项"),),
            documents=("licensing_acceptance",),
            deadlines=("licensing",),
        ),
        Transition("reject_application", "不予受理", (S.APPLIED,), S.REJECTED, HANDLERS, reason_required=True),
        _add_officer((S.REVIEWING,)),
        _recusal((S.REVIEWING,)),
        Transition(
            "review_record",
            "审查记录",
            (S.REVIEWING,),
            None,
            HANDLERS,
            fields=(F("content", "审查情况", "textarea"),),
        ),
        Transition(
            "extend_licensing",
            "批准延长许可期限",
            (S.REVIEWING,),
            None,
            HEADS,
            fields=(F("days", "延长工作日数", "int"),),
            guards=("licensing_extension",),
            reason_required=True,
            role_message="延长许可决定期限须经本行政机关负责人批准（《行政许可法》第四十二条）",
        ),
        Transition(
            "decide_licence",
            "作出许可决定",
            (S.REVIEWING,),
            S.DECIDED,
            frozenset({Role.UNIT_HEAD, Role.AGENCY_HEAD}),
            fields=(
                F("licence_decision", "许可决定", "choice", choices=_choices(LicenceDecision)),
                F("legal_basis", "法律依据"),
                F("license_content", "许可内容（准予许可时填写）", "textarea", required=False),
                F("reasons", "理由", "textarea"),
            ),
            documents=("licensing_grant", "licensing_denial"),
            role_message="许可决定由行政机关负责人或其授权的承办机构负责人作出（《行政许可法》第三十七条）",
        ),
        Transition(
            "serve",
            "送达",
            (S.DECIDED,),
            S.CLOSED,
            HANDLERS,
            fields=(
                F("method", "送达方式", "choice", choices=_choices(ServiceMethod)),
                F("recipient", "受送达人"),
            ),
        ),
        Transition(
            "archive", "归档", (S.CLOSED, S.ANNULLED), S.ARCHIVED, HANDLERS, fields=(F("location", "案卷存放位置"),)
        ),
        *_annulment((S.DECIDED, S.CLOSED)),
    ),
)
