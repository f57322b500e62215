"""Roster lists of what is enforced and on whom: enforcement items (执法事项), random inspection
items (随机抽查事项) and regulated entities (市场主体)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, ClassVar

from yangguang.access import policy
from yangguang.roster import entity_directory, selectors
from yangguang.roster.importers import cells
from yangguang.roster.importers.base import Column, ErrorList, Row
from yangguang.roster.importers.kinds.base import (
    KIND_LABELS,
    Kind,
    agencies_by_uscc,
    chunked,
)
from yangguang.roster.models import (
    ENTITY_PROPOSAL_FIELDS,
    Agency,
    EnforcementItem,
    Entity,
    InspectionItem,
    RiskGrade,
    User,
)

# --- enforcement items and inspection items ---------------------------------------------------


class _AgencyItems(Kind):
    """Items keyed by (agency USCC, item code)."""

    key_column = "code"
    mapping: ClassVar[dict[str, str]]

    def key(self, row: Row) -> str | None:
        if not row.has("agency_uscc") or not row.has("code"):
            return None
        return f"{row.values['agency_uscc']}/{row.values['code']}"

    def duplicate_message(self, row: Row, first: int) -> str:
        return f"同一主体的事项编码“{row.values['code']}”与第{first}行重复"

    def resolve(self, rows: list[Row], errors: ErrorList, scope: set[int] | None) -> None:
        self.check_agency(rows, errors, scope)

    def write(self, rows: list[Row]) -> tuple[list[str], list[str], int]:
        agency_ids = sorted({r.values["agency_id"] for r in rows})
        usccs = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "uscc"))
        existing: dict[str, dict[str, Any]] = {}
        for part in chunked(agency_ids):
            for r in self.model.objects.filter(agency_id__in=part).values("pk", *self.mapping.values()):  # type: ignore[attr-defined]
                existing[f"{usccs[r['agency_id']]}/{r['code']}"] = r
        return self.upsert(rows, existing, self.mapping)


class Items(_AgencyItems):
    name = "items"
    label = "执法事项"
    model = EnforcementItem
    columns = [
        Column("实施主体统一社会信用代码", "agency_uscc", cells.uscc, required=True),
        Column("实施主体", "agency_name", cells.text(), info=True, help="仅供阅读，导入时以统一社会信用代码为准"),
        Column("事项编码", "code", cells.code(50), required=True),
        Column("事项名称", "name", cells.text(200), required=True),
        Column("执法类别", "kind", cells.action_kind, required=True, help="一个类别，如：行政处罚"),
        Column("责任事项", "duty", cells.text()),
        Column("职权内容", "authority", cells.text()),
        Column("设定依据", "legal_basis", cells.text()),
        Column("受理机构", "accepting_body", cells.text(200)),
        Column("审批机构", "approving_body", cells.text(200)),
        Column("许可条件", "conditions", cells.text()),
        Column("优惠政策", "preferential_policies", cells.text()),
        Column("申请材料", "materials", cells.text()),
        Column("办理流程", "process", cells.text()),
        Column("办理时限", "time_limit", cells.text(100)),
        Column("监督方式", "supervision", cells.text()),
        Column("责任追究", "accountability", cells.text()),
        Column("救济渠道", "remedies", cells.text()),
        Column("办公时间", "office_hours", cells.text(100)),
        Column("办公地址", "address", cells.text(200)),
        Column("咨询电话", "phone", cells.text(50)),
    ]
    mapping = {
        "agency_id": "agency_id",
        **{c.key: c.key for c in columns if c.key not in {"agency_uscc", "agency_name"}},
    }

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        qs = selectors.search_items(user) if user else EnforcementItem.objects.order_by("agency_id", "code")
        fields = [c.key for c in self.columns[2:]]
        for row in qs.values_list("agency__uscc", "agency__name", *fields).iterator(chunk_size=2000):
            out = list(row)
            out[4] = str(KIND_LABELS.get(out[4], out[4]))
            yield out


class InspectionItems(_AgencyItems):
    name = "inspection_items"
    label = "随机抽查事项"
    model = InspectionItem
    columns = [
        Column("抽查主体统一社会信用代码", "agency_uscc", cells.uscc, required=True),
        Column("抽查主体", "agency_name", cells.text(), info=True, help="仅供阅读，导入时以统一社会信用代码为准"),
        Column("事项编码", "code", cells.code(50), required=True),
        Column("抽查事项", "name", cells.text(200), required=True),
        Column("抽查依据", "legal_basis", cells.text()),
        Column("抽查对象", "targets", cells.text(200)),
        Column("抽查内容", "content", cells.text()),
        Column(
            "抽查比例（%）", "ratio_percent", cells.percent, default=Decimal("5.00"), help="大于0且不超过100，默认5"
        ),
        Column("抽查方式", "method", cells.text(100)),
        Column("抽查频次", "frequency", cells.text(100)),
    ]
    mapping = {
        "agency_id": "agency_id",
        **{c.key: c.key for c in columns if c.key not in {"agency_uscc", "agency_name"}},
    }

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        qs = selectors.search_inspection_items(user) if user else InspectionItem.objects.order_by("agency_id", "code")
        fields = [c.key for c in self.columns[2:]]
        for row in qs.values_list("agency__uscc", "agency__name", *fields).iterator(chunk_size=2000):
            out = list(row)
            out[7] = float(out[7])
            yield out


# --- regulated entities -------------------------------------------------------------------------


class Entities(Kind):
    """The shared directory (名录库). A row for an entry the importer's agency did not register
    becomes a change proposal for the registering agency (``roster.entity_directory``) instead of
    overwriting the entry; new entries are registered to the importer's agency (the system
    administrator may name the registering agency in its column)."""

    name = "entities"
    label = "市场主体"
    model = Entity
    key_column = "uscc"
    columns = [
        Column("名称", "name", cells.text(200), required=True),
        Column("统一社会信用代码", "uscc", cells.uscc, required=True),
        Column("法定代表人", "legal_representative", cells.text(50), aliases=("法定代表人（负责人）", "负责人")),
        Column("注册地址", "address", cells.text(200), aliases=("住所",)),
        Column("联系方式", "phone", cells.text(50), aliases=("联系电话",)),
        Column("所属区划代码", "region_code", cells.division, aliases=("行政区划代码",), help="须已存在"),
        Column("行业", "industry", cells.text(100)),
        Column(
            "风险等级",
            "risk_grade",
            cells.choice(
                RiskGrade.choices,
                {"低": "low", "一般": "medium", "中": "medium", "中风险": "medium", "高": "high"},
                "风险等级",
            ),
            default=RiskGrade.LOW,
            help="低风险、一般风险、高风险；默认“低风险”",
        ),
        Column(
            "登记机关统一社会信用代码",
            "registering_uscc",
            cells.uscc,
            aliases=("登记机关",),
            help="登记该市场主体的机关；不填时新增的市场主体登记在导入人所在机关",
        ),
    ]
    mapping = {
        "name": "name",
        "uscc": "uscc",
        "legal_representative": "legal_representative",
        "address": "address",
        "phone": "phone",
        "region_id": "region_id",
        "industry": "industry",
        "risk_grade": "risk_grade",
        "registering_agency_id": "registering_agency_id",
    }

    def __init__(self) -> None:
        super().__init__()
        self.proposal_rows: dict[str, dict[str, Any]] = {}  # USCC -> proposed changes
        self.proposals: list[Any] = []

    def key(self, row: Row) -> str | None:
        return row.get("uscc")

    def resolve(self, rows: list[Row], errors: ErrorList, scope: set[int] | None) -> None:
        self.check_region(rows, errors)
        self.check_registering_agency(rows, errors)
        self.split_proposals(rows)

    def check_registering_agency(self, rows: list[Row], errors: ErrorList) -> None:
        known = agencies_by_uscc(r.get("registering_uscc") for r in rows if r.get("registering_uscc"))
        may_name = self.actor is None or policy.allows(self.actor, "roster.import.any_agency")
        own = getattr(self.actor, "agency_id", None)
        for row in rows:
            code = row.get("registering_uscc")
            if code:
                found = known.get(code)
                if found is None:
                    self.err(errors, row, "registering_uscc", f"执法主体“{code}”不存在，请先导入执法主体")
                elif not may_name and found[0] != own:
                    self.err(errors, row, "registering_uscc", "只有系统管理员可以指定其他机关为登记机关")
                else:
                    row.values["registering_agency_id"] = found[0]
            row.values.pop("registering_uscc", None)

    def split_proposals(self, rows: list[Row]) -> None:
        """Rows for entries the importer may not change directly become proposals."""
        keys = [r.values["uscc"] for r in rows if r.has("uscc") and not r.bad]
        fields = ("uscc", "registering_agency_id", *ENTITY_PROPOSAL_FIELDS)
        existing = {
            e["uscc"]: e for part in chunked(keys) for e in Entity.objects.filter(uscc__in=part).values(*fields)
        }
        own = getattr(self.actor, "agency_id", None)
        for row in rows:
            old = existing.get(row.get("uscc") or "")
            if old is None:
                if self.actor is not None and own is not None:
                    row.values.setdefault("registering_agency_id", own)
                continue
            owner = Entity(registering_agency_id=old["registering_agency_id"])
            if self.actor is None or policy.allows(self.actor, "entity.edit", owner):
                if self.actor is not None and not policy.allows(self.actor, "roster.import.any_agency"):
                    row.values.pop("registering_agency_id", None)  # only the system administrator moves ownership
                continue
            row.values.pop("registering_agency_id", None)
            changes = {
                attr: ("" if row.values[key] is None and attr != "region_id" else row.values[key])
                for key, attr in self.mapping.items()
                if key in row.values and attr in ENTITY_PROPOSAL_FIELDS and row.values[key] != old[attr]
            }
            self.proposal_rows[row.values["uscc"]] = changes

    def write(self, rows: list[Row]) -> tuple[list[str], list[str], int]:
        direct = [r for r in rows if r.values["uscc"] not in self.proposal_rows]
        keys = [r.values["uscc"] for r in direct]
        existing = {
            r["uscc"]: r
            for part in chunked(keys)
            for r in Entity.objects.filter(uscc__in=part).values("pk", *self.mapping.values())
        }
        created, updated, unchanged = self.upsert(direct, existing, self.mapping)
        wanted = {k: v for k, v in self.proposal_rows.items() if v}
        unchanged += len(self.proposal_rows) - len(wanted)
        if wanted:
            assert self.actor is not None
            entities = {e.uscc: e for part in chunked(sorted(wanted)) for e in Entity.objects.filter(uscc__in=part)}
            self.proposals = entity_directory.propose_many(
                rows=[(entities[k], wanted[k]) for k in sorted(wanted)], actor=self.actor
            )
        return created, updated, unchanged

    def after_record(self, seq: int) -> None:
        entity_directory.attach_ledger(self.proposals, seq)

    @property
    def proposed(self) -> int:
        return len(self.proposals)

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        labels = dict(RiskGrade.choices)
        qs = Entity.objects.order_by("name", "pk").values_list(
            "name",
            "uscc",
            "legal_representative",
            "address",
            "phone",
            "region__code",
            "industry",
            "risk_grade",
            "registering_agency__uscc",
        )
        for name, uscc, rep, address, phone, region, industry, risk, owner in qs.iterator(chunk_size=2000):
            yield [name, uscc, rep, address, phone, region or "", industry, str(labels.get(risk, risk)), owner or ""]
