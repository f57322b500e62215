"""Roster pages: the import page (admins and agency heads), template and export downloads, and
the regions list."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from yangguang.roster.models import Officer
from yangguang.roster.tests.sheets import OFFICER_HEADERS, officer_row, read_xlsx, xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)  # the login page itself is tested elsewhere; this skips slow hashing
    return client


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=XLSX)


def test_officer_gets_403_with_chinese_message(client: Client, officer: Any) -> None:
    response = signed_in(client, officer).get("/roster/import/")
    assert response.status_code == 403
    assert "仅系统管理员、安全管理员（执法人员）和行政机关负责人可以导入名册数据" in response.content.decode()
    assert signed_in(client, officer).post("/roster/import/", {"kind": "officers"}).status_code == 403


def test_anonymous_is_sent_to_login(public: Client, db: Any) -> None:
    assert public.get("/roster/import/")["Location"].startswith("/accounts/login/")
    assert public.get("/roster/export/officers.xlsx")["Location"].startswith("/accounts/login/")


def test_admin_imports_and_sees_counts(client: Client, admin_user: Any, security_admin: Any, agency: Any) -> None:
    page = signed_in(client, admin_user).get("/roster/import/").content.decode()
    for label in ("行政区划", "执法主体", "执法人员", "执法事项", "随机抽查事项", "市场主体"):
        assert f"下载{label}模板" in page
    signed_in(client, security_admin)
    page = client.get("/roster/import/").content.decode()
    assert "下载执法人员模板" in page and "下载行政区划模板" not in page
    data = xlsx([OFFICER_HEADERS, officer_row("张三", agency.uscc, "ZJ001"), officer_row("李四", agency.uscc, "ZJ002")])
    response = client.post("/roster/import/", {"kind": "officers", "file": upload("人员.xlsx", data)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "执法人员文件“人员.xlsx”共 2 行：新增 2 条，更新 0 条，未变 0 条。" in body
    assert Officer.objects.filter(certificate_no__in=["ZJ001", "ZJ002"]).count() == 2


def test_bad_file_shows_every_error_and_imports_nothing(client: Client, security_admin: Any, agency: Any) -> None:
    signed_in(client, security_admin)
    rows = [OFFICER_HEADERS] + [officer_row(f"人员{i}", agency.uscc, f"ZJ{i:03d}") for i in range(5)]
    rows[2][7] = "2024-02-30"
    rows[4][6] = "999999"
    response = client.post("/roster/import/", {"kind": "officers", "file": upload("人员.xlsx", xlsx(rows))})
    assert response.status_code == 400
    body = response.content.decode()
    assert "文件未导入：发现2处错误，请改正后重新上传（本次未写入任何数据）" in body
    assert "<li>第3行“证件有效期起”：日期“2024-02-30”无效，应为“YYYY-MM-DD”格式（如2024-01-31）</li>" in body
    assert "<li>第5行“执法区域”：行政区划代码“999999”不存在，请先导入行政区划</li>" in body
    assert not Officer.objects.filter(certificate_no__startswith="ZJ0").exists()


def test_error_list_is_capped_on_the_page(client: Client, admin_user: Any, city: Any) -> None:
    signed_in(client, admin_user)
    rows: list[list[Any]] = [["名称", "统一社会信用代码"]] + [[f"企业{i}", "X"] for i in range(250)]
    body = client.post("/roster/import/", {"kind": "entities", "file": upload("e.xlsx", xlsx(rows))}).content.decode()
    assert "仅显示前 200 条，共 250 条错误。" in body
    assert body.count("<li>第") == 200


def test_missing_file_or_kind(client: Client, admin_user: Any) -> None:
    signed_in(client, admin_user)
    assert "请选择要上传的文件（XLSX或CSV）" in client.post("/roster/import/", {"kind": "officers"}).content.decode()
    response = client.post("/roster/import/", {"kind": "nope", "file": upload("a.xlsx", b"x")})
    assert response.status_code == 400
    assert "请选择要导入的名册类型" in response.content.decode()


def test_agency_head_may_import_own_lists_only(client: Client, agency_head: Any) -> None:
    signed_in(client, agency_head)
    page = client.get("/roster/import/").content.decode()
    assert "下载执法人员模板" in page
    assert "下载行政区划模板" not in page
    response = client.post("/roster/import/", {"kind": "regions", "file": upload("r.xlsx", b"x")})
    assert response.status_code == 400
    assert "请选择要导入的名册类型" in response.content.decode()


def test_template_and_export_downloads(client: Client, admin_user: Any, officer: Any) -> None:
    signed_in(client, admin_user)
    response = client.get("/roster/import/template/officers.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert read_xlsx(response.content)[0][0] == "姓名"
    response = client.get("/roster/export/officers.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    rows = read_xlsx(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert [r[0] for r in rows[1:]] == ["李明"]
    assert client.get("/roster/export/nope.xlsx").status_code == 404
    assert client.get("/roster/import/template/nope.xlsx").status_code == 404


def test_regions_page_searches(client: Client, officer: Any) -> None:
    signed_in(client, officer)
    body = client.get("/roster/regions/", {"q": "杭州"}).content.decode()
    assert "330100" in body and "浙江省（330000）" in body
    body = client.get("/roster/regions/", {"q": "3300"}, headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in body and "330000" in body
