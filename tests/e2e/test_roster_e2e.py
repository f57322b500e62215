"""End to end in Chromium: the security administrator (officers and certificates) browses and searches the roster, imports an XLSX
through the import page (and sees the row errors of a bad file), and downloads an export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from yangguang.roster.models import Officer
from yangguang.roster.tests.factories import OfficerFactory
from yangguang.roster.tests.sheets import OFFICER_HEADERS, officer_row, read_xlsx, xlsx

pytestmark = pytest.mark.e2e


def test_admin_browses_searches_imports_and_exports(
    page: Any, login: Any, live_server: Any, security_admin: Any, agency: Any, officer: Any, tmp_path: Path
) -> None:
    OfficerFactory(agency=agency, name="王小二", certificate_no="ZJ33019999")
    login(security_admin)

    # Browse and search (htmx swaps the results as the user types).
    page.click('nav.mainnav >> text="执法人员"')
    page.wait_for_url(f"{live_server.url}/roster/officers/")
    assert page.locator("#results tbody tr").count() == 2
    page.fill("input[name=q]", "王小")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 1")
    assert page.locator("#results tbody").inner_text().startswith("王小二")
    page.click("#results >> text=王小二")
    page.wait_for_selector("text=ZJ33019999")

    page.goto(f"{live_server.url}/roster/agencies/")
    page.fill("input[name=q]", "市场监督")
    page.wait_for_selector("#results >> text=杭州市市场监督管理局")

    # A bad file: every row error is listed and nothing is imported.
    page.click('nav.mainnav >> text="数据导入"')
    page.wait_for_url(f"{live_server.url}/roster/import/")
    bad = tmp_path / "执法人员-有错误.xlsx"
    bad.write_bytes(
        xlsx(
            [
                OFFICER_HEADERS,
                officer_row("张三", agency.uscc, "ZJ-E2E-1"),
                officer_row("李四", agency.uscc, "ZJ-E2E-2", end="2029-02-30"),
            ]
        )
    )
    page.select_option("#id_kind", "officers")
    page.set_input_files("#id_file", str(bad))
    page.click("#import-form button[type=submit]")
    errors = page.locator("#import-errors")
    errors.wait_for()
    assert "第3行“证件有效期至”：日期“2029-02-30”无效，应为“YYYY-MM-DD”格式（如2024-01-31）" in errors.inner_text()
    assert not Officer.objects.filter(certificate_no__startswith="ZJ-E2E").exists()

    # The corrected file imports.
    good = tmp_path / "执法人员.xlsx"
    good.write_bytes(
        xlsx(
            [
                OFFICER_HEADERS,
                officer_row("张三", agency.uscc, "ZJ-E2E-1"),
                officer_row("李四", agency.uscc, "ZJ-E2E-2"),
            ]
        )
    )
    page.select_option("#id_kind", "officers")
    page.set_input_files("#id_file", str(good))
    page.click("#import-form button[type=submit]")
    result = page.locator("#import-result")
    result.wait_for()
    assert "执法人员文件“执法人员.xlsx”共 2 行：新增 2 条，更新 0 条，未变 0 条。" in result.inner_text()
    assert Officer.objects.filter(certificate_no__startswith="ZJ-E2E").count() == 2

    # Download the officer export from the list page; it holds the imported rows.
    page.goto(f"{live_server.url}/roster/officers/")
    with page.expect_download() as info:
        page.click("text=导出XLSX")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    target = tmp_path / "export.xlsx"
    download.save_as(str(target))
    rows = read_xlsx(target.read_bytes())
    assert rows[0][:2] == ["姓名", "执法主体统一社会信用代码"]
    assert {r[5] for r in rows[1:]} >= {"ZJ-E2E-1", "ZJ-E2E-2", "ZJ33019999"}
