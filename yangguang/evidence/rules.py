"""Default AV item list (音像记录事项清单, domain.md §4): full uninterrupted recording is mandatory
for on-site acts touching personal liberty, life, health or major property (查封扣押财产, 强制拆除…);
recording "as appropriate" for on-site inspection, evidence collection, hearings and service.
An agency's own ``RecordingRule`` rows override these per (case kind, step)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    case_kind: str
    step: str
    required: bool
    full_process: bool
    method: str
    start: str
    content: str
    end: str
    storage_years: int


FULL = "执法记录仪、摄像机全程不间断音像记录"
APPROPRIATE = "执法记录仪、照相机、录音笔，根据需要进行音像记录"

DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "coercive_measure",
        "impose",
        True,
        True,
        FULL,
        "执法人员到达现场、出示执法证件时",
        "告知当事人采取行政强制措施的理由、依据及权利救济途径，听取陈述申辩，清点查封、扣押财物，当事人及见证人签名",
        "现场笔录签名确认、执法人员离开现场时",
        10,
    ),
    Rule(
        "coercive_measure",
        "release",
        False,
        False,
        APPROPRIATE,
        "解除查封、扣押开始时",
        "清点退还财物、当事人签收",
        "当事人签收后",
        6,
    ),
    Rule(
        "penalty_ordinary",
        "inspection_record",
        False,
        False,
        APPROPRIATE,
        "现场检查开始",
        "现场检查情况",
        "现场检查结束",
        6,
    ),
    Rule("penalty_ordinary", "evidence", False, False, APPROPRIATE, "取证开始", "调查取证过程", "取证结束", 6),
    Rule(
        "penalty_ordinary",
        "preserve_evidence",
        False,
        False,
        APPROPRIATE,
        "登记保存开始",
        "证据清点、登记",
        "登记结束",
        6,
    ),
    Rule("penalty_ordinary", "hold_hearing", False, False, APPROPRIATE, "听证开始", "听证全过程", "听证结束", 6),
    Rule("penalty_ordinary", "serve", False, False, APPROPRIATE, "送达开始", "直接送达、留置送达过程", "送达结束", 6),
    Rule("penalty_summary", "decide_on_spot", False, False, APPROPRIATE, "到达现场", "当场处罚过程", "交付决定书", 6),
    Rule("inspection", "start_inspection", False, False, APPROPRIATE, "检查开始", "现场检查情况", "检查结束", 6),
    Rule("inspection", "inspection_record", False, False, APPROPRIATE, "检查开始", "现场检查情况", "检查结束", 6),
)

DEFAULT_BY_KEY: dict[tuple[str, str], Rule] = {(r.case_kind, r.step): r for r in DEFAULT_RULES}
# Storage period of material no rule names.
DEFAULT_STORAGE_YEARS = 6
