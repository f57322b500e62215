"""Roster import: every row is validated first, every error is reported with its row and column
in Chinese, and a file with any bad row writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.core.errors import PermissionDeniedError
from yangguang.ledger.models import Entry
from yangguang.roster.importers import ImportInvalid, import_roster_file
from yangguang.roster.models import Entity, Officer
from yangguang.roster.tests.sheets import OFFICER_HEADERS, csv_text, officer_row, xlsx

ENTITY_HEADERS = ["名称", "统一社会信用代码", "法定代表人", "注册地址", "联系方式", "所属区划代码", "行业", "风险等级"]
GOOD_USCC = "91330100000000007Y"
GOOD_USCC_2 = "913301000000000082"


def errors_of(exc: pytest.ExceptionInfo[ImportInvalid]) -> list[str]:
    return [e.text() for e in exc.value.errors]


def run(kind: str, rows: list[list[Any]], actor: Any, filename: str = "名单.xlsx") -> Any:
    return import_roster_file(kind=kind, filename=filename, data=xlsx(rows), actor=actor)


def test_bad_uscc_check_character(admin_user: Any, city: Any) -> None:
    bad = GOOD_USCC[:17] + "X"
    with pytest.raises(ImportInvalid) as exc:
        run(
            "entities",
            [ENTITY_HEADERS, ["杭州甲贸易有限公司", bad, "王五", "", "", "330100", "批发", "低风险"]],
            admin_user,
        )
    assert errors_of(exc) == ["第2行“统一社会信用代码”：统一社会信用代码校验位错误：应为“Y”，实为“X”"]
    assert exc.value.code == "import_invalid"
    assert exc.value.message == "文件未导入：发现1处错误，请改正后重新上传（本次未写入任何数据）"


def test_bad_date_unknown_division_and_missing_field(security_admin: Any, agency: Any) -> None:
    rows = [
        OFFICER_HEADERS,
        officer_row("张三", agency.uscc, "ZJ001", start="2024-13-01"),
        officer_row("李四", agency.uscc, "ZJ002", region="330199"),
        officer_row("", agency.uscc, "ZJ003"),
    ]
    with pytest.raises(ImportInvalid) as exc:
        run("officers", rows, security_admin)
    assert errors_of(exc) == [
        "第2行“证件有效期起”：日期“2024-13-01”无效，应为“YYYY-MM-DD”格式（如2024-01-31）",
        "第3行“执法区域”：行政区划代码“330199”不存在，请先导入行政区划",
        "第4行“姓名”：不能为空",
    ]


def test_duplicate_key_within_file(security_admin: Any, agency: Any) -> None:
    rows = [OFFICER_HEADERS, officer_row("张三", agency.uscc, "ZJ001"), officer_row("李四", agency.uscc, "zj 001")]
    with pytest.raises(ImportInvalid) as exc:
        run("officers", rows, security_admin)
    assert errors_of(exc) == ["第3行“执法证号”：“ZJ001”与第2行重复"]


def test_item_duplicate_code_for_same_agency(admin_user: Any, agency: Any) -> None:
    headers = ["实施主体统一社会信用代码", "事项编码", "事项名称", "执法类别"]
    rows = [headers, [agency.uscc, "A1", "甲", "行政处罚"], [agency.uscc, "A1", "乙", "行政许可"]]
    with pytest.raises(ImportInvalid) as exc:
        run("items", rows, admin_user)
    assert errors_of(exc) == ["第3行“事项编码”：同一主体的事项编码“A1”与第2行重复"]


def test_missing_required_column_and_unknown_column(security_admin: Any, agency: Any) -> None:
    headers = [h for h in OFFICER_HEADERS if h != "执法证号"] + ["籍贯"]
    with pytest.raises(ImportInvalid) as exc:
        run("officers", [headers, ["张三"]], security_admin)
    assert errors_of(exc) == ["第1行“执法证号”：缺少必填列", "第1行“籍贯”：无法识别的列名，请使用导入模板中的列名"]


def test_reference_and_enum_errors(security_admin: Any, agency: Any) -> None:
    rows = [
        OFFICER_HEADERS,
        officer_row("张三", GOOD_USCC, "ZJ001"),
        officer_row("李四", agency.uscc, "ZJ002", unit="不存在处"),
        officer_row("王五", agency.uscc, "ZJ003", status="作废", categories="行政处罚、行政刑罚"),
        officer_row("赵六", agency.uscc, "ZJ004", start="2025-01-01", end="2024-12-31"),
    ]
    with pytest.raises(ImportInvalid) as exc:
        run("officers", rows, security_admin)
    assert errors_of(exc) == [
        f"第2行“执法主体统一社会信用代码”：执法主体“{GOOD_USCC}”不存在，请先导入执法主体",
        "第3行“内设机构”：执法主体“杭州市市场监督管理局”没有内设机构“不存在处”",
        "第4行“执法类别”：“行政刑罚”不是有效的执法类别，可选：行政许可、行政处罚、行政强制、行政检查、行政征收、行政征用、行政确认、行政给付、行政奖励、行政裁决、其他行政权力",
        "第4行“证件状态”：“作废”不是有效的证件状态，可选：有效、已过期、暂扣、已吊销",
        "第5行“证件有效期至”：不能早于证件有效期起（2025-01-01）",
    ]


def test_one_bad_row_among_good_ones_imports_nothing(security_admin: Any, agency: Any, officer: Any) -> None:
    officers_before = Officer.objects.count()
    ledger_before = Entry.objects.count()
    rows = [OFFICER_HEADERS] + [officer_row(f"人员{i}", agency.uscc, f"ZJ1{i:04d}") for i in range(20)]
    rows[11] = officer_row("坏行", agency.uscc, "ZJ19999", end="2029-02-30")
    # An update to an existing officer in the same file must not land either.
    rows.append(officer_row("李明改名", agency.uscc, officer.officer.certificate_no, end="2030-12-31"))
    with pytest.raises(ImportInvalid) as exc:
        run("officers", rows, security_admin)
    assert errors_of(exc) == ["第12行“证件有效期至”：日期“2029-02-30”无效，应为“YYYY-MM-DD”格式（如2024-01-31）"]
    assert Officer.objects.count() == officers_before
    assert Entry.objects.count() == ledger_before
    officer.officer.refresh_from_db()
    assert officer.officer.name == "李明"


def test_all_errors_are_counted_beyond_the_reported_cap(admin_user: Any, city: Any) -> None:
    rows: list[list[Any]] = [ENTITY_HEADERS] + [[f"企业{i}", "BAD", "", "", "", "", "", ""] for i in range(1200)]
    with pytest.raises(ImportInvalid) as exc:
        run("entities", rows, admin_user)
    assert exc.value.error_count == 1200
    assert len(exc.value.errors) == 1000
    assert exc.value.errors[0].text() == "第2行“统一社会信用代码”：统一社会信用代码应为18位，当前为3位"


def test_csv_in_gb18030_as_excel_writes_it(admin_user: Any, city: Any) -> None:
    text = csv_text(
        [
            ENTITY_HEADERS,
            ["杭州甲贸易有限公司", GOOD_USCC, "王五", "西湖区文三路1号", "0571-1", "330100", "批发业", "高风险"],
        ]
    )
    result = import_roster_file(kind="entities", filename="名录.csv", data=text.encode("gb18030"), actor=admin_user)
    assert (result.created, result.updated) == (1, 0)
    entity = Entity.objects.get(uscc=GOOD_USCC)
    assert (entity.name, entity.address, entity.risk_grade, entity.region) == (
        "杭州甲贸易有限公司",
        "西湖区文三路1号",
        "high",
        city,
    )


def test_csv_utf8_with_bom_and_gbk_errors_name_rows(admin_user: Any, city: Any) -> None:
    text = csv_text([ENTITY_HEADERS, ["杭州乙贸易有限公司", GOOD_USCC_2, "", "", "", "", "", "极高"]])
    with pytest.raises(ImportInvalid) as exc:
        import_roster_file(kind="entities", filename="名录.csv", data=text.encode("gbk"), actor=admin_user)
    assert errors_of(exc) == ["第2行“风险等级”：“极高”不是有效的风险等级，可选：低风险、一般风险、高风险"]
    result = import_roster_file(
        kind="entities", filename="名录.csv", data=b"\xef\xbb\xbf" + text.replace("极高", "").encode(), actor=admin_user
    )
    assert result.created == 1
    assert Entity.objects.get(uscc=GOOD_USCC_2).risk_grade == "low"


def test_unreadable_files(admin_user: Any, city: Any) -> None:
    cases = {
        b"": "文件为空",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 100: "不支持旧版Excel（.xls）格式，请在Excel中另存为.xlsx或CSV后再导入",
        "姓名,年龄\n张三,20\n".encode(): "找不到表头行：市场主体文件的第一行应为列名，至少包括“名称”、“统一社会信用代码”",
        csv_text([ENTITY_HEADERS]).encode(): "文件中没有数据行",
    }
    for data, message in cases.items():
        with pytest.raises(ImportInvalid) as exc:
            import_roster_file(kind="entities", filename="x.csv", data=data, actor=admin_user)
        assert errors_of(exc) == [message]


def test_title_rows_above_header_and_blank_rows_are_skipped(admin_user: Any, city: Any) -> None:
    rows: list[list[Any]] = [
        ["杭州市市场主体名录（2026年）"],
        [],
        ["序号", *ENTITY_HEADERS],
        [1, "杭州丙有限公司", GOOD_USCC, "", "", "", 330100, "", ""],
        [],
        [2, "杭州丁有限公司", "913301000000000083", "", "", "", "", "", ""],
    ]
    with pytest.raises(ImportInvalid) as exc:
        run("entities", rows, admin_user)
    assert errors_of(exc) == ["第6行“统一社会信用代码”：统一社会信用代码校验位错误：应为“2”，实为“3”"]


def test_agency_head_imports_only_own_agency(agency_head: Any, agency: Any, city: Any) -> None:
    from yangguang.roster.tests.factories import AgencyFactory

    other = AgencyFactory(name="杭州市交通运输局", region=city)
    rows = [
        OFFICER_HEADERS,
        officer_row("张三", agency.uscc, "ZJ001"),
        officer_row("李四", str(other.uscc), "ZJ002", unit=""),
    ]
    with pytest.raises(ImportInvalid) as exc:
        run("officers", rows, agency_head)
    assert errors_of(exc) == [
        "第2行“执法证号”：新增执法人员的执法证须由发证机关（司法行政部门）的安全管理员办理",
        "第3行“执法主体统一社会信用代码”：无权导入其他执法主体（杭州市交通运输局）的数据",
    ]
    with pytest.raises(PermissionDeniedError) as denied:
        run("regions", [["行政区划代码", "名称", "级别"], ["330102", "上城区", "区"]], agency_head)
    assert denied.value.message == "仅系统管理员可以导入行政区划"


def test_agency_head_cannot_take_over_officer_of_other_agency(agency_head: Any, agency: Any, city: Any) -> None:
    from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory

    other = AgencyFactory(name="杭州市交通运输局", region=city)
    OfficerFactory(agency=other, certificate_no="JT0001")
    with pytest.raises(ImportInvalid) as exc:
        run("officers", [OFFICER_HEADERS, officer_row("张三", agency.uscc, "JT0001")], agency_head)
    assert errors_of(exc) == ["第2行“执法证号”：执法证号“JT0001”已登记在杭州市交通运输局，无权修改"]


def test_officer_cannot_import(officer: Any) -> None:
    with pytest.raises(PermissionDeniedError) as denied:
        run("entities", [ENTITY_HEADERS], officer)
    assert denied.value.message == "仅系统管理员、安全管理员（执法人员）和行政机关负责人可以导入名册数据"


def test_region_tree_errors(admin_user: Any, city: Any) -> None:
    headers = ["行政区划代码", "名称", "级别", "上级区划代码"]
    rows = [
        headers,
        ["330102", "上城区", "区", "330100"],
        ["330105", "拱墅区", "区", "330105"],
        ["330106", "西湖区", "区", "330107"],
        ["330107", "某区", "区", "330106"],
        ["330108", "滨江区", "市辖区", "330999"],
        ["33010", "错码", "区", ""],
    ]
    with pytest.raises(ImportInvalid) as exc:
        run("regions", rows, admin_user)
    assert errors_of(exc) == [
        "第3行“上级区划代码”：上级不能是其自身",
        "第4行“上级区划代码”：上下级关系形成循环",
        "第5行“上级区划代码”：上下级关系形成循环",
        "第6行“级别”：“市辖区”不是有效的级别，可选：省、市、县（区）、乡镇（街道）",
        "第6行“上级区划代码”：上级区划代码“330999”不存在",
        "第7行“行政区划代码”：行政区划代码应为6位（省、市、县）或9位（乡镇街道）数字",
    ]
