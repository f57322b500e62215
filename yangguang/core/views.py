"""Home pages per role, and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone

from yangguang.core import extensions
from yangguang.core.extensions import todo_for
from yangguang.core.selectors import home_extras


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The home page of the user's role (``core/home_<role>.html``); the data and panels come from
    the apps that own them (``extensions.HOME_CONTEXT`` and ``HOME_PANELS``)."""
    user = request.user
    role = str(getattr(user, "role", "") or "")
    try:
        template = get_template(f"core/home_{role}.html") if role.isidentifier() else None
    except TemplateDoesNotExist:
        template = None
    if template is None:
        return redirect("login")
    today = timezone.localdate()
    context: dict[str, object] = {"role": role, "today": today}
    context.update(home_extras(user, role, today))
    return HttpResponse(template.render(context, request))


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    """The to-do centre (待办中心): what waits for the user, what is due within 3 working days, what
    is overdue, from every app that contributes (``extensions.TODO_SOURCES``)."""
    today = timezone.localdate()
    buckets = todo_for(request.user, today)
    return render(request, "core/todo.html", {"buckets": buckets, "today": today})


@login_required
def todo_counts(request: HttpRequest) -> HttpResponse:
    """The counts in the top bar (refreshed by htmx every two minutes)."""
    counts = extensions.todo_counts(request.user, timezone.localdate())
    return render(request, "core/_todo_counts.html", {"counts": counts})
