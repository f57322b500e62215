"""The evidence app's part of the permission policy. Registered once by ``EvidenceConfig.ready()``.

Evidence, its access log and the case-file export are scoped by case (who may see the case may see
its evidence, so a secret case's evidence stays closed). Uploading evidence, starting a tus upload
and recording an AV exception are enforcement acts: the case's active handlers (and its unit and
agency heads) with a certificate valid that day (持证上岗).
"""

from __future__ import annotations

from yangguang.access import policy
from yangguang.access.policy import grant
from yangguang.access.roles import AGENCY_HEAD, OFFICER, SUPERVISOR, UNIT_HEAD
from yangguang.cases.access_rules import active_handler, case_agency, case_region, may_view_case
from yangguang.cases.models import Case
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import certified, same_agency
from yangguang.roster.models import Agency

from .models import Evidence, RecordingException

UPLOAD_MESSAGE = "无权为本案上传证据：仅本案承办人员及所在机关负责人可以上传"


def _handlers_act(label: str, role_message: str, action: str) -> None:
    policy.register(
        action,
        label=label,
        model=Case,
        owner="evidence",
        role_message=role_message,
        grants=[
            grant(OFFICER, active_handler(), certified),
            grant({UNIT_HEAD, AGENCY_HEAD}, case_agency(), may_view_case(), certified),
        ],
    )


def register() -> None:
    policy.register(
        "evidence.view",
        label="调阅证据",
        model=Evidence,
        owner="evidence",
        grants=[grant(policy.SIGNED_IN, may_view_case("case"))],
    )
    _handlers_act("上传证据", UPLOAD_MESSAGE, "evidence.upload")
    _handlers_act("登记音像记录例外情况", "仅本案承办人员可以登记音像记录例外情况", "evidence.exception.record")
    policy.register(
        "evidence.exception.review",
        label="审阅音像记录例外情况",
        model=RecordingException,
        owner="evidence",
        role_message="仅执法监督人员或机关负责人可以审阅音像记录例外",
        grants=[
            grant(AGENCY_HEAD, case_agency("case"), may_view_case("case")),
            grant(SUPERVISOR, case_region("case"), may_view_case("case")),
        ],
    )
    policy.register(
        "evidence.hold",
        label="设置依法保全",
        model=Evidence,
        owner="evidence",
        role_message="仅机关负责人或执法监督人员可以设置依法保全",
        grants=[
            grant(AGENCY_HEAD, case_agency("case"), may_view_case("case")),
            grant(SUPERVISOR, case_region("case"), may_view_case("case")),
        ],
    )
    policy.register(
        "evidence.rules.edit",
        label="修改音像记录事项清单",
        model=Agency,
        owner="evidence",
        role_message="仅本机关负责人可以修改音像记录事项清单",
        grants=[grant(AGENCY_HEAD, same_agency("", "仅本机关负责人可以修改音像记录事项清单"))],
    )
    policy.register(
        "evidence.access_log.view",
        label="查看证据调阅记录",
        model=Case,
        owner="evidence",
        grants=[
            grant(OFFICER, active_handler()),
            grant({UNIT_HEAD, AGENCY_HEAD, SUPERVISOR}, may_view_case()),
        ],
    )
    policy.register(
        "evidence.export",
        label="导出案卷",
        model=Case,
        owner="evidence",
        grants=[grant(policy.SIGNED_IN, may_view_case())],
    )
    policy.register_subject(
        "evidence.evidence",
        resolve=lambda pk: row_by_id(Evidence.objects.select_related("case"), pk),
        action="evidence.view",
    )
