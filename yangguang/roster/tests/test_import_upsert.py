"""Roster import writes: upsert by natural key for every kind, and the ledger entries it leaves."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from yangguang.ledger.models import Entry
from yangguang.roster.importers import import_roster_file
from yangguang.roster.models import Agency, EnforcementItem, InspectionItem, Officer, Region, Unit
from yangguang.roster.tests.sheets import OFFICER_HEADERS, officer_row, xlsx

AGENCY_HEADERS = [
    "名称",
    "统一社会信用代码",
    "所属区划代码",
    "上级机关统一社会信用代码",
    "执法类别",
    "内设机构",
    "法制审核机构",
]
ITEM_HEADERS = [
    "实施主体统一社会信用代码",
    "实施主体",
    "事项编码",
    "事项名称",
    "执法类别",
    "责任事项",
    "职权内容",
    "设定依据",
    "受理机构",
    "审批机构",
    "许可条件",
    "优惠政策",
    "申请材料",
    "办理流程",
    "办理时限",
    "监督方式",
    "责任追究",
    "救济渠道",
    "办公时间",
    "办公地址",
    "咨询电话",
]
CHILD = "11330100000000009D"
GRANDCHILD = "1133010000000000AG"


def run(kind: str, rows: list[list[Any]], actor: Any) -> Any:
    return import_roster_file(kind=kind, filename=f"{kind}.xlsx", data=xlsx(rows), actor=actor)


def last_payload() -> dict[str, Any]:
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None
    return json.loads(entry.canonical)


def test_regions_tree_from_province_to_township_and_move(admin_user: Any, city: Any) -> None:
    headers = ["行政区划代码", "名称", "级别", "上级区划代码"]
    # Children before parents: the file order does not matter.
    rows = [
        headers,
        ["330106001", "北山街道", "街道", "330106"],
        ["330106", "西湖区", "区", "330100"],
        ["330102", "上城区", "县（区）", "330100"],
    ]
    result = run("regions", rows, admin_user)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    township = Region.objects.get(code="330106001")
    assert township.level == "township"
    assert township.path == "/330000/330100/330106/330106001/"
    assert township.parent == Region.objects.get(code="330106")
    # Moving 330106 under 330102 (nonsense, but a test of paths) carries its township along.
    result = run("regions", [headers, ["330106", "西湖区", "区", "330102"]], admin_user)
    assert (result.created, result.updated) == (0, 1)
    township.refresh_from_db()
    assert township.path == "/330000/330100/330102/330106/330106001/"


def test_agencies_with_units_parent_and_update(admin_user: Any, agency: Any) -> None:
    rows = [
        AGENCY_HEADERS,
        ["杭州市西湖区市场监督管理局", GRANDCHILD, "330100", CHILD, "行政处罚、行政检查", "执法队、法制科", "法制科"],
        ["杭州市某某局", CHILD, "330100", agency.uscc, "许可,处罚", "综合科", ""],
    ]
    result = run("agencies", rows, admin_user)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    child = Agency.objects.get(uscc=CHILD)
    grandchild = Agency.objects.get(uscc=GRANDCHILD)
    assert grandchild.parent == child and child.parent == agency
    assert grandchild.power_kinds == ["penalty", "inspection"]
    assert child.power_kinds == ["licensing", "penalty"]
    assert {(u.name, u.is_review_unit) for u in grandchild.units.all()} == {("执法队", False), ("法制科", True)}
    # Same file again: nothing changes. Then a new unit and a new review unit.
    assert run("agencies", rows, admin_user).unchanged == 2
    rows[1][5] = "执法队、法制科、政策法规科"
    rows[1][6] = "政策法规科"
    result = run("agencies", rows, admin_user)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert set(Unit.objects.filter(agency=grandchild, is_review_unit=True).values_list("name", flat=True)) == {
        "政策法规科"
    }


def test_review_unit_must_be_listed(admin_user: Any, city: Any) -> None:
    import pytest

    from yangguang.roster.importers import ImportInvalid

    with pytest.raises(ImportInvalid) as exc:
        run("agencies", [AGENCY_HEADERS, ["某局", CHILD, "330100", "", "", "执法队", "法制科"]], admin_user)
    assert [e.text() for e in exc.value.errors] == ["第2行“法制审核机构”：“法制科”未列在“内设机构”中"]


def test_officers_create_then_update_and_ledger(security_admin: Any, agency: Any) -> None:
    rows = [
        [*OFFICER_HEADERS, "具有法律职业资格", "法制审核人员"],
        [*officer_row("张三", agency.uscc, "ZJ001"), "是", "否"],
        [
            *officer_row("李四", agency.uscc, "ZJ002", unit="法规处", start=dt.date(2023, 5, 1), status="暂扣"),
            "否",
            "是",
        ],
    ]
    data = xlsx(rows)
    result = import_roster_file(kind="officers", filename="人员.xlsx", data=data, actor=security_admin)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    zhang = Officer.objects.get(certificate_no="ZJ001")
    li = Officer.objects.get(certificate_no="ZJ002")
    assert zhang.unit is not None and zhang.unit.name == "执法稽查处"
    assert zhang.categories == ["penalty", "inspection"]
    assert zhang.legal_qualification and not zhang.is_reviewer
    assert (li.cert_valid_from, li.cert_status, li.is_reviewer) == (dt.date(2023, 5, 1), "suspended", True)
    payload = last_payload()
    assert payload["action"] == "roster.import"
    assert payload["subject"] == "roster.import:officers"
    assert payload["actor"] == "secadmin"
    assert payload["files"] == {"人员.xlsx": hashlib.sha256(data).hexdigest()}
    assert payload["payload"]["created_keys"] == ["ZJ001", "ZJ002"]
    assert payload["payload"]["updated_keys"] == []
    assert payload["payload"]["sha256"] == hashlib.sha256(data).hexdigest()

    rows[1][3] = "副科长"
    result = run("officers", rows, security_admin)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert result.updated_keys == ["ZJ001"]
    assert Officer.objects.get(certificate_no="ZJ001").post == "副科长"
    assert last_payload()["payload"]["updated_keys"] == ["ZJ001"]


def test_absent_columns_keep_stored_values(security_admin: Any, agency: Any, officer: Any) -> None:
    cert = officer.officer.certificate_no
    headers = ["姓名", "执法主体统一社会信用代码", "执法证号", "执法区域", "证件有效期起", "证件有效期至", "证件状态"]
    run(
        "officers",
        [headers, ["李明", agency.uscc, cert, "330100", "2024-01-01", "2030-12-31", "已吊销"]],
        security_admin,
    )
    officer.officer.refresh_from_db()
    assert officer.officer.cert_status == "revoked"
    assert officer.officer.unit is not None and officer.officer.unit.name == "执法稽查处"  # 内设机构 column absent


def test_items_with_all_service_guide_fields(admin_user: Any, agency: Any) -> None:
    values = [
        agency.uscc,
        "（忽略）",
        "330217001",
        "食品经营许可",
        "行政许可",
        "审查",
        "许可",
        "《食品安全法》第三十五条",
        "政务服务中心",
        "市市场监管局",
        "符合条件",
        "无",
        "申请书",
        "受理-审查-决定",
        "20个工作日",
        "投诉",
        "依法追责",
        "复议、诉讼",
        "工作日9:00-17:00",
        "文三路1号",
        "0571-12345",
    ]
    result = run("items", [ITEM_HEADERS, values], admin_user)
    assert result.created == 1
    item = EnforcementItem.objects.get(agency=agency, code="330217001")
    assert [
        getattr(item, f)
        for f in (
            "name",
            "kind",
            "duty",
            "authority",
            "legal_basis",
            "accepting_body",
            "approving_body",
            "conditions",
            "preferential_policies",
            "materials",
            "process",
            "time_limit",
            "supervision",
            "accountability",
            "remedies",
            "office_hours",
            "address",
            "phone",
        )
    ] == [values[3], "licensing", *values[5:]]


def test_inspection_items(admin_user: Any, agency: Any) -> None:
    headers = [
        "抽查主体统一社会信用代码",
        "事项编码",
        "抽查事项",
        "抽查依据",
        "抽查对象",
        "抽查内容",
        "抽查比例（%）",
        "抽查方式",
        "抽查频次",
    ]
    rows = [
        headers,
        [agency.uscc, "CC-1", "食品经营者检查", "条例", "食品经营者", "许可情况", "5%", "现场检查", "每年一次"],
        [agency.uscc, "CC-2", "广告检查", "", "", "", "", "", ""],
    ]
    assert run("inspection_items", rows, admin_user).created == 2
    assert InspectionItem.objects.get(code="CC-1").ratio_percent == Decimal("5.00")
    assert InspectionItem.objects.get(code="CC-2").ratio_percent == Decimal("5.00")
    rows[1][6] = 12.5
    result = run("inspection_items", rows, admin_user)
    assert (result.updated, result.unchanged) == (1, 1)
    assert InspectionItem.objects.get(code="CC-1").ratio_percent == Decimal("12.50")


def test_large_import_splits_keys_over_ledger_entries(admin_user: Any, city: Any) -> None:
    from yangguang.core.validators import make_uscc
    from yangguang.roster.importers import service

    headers = ["名称", "统一社会信用代码"]
    rows: list[list[Any]] = [headers] + [[f"企业{i}", make_uscc(900_000 + i)] for i in range(25)]
    before = Entry.objects.count()
    original = service.KEYS_PER_ENTRY
    service.KEYS_PER_ENTRY = 10
    try:
        result = run("entities", rows, admin_user)
    finally:
        service.KEYS_PER_ENTRY = original
    assert result.created == 25
    entries = [json.loads(e.canonical) for e in Entry.objects.order_by("seq")[before:]]
    assert [e["action"] for e in entries] == [
        "roster.import",
        "roster.import.keys",
        "roster.import.keys",
        "roster.import.keys",
    ]
    assert entries[0]["payload"]["key_parts"] == 3
    keys = [k for e in entries[1:] for k in e["payload"]["created_keys"]]
    assert keys == [r[1] for r in rows[1:]]
