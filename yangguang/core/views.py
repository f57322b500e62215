"""Home pages per role, and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from yangguang.core.selectors import agency_stats, home_extras
from yangguang.roster.models import Role
from yangguang.roster.selectors import visible_agencies


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    role = getattr(user, "role", "")
    if role not in Role.values:
        return redirect("login")
    today = timezone.localdate()
    context: dict[str, object] = {"role": role, "today": today}
    agencies = visible_agencies(user)  # type: ignore[arg-type]
    if role in (Role.SUPERVISOR, Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AGENCY_HEAD):
        rows = agency_stats(agencies, today=today)
        context["agency_rows"] = rows
        # Read by static/js/holding-chart.js through json_script (escaped for a <script> block).
        context["chart_data"] = {
            "names": [r["name"] for r in rows[:30]],
            "rates": [r["holding_rate"] for r in rows[:30]],
        }
    officer = getattr(user, "officer", None)
    if officer is not None:
        context["officer"] = officer
        context["cert_valid"] = officer.certificate_valid_on(today)
        context["cert_days_left"] = (officer.cert_valid_until - today).days
    context.update(home_extras(user, role))  # type: ignore[arg-type]
    return render(request, f"core/home_{role}.html", context)
