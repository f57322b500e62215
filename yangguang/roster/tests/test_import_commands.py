"""The roster_import and roster_export management commands."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from yangguang.roster.models import Entity
from yangguang.roster.tests.sheets import read_xlsx, xlsx

GOOD = "91330100000000007Y"


def test_import_then_export(tmp_path: Path, city: Any) -> None:
    source = tmp_path / "名录.xlsx"
    source.write_bytes(xlsx([["名称", "统一社会信用代码", "所属区划代码"], ["杭州甲有限公司", GOOD, "330100"]]))
    out = StringIO()
    call_command("roster_import", "entities", str(source), stdout=out)
    assert out.getvalue().startswith("市场主体：共1行，新增1条，更新0条，未变0条")
    assert Entity.objects.get(uscc=GOOD).region == city
    target = tmp_path / "out.xlsx"
    call_command("roster_export", "entities", str(target), stdout=StringIO())
    assert read_xlsx(target.read_bytes())[1][:2] == ["杭州甲有限公司", GOOD]


def test_import_errors_are_printed_and_fail(tmp_path: Path, db: Any) -> None:
    source = tmp_path / "名录.csv"
    source.write_bytes("名称,统一社会信用代码\n杭州甲有限公司,91330100000000007X\n".encode("gb18030"))
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("roster_import", "entities", str(source), stderr=err)
    assert str(exc.value) == "文件未导入：发现1处错误，请改正后重新上传（本次未写入任何数据）"
    assert err.getvalue().strip() == "第2行“统一社会信用代码”：统一社会信用代码校验位错误：应为“Y”，实为“X”"
    with pytest.raises(CommandError, match="用户不存在：nobody"):
        call_command("roster_import", "entities", str(source), "--user", "nobody")
