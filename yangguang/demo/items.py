"""The power list (权责清单) with service guides (服务指南) and the random inspection list
(随机抽查事项清单) of the demo agencies."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from yangguang.demo.domains import KIND_CODES
from yangguang.roster.models import EnforcementItem, InspectionItem

if TYPE_CHECKING:
    from yangguang.demo.generator import AgencyPlan

_PROCESS = {
    "licensing": "申请—受理—审查—决定—送达（制证）",
    "penalty": "立案—调查取证—告知（陈述、申辩、听证）—法制审核（重大执法决定）—决定—送达—执行—结案",
    "coercion": "报批—通知当事人到场—出示执法证件—告知理由、依据和权利—听取陈述申辩—制作现场笔录—送达决定书",
    "inspection": "制定检查计划—随机抽取检查对象和执法检查人员—实施检查—公示检查结果",
    "confirmation": "申请—受理—调查核实—认定—送达",
    "benefit": "申请—审核—公示—审批—发放",
}
_TIME_LIMIT = {
    "licensing": "法定时限20个工作日；承诺时限5个工作日",
    "penalty": "自立案之日起九十日内作出处罚决定",
    "coercion": "查封、扣押期限不超过三十日，情况复杂的经批准可延长三十日",
    "inspection": "按年度抽查计划执行",
    "confirmation": "自受理之日起六十日内",
    "benefit": "自受理之日起二十个工作日内",
}
_DUTY = {
    "licensing": "受理责任、审查责任、决定责任、送达责任、事后监管责任",
    "penalty": "立案责任、调查责任、审查责任、告知责任、决定责任、送达责任、执行责任",
    "coercion": "审批责任、告知责任、实施责任、解除责任",
    "inspection": "检查责任、处置责任、公示责任",
}


def iter_items(plans: Sequence[AgencyPlan]) -> Iterator[EnforcementItem]:
    """The power list (权责清单) of every agency with its service guide (服务指南)."""
    for plan in plans:
        agency, domain = plan.agency, plan.domain
        seq: dict[str, int] = {}
        case_unit = plan.case_units[0][0].name if plan.case_units else ""
        for t in domain.items:
            seq[t.kind] = seq.get(t.kind, 0) + 1
            licensing = t.kind == "licensing"
            yield EnforcementItem(
                agency=agency,
                code=f"33{KIND_CODES[t.kind]}{domain.dept:02d}{seq[t.kind]:03d}000",
                name=t.name,
                kind=t.kind,
                duty=_DUTY.get(t.kind, "受理责任、审查责任、决定责任、送达责任"),
                authority=f"{agency.name}依据{t.basis}实施“{t.name}”",
                legal_basis=t.basis,
                accepting_body=f"{agency.name}（政务服务中心窗口）" if licensing else f"{agency.name}{case_unit}",
                approving_body=agency.name,
                conditions=(
                    "1. 申请人具有相应的主体资格；2. 具有与申请事项相适应的场所、设施设备和专业技术人员；"
                    "3. 具有健全的管理制度；4. 法律、法规规定的其他条件。"
                    if licensing
                    else ""
                ),
                preferential_policies=(
                    "实行“最多跑一次”，申请材料齐全、符合法定形式的当场受理；可通过浙江政务服务网在线办理"
                    if licensing
                    else (
                        "违法行为轻微并及时改正、没有造成危害后果的，不予行政处罚（首违不罚）"
                        if t.kind == "penalty"
                        else "无"
                    )
                ),
                materials=(
                    "1. 申请书；2. 营业执照或者其他主体资格证明；3. 法定代表人（负责人）身份证明；"
                    "4. 与申请事项相关的场所、设备和人员证明材料。"
                    if licensing
                    else "依职权启动，无需申请材料"
                ),
                process=_PROCESS.get(t.kind, "受理—审查—决定—送达"),
                time_limit=_TIME_LIMIT.get(t.kind, "自受理之日起二十个工作日内"),
                supervision=f"政务服务便民热线12345；{agency.name}监督电话{agency.phone}",
                accountability="对不履行或者不正确履行职责的，依照《中华人民共和国公职人员政务处分法》《行政机关公务员处分条例》等规定追究责任",
                remedies=f"对决定不服的，可以自知道该决定之日起六十日内向{plan.gov}申请行政复议，或者自知道该决定之日起六个月内依法向人民法院提起行政诉讼",
                office_hours="周一至周五（法定节假日除外）上午8:30—12:00，下午14:00—17:30",
                address=agency.address,
                phone=agency.phone,
            )


def iter_inspection_items(plans: Sequence[AgencyPlan]) -> Iterator[InspectionItem]:
    """The random inspection list (随机抽查事项清单) of every agency."""
    for plan in plans:
        for n, t in enumerate(plan.domain.inspections, start=1):
            yield InspectionItem(
                agency=plan.agency,
                code=f"SJ{plan.domain.dept:02d}{n:03d}",
                name=t.name,
                legal_basis=t.basis,
                targets=t.targets,
                content=t.content,
                ratio_percent=Decimal(t.ratio),
                method="双随机抽查：随机抽取检查对象、随机选派执法检查人员，书面检查与实地核查相结合",
                frequency="每半年不少于1次" if t.ratio >= 10 else "每年不少于1次",
            )
