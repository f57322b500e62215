"""The discretion assistant (裁量基准辅助): from the case facts to the applicable circumstance level,
the fine range and penalty types, the first-violation exemption (首违不罚) and the agency's past
decisions; and the check of a proposed penalty against it (法制审核 check 6, domain.md §5).

Pure reads: nothing here writes. The cases app stores the proposal, the written reason for a
proposal outside the range, and the checklist flag.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yangguang.cases.selectors import past_fines
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.discretion.major import validate_party_kind, validate_penalty_types
from yangguang.discretion.models import (
    LEVEL_ORDER,
    Benchmark,
    CircumstanceLevel,
    FactorEffect,
    FactorKind,
    Harm,
    Level,
    PenaltyType,
)
from yangguang.discretion.money import cents, fmt, to_decimal
from yangguang.discretion.selectors import current_benchmark
from yangguang.roster.models import Agency, EnforcementItem

MSG_NO_BENCHMARK = "该执法事项没有生效的裁量基准"
MSG_UNKNOWN_LEVEL = "未知的裁量等级「{value}」"
MSG_LEVEL_MISSING = "裁量基准没有「{label}」情形"
MSG_UNKNOWN_HARM = "未知的危害后果「{value}」"
MSG_UNKNOWN_FACTOR = "裁量基准中没有情节「{code}」"
MSG_GAINS = "违法所得应为不小于0的数字"
MSG_AMOUNT = "拟罚款金额应为不小于0的数字"

MSG_BELOW = "拟罚款金额{amount}元低于裁量基准「{level}」情形的下限{min}元"
MSG_ABOVE = "拟罚款金额{amount}元高于裁量基准「{level}」情形的上限{max}元"
MSG_TYPE = "拟处罚种类「{label}」不在裁量基准「{level}」情形规定的处罚种类内"
MSG_NO_RANGE = "裁量基准无法计算罚款幅度（缺少违法所得金额），无法核对拟罚款金额"
MSG_OUTSIDE = "拟处罚超出裁量基准范围，须书面说明理由（法制审核第6项「裁量基准运用是否适当」将予标记）"
MSG_INSIDE = "拟处罚在裁量基准范围内"
MSG_FIRST_VIOLATION = "当事人符合首违不罚清单的条件，可以依法不予行政处罚（行政处罚法第三十三条第一款）"
MSG_REASON_REQUIRED = "拟处罚超出裁量基准范围，须书面说明理由"
NO_PENALTY_ART33 = "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚（行政处罚法第三十三条第一款）"

CHECKLIST_ITEM_DISCRETION = 6  # domain.md §5: 6 裁量基准运用是否适当

HARM_ORDER: list[str] = [Harm.NONE, Harm.MINOR, Harm.GENERAL, Harm.SERIOUS, Harm.SEVERE]
HARM_TO_LEVEL: dict[str, str] = {
    Harm.NONE: Level.MINOR,
    Harm.MINOR: Level.MINOR,
    Harm.GENERAL: Level.GENERAL,
    Harm.SERIOUS: Level.SERIOUS,
    Harm.SEVERE: Level.SEVERE,
}


@dataclass(frozen=True)
class PastDecisions:
    """The agency's past fines on the same item (from the cases app's provider)."""

    count: int = 0
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "median": _s(self.median),
            "minimum": _s(self.minimum),
            "maximum": _s(self.maximum),
        }


@dataclass(frozen=True)
class Suggestion:
    """What the benchmark says for the facts of a case."""

    benchmark_id: int
    benchmark_version: str
    item_id: int
    party_kind: str
    base_level: str
    level: str
    level_label: str
    conditions: str
    range_basis: str  # "fixed" | "gains_multiple" | "none"
    amount_min: Decimal | None
    amount_max: Decimal | None
    recommended_amount: Decimal | None
    gains_multiple_min: Decimal | None
    gains_multiple_max: Decimal | None
    illegal_gains: Decimal | None
    penalty_types: list[str]
    penalty_type_labels: list[str]
    fine_allowed: bool
    first_violation_exempt: bool
    no_penalty_rule: str
    reasons: list[str]
    past: PastDecisions = field(default_factory=PastDecisions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark_id": self.benchmark_id,
            "benchmark_version": self.benchmark_version,
            "item_id": self.item_id,
            "party_kind": self.party_kind,
            "base_level": self.base_level,
            "level": self.level,
            "level_label": self.level_label,
            "conditions": self.conditions,
            "range_basis": self.range_basis,
            "amount_min": _s(self.amount_min),
            "amount_max": _s(self.amount_max),
            "recommended_amount": _s(self.recommended_amount),
            "gains_multiple_min": _s(self.gains_multiple_min),
            "gains_multiple_max": _s(self.gains_multiple_max),
            "illegal_gains": _s(self.illegal_gains),
            "penalty_types": list(self.penalty_types),
            "penalty_type_labels": list(self.penalty_type_labels),
            "fine_allowed": self.fine_allowed,
            "first_violation_exempt": self.first_violation_exempt,
            "no_penalty_rule": self.no_penalty_rule,
            "reasons": list(self.reasons),
            "past": self.past.to_dict(),
        }


@dataclass(frozen=True)
class ProposalCheck:
    """A proposed penalty against the suggestion. Outside the range: a written reason is required
    and the reviewer's checklist item 6 is flagged."""

    inside: bool
    messages: list[str]
    notes: list[str]

    @property
    def requires_reason(self) -> bool:
        return not self.inside

    @property
    def checklist_item(self) -> int | None:
        return None if self.inside else CHECKLIST_ITEM_DISCRETION

    def to_dict(self) -> dict[str, Any]:
        return {
            "inside": self.inside,
            "requires_reason": self.requires_reason,
            "checklist_item": self.checklist_item,
            "messages": list(self.messages),
            "notes": list(self.notes),
        }


def _s(value: Decimal | None) -> str | None:
    return None if value is None else fmt(value)


def _label(level: str) -> str:
    return str(Level(level).label)


def _parse_choice(value: Any, choices: Any, message: str) -> str:
    text = str(value).strip()
    for code, label in choices.choices:
        if text == code or text == str(label):
            return str(code)
    raise DomainError(message.format(value=text), code="invalid_facts")


def _parse_bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on", "是"}


def levels_for(benchmark: Benchmark, party_kind: str) -> list[CircumstanceLevel]:
    """One row per level for this party kind (a party-specific row beats the general one), lightest first."""
    chosen: dict[str, CircumstanceLevel] = {}
    for row in benchmark.levels.all():
        if row.party_kind and row.party_kind != party_kind:
            continue
        if row.level not in chosen or (row.party_kind and not chosen[row.level].party_kind):
            chosen[row.level] = row
    return sorted(chosen.values(), key=lambda r: LEVEL_ORDER.index(r.level))


def _past(agency: Agency, item: EnforcementItem, party_kind: str) -> PastDecisions:
    amounts = [Decimal(str(a)) for a in past_fines(agency=agency, item=item, party_kind=party_kind)]
    if not amounts:
        return PastDecisions()
    return PastDecisions(
        count=len(amounts),
        median=cents(Decimal(statistics.median(amounts))),
        minimum=min(amounts),
        maximum=max(amounts),
    )


@dataclass(frozen=True)
class _Facts:
    """The facts ``suggest`` reads, parsed and checked."""

    gains: Decimal | None
    harm: str | None
    first: bool | None
    corrected: bool | None
    factors: list[Any]  # the benchmark's factors named, in the order given


def _parse_facts(facts: Mapping[str, Any], benchmark: Any) -> _Facts:
    try:
        gains = to_decimal(facts.get("illegal_gains"))
    except ValueError:
        raise DomainError(MSG_GAINS, code="invalid_facts") from None
    if gains is not None and gains < 0:
        raise DomainError(MSG_GAINS, code="invalid_facts")
    harm = facts.get("harm") or None
    if harm is not None:
        harm = _parse_choice(harm, Harm, MSG_UNKNOWN_HARM)
    first = _parse_bool(facts.get("first_violation"))
    corrected = _parse_bool(facts.get("corrected_promptly"))
    raw_factors = facts.get("factors") or []
    if isinstance(raw_factors, str):
        raw_factors = [raw_factors]
    factor_codes = list(dict.fromkeys(str(c).strip() for c in raw_factors if str(c).strip()))
    factors_by_code = {f.code: f for f in benchmark.factors.all()}
    for code in factor_codes:
        if code not in factors_by_code:
            raise DomainError(MSG_UNKNOWN_FACTOR.format(code=code), code="invalid_facts")
    return _Facts(
        gains=gains,
        harm=harm,
        first=first,
        corrected=corrected,
        factors=[factors_by_code[code] for code in factor_codes],
    )


def _base_level(explicit: Any, levels: list[Any], by_code: dict[str, Any], f: _Facts, reasons: list[str]) -> Any:
    """1. The base level: chosen, or derived from illegal gains, or from harm, or 一般."""
    gains, harm = f.gains, f.harm
    if explicit is not None:
        base = _parse_choice(explicit, Level, MSG_UNKNOWN_LEVEL)
        if base not in by_code:
            raise DomainError(MSG_LEVEL_MISSING.format(label=_label(base)), code="invalid_facts")
        reasons.append(f"承办人选定裁量情形「{_label(base)}」")
    elif gains is not None and any(r.gains_upper is not None for r in levels):
        bounded = [r for r in levels if r.gains_upper is not None]
        hit = next((r for r in bounded if gains <= r.gains_upper), None)
        if hit is not None:
            base = hit.level
            reasons.append(
                f"违法所得{fmt(gains)}元，不超过「{_label(base)}」情形的违法所得上限{fmt(hit.gains_upper)}元"
            )
        else:
            unbounded = [r for r in levels if r.gains_upper is None and r.order > bounded[-1].order]
            base = (unbounded[0] if unbounded else levels[-1]).level
            reasons.append(f"违法所得{fmt(gains)}元，超过较低情形的违法所得上限，适用「{_label(base)}」情形")
    elif harm is not None:
        wanted = LEVEL_ORDER.index(HARM_TO_LEVEL[harm])
        base = min(levels, key=lambda r: (abs(r.order - wanted), r.order)).level
        reasons.append(f"危害后果{Harm(harm).label}，适用「{_label(base)}」情形")
    else:
        base = Level.GENERAL if Level.GENERAL in by_code else levels[0].level
        reasons.append(f"未提供裁量情形，默认适用「{_label(base)}」情形")
    return base


def _apply_factors(levels: list[Any], base: Any, factors: list[Any], reasons: list[str]) -> tuple[int, int]:
    """2. Factors: move the level, or shift the amount within the range. Returns the level's index
    and the percent shift."""
    index = [r.level for r in levels].index(base)
    percent = 0
    for factor in factors:
        kind = FactorKind(factor.kind).label
        if factor.effect == FactorEffect.LEVEL_DOWN:
            if index > 0:
                index -= 1
                reasons.append(f"具有{kind}情节「{factor.description}」，下调一档至「{_label(levels[index].level)}」")
            else:
                reasons.append(f"具有{kind}情节「{factor.description}」，已是最低裁量等级，不再下调")
        elif factor.effect == FactorEffect.LEVEL_UP:
            if index < len(levels) - 1:
                index += 1
                reasons.append(f"具有{kind}情节「{factor.description}」，上调一档至「{_label(levels[index].level)}」")
            else:
                reasons.append(f"具有{kind}情节「{factor.description}」，已是最高裁量等级，不再上调")
        else:
            percent += factor.percent
            reasons.append(f"具有{kind}情节「{factor.description}」，在幅度内调整{factor.percent:+d}%")
    return index, percent


def _fine_range(
    row: Any, gains: Decimal | None, percent: int, reasons: list[str]
) -> tuple[str, Decimal | None, Decimal | None, Decimal | None]:
    """3. The range of the level (by a multiple of illegal gains or fixed) and the recommended
    amount: the middle, shifted by the factors' percent. Returns (basis, low, high, recommended)."""
    basis = "none"
    low: Decimal | None = None
    high: Decimal | None = None
    has_multiple = row.gains_multiple_min is not None and row.gains_multiple_max is not None
    has_fixed = row.fine_min is not None and row.fine_max is not None
    if has_multiple and gains is not None and gains > 0:
        basis = "gains_multiple"
        low = cents(gains * row.gains_multiple_min)
        high = cents(gains * row.gains_multiple_max)
        reasons.append(
            f"按违法所得{fmt(gains)}元的{fmt(row.gains_multiple_min)}倍至{fmt(row.gains_multiple_max)}倍计算，"
            f"罚款幅度为{fmt(low)}元至{fmt(high)}元"
        )
    elif has_fixed:
        basis = "fixed"
        low, high = row.fine_min, row.fine_max
        reasons.append(f"「{_label(row.level)}」情形罚款幅度为{fmt(low)}元至{fmt(high)}元")
    elif has_multiple:
        reasons.append("该情形按违法所得倍数处罚，请填写违法所得金额")
    recommended: Decimal | None = None
    if low is not None and high is not None:
        percent = max(-100, min(100, percent))
        mid = (low + high) / 2
        recommended = cents(mid + (high - low) / 2 * Decimal(percent) / 100)
        if percent:
            reasons.append(f"情节合计调整{percent:+d}%，参考罚款金额{fmt(recommended)}元")
        else:
            reasons.append(f"参考罚款金额（幅度中间值）{fmt(recommended)}元")
    return basis, low, high, recommended


def _no_penalty(benchmark: Any, level: str, f: _Facts, reasons: list[str]) -> tuple[str, bool]:
    """4. No penalty: Art. 33 ¶1, and the first-violation list (首违不罚清单). Returns the Art. 33
    rule (or "") and whether the first-violation list exempts."""
    harm, corrected = f.harm, f.corrected
    no_penalty = ""
    if level == Level.MINOR and corrected is True and harm == Harm.NONE:
        no_penalty = NO_PENALTY_ART33
        reasons.append(NO_PENALTY_ART33)
    if harm is None:
        return no_penalty, False
    for rule in benchmark.first_violation_rules.all():
        if rule.requires_first_violation and f.first is not True:
            continue
        if rule.requires_prompt_correction and corrected is not True:
            continue
        if HARM_ORDER.index(harm) > HARM_ORDER.index(rule.max_harm):
            continue
        if rule.max_illegal_gains is not None and (f.gains or Decimal(0)) > rule.max_illegal_gains:
            continue
        reasons.append(f"符合首违不罚清单：{rule.conditions}（行政处罚法第三十三条第一款）")
        return no_penalty, True
    return no_penalty, False


def suggest(*, agency: Agency, item: EnforcementItem, party_kind: str, facts: Mapping[str, Any]) -> Suggestion:
    """The applicable level, range and penalty types for the facts (see INTERFACE.md for the keys)."""
    validate_party_kind(party_kind)
    benchmark = current_benchmark(agency=agency, item=item)
    if benchmark is None:
        raise NotFoundError(MSG_NO_BENCHMARK, code="no_benchmark")
    levels = levels_for(benchmark, party_kind)
    if not levels:
        raise NotFoundError(MSG_NO_BENCHMARK, code="no_benchmark")
    by_code = {row.level: row for row in levels}
    reasons: list[str] = []
    if not benchmark.published:
        reasons.append("注意：该裁量基准尚未公布（行政处罚法第三十四条）")
    f = _parse_facts(facts, benchmark)
    base = _base_level(facts.get("level") or None, levels, by_code, f, reasons)
    index, percent = _apply_factors(levels, base, f.factors, reasons)
    row = levels[index]
    level = row.level
    basis, low, high, recommended = _fine_range(row, f.gains, percent, reasons)
    no_penalty, exempt = _no_penalty(benchmark, level, f, reasons)

    past = _past(agency, item, party_kind)
    if past.count:
        reasons.append(
            f"本机关同一事项已作出处罚决定{past.count}件，罚款中位数{fmt(past.median)}元"
            f"（最低{fmt(past.minimum)}元，最高{fmt(past.maximum)}元）"
        )
    else:
        reasons.append("本机关同一事项暂无可比的处罚决定")

    return Suggestion(
        benchmark_id=benchmark.pk,
        benchmark_version=benchmark.version,
        item_id=item.pk,
        party_kind=party_kind,
        base_level=base,
        level=level,
        level_label=_label(level),
        conditions=row.conditions,
        range_basis=basis,
        amount_min=low,
        amount_max=high,
        recommended_amount=recommended,
        gains_multiple_min=row.gains_multiple_min,
        gains_multiple_max=row.gains_multiple_max,
        illegal_gains=f.gains,
        penalty_types=list(row.penalty_types),
        penalty_type_labels=row.penalty_type_labels(),
        fine_allowed=PenaltyType.FINE in row.penalty_types,
        first_violation_exempt=exempt,
        no_penalty_rule=no_penalty,
        reasons=reasons,
        past=past,
    )


def check_proposal(*, suggestion: Suggestion, amount: Any, penalty_types: Sequence[str]) -> ProposalCheck:
    """Is the proposed penalty inside the benchmark? Messages are exact Chinese sentences."""
    try:
        fine = to_decimal(amount)
    except ValueError:
        raise DomainError(MSG_AMOUNT, code="invalid_amount") from None
    if fine is not None and fine < 0:
        raise DomainError(MSG_AMOUNT, code="invalid_amount")
    types = validate_penalty_types(list(penalty_types))
    if fine and fine > 0 and PenaltyType.FINE not in types:
        types.append(PenaltyType.FINE)
    level = suggestion.level_label
    messages: list[str] = []
    for code in types:
        if code not in suggestion.penalty_types:
            messages.append(MSG_TYPE.format(label=PenaltyType(code).label, level=level))
    if PenaltyType.FINE in types and suggestion.fine_allowed:
        value = fine or Decimal(0)
        if suggestion.amount_min is None or suggestion.amount_max is None:
            messages.append(MSG_NO_RANGE)
        elif value < suggestion.amount_min:
            messages.append(MSG_BELOW.format(amount=fmt(value), level=level, min=fmt(suggestion.amount_min)))
        elif value > suggestion.amount_max:
            messages.append(MSG_ABOVE.format(amount=fmt(value), level=level, max=fmt(suggestion.amount_max)))
    if suggestion.no_penalty_rule and types:
        # Art. 33 ¶1 first sentence is mandatory: any penalty is outside the benchmark.
        messages.append(suggestion.no_penalty_rule)
    notes: list[str] = []
    if suggestion.first_violation_exempt and types:
        notes.append(MSG_FIRST_VIOLATION)
    if messages:
        messages.append(MSG_OUTSIDE)
        return ProposalCheck(inside=False, messages=messages, notes=notes)
    return ProposalCheck(inside=True, messages=[MSG_INSIDE], notes=notes)


def require_outside_reason(*, check: ProposalCheck, reason: str) -> None:
    """For the cases app: a proposal outside the benchmark needs a written reason."""
    if not check.inside and not (reason or "").strip():
        raise DomainError(MSG_REASON_REQUIRED, code="discretion_reason_required")
