"""XLSX import of discretion benchmarks: validation with exact messages, all-or-nothing, ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook

from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.discretion.importer import ImportRejected, build_template
from yangguang.discretion.models import Benchmark, CircumstanceLevel, Factor, FirstViolationRule
from yangguang.discretion.services import import_benchmarks, set_published
from yangguang.discretion.tests.helpers import (
    MAIN_HEADER,
    import_standard,
    main_row,
    make_item,
    standard_factors,
    standard_file,
    standard_rows,
    workbook,
)
from yangguang.ledger.models import Entry

pytestmark = pytest.mark.django_db


def _reject(agency: Any, actor: Any, data: bytes) -> list[str]:
    with pytest.raises(ImportRejected) as exc:
        import_benchmarks(agency=agency, data=data, filename="bad.xlsx", actor=actor)
    assert exc.value.message == f"导入失败，文件未导入：共{len(exc.value.errors)}处错误"
    return exc.value.errors


def test_import_creates_benchmark_levels_factors_and_first_violation_list(agency: Any, agency_head: Any) -> None:
    item = make_item(agency)
    before = Entry.objects.count()
    result = import_benchmarks(agency=agency, data=standard_file(item.code), filename="jz.xlsx", actor=agency_head)
    assert (result.created, result.updated, result.rows) == (1, 0, 4)
    bench = Benchmark.objects.get()
    assert bench.item == item and bench.version == "2026版" and str(bench.effective_from) == "2026-01-01"
    assert bench.published is False
    levels = {lv.level: lv for lv in bench.levels.all()}
    assert set(levels) == {"minor", "general", "serious", "severe"}
    assert levels["general"].fine_min == Decimal(1000) and levels["general"].fine_max == Decimal(5000)
    assert levels["general"].penalty_types == ["warning", "fine"]
    assert levels["severe"].gains_multiple_max == Decimal(5)
    assert levels["severe"].penalty_types == ["fine", "confiscate_income", "revoke_licence"]
    factors = {f.code: f for f in bench.factors.all()}
    assert factors["confessed"].effect == "level_down" and factors["confessed"].kind == "mitigating"
    assert factors["eliminated"].percent == -50 and factors["obstruct"].percent == 100
    rule = bench.first_violation_rules.get()
    assert rule.max_harm == "minor" and rule.max_illegal_gains == Decimal(500)
    # One ledger entry for the import, with the file's hash.
    assert Entry.objects.count() == before + 1
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None and entry.action == "discretion.benchmark.import"
    assert '"jz.xlsx"' in entry.canonical and '"item_code":"330217001"' in entry.canonical


def test_reimport_same_version_replaces_content(agency: Any, agency_head: Any) -> None:
    bench, item = import_standard(agency, agency_head)
    rows = [main_row(item.code, "一般", C_FINE_MIN=2000, C_FINE_MAX=3000)]
    result = import_benchmarks(agency=agency, data=workbook(rows), filename="v2.xlsx", actor=agency_head)
    assert (result.created, result.updated) == (0, 1)
    bench.refresh_from_db()
    assert [(lv.level, lv.fine_min) for lv in bench.levels.all()] == [("general", Decimal(2000))]
    assert not bench.factors.exists()


def test_every_error_is_named_by_sheet_row_and_field_and_nothing_is_written(agency: Any, agency_head: Any) -> None:
    make_item(agency, "A1")
    make_item(agency, "L1", kind="licensing")
    rows = [
        main_row("A1", "一般", C_FINE_MIN=1000, C_FINE_MAX=5000),  # row 2: valid
        main_row("NOPE", "一般", C_FINE_MIN=1, C_FINE_MAX=2),  # row 3
        main_row("L1", "一般", C_FINE_MIN=1, C_FINE_MAX=2),  # row 4
        main_row("A1", "中等", C_FINE_MIN=1, C_FINE_MAX=2),  # row 5
        main_row("A1", "较重", C_FINE_MIN=5000, C_FINE_MAX=1000),  # row 6
        main_row("A1", "严重", C_FINE_MIN=-1, C_FINE_MAX=2),  # row 7
        main_row("A1", "严重", C_FINE_MIN=100),  # row 8
        main_row("A1", "严重", C_TYPES="罚款、记过"),  # row 9
        main_row("A1", "一般", C_FINE_MIN=1000, C_FINE_MAX=5000),  # row 10: duplicate of row 2
        main_row("A1", "轻微", C_TYPES="警告", C_VIOLATION="别的行为"),  # row 11
        main_row("A1", "轻微", C_TYPES="警告", C_EFFECTIVE="明年", C_VERSION="v9"),  # row 12
        main_row("A1", "轻微", C_TYPES="警告", C_CONDITIONS="", C_VERSION="v8"),  # row 13
        main_row("A1", "轻微", C_TYPES="警告", C_PARTY="外国人", C_VERSION="v7"),  # row 14
    ]
    factors: list[list[Any]] = [
        ["A1", "2026版", "从宽", "x1", "描述", "降一档", None],  # row 2
        ["A1", "2026版", "从轻", "x2", "描述", "比例调整", 150],  # row 3
        ["A1", "1999版", "从轻", "x3", "描述", "降一档", None],  # row 4
        ["A1", "2026版", "从重", "x4", "描述", "升两档", None],  # row 5
    ]
    first: list[list[Any]] = [["A1", "2026版", "", "也许", "是", "严重", None]]  # row 2
    errors = _reject(agency, agency_head, workbook(rows, factors, first))
    assert errors == [
        "「裁量基准」工作表第3行「事项编码」：本机关没有编码为「NOPE」的执法事项",
        "「裁量基准」工作表第4行「事项编码」：执法事项「L1」不是行政处罚事项",
        "「裁量基准」工作表第5行「裁量等级」：应为轻微、一般、较重、严重之一",
        "「裁量基准」工作表第6行「罚款上限（元）」：不能小于「罚款下限（元）」",
        "「裁量基准」工作表第7行「罚款下限（元）」：应为不小于0的数字",
        "「裁量基准」工作表第8行「罚款上限（元）」：须与「罚款下限（元）」同时填写",
        "「裁量基准」工作表第8行「处罚种类」：处罚种类含罚款，须填写罚款下限和上限或违法所得倍数下限和上限",
        "「裁量基准」工作表第9行「处罚种类」：未知的处罚种类「记过」",
        "「裁量基准」工作表第9行「处罚种类」：处罚种类含罚款，须填写罚款下限和上限或违法所得倍数下限和上限",
        "「裁量基准」工作表第10行「裁量等级」：与第2行重复（同一事项、版本、裁量等级、适用对象）",
        "「裁量基准」工作表第11行「违法行为」：与第2行（同一事项同一版本）不一致",
        "「裁量基准」工作表第12行「施行日期」：应为日期（如2026-01-01）",
        "「裁量基准」工作表第13行「适用情形」：不能为空",
        "「裁量基准」工作表第14行「适用对象」：应为全部、自然人、单位之一",
        "「裁量情节」工作表第2行「情节类型」：应为从轻、减轻、从重之一",
        "「裁量情节」工作表第3行「调整比例（%）」：比例调整须填写1至100之间的整数",
        "「裁量情节」工作表第4行「事项编码」：「裁量基准」工作表中没有该事项（版本）的基准",
        "「裁量情节」工作表第5行「调整方式」：应为降一档、升一档、比例调整之一",
        "「首违不罚清单」工作表第2行「适用条件」：不能为空",
        "「首违不罚清单」工作表第2行「须首次违法」：应为是或否",
        "「首违不罚清单」工作表第2行「危害后果上限」：应为无、轻微之一",
    ]
    # All or nothing: the valid row 2 was not written either, and no ledger entry.
    assert not Benchmark.objects.exists() and not CircumstanceLevel.objects.exists()
    assert not Entry.objects.filter(action="discretion.benchmark.import").exists()


def test_one_bad_row_rejects_a_file_of_good_ones(agency: Any, agency_head: Any) -> None:
    make_item(agency, "A1")
    make_item(agency, "A2")
    rows = [*standard_rows("A1"), main_row("A2", "一般", C_FINE_MIN="一千", C_FINE_MAX=5000)]
    errors = _reject(agency, agency_head, workbook(rows, standard_factors("A1")))
    assert errors == ["「裁量基准」工作表第6行「罚款下限（元）」：应为不小于0的数字"]
    assert not Benchmark.objects.exists() and not Factor.objects.exists() and not FirstViolationRule.objects.exists()


def test_missing_sheet_header_and_unreadable_file(agency: Any, agency_head: Any) -> None:
    header = [h for h in MAIN_HEADER if h != "违法依据"]
    errors = _reject(agency, agency_head, workbook([], main_header=header))
    assert errors == ["「裁量基准」工作表缺少表头「违法依据」"]
    assert _reject(agency, agency_head, workbook([])) == ["「裁量基准」工作表没有数据行"]
    with pytest.raises(DomainError) as exc:
        import_benchmarks(agency=agency, data=b"not a workbook", filename="x.xlsx", actor=agency_head)
    assert exc.value.message == "无法读取文件，请上传 XLSX 格式的文件"


def test_only_agency_heads_and_admins_import(agency: Any, officer: Any, admin_user: Any) -> None:
    make_item(agency, "A1")
    with pytest.raises(PermissionDeniedError) as exc:
        import_benchmarks(agency=agency, data=standard_file("A1"), filename="x.xlsx", actor=officer)
    assert exc.value.message == "仅本机关负责人或系统管理员可以维护裁量基准和重大执法决定目录"
    result = import_benchmarks(
        agency=agency, data=standard_file("A1"), filename="x.xlsx", actor=admin_user, publish=True
    )
    assert Benchmark.objects.get(pk=result.benchmark_ids[0]).published is True


def test_publish_and_withdraw_are_recorded(agency: Any, agency_head: Any) -> None:
    bench, _ = import_standard(agency, agency_head)
    set_published(benchmark=bench, published=True, actor=agency_head)
    bench.refresh_from_db()
    assert bench.published and bench.published_at is not None
    set_published(benchmark=bench, published=False, actor=agency_head)
    actions = list(Entry.objects.filter(subject=f"discretion.benchmark:{bench.pk}").values_list("action", flat=True))
    assert actions == ["discretion.benchmark.publish", "discretion.benchmark.withdraw"]


def test_template_is_a_valid_file_with_every_header(agency: Any, agency_head: Any) -> None:
    import io

    wb = load_workbook(io.BytesIO(build_template()))
    assert wb.sheetnames == ["裁量基准", "裁量情节", "首违不罚清单", "填写说明"]
    assert [c.value for c in wb["裁量基准"][1]] == MAIN_HEADER
    # The template's example rows import once the item exists.
    make_item(agency, "示例-330217001")
    result = import_benchmarks(agency=agency, data=build_template(), filename="template.xlsx", actor=agency_head)
    assert result.rows == 4


def test_import_command(agency: Any, agency_head: Any, tmp_path: Any) -> None:
    from django.core.management import CommandError, call_command

    make_item(agency, "A1")
    path = tmp_path / "jz.xlsx"
    path.write_bytes(workbook([main_row("A1", "一般", C_FINE_MIN=1000, C_FINE_MAX=500)]))
    with pytest.raises(CommandError) as exc:
        call_command("import_benchmarks", str(path), agency=agency.uscc, actor=agency_head.username)
    assert (
        str(exc.value)
        == "导入失败，文件未导入：共1处错误\n「裁量基准」工作表第2行「罚款上限（元）」：不能小于「罚款下限（元）」"
    )
    path.write_bytes(standard_file("A1"))
    call_command("import_benchmarks", str(path), agency=str(agency.pk), actor=agency_head.username, publish=True)
    assert Benchmark.objects.get().published is True
    template = tmp_path / "t.xlsx"
    call_command("import_benchmarks", template=str(template))
    assert template.read_bytes()[:2] == b"PK"
