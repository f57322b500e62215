"""Is a decision major (重大执法决定)? Evaluation of an agency's catalog (重大执法决定法制审核目录清单).

The default catalog is an example each agency edits (the page /discretion/catalog/): the amount
thresholds are configurable examples, not figures set by a statute. The categories follow the
catalog headings of domain.md §5 (seeds 001, 002) and the heavy penalty types of 行政处罚法 Art. 63.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from yangguang.core.errors import DomainError
from yangguang.discretion.models import MajorCatalog, MajorFlag, MajorRule, MajorRuleKind, PartyKind, PenaltyType
from yangguang.discretion.money import fmt, to_decimal
from yangguang.roster.models import Agency

DEFAULT_CATALOG_TITLE = "重大执法决定法制审核目录清单"

# (kind, party_kind, threshold, penalty_type, flag, title)
DEFAULT_RULES: list[tuple[str, str, Decimal | None, str, str, str]] = [
    (MajorRuleKind.FINE, PartyKind.PERSON, Decimal(10_000), "", "", "对自然人处以1万元以上罚款"),
    (MajorRuleKind.FINE, PartyKind.ORGANIZATION, Decimal(50_000), "", "", "对法人或者其他组织处以5万元以上罚款"),
    (
        MajorRuleKind.CONFISCATION,
        PartyKind.PERSON,
        Decimal(10_000),
        "",
        "",
        "对自然人没收违法所得或者非法财物价值1万元以上",
    ),
    (
        MajorRuleKind.CONFISCATION,
        PartyKind.ORGANIZATION,
        Decimal(50_000),
        "",
        "",
        "对法人或者其他组织没收违法所得或者非法财物价值5万元以上",
    ),
    (MajorRuleKind.PENALTY_TYPE, "", None, PenaltyType.DOWNGRADE, "", "降低资质等级"),
    (MajorRuleKind.PENALTY_TYPE, "", None, PenaltyType.REVOKE_LICENCE, "", "吊销许可证件"),
    (MajorRuleKind.PENALTY_TYPE, "", None, PenaltyType.SUSPEND_BUSINESS, "", "责令停产停业"),
    (MajorRuleKind.PENALTY_TYPE, "", None, PenaltyType.CLOSE, "", "责令关闭"),
    (MajorRuleKind.PENALTY_TYPE, "", None, PenaltyType.RESTRICT_PRACTICE, "", "限制从业"),
    (MajorRuleKind.HEARING, "", None, "", "", "经过听证程序"),
    (MajorRuleKind.FLAG, "", None, "", MajorFlag.PUBLIC_INTEREST, "涉及重大公共利益"),
    (MajorRuleKind.FLAG, "", None, "", MajorFlag.SOCIAL_RISK, "可能造成重大社会影响或者引发社会风险"),
    (MajorRuleKind.FLAG, "", None, "", MajorFlag.MAJOR_RIGHTS, "直接关系当事人或者第三人重大权益"),
    (MajorRuleKind.FLAG, "", None, "", MajorFlag.COMPLEX, "案件情况疑难复杂、涉及多个法律关系"),
    (MajorRuleKind.FLAG, "", None, "", MajorFlag.OTHER_LAW, "法律、法规规定的其他应当进行法制审核的情形"),
]

MSG_PARTY_KIND = "当事人类型应为自然人（person）或法人或者其他组织（organization）"
MSG_PENALTY_TYPE = "未知的处罚种类「{code}」"
MSG_FLAG_UNKNOWN = "未知的重大执法决定标记情形「{code}」"
MSG_FLAG_REASON = "标记重大执法决定情形「{label}」须填写理由"
MSG_AMOUNT = "{field}应为不小于0的数字"


def default_rules() -> list[MajorRule]:
    """The default catalog as unsaved rules."""
    return [
        MajorRule(
            kind=kind,
            party_kind=party,
            threshold=threshold,
            penalty_type=ptype,
            flag=flag,
            title=title,
            active=True,
            position=i + 1,
        )
        for i, (kind, party, threshold, ptype, flag, title) in enumerate(DEFAULT_RULES)
    ]


@dataclass(frozen=True)
class MajorReason:
    """Why a decision is major: the catalog rule matched and the text shown on the case."""

    rule_id: int | None
    kind: str
    code: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _amount(value: Any, field: str) -> Decimal:
    try:
        out = to_decimal(value)
    except ValueError:
        raise DomainError(MSG_AMOUNT.format(field=field), code="invalid_amount") from None
    if out is None:
        return Decimal(0)
    if out < 0:
        raise DomainError(MSG_AMOUNT.format(field=field), code="invalid_amount")
    return out


def validate_penalty_types(codes: Sequence[str]) -> list[str]:
    for code in codes:
        if code not in PenaltyType.values:
            raise DomainError(MSG_PENALTY_TYPE.format(code=code), code="invalid_penalty_type")
    return list(codes)


def validate_party_kind(party_kind: str) -> str:
    if party_kind not in PartyKind.values:
        raise DomainError(MSG_PARTY_KIND, code="invalid_party_kind")
    return party_kind


def evaluate_rules(
    rules: Sequence[MajorRule],
    *,
    party_kind: str,
    fine_amount: Any = 0,
    confiscation_amount: Any = 0,
    penalty_types: Sequence[str] = (),
    hearing_held: bool = False,
    flags: Mapping[str, str] | None = None,
) -> list[MajorReason]:
    validate_party_kind(party_kind)
    fine = _amount(fine_amount, "罚款金额")
    confiscation = _amount(confiscation_amount, "没收金额")
    types = validate_penalty_types(list(penalty_types))
    given_flags: dict[str, str] = {}
    for code, reason in (flags or {}).items():
        if code not in MajorFlag.values:
            raise DomainError(MSG_FLAG_UNKNOWN.format(code=code), code="invalid_major_flag")
        text = (reason or "").strip()
        if not text:
            raise DomainError(MSG_FLAG_REASON.format(label=MajorFlag(code).label), code="major_flag_reason_required")
        given_flags[code] = text

    reasons: list[MajorReason] = []
    for rule in rules:
        if not rule.active:
            continue
        if (
            rule.party_kind
            and rule.party_kind != party_kind
            and rule.kind in (MajorRuleKind.FINE, MajorRuleKind.CONFISCATION)
        ):
            continue
        if rule.kind == MajorRuleKind.FINE and rule.threshold is not None and fine > 0 and fine >= rule.threshold:
            reasons.append(MajorReason(rule.pk, rule.kind, "fine", f"{rule.title}（拟罚款{fmt(fine)}元）"))
        elif (
            rule.kind == MajorRuleKind.CONFISCATION
            and rule.threshold is not None
            and confiscation > 0
            and confiscation >= rule.threshold
        ):
            reasons.append(
                MajorReason(rule.pk, rule.kind, "confiscation", f"{rule.title}（拟没收{fmt(confiscation)}元）")
            )
        elif rule.kind == MajorRuleKind.PENALTY_TYPE and rule.penalty_type in types:
            label = PenaltyType(rule.penalty_type).label
            reasons.append(MajorReason(rule.pk, rule.kind, rule.penalty_type, f"{rule.title}（拟处{label}）"))
        elif rule.kind == MajorRuleKind.HEARING and hearing_held:
            reasons.append(MajorReason(rule.pk, rule.kind, "hearing", rule.title))
        elif rule.kind == MajorRuleKind.FLAG and rule.flag in given_flags:
            reasons.append(MajorReason(rule.pk, rule.kind, rule.flag, f"{rule.title}：{given_flags[rule.flag]}"))
    return reasons


def catalog_rules(agency: Agency) -> list[MajorRule]:
    """The agency's active catalog rules, or the default catalog (unsaved) when it has none."""
    catalog = MajorCatalog.objects.filter(agency=agency).first()
    if catalog is None:
        return default_rules()
    return list(catalog.rules.filter(active=True).order_by("position", "id"))


def evaluate_major(
    *,
    agency: Agency,
    party_kind: str,
    fine_amount: Any = 0,
    confiscation_amount: Any = 0,
    penalty_types: Sequence[str] = (),
    hearing_held: bool = False,
    flags: Mapping[str, str] | None = None,
) -> list[MajorReason]:
    """The reasons why the proposed decision is major under the agency's catalog (or the default
    catalog when the agency has not saved one). An empty list means not major: no review needed."""
    return evaluate_rules(
        catalog_rules(agency),
        party_kind=party_kind,
        fine_amount=fine_amount,
        confiscation_amount=confiscation_amount,
        penalty_types=penalty_types,
        hearing_held=hearing_held,
        flags=flags,
    )
