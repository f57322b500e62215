"""Issue 16: the agencies import carries each agency's reconsideration organ (or its vertical
management: the superior department), its court and its payment account; the export gives them back."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.roster.importers import ImportInvalid, import_roster_file
from yangguang.roster.models import Agency
from yangguang.roster.tests.sheets import xlsx

HEADERS = [
    "名称",
    "统一社会信用代码",
    "所属区划代码",
    "上级机关统一社会信用代码",
    "行政复议机关",
    "垂直管理",
    "管辖人民法院",
    "罚没款缴纳账户",
]
TAX = "11330100000000009D"
ACCOUNT = "中国建设银行杭州分行（户名：国家金库杭州市中心支库，账号：33001616781059000001）"


def run(rows: list[list[Any]], actor: Any) -> Any:
    return import_roster_file(kind="agencies", filename="agencies.xlsx", data=xlsx(rows), actor=actor)


def test_imported_and_printed_from_the_roster(admin_user: Any, agency: Any) -> None:
    rows = [
        HEADERS,
        ["国家税务总局杭州市税务局稽查局", TAX, "330100", agency.uscc, "", "是", "杭州市西湖区人民法院", ACCOUNT],
    ]
    assert run(rows, admin_user).created == 1
    tax = Agency.objects.get(uscc=TAX)
    assert (tax.vertical_management, tax.court, tax.payment_account) == (True, "杭州市西湖区人民法院", ACCOUNT)
    assert tax.reconsideration_organ_name == agency.name  # the superior department
    assert tax.missing_appeal_data(account=True) == []


def test_a_vertically_managed_agency_needs_its_superior(admin_user: Any, city: Any) -> None:
    rows = [HEADERS, ["某某海关", TAX, "330100", "", "", "是", "杭州铁路运输法院", ACCOUNT]]
    with pytest.raises(ImportInvalid) as exc:
        run(rows, admin_user)
    assert [e.text() for e in exc.value.errors] == [
        "第2行“上级机关统一社会信用代码”：垂直管理的执法主体须填写上级机关（其行政复议机关为上级主管部门）"
    ]
    assert not Agency.objects.filter(uscc=TAX).exists()
