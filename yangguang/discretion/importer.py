"""XLSX import of discretion benchmarks, in the layout agencies keep them (one row per item and
circumstance level, Chinese headers). Every row is validated before anything is written; one
error rejects the whole file.

Sheets (the first is required, the others optional):

- 裁量基准: 事项编码*, 违法行为*, 违法依据*, 处罚依据*, 版本, 施行日期*, 裁量等级*, 适用对象, 适用情形*,
  违法所得上限（元）, 罚款下限（元）, 罚款上限（元）, 违法所得倍数下限, 违法所得倍数上限, 处罚种类*
- 裁量情节: 事项编码*, 版本, 情节类型*, 情节代码*, 情节描述*, 调整方式*, 调整比例（%）
- 首违不罚清单: 事项编码*, 版本, 适用条件*, 须首次违法, 须及时改正, 危害后果上限, 违法所得上限（元）

(* required). 版本 defaults to the 施行日期 (e.g. "2026-01-01"); in the other sheets it defaults to the
only version of that item in the file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from yangguang.core.errors import DomainError
from yangguang.discretion.models import FactorEffect, FactorKind, Harm, Level, PartyKind, PenaltyType
from yangguang.discretion.money import to_decimal
from yangguang.roster.models import ActionKind, Agency, EnforcementItem

MAX_ROWS = 10_000

SHEET_MAIN = "裁量基准"
SHEET_FACTORS = "裁量情节"
SHEET_FIRST = "首违不罚清单"

C_CODE = "事项编码"
C_VIOLATION = "违法行为"
C_VIOLATION_BASIS = "违法依据"
C_PENALTY_BASIS = "处罚依据"
C_VERSION = "版本"
C_EFFECTIVE = "施行日期"
C_LEVEL = "裁量等级"
C_PARTY = "适用对象"
C_CONDITIONS = "适用情形"
C_GAINS_UPPER = "违法所得上限（元）"
C_FINE_MIN = "罚款下限（元）"
C_FINE_MAX = "罚款上限（元）"
C_MULT_MIN = "违法所得倍数下限"
C_MULT_MAX = "违法所得倍数上限"
C_TYPES = "处罚种类"
C_FACTOR_KIND = "情节类型"
C_FACTOR_CODE = "情节代码"
C_FACTOR_DESC = "情节描述"
C_EFFECT = "调整方式"
C_PERCENT = "调整比例（%）"
C_FV_CONDITIONS = "适用条件"
C_FV_FIRST = "须首次违法"
C_FV_CORRECTED = "须及时改正"
C_FV_HARM = "危害后果上限"
C_FV_GAINS = "违法所得上限（元）"

# (header, required)
MAIN_COLUMNS: list[tuple[str, bool]] = [
    (C_CODE, True),
    (C_VIOLATION, True),
    (C_VIOLATION_BASIS, True),
    (C_PENALTY_BASIS, True),
    (C_VERSION, False),
    (C_EFFECTIVE, True),
    (C_LEVEL, True),
    (C_PARTY, False),
    (C_CONDITIONS, True),
    (C_GAINS_UPPER, False),
    (C_FINE_MIN, False),
    (C_FINE_MAX, False),
    (C_MULT_MIN, False),
    (C_MULT_MAX, False),
    (C_TYPES, True),
]
FACTOR_COLUMNS: list[tuple[str, bool]] = [
    (C_CODE, True),
    (C_VERSION, False),
    (C_FACTOR_KIND, True),
    (C_FACTOR_CODE, True),
    (C_FACTOR_DESC, True),
    (C_EFFECT, True),
    (C_PERCENT, False),
]
FIRST_COLUMNS: list[tuple[str, bool]] = [
    (C_CODE, True),
    (C_VERSION, False),
    (C_FV_CONDITIONS, True),
    (C_FV_FIRST, False),
    (C_FV_CORRECTED, False),
    (C_FV_HARM, False),
    (C_FV_GAINS, False),
]

MSG_UNREADABLE = "无法读取文件，请上传 XLSX 格式的文件"
MSG_NO_SHEET = "文件中没有「{sheet}」工作表"
MSG_NO_HEADER = "「{sheet}」工作表缺少表头「{column}」"
MSG_NO_ROWS = "「{sheet}」工作表没有数据行"
MSG_TOO_MANY = "「{sheet}」工作表行数过多（最多{max}行）"
MSG_REJECTED = "导入失败，文件未导入：共{count}处错误"
CELL = "「{sheet}」工作表第{row}行「{column}」：{problem}"

P_REQUIRED = "不能为空"
P_NUMBER = "应为不小于0的数字"
P_DATE = "应为日期（如2026-01-01）"
P_LEVEL = "应为轻微、一般、较重、严重之一"
P_PARTY = "应为全部、自然人、单位之一"
P_TYPE = "未知的处罚种类「{value}」"
P_NO_ITEM = "本机关没有编码为「{value}」的执法事项"
P_NOT_PENALTY = "执法事项「{value}」不是行政处罚事项"
P_PAIR = "须与「{other}」同时填写"
P_MIN_MAX = "不能小于「{other}」"
P_FINE_RANGE = "处罚种类含罚款，须填写罚款下限和上限或违法所得倍数下限和上限"
P_DUP_LEVEL = "与第{row}行重复（同一事项、版本、裁量等级、适用对象）"
P_MISMATCH = "与第{row}行（同一事项同一版本）不一致"
P_NO_BENCHMARK = "「裁量基准」工作表中没有该事项（版本）的基准"
P_AMBIGUOUS_VERSION = "该事项在「裁量基准」工作表中有多个版本，须填写版本"
P_FACTOR_KIND = "应为从轻、减轻、从重之一"
P_EFFECT = "应为降一档、升一档、比例调整之一"
P_PERCENT = "比例调整须填写1至100之间的整数"
P_DUP_CODE = "与第{row}行重复（同一事项同一版本）"
P_YES_NO = "应为是或否"
P_HARM = "应为无、轻微之一"
P_LENGTH = "不能超过{max}个字"

PARTY_WORDS = {
    "": "",
    "全部": "",
    "不限": "",
    "自然人": PartyKind.PERSON,
    "个人": PartyKind.PERSON,
    "公民": PartyKind.PERSON,
    "单位": PartyKind.ORGANIZATION,
    "法人": PartyKind.ORGANIZATION,
    "组织": PartyKind.ORGANIZATION,
    "法人或者其他组织": PartyKind.ORGANIZATION,
    "法人或其他组织": PartyKind.ORGANIZATION,
}
FACTOR_KIND_WORDS = {
    "从轻": FactorKind.MITIGATING,
    "减轻": FactorKind.MITIGATING,
    "从轻、减轻": FactorKind.MITIGATING,
    "从轻减轻": FactorKind.MITIGATING,
    "从重": FactorKind.AGGRAVATING,
}
EFFECT_WORDS = {str(label): str(code) for code, label in FactorEffect.choices}
LEVEL_WORDS = {str(label): str(code) for code, label in Level.choices}
TYPE_WORDS = {str(label): str(code) for code, label in PenaltyType.choices} | {c: c for c in PenaltyType.values}
# Spreadsheets commonly write the last Art. 9 category simply as 其他.
TYPE_WORDS["其他"] = PenaltyType.OTHER.value
HARM_WORDS = {"无": Harm.NONE, "轻微": Harm.MINOR}
YES = {"是", "Y", "y", "yes", "1", "true", "TRUE", "√"}
NO = {"否", "N", "n", "no", "0", "false", "FALSE", "×"}


class ImportRejected(DomainError):
    """The file was rejected as a whole; ``errors`` lists every problem by sheet, row and field."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(MSG_REJECTED.format(count=len(errors)), code="import_rejected", details={"errors": errors})
        self.errors = errors


@dataclass
class LevelData:
    row: int
    level: str
    party_kind: str
    conditions: str
    gains_upper: Decimal | None
    fine_min: Decimal | None
    fine_max: Decimal | None
    gains_multiple_min: Decimal | None
    gains_multiple_max: Decimal | None
    penalty_types: list[str]


@dataclass
class FactorData:
    row: int
    kind: str
    code: str
    description: str
    effect: str
    percent: int


@dataclass
class FirstViolationData:
    row: int
    conditions: str
    requires_first_violation: bool
    requires_prompt_correction: bool
    max_harm: str
    max_illegal_gains: Decimal | None


@dataclass
class BenchmarkData:
    row: int
    item: EnforcementItem
    version: str
    effective_from: dt.date
    violation: str
    violation_basis: str
    penalty_basis: str
    levels: list[LevelData] = field(default_factory=list)
    factors: list[FactorData] = field(default_factory=list)
    first_violation_rules: list[FirstViolationData] = field(default_factory=list)


class _Row:
    """One data row with typed accessors that collect errors instead of raising."""

    def __init__(self, sheet: str, number: int, values: dict[str, Any], errors: list[str]) -> None:
        self.sheet = sheet
        self.line = number
        self.values = values
        self.errors = errors
        self.ok = True

    def error(self, column: str, problem: str) -> None:
        self.ok = False
        self.errors.append(CELL.format(sheet=self.sheet, row=self.line, column=column, problem=problem))

    def text(self, column: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.values.get(column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out = "" if value is None else str(value).strip()
        if required and not out:
            self.error(column, P_REQUIRED)
        if max_length is not None and len(out) > max_length:
            self.error(column, P_LENGTH.format(max=max_length))
        return out

    def number(self, column: str) -> Decimal | None:
        value = self.values.get(column)
        try:
            out = to_decimal(value)
        except ValueError:
            self.error(column, P_NUMBER)
            return None
        if out is not None and (out < 0 or out >= Decimal("1e12")):
            self.error(column, P_NUMBER)
            return None
        return out

    def date(self, column: str) -> dt.date | None:
        value = self.values.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.error(column, P_REQUIRED)
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(value))
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        self.error(column, P_DATE)
        return None

    def choice(self, column: str, words: dict[str, Any], problem: str, *, default: Any = None) -> Any:
        raw = self.text(column)
        if not raw:
            if default is None:
                self.error(column, P_REQUIRED)
            return default
        if raw not in words:
            self.error(column, problem)
            return default
        return words[raw]

    def yes_no(self, column: str, default: bool) -> bool:
        raw = self.text(column)
        if not raw:
            return default
        if raw in YES:
            return True
        if raw in NO:
            return False
        self.error(column, P_YES_NO)
        return default


def _read_sheet(wb: Any, sheet: str, columns: list[tuple[str, bool]], errors: list[str]) -> list[_Row] | None:
    ws = wb[sheet]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        errors.append(MSG_NO_ROWS.format(sheet=sheet))
        return None
    names = [("" if h is None else str(h).strip().lstrip("*").strip()) for h in header]
    positions: dict[str, int] = {}
    for i, name in enumerate(names):
        if name and name not in positions:
            positions[name] = i
    missing = [name for name, required in columns if required and name not in positions]
    for name in missing:
        errors.append(MSG_NO_HEADER.format(sheet=sheet, column=name))
    if missing:
        return None
    out: list[_Row] = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(out) >= MAX_ROWS:
            errors.append(MSG_TOO_MANY.format(sheet=sheet, max=MAX_ROWS))
            return None
        data = {name: (values[i] if i < len(values) else None) for name, i in positions.items()}
        out.append(_Row(sheet, number, data, errors))
    return out


def _pair(row: _Row, low_col: str, high_col: str) -> tuple[Decimal | None, Decimal | None]:
    low, high = row.number(low_col), row.number(high_col)
    raw_low, raw_high = row.text(low_col), row.text(high_col)
    if bool(raw_low) != bool(raw_high):
        if raw_low:
            row.error(high_col, P_PAIR.format(other=low_col))
        else:
            row.error(low_col, P_PAIR.format(other=high_col))
        return None, None
    if low is not None and high is not None and high < low:
        row.error(high_col, P_MIN_MAX.format(other=low_col))
    return low, high


def parse_workbook(data: bytes, *, agency: Agency) -> list[BenchmarkData]:
    """Parse and validate the whole file; raise ImportRejected listing every problem."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError(MSG_UNREADABLE, code="import_unreadable") from None
    try:
        return _parse(wb, agency)
    finally:
        wb.close()


def _item_finder(agency: Agency) -> Callable[[_Row], EnforcementItem | None]:
    """The agency's penalty item named by a row's code (a row error otherwise)."""
    items = {i.code: i for i in EnforcementItem.objects.filter(agency=agency)}

    def item_for(row: _Row) -> EnforcementItem | None:
        code = row.text(C_CODE, required=True)
        if not code:
            return None
        item = items.get(code)
        if item is None:
            row.error(C_CODE, P_NO_ITEM.format(value=code))
            return None
        if item.kind != ActionKind.PENALTY:
            row.error(C_CODE, P_NOT_PENALTY.format(value=code))
            return None
        return item

    return item_for


def _penalty_types(row: _Row) -> list[str]:
    types: list[str] = []
    raw_types = row.text(C_TYPES, required=True)
    for word in (w for w in re.split(r"[、,，;；/\s]+", raw_types) if w):
        if word not in TYPE_WORDS:
            row.error(C_TYPES, P_TYPE.format(value=word))
        elif TYPE_WORDS[word] not in types:
            types.append(TYPE_WORDS[word])
    if (
        PenaltyType.FINE in types
        and not (row.text(C_FINE_MIN) and row.text(C_FINE_MAX))
        and not (row.text(C_MULT_MIN) and row.text(C_MULT_MAX))
    ):
        row.error(C_TYPES, P_FINE_RANGE)
    return types


def _benchmarks(main_rows: list[_Row], agency: Agency) -> dict[tuple[str, str], BenchmarkData]:
    """The main sheet: one benchmark per (item, version), its levels one row each."""
    item_for = _item_finder(agency)
    benchmarks: dict[tuple[str, str], BenchmarkData] = {}
    level_seen: dict[tuple[str, str, str, str], int] = {}
    for row in main_rows:
        item = item_for(row)
        violation = row.text(C_VIOLATION, required=True)
        violation_basis = row.text(C_VIOLATION_BASIS, required=True)
        penalty_basis = row.text(C_PENALTY_BASIS, required=True)
        effective = row.date(C_EFFECTIVE)
        version = row.text(C_VERSION, max_length=30) or (effective.isoformat() if effective else "")
        level = row.choice(C_LEVEL, LEVEL_WORDS, P_LEVEL)
        party = row.choice(C_PARTY, PARTY_WORDS, P_PARTY, default="")
        conditions = row.text(C_CONDITIONS, required=True)
        gains_upper = row.number(C_GAINS_UPPER)
        fine_min, fine_max = _pair(row, C_FINE_MIN, C_FINE_MAX)
        mult_min, mult_max = _pair(row, C_MULT_MIN, C_MULT_MAX)
        types = _penalty_types(row)
        if not row.ok or item is None or effective is None:
            continue
        key = (item.code, version)
        bench = benchmarks.get(key)
        if bench is None:
            bench = benchmarks[key] = BenchmarkData(
                row=row.line,
                item=item,
                version=version,
                effective_from=effective,
                violation=violation,
                violation_basis=violation_basis,
                penalty_basis=penalty_basis,
            )
        else:
            for column, mine, theirs in (
                (C_VIOLATION, violation, bench.violation),
                (C_VIOLATION_BASIS, violation_basis, bench.violation_basis),
                (C_PENALTY_BASIS, penalty_basis, bench.penalty_basis),
                (C_EFFECTIVE, effective, bench.effective_from),
            ):
                if mine != theirs:
                    row.error(column, P_MISMATCH.format(row=bench.row))
        seen = level_seen.get((item.code, version, level, party))
        if seen is not None:
            row.error(C_LEVEL, P_DUP_LEVEL.format(row=seen))
        level_seen.setdefault((item.code, version, level, party), row.line)
        if row.ok:
            bench.levels.append(
                LevelData(
                    row.line, level, party, conditions, gains_upper, fine_min, fine_max, mult_min, mult_max, types
                )
            )
    return benchmarks


def _benchmark_finder(benchmarks: dict[tuple[str, str], BenchmarkData]) -> Callable[[_Row], BenchmarkData | None]:
    """The benchmark a factor or first-violation row names (code, and version when there are several)."""
    versions_of: dict[str, list[str]] = {}
    for code, version in benchmarks:
        versions_of.setdefault(code, []).append(version)

    def bench_for(row: _Row) -> BenchmarkData | None:
        code = row.text(C_CODE, required=True)
        version = row.text(C_VERSION)
        if not code:
            return None
        if not version:
            found = versions_of.get(code, [])
            if len(found) > 1:
                row.error(C_VERSION, P_AMBIGUOUS_VERSION)
                return None
            version = found[0] if found else ""
        bench = benchmarks.get((code, version))
        if bench is None:
            row.error(C_CODE, P_NO_BENCHMARK)
        return bench

    return bench_for


def _factors(factor_rows: list[_Row], bench_for: Callable[[_Row], BenchmarkData | None]) -> None:
    factor_seen: dict[tuple[str, str, str], int] = {}
    for row in factor_rows:
        bench = bench_for(row)
        kind = row.choice(C_FACTOR_KIND, FACTOR_KIND_WORDS, P_FACTOR_KIND)
        code = row.text(C_FACTOR_CODE, required=True, max_length=50)
        description = row.text(C_FACTOR_DESC, required=True)
        effect = row.choice(C_EFFECT, EFFECT_WORDS, P_EFFECT)
        percent = 0
        if effect == FactorEffect.PERCENT:
            raw = row.number(C_PERCENT) if row.text(C_PERCENT) else None
            if not row.text(C_PERCENT):
                row.error(C_PERCENT, P_PERCENT)
            elif raw is not None and (raw != raw.to_integral_value() or not 1 <= raw <= 100):
                row.error(C_PERCENT, P_PERCENT)
            elif raw is not None:
                percent = int(raw) if kind == FactorKind.AGGRAVATING else -int(raw)
        if bench is not None and code:
            fkey = (bench.item.code, bench.version, code)
            if fkey in factor_seen:
                row.error(C_FACTOR_CODE, P_DUP_CODE.format(row=factor_seen[fkey]))
            factor_seen.setdefault(fkey, row.line)
        if row.ok and bench is not None:
            bench.factors.append(FactorData(row.line, kind, code, description, effect, percent))


def _first_violation_rules(first_rows: list[_Row], bench_for: Callable[[_Row], BenchmarkData | None]) -> None:
    for row in first_rows:
        bench = bench_for(row)
        conditions = row.text(C_FV_CONDITIONS, required=True)
        first = row.yes_no(C_FV_FIRST, True)
        corrected = row.yes_no(C_FV_CORRECTED, True)
        harm = row.choice(C_FV_HARM, HARM_WORDS, P_HARM, default=Harm.MINOR)
        gains = row.number(C_FV_GAINS)
        if row.ok and bench is not None:
            bench.first_violation_rules.append(FirstViolationData(row.line, conditions, first, corrected, harm, gains))


def _parse(wb: Any, agency: Agency) -> list[BenchmarkData]:
    """The workbook's benchmarks: every sheet read and every row checked first (ImportRejected
    listing every error), then levels, factors and first-violation rules per benchmark."""
    errors: list[str] = []
    if SHEET_MAIN not in wb.sheetnames:
        raise ImportRejected([MSG_NO_SHEET.format(sheet=SHEET_MAIN)])
    main_rows = _read_sheet(wb, SHEET_MAIN, MAIN_COLUMNS, errors)
    factor_rows = _read_sheet(wb, SHEET_FACTORS, FACTOR_COLUMNS, errors) if SHEET_FACTORS in wb.sheetnames else []
    first_rows = _read_sheet(wb, SHEET_FIRST, FIRST_COLUMNS, errors) if SHEET_FIRST in wb.sheetnames else []
    if main_rows is not None and not main_rows:
        errors.append(MSG_NO_ROWS.format(sheet=SHEET_MAIN))
    if errors or main_rows is None or factor_rows is None or first_rows is None:
        raise ImportRejected(errors)
    benchmarks = _benchmarks(main_rows, agency)
    bench_for = _benchmark_finder(benchmarks)
    _factors(factor_rows, bench_for)
    _first_violation_rules(first_rows, bench_for)
    if errors:
        raise ImportRejected(errors)
    return list(benchmarks.values())


# --- The template -------------------------------------------------------------------------------

TEMPLATE_MAIN_EXAMPLE: list[list[Any]] = [
    [
        "示例-330217001",
        "经营者对其商品的性能、功能、质量等作虚假或者引人误解的商业宣传",
        "《中华人民共和国反不正当竞争法》第八条第一款",
        "《中华人民共和国反不正当竞争法》第二十条第一款",
        "2026版",
        "2026-01-01",
        level,
        "单位",
        conditions,
        None,
        low,
        high,
        None,
        None,
        types,
    ]
    for level, conditions, low, high, types in [
        ("轻微", "违法持续时间短，影响范围小，主动改正", 200000, 400000, "罚款"),
        ("一般", "违法持续时间较短，影响范围较小", 400000, 700000, "罚款"),
        ("较重", "违法持续时间较长或影响范围较大", 700000, 1000000, "罚款"),
        ("严重", "情节严重：造成恶劣社会影响或者多次违法", 1000000, 2000000, "罚款、吊销许可证件"),
    ]
]
TEMPLATE_FACTOR_EXAMPLE: list[list[Any]] = [
    ["示例-330217001", "2026版", "从轻", "cooperated", "主动供述监管部门尚未掌握的违法行为", "降一档", None],
    ["示例-330217001", "2026版", "从轻", "eliminated", "主动消除或者减轻违法行为危害后果", "比例调整", 30],
    ["示例-330217001", "2026版", "从重", "repeat", "两年内因同一违法行为受过行政处罚", "升一档", None],
]
TEMPLATE_FIRST_EXAMPLE: list[list[Any]] = [
    ["示例-330217001", "2026版", "首次违法，危害后果轻微，在责令改正期限内改正", "是", "是", "轻微", None],
]
TEMPLATE_NOTES: list[tuple[str, str]] = [
    ("裁量基准", "每个执法事项的每个裁量等级一行；同一事项同一版本的违法行为、依据、施行日期须一致。"),
    (C_CODE, "本机关执法事项清单中行政处罚事项的编码。"),
    (C_VERSION, "可不填，默认为施行日期；同一事项同一版本再次导入时将替换原内容。"),
    (C_LEVEL, "轻微、一般、较重、严重。"),
    (C_PARTY, "全部（可不填）、自然人、单位；对某类当事人单独规定的行优先适用。"),
    (C_GAINS_UPPER, "可不填；填写后按违法所得金额自动判断适用的裁量等级（不超过该金额）。"),
    ("罚款幅度", "罚款下限和上限（元）须同时填写；或填写违法所得倍数下限和上限；两者都填时，有违法所得的按倍数计算。"),
    (C_TYPES, "以顿号分隔：" + "、".join(str(label) for _, label in PenaltyType.choices)),
    ("裁量情节", "情节类型：从轻、减轻、从重；调整方式：降一档、升一档、比例调整（调整比例填1至100）。"),
    ("首违不罚清单", "须首次违法、须及时改正：是或否（默认是）；危害后果上限：无或轻微（默认轻微）。"),
]


def build_template() -> bytes:
    """The XLSX template offered for download, with example rows and notes."""
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FDE8E7")

    def sheet(ws: Any, columns: list[tuple[str, bool]], rows: list[list[Any]]) -> None:
        ws.append([name for name, _ in columns])
        for cell, (_, required) in zip(ws[1], columns, strict=True):
            cell.font = bold
            if required:
                cell.fill = fill
        for row in rows:
            ws.append(row)
        for i in range(len(columns)):
            ws.column_dimensions[chr(ord("A") + i)].width = 18

    main = wb.active
    main.title = SHEET_MAIN
    sheet(main, MAIN_COLUMNS, TEMPLATE_MAIN_EXAMPLE)
    sheet(wb.create_sheet(SHEET_FACTORS), FACTOR_COLUMNS, TEMPLATE_FACTOR_EXAMPLE)
    sheet(wb.create_sheet(SHEET_FIRST), FIRST_COLUMNS, TEMPLATE_FIRST_EXAMPLE)
    notes = wb.create_sheet("填写说明")
    notes.append(["项目", "说明"])
    for row in TEMPLATE_NOTES:
        notes.append(list(row))
    notes.append(["", "表头为红底的列必填；示例行请删除后再填写本机关的数据。"])
    notes.column_dimensions["A"].width = 20
    notes.column_dimensions["B"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
