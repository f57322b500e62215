"""The publicity app's part of the permission policy. Registered once by ``PublicityConfig.ready()``.

A publication of a case is case content: its management page opens for those who may read the case.

Publication management: only the case's active handlers (with a certificate valid that day), the
head of the handling unit and the agency's publicity approver (the agency head, who decides
whether publications wait for approval) may correct, redact or withdraw a publication; the
unredacted original is shown only to those who may see the case. A publication without a case (other
sources, such as inspection results) is managed by the agency's certified officers, unit heads and
agency head.
"""

from __future__ import annotations

from dataclasses import replace

from django.db.models import Q

from yangguang.access import policy
from yangguang.access.policy import Condition, grant
from yangguang.access.roles import ADMINS, AGENCY_HEAD, AGENCY_STAFF, OFFICER, SUPERVISOR, UNIT_HEAD
from yangguang.cases.access_rules import active_handler, heads_handling_unit, may_view_case
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import certified, has_agency, in_supervised_region, same_agency
from yangguang.roster.models import Agency

from .models import AnnualReport, Publication

MANAGE_MESSAGE = "只有本案承办人员、承办机构负责人和本机关公开审核人（机关负责人）可以处理本案的公示信息"
APPROVE_MESSAGE = "公开审核由承办机构负责人或机关负责人进行"

no_case = Condition(
    "no_case", "非案件来源的公示", lambda c: c.obj.case_id is None, MANAGE_MESSAGE, lambda c: Q(case__isnull=True)
)


def _manage_grants(message: str) -> list[policy.Grant]:
    handler = replace(active_handler("case"), message=message)
    unit_head = replace(heads_handling_unit("case"), message=message)
    return [
        grant(OFFICER, same_agency(message=message), handler, certified),
        grant(OFFICER, same_agency(message=message), no_case, certified),
        grant(UNIT_HEAD, same_agency(message=message), unit_head),
        grant(UNIT_HEAD, same_agency(message=message), no_case),
        grant(AGENCY_HEAD, same_agency(message=message)),
    ]


def register() -> None:
    policy.register(
        "publication.manage.view",
        label="查看公示管理页面",
        model=Publication,
        owner="publicity",
        grants=[
            grant(policy.SIGNED_IN, may_view_case("case")),
            grant(AGENCY_STAFF, same_agency(message="只能处理本机关的公示信息"), no_case),
            grant(SUPERVISOR, in_supervised_region(), no_case),
        ],
    )
    policy.register(
        "publication.original.view",
        label="查看公示信息的未脱敏原文",
        model=Publication,
        owner="publicity",
        grants=[
            grant(policy.SIGNED_IN, may_view_case("case")),
            grant(AGENCY_STAFF, same_agency(), no_case),
        ],
    )
    for action, label in (
        ("publication.correct", "更正公示信息"),
        ("publication.redact", "遮蔽公示信息"),
        ("publication.withdraw", "撤回公示信息"),
    ):
        policy.register(
            action,
            label=label,
            model=Publication,
            owner="publicity",
            role_message=MANAGE_MESSAGE,
            grants=_manage_grants(MANAGE_MESSAGE),
        )
    policy.register(
        "publication.approve",
        label="审核公开",
        model=Publication,
        owner="publicity",
        role_message=APPROVE_MESSAGE,
        grants=[
            grant(
                UNIT_HEAD,
                same_agency(message=APPROVE_MESSAGE),
                replace(heads_handling_unit("case"), message=APPROVE_MESSAGE),
            ),
            grant(UNIT_HEAD, same_agency(message=APPROVE_MESSAGE), no_case),
            grant(AGENCY_HEAD, same_agency(message=APPROVE_MESSAGE)),
        ],
    )
    policy.register(
        "publicity.rerun",
        label="重新脱敏已公开决定",
        model=Agency,
        owner="publicity",
        role_message="只有本机关负责人可以重新脱敏已公开的决定",
        grants=[grant(AGENCY_HEAD, same_agency("", "只有本机关负责人可以重新脱敏已公开的决定"))],
    )
    policy.register(
        "publicity.setting.edit",
        label="设置公开前审核",
        model=Agency,
        owner="publicity",
        role_message="只有本机关负责人可以设置公开审核",
        grants=[grant(AGENCY_HEAD, same_agency("", "只有本机关负责人可以设置公开审核"))],
    )
    policy.register(
        "publicity.report.view",
        label="查看统计年报",
        owner="publicity",
        grants=[grant(AGENCY_STAFF | {SUPERVISOR}, has_agency)],
    )
    policy.register(
        "publicity.report.publish",
        label="发布统计年报",
        model=Agency,
        owner="publicity",
        role_message="统计年报由本机关负责人审核发布",
        grants=[grant(AGENCY_HEAD, same_agency("", "统计年报由本机关负责人审核发布"))],
    )
    policy.register(
        "publicity.report.region",
        label="汇总本区划统计年报",
        owner="publicity",
        grants=[grant(SUPERVISOR, has_agency)],
    )
    policy.register(
        "publicity.leaks.view",
        label="查看公开信息泄露扫描",
        owner="publicity",
        grants=[grant(ADMINS | {SUPERVISOR})],
    )
    policy.register(
        "publicity.push.view",
        label="查看向上级平台推送状态",
        owner="publicity",
        grants=[grant(ADMINS | {SUPERVISOR, AGENCY_HEAD})],
    )
    policy.register_subject(
        "publicity.publication",
        resolve=lambda pk: row_by_id(Publication.objects.select_related("case", "agency"), pk),
        action="publication.manage.view",
    )
    policy.register_subject(
        "publicity.annualreport",
        resolve=lambda pk: row_by_id(AnnualReport.objects.select_related("agency"), pk),
        action="publicity.annualreport.view",
        audit=True,
    )
    policy.register(
        "publicity.annualreport.view",
        label="查看统计年报记录",
        model=AnnualReport,
        owner="publicity",
        grants=[
            grant(AGENCY_STAFF, same_agency()),
            grant(SUPERVISOR, in_supervised_region()),
        ],
    )
