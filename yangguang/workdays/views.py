"""Working-day calendar pages: the year's month grids, a deadline calculator (htmx) and, for
administrators, the page that adds or replaces a year's schedule."""

from __future__ import annotations

import calendar as pycalendar
import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.core.params import ascii_int
from yangguang.workdays import selectors, services
from yangguang.workdays.forms import DeadlineForm, ScheduleForm
from yangguang.workdays.models import DayKind, DueDateChange

WEEKDAY_LABELS = ["一", "二", "三", "四", "五", "六", "日"]


def can_edit_schedule(user: Any) -> bool:
    return policy.allows(user, "workdays.schedule.edit")


def _month_grids(year: int, today: datetime.date) -> list[dict[str, Any]]:
    cal = selectors.year_calendar(year)
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells: list[dict[str, Any] | None] = []
            for d in week:
                if d.month != month:
                    cells.append(None)
                    continue
                if d in cal.holidays:
                    kind = "holiday"
                elif d in cal.makeup_days:
                    kind = "makeup"
                elif d.weekday() >= 5:
                    kind = "rest"
                else:
                    kind = "work"
                cells.append({"day": d.day, "date": d, "kind": kind, "name": cal.names.get(d, ""), "today": d == today})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


def _year_choices(current: int) -> list[int]:
    years = {y.year for y in selectors.calendar_years()}
    years |= {current, current + 1}
    if years:
        years.add(max(years) + 1)
    return sorted(years)


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year = ascii_int(request.GET.get("year"), minimum=services.MIN_YEAR, maximum=services.MAX_YEAR) or today.year
    year = min(max(year, services.MIN_YEAR), services.MAX_YEAR)
    context = {
        "year": year,
        "record": selectors.get_year(year),
        "year_calendar": selectors.year_calendar(year),
        "months": _month_grids(year, today),
        "weekday_labels": WEEKDAY_LABELS,
        "years": _year_choices(today.year),
        "special_days": selectors.special_days(year),
        "form": DeadlineForm(initial={"start": today, "n": 7, "unit": "working"}),
        "can_edit": can_edit_schedule(request.user),
        "can_see_changes": policy.allows(request.user, "workdays.due_changes.list"),
        "DayKind": DayKind,
    }
    return render(request, "workdays/calendar.html", context)


@login_required
def calculate(request: HttpRequest) -> HttpResponse:
    """The deadline calculator's result (htmx partial; a full page without htmx)."""
    form = DeadlineForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        start, n, unit = form.cleaned_data["start"], form.cleaned_data["n"], form.cleaned_data["unit"]
        try:
            if unit == "working":
                deadline = selectors.add_working_days(start, n)
            else:
                deadline = selectors.add_days(start, n)
        except DomainError as exc:
            context["error"] = exc.message
        else:
            context.update(
                deadline=deadline,
                start=start,
                n=n,
                unit_label=_("个工作日") if unit == "working" else _("日（自然日）"),
                flag=selectors.provisional_label(deadline.provisional_years) if deadline.provisional else "",
                weekday=WEEKDAY_LABELS[deadline.due.weekday()],
            )
    template = "workdays/_deadline_result.html"
    if not request.headers.get("HX-Request"):
        template = "workdays/deadline_page.html"
    return render(request, template, context)


@login_required
def schedule_edit(request: HttpRequest) -> HttpResponse:
    """Add or replace a year's schedule (administrators only): paste or upload the file."""
    if not can_edit_schedule(request.user):
        raise PermissionDenied(_("只有系统管理员可以维护节假日安排"))
    errors: list[str] = []
    if request.method == "POST":
        form = ScheduleForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                cal = services.load_schedule_text(
                    text=form.cleaned_data["text"], actor=request.user, status=form.cleaned_data["status"] or None
                )
            except DomainError as exc:
                errors = exc.details.get("errors") or [exc.message]
            else:
                from django.contrib import messages

                messages.success(
                    request,
                    _("已保存%(year)s年节假日安排（%(status)s）")
                    % {"year": cal.year, "status": cal.get_status_display()},
                )
                moved = len(services.due_date_changes(cal))
                if moved:
                    messages.info(request, _("%(n)s个正在进行的期限到期日已变更，详见“到期日变更”清单") % {"n": moved})
                return redirect(reverse("workdays:calendar") + f"?year={cal.year}")
        else:
            errors = [str(e) for e in form.non_field_errors()] + [
                f"{form.fields[name].label}：{e}"
                for name, errs in form.errors.items()
                if name != "__all__"
                for e in errs
            ]
    else:
        form = ScheduleForm()
    # The example is a placeholder, never a default: saving an untouched form must not confirm a year.
    form.fields["text"].widget.attrs["placeholder"] = _example(timezone.localdate().year + 1)
    return render(request, "workdays/schedule_edit.html", {"form": form, "errors": errors})


def _example(year: int) -> str:
    return (
        f"# 国务院办公厅关于{year}年部分节假日安排的通知\n"
        f"year: {year}\n"
        "status: confirmed\n"
        f"source: 国办发明电〔{year - 1}〕N号\n"
        f"holiday {year}-01-01..{year}-01-03 元旦\n"
        f"makeup  {year}-01-09 元旦\n"
    )


@login_required
def due_changes(request: HttpRequest) -> HttpResponse:
    """The running due dates that a new holiday schedule moved, for the agencies the user may see
    (the agency's staff: their own; supervisors: their region; the system administrator: all)."""
    decision = policy.explain(request.user, "workdays.due_changes.list")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    rows = policy.scope(
        request.user,
        "workdays.due_changes.view",
        DueDateChange.objects.select_related("agency", "calendar_year").order_by(
            "-calendar_year__year", "-revision", "agency__name", "new_due", "pk"
        ),
    )[:1000]
    groups: dict[tuple[int, int, str], list[DueDateChange]] = {}
    for row in rows:
        groups.setdefault((row.calendar_year.year, row.revision, row.agency.name), []).append(row)
    return render(
        request,
        "workdays/due_changes.html",
        {
            "groups": [
                {"year": year, "revision": revision, "agency": agency, "rows": items}
                for (year, revision, agency), items in groups.items()
            ]
        },
    )
