"""Roster export: same headers as import (an export re-imports cleanly), scoped to the user."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from yangguang.roster.importers import KINDS, ImportInvalid, import_roster_file, template_workbook, write_export
from yangguang.roster.models import EnforcementItem, Entity, InspectionItem, Officer, Region, RegionLevel
from yangguang.roster.tests.factories import (
    AgencyFactory,
    EnforcementItemFactory,
    EntityFactory,
    OfficerFactory,
    UnitFactory,
)
from yangguang.roster.tests.sheets import read_xlsx


def export_bytes(kind: str, user: Any) -> bytes:
    with write_export(kind=kind, user=user) as handle:
        return handle.read()


@pytest.fixture
def roster(agency: Any, justice_bureau: Any, city: Any) -> dict[str, Any]:
    """A small roster of every kind, with values that exercise every column type."""
    county = Region.objects.create(
        code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city, path="/330000/330100/330106/"
    )
    Region.objects.create(
        code="330106001", name="北山街道", level=RegionLevel.TOWNSHIP, parent=county, path=f"{county.path}330106001/"
    )
    county_agency = AgencyFactory(
        name="杭州市西湖区市场监督管理局", region=county, parent=agency, legal_basis="三定方案"
    )
    UnitFactory(agency=county_agency, name="执法队")
    OfficerFactory(
        name="周八",
        agency=agency,
        unit=agency.units.get(name="法规处"),
        certificate_no="ZJ330100A1",
        categories=["penalty", "licensing"],
        cert_valid_from=dt.date(2022, 2, 28),
        cert_valid_until=dt.date(2027, 2, 27),
        cert_status="suspended",
        legal_qualification=True,
        is_reviewer=True,
        post="科长",
    )
    OfficerFactory(name="吴九", agency=county_agency, unit=None, certificate_no="ZJ330106B2", region=county)
    EnforcementItemFactory(
        agency=agency, code="P-1", name="对无照经营的处罚", legal_basis="《无证无照经营查处办法》", phone="12315"
    )
    InspectionItem.objects.create(
        agency=agency, code="C-1", name="广告检查", ratio_percent=Decimal("12.50"), method="书面检查"
    )
    EntityFactory(name="杭州甲有限公司", region=county, risk_grade="high", phone="0571-88888888")
    EntityFactory(name="杭州乙有限公司", region=None, legal_representative="")
    return {"county": county, "county_agency": county_agency}


@pytest.mark.parametrize("kind", ["regions", "agencies", "officers", "items", "inspection_items", "entities"])
def test_export_reimports_unchanged(kind: str, admin_user: Any, roster: Any) -> None:
    data = export_bytes(kind, admin_user)
    rows = read_xlsx(data)
    assert rows[0] == [c.header for c in KINDS[kind].columns]
    result = import_roster_file(kind=kind, filename=f"{kind}.xlsx", data=data, actor=admin_user)
    assert result.rows == len(rows) - 1 > 0
    assert (result.created, result.updated, result.unchanged) == (0, 0, result.rows)


def test_export_edit_reimport_round_trip(admin_user: Any, security_admin: Any, roster: Any) -> None:
    from yangguang.roster.tests.sheets import xlsx

    rows = read_xlsx(export_bytes("officers", admin_user))
    header = rows[0]
    assert header[:6] == ["姓名", "执法主体统一社会信用代码", "执法主体", "内设机构", "职务", "执法证号"]
    zhou = next(r for r in rows if r[0] == "周八")
    assert zhou[3:] == [
        "法规处",
        "科长",
        "ZJ330100A1",
        "行政处罚、行政许可",
        "330100",
        dt.datetime(2022, 2, 28),
        dt.datetime(2027, 2, 27),
        "暂扣",
        "是",
        "是",
    ]
    zhou[4] = "处长"
    zhou[12] = "否"
    rows.append(
        ["新人", zhou[1], "", "", "", "ZJ330100C3", "行政检查", "330106001", "2026-01-01", "2031-01-01", "", "", ""]
    )
    # the system administrator may not grant or withdraw qualifications nor issue certificates
    with pytest.raises(ImportInvalid) as refused:
        import_roster_file(kind="officers", filename="officers.xlsx", data=xlsx(rows), actor=admin_user)
    assert [e.text() for e in refused.value.errors] == [
        f"第{rows.index(zhou) + 1}行“法制审核人员”：法制审核人员须由发证机关（司法行政部门）的安全管理员认定，机关负责人可在“资格申请”中提出申请",
        f"第{len(rows)}行“执法证号”：新增执法人员的执法证须由发证机关（司法行政部门）的安全管理员办理",
    ]
    # the issuing justice bureau's security administrator may
    result = import_roster_file(kind="officers", filename="officers.xlsx", data=xlsx(rows), actor=security_admin)
    assert (result.created, result.updated, result.unchanged) == (1, 1, len(rows) - 3)
    zhou_db = Officer.objects.get(certificate_no="ZJ330100A1")
    assert (zhou_db.post, zhou_db.is_reviewer, zhou_db.legal_qualification) == ("处长", False, True)
    new = Officer.objects.get(certificate_no="ZJ330100C3")
    assert (new.cert_status, new.region.code, new.unit) == ("valid", "330106001", None)


def test_export_is_scoped_to_what_the_user_may_see(
    agency_head: Any, supervisor: Any, officer: Any, roster: Any, city: Any
) -> None:
    other_region = Region.objects.create(code="320100", name="南京市", level=RegionLevel.CITY, path="/320100/")
    nanjing = AgencyFactory(name="南京市交通运输局", region=other_region)
    OfficerFactory(name="郑十", agency=nanjing, certificate_no="JS320100Z9", region=other_region)
    EnforcementItemFactory(agency=nanjing, code="N-1")

    def names(kind: str, user: Any, column: int = 0) -> set[str]:
        return {r[column] for r in read_xlsx(export_bytes(kind, user))[1:]}

    assert names("officers", agency_head) == {"李明", "周局长", "周八"}
    assert names("officers", supervisor) == {"李明", "周局长", "周八", "吴九"}
    assert "郑十" not in names("officers", supervisor)
    assert names("agencies", agency_head) == {"杭州市市场监督管理局"}
    assert names("agencies", supervisor) == {"杭州市市场监督管理局", "杭州市司法局", "杭州市西湖区市场监督管理局"}
    assert names("items", agency_head, 2) == {"P-1"}
    assert names("items", officer, 2) == {"P-1"}
    assert "N-1" not in names("items", supervisor, 2)
    # Regions and entities are shared directories.
    assert "320100" in names("regions", agency_head)
    assert names("entities", officer) == set(Entity.objects.values_list("name", flat=True))
    assert EnforcementItem.objects.filter(code="N-1").exists()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_template_has_the_import_headers_and_an_empty_template_is_rejected_cleanly(kind: str, admin_user: Any) -> None:
    from yangguang.roster.importers import ImportInvalid

    data = template_workbook(kind)
    assert read_xlsx(data) == [[c.header for c in KINDS[kind].columns]]
    with pytest.raises(ImportInvalid) as exc:
        import_roster_file(kind=kind, filename="模板.xlsx", data=data, actor=admin_user)
    assert [e.text() for e in exc.value.errors] == ["文件中没有数据行"]


def test_export_keeps_formula_like_names_as_text_and_reimports_them(admin_user: Any, roster: Any, city: Any) -> None:
    """Spreadsheet formula injection (issue 11): an entity named like a formula is a text cell with
    Excel's quote prefix, and the export still re-imports unchanged."""
    from io import BytesIO

    from openpyxl import load_workbook

    evil = "=cmd|' /C calc'!A0"
    EntityFactory(name=evil, region=city, legal_representative="@SUM(1+1)")
    data = export_bytes("entities", admin_user)
    ws = load_workbook(BytesIO(data)).active
    assert ws is not None
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in (evil, "@SUM(1+1)"):
        assert (cells[text].data_type, cells[text].quotePrefix) == ("s", True)
    result = import_roster_file(kind="entities", filename="entities.xlsx", data=data, actor=admin_user)
    assert result.unchanged == result.rows and Entity.objects.filter(name=evil).count() == 1
