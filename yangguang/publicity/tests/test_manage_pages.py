"""Staff pages of the pipeline: the due-date board, the side-by-side review with its forms, the
approval setting, and the overdue alert on the home page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.publicity import services
from yangguang.publicity.models import Publication, SourceKind
from yangguang.publicity.redaction import Known

from .conftest import PERSON_PHONE

pytestmark = pytest.mark.django_db


def test_side_by_side_and_manual_redaction(client: Any, officer: Any, decide: Any) -> None:
    pub = Publication.objects.get(case=decide())
    client.force_login(officer)
    html = client.get(f"/public/manage/{pub.pk}/").content.decode()
    assert 'id="original-text"' in html and PERSON_PHONE in html  # the original, for the officer
    assert 'id="redacted-text"' in html
    response = client.post(f"/public/manage/{pub.pk}/redact/", {"terms": "人行道\n"}, follow=True)
    assert "已添加遮蔽" in response.content.decode()
    pub.refresh_from_db()
    assert "人行道" not in pub.redacted_text and pub.version == 2
    # A case decision is withdrawn by recording its revocation on the case, not here.
    assert f'href="/cases/{pub.case_id}/"' in html and 'id="withdraw-form"' not in html
    response = client.post(
        f"/public/manage/{pub.pk}/withdraw/", {"ground": "revoked", "reason": "复议撤销"}, follow=True
    )
    assert "执法决定被撤销、确认违法或责令重新作出的，请在案件中登记，公示随之撤回" in response.content.decode()
    pub.refresh_from_db()
    assert pub.status == "published"


def test_approval_setting_and_board(client: Any, agency_head: Any, officer: Any, decide: Any) -> None:
    client.force_login(agency_head)
    response = client.post("/public/manage/setting/", {"approval": "1"}, follow=True)
    assert "设置已保存" in response.content.decode()
    pub = Publication.objects.get(case=decide(on=dt.date(2026, 3, 2)))
    assert pub.status == "pending"
    html = client.get("/public/manage/").content.decode()
    assert pub.number in html and "已逾期未公开" in html
    # The overdue alert on the home page.
    assert "公示逾期提醒" in client.get("/").content.decode()
    client.force_login(officer)
    response = client.post(f"/public/manage/{pub.pk}/approve/", follow=True)
    assert "公开审核由承办机构负责人或机关负责人进行" in response.content.decode()
    client.force_login(agency_head)
    client.post(f"/public/manage/{pub.pk}/approve/")
    pub.refresh_from_db()
    assert pub.status == "published"


def test_officer_cannot_change_the_setting(client: Any, officer: Any) -> None:
    client.force_login(officer)
    response = client.post("/public/manage/setting/", {"approval": "1"}, follow=True)
    assert "只有本机关负责人可以设置公开审核" in response.content.decode()


def test_public_detail_shows_history_and_hides_archived(public: Any, officer: Any, decide: Any) -> None:
    from yangguang.publicity import services

    pub = Publication.objects.get(case=decide())
    services.correct_publication(publication=pub, text=pub.original_text + "\n附注", reason="补充附注", actor=officer)
    html = public.get(f"/public/decisions/{pub.pk}/").content.decode()
    assert "更正记录" in html and "补充附注" in html and "张三" not in html
    Publication.objects.filter(pk=pub.pk).update(expires_on=dt.date(2020, 1, 1))
    assert public.get(f"/public/decisions/{pub.pk}/").status_code == 404


def test_other_publications_are_withdrawn_on_the_manage_page(client: Any, officer: Any, agency: Any) -> None:
    draft = services.Draft(
        source_kind=SourceKind.INSPECTION_RESULT,
        source_id=9001,
        agency=agency,
        region=agency.region,
        action_kind="inspection",
        number="杭市监查〔2026〕1号",
        title="随机抽查结果",
        party_label="某公司",
        conclusion="未发现问题",
        decided_on=dt.date.today(),
        original_text="经抽查，未发现问题。",
        known=Known(),
    )
    pub = services.create_publication(draft=draft, actor=None)
    client.force_login(officer)
    assert 'id="withdraw-form"' in client.get(f"/public/manage/{pub.pk}/").content.decode()
    response = client.post(f"/public/manage/{pub.pk}/withdraw/", {"ground": "revoked", "reason": ""}, follow=True)
    assert "请填写撤回理由（将向社会公开）" in response.content.decode()
    response = client.post(
        f"/public/manage/{pub.pk}/withdraw/", {"ground": "revoked", "reason": "抽查结果有误"}, follow=True
    )
    assert "已撤回，撤回理由已公开" in response.content.decode()
