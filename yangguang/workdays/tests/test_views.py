"""Calendar page, deadline calculator, and the administrators' schedule page (client tests)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import UserFactory
from yangguang.workdays.models import CalendarYear, SpecialDay, YearStatus

pytestmark = pytest.mark.django_db

GOOD = "year: 2027\nsource: 测试通知〔2026〕1号\nholiday 2027-01-01..2027-01-03 元旦\nmakeup 2027-01-09 元旦\n"


def logged_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_the_calendar_needs_a_login(public: Client) -> None:
    response = public.get(reverse("workdays:calendar"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_confirmed_year(client: Client, officer: Any) -> None:
    html = logged_in(client, officer).get(reverse("workdays:calendar") + "?year=2026").content.decode()
    assert "2026年工作日历" in html
    assert "国办发明电〔2025〕7号" in html
    assert 'class="badge ok">已确认' in html
    assert '<td class="holiday" data-date="2026-10-01" title="2026-10-01 国庆节">1<small>休</small></td>' in html
    assert '<td class="makeup" data-date="2026-10-10" title="2026-10-10 国庆节">10<small>班</small></td>' in html
    assert '<td class="rest" data-date="2026-10-11" title="2026-10-11">11</td>' in html
    assert "全年工作日 248 天" in html
    assert reverse("workdays:schedule_edit") not in html  # officers do not maintain the calendar


def test_an_unannounced_year(client: Client, officer: Any) -> None:
    html = logged_in(client, officer).get(reverse("workdays:calendar") + "?year=2027").content.decode()
    assert "国务院尚未公布2027年节假日安排：日历按《全国年节及纪念日放假办法》规定的法定节假日" in html
    assert 'class="badge warn">暂定' in html
    # the fixed holidays of the measures, 春节 from 除夕 (5 February 2027) by the lunar calendar
    assert '<td class="holiday" data-date="2027-01-01" title="2027-01-01 元旦">' in html
    for day in ("2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"):
        assert f'data-date="{day}" title="{day} 春节">' in html
    assert '<td class="work" data-date="2027-02-09"' in html


def test_the_calculator(client: Client, officer: Any) -> None:
    c = logged_in(client, officer)
    url = reverse("workdays:calculate")
    html = c.get(url, {"start": "2026-09-28", "n": "7", "unit": "working"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<span class="due">2026-10-13</span>' in html
    assert "依据已确认的节假日安排" in html
    assert "<html" not in html  # an htmx fragment
    html = c.get(url, {"start": "2026-12-25", "n": "7", "unit": "working"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<span class="due">2027-01-06</span>' in html
    assert "暂定：2027年节假日安排尚未公布" in html
    html = c.get(url, {"start": "2026-09-16", "n": "15", "unit": "calendar"}, HTTP_HX_REQUEST="true").content.decode()
    assert '<span class="due">2026-10-08</span>' in html
    html = c.get(url, {"start": "2026-09-16", "n": "-3", "unit": "calendar"}, HTTP_HX_REQUEST="true").content.decode()
    assert "期限天数：确保该值大于或等于0。" in html
    # Without htmx the result is a whole page.
    assert "<html" in c.get(url, {"start": "2026-09-28", "n": "7", "unit": "working"}).content.decode()


def test_only_administrators_maintain_the_schedule(client: Client, officer: Any) -> None:
    c = logged_in(client, officer)
    assert c.get(reverse("workdays:schedule_edit")).status_code == 403
    assert c.post(reverse("workdays:schedule_edit"), {"text": GOOD}).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_an_administrator_pastes_next_years_schedule(client: Client, admin_user: Any) -> None:
    c = logged_in(client, admin_user)
    page = c.get(reverse("workdays:schedule_edit")).content.decode()
    assert "添加或更新年度节假日安排" in page
    # The example is only a placeholder: submitting the untouched form saves nothing.
    next_year = timezone.localdate().year + 1
    assert f'placeholder="# 国务院办公厅关于{next_year}年部分节假日安排的通知' in page
    assert re.search(r'<textarea name="text"[^>]*>\s*</textarea>', page)
    response = c.post(reverse("workdays:schedule_edit"), {"text": GOOD, "status": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("workdays:calendar") + "?year=2027"
    cal = CalendarYear.objects.get(year=2027)
    assert (cal.status, cal.source) == (YearStatus.CONFIRMED, "测试通知〔2026〕1号")
    assert cal.days.count() == 4
    assert Entry.objects.filter(action="workdays.schedule.set", actor="admin").count() == 1
    html = c.get(response["Location"]).content.decode()
    assert "已保存2027年节假日安排（已确认）" in html


def test_a_role_admin_uploads_a_file_as_provisional(client: Client, db: Any) -> None:
    user = UserFactory(username="sysadmin", role="system_admin")
    c = logged_in(client, user)
    upload = SimpleUploadedFile("2027.txt", GOOD.encode(), content_type="text/plain")
    response = c.post(reverse("workdays:schedule_edit"), {"file": upload, "status": YearStatus.PROVISIONAL})
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).status == YearStatus.PROVISIONAL


def test_errors_are_shown_and_nothing_is_written(client: Client, admin_user: Any) -> None:
    c = logged_in(client, admin_user)
    bad = GOOD.replace("makeup 2027-01-09", "makeup 2027-01-04") + "holiday 2028-01-01 元旦\n"
    response = c.post(reverse("workdays:schedule_edit"), {"text": bad})
    assert response.status_code == 200
    html = response.content.decode()
    assert "未保存，请更正以下问题：" in html
    assert "<li>调休上班日2027-01-04是星期一：调休上班日只能是星期六或星期日</li>" in html
    assert "<li>2028-01-01不在2027年内：一个年度的安排只能包含本年的日期</li>" in html
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not SpecialDay.objects.filter(date__year__gte=2027).exists()


def test_a_bad_replacement_keeps_the_old_schedule(client: Client, admin_user: Any) -> None:
    c = logged_in(client, admin_user)
    before = list(SpecialDay.objects.filter(calendar_year__year=2026).values_list("date", "kind"))
    response = c.post(reverse("workdays:schedule_edit"), {"text": "year: 2026\nsource: X\nfoo\n"})
    assert "<li>第3行无法识别：“foo”</li>" in response.content.decode()
    assert list(SpecialDay.objects.filter(calendar_year__year=2026).values_list("date", "kind")) == before


def test_empty_form_and_bad_upload(client: Client, admin_user: Any) -> None:
    c = logged_in(client, admin_user)
    html = c.post(reverse("workdays:schedule_edit"), {"text": "  "}).content.decode()
    assert "<li>请粘贴安排内容或上传文件</li>" in html
    upload = SimpleUploadedFile("2027.txt", "year: 2027".encode("gb18030") + "\n元旦".encode("gb18030"))
    html = c.post(reverse("workdays:schedule_edit"), {"file": upload}).content.decode()
    assert "<li>文件不是UTF-8编码的文本</li>" in html


def test_django_admin_shows_the_schedules_read_only(client: Client, admin_user: Any) -> None:
    c = logged_in(client, admin_user)
    assert c.get(reverse("admin:workdays_calendaryear_changelist")).status_code == 200
    year = CalendarYear.objects.get(year=2026)
    page = c.get(reverse("admin:workdays_calendaryear_change", args=[year.pk])).content.decode()
    assert "国办发明电〔2025〕7号" in page
    assert c.get(reverse("admin:workdays_calendaryear_add")).status_code == 403
    assert c.get(reverse("admin:workdays_specialday_changelist")).status_code == 200


def test_the_calculator_start_date_is_filled_in_chinese(client: Client, officer: Any) -> None:
    """The date field shows today's date: a browser's date input takes only an ISO value, and the
    Chinese input format (2026/05/03) was discarded, leaving the field blank."""
    html = logged_in(client, officer).get(reverse("workdays:calendar")).content.decode()
    today = timezone.localdate().isoformat()
    assert re.search(rf'<input type="date" name="start" value="{today}"', html), html[:200]
