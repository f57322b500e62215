"""Pages for roster import (/roster/import/), import templates and XLSX export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from yangguang.core.errors import DomainError
from yangguang.roster.importers import (
    KINDS,
    ImportInvalid,
    can_import,
    export_filename,
    get_kind,
    import_roster_file,
    importable_kinds,
    template_workbook,
    write_export,
)
from yangguang.roster.models import User

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Errors listed on the page; the total is always shown.
ERRORS_SHOWN = 200


def _kinds(user: User) -> list[dict[str, str]]:
    return [{"name": name, "label": KINDS[name].label} for name in importable_kinds(user)]


def import_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not can_import(user):
        return render(
            request,
            "roster/import_forbidden.html",
            {"message": _("仅系统管理员、安全管理员（执法人员）和行政机关负责人可以导入名册数据")},
            status=403,
        )
    kinds = _kinds(user)
    context: dict[str, Any] = {"kinds": kinds, "kind": request.POST.get("kind", request.GET.get("kind", ""))}
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        kind = request.POST.get("kind", "")
        if kind not in {k["name"] for k in kinds}:
            context["form_error"] = _("请选择要导入的名册类型")
            status = 400
        elif upload is None:
            context["form_error"] = _("请选择要上传的文件（XLSX或CSV）")
            status = 400
        else:
            try:
                result = import_roster_file(kind=kind, filename=upload.name or "upload", data=upload.read(), actor=user)
            except ImportInvalid as exc:
                context.update(
                    errors=[e.text() for e in exc.errors[:ERRORS_SHOWN]],
                    error_count=exc.error_count,
                    errors_truncated=exc.error_count > ERRORS_SHOWN,
                    errors_shown=min(ERRORS_SHOWN, exc.error_count),
                    error_message=exc.message,
                    filename=upload.name,
                )
                status = 400
            except DomainError as exc:
                context["form_error"] = exc.message
                status = exc.http_status
            else:
                context.update(result=result, result_label=KINDS[result.kind].label)
    return render(request, "roster/import.html", context, status=status)


@login_required
def template_file(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    spec = get_kind(kind)
    response = HttpResponse(template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = _attachment(f"{spec.label}导入模板.xlsx")
    return response


def export_file(request: HttpRequest, kind: str) -> FileResponse:
    """The list as the user may see it (selectors scope it), streamed from a temporary file."""
    if kind not in KINDS:
        raise Http404
    handle = write_export(kind=kind, user=request.user)  # type: ignore[arg-type]
    return FileResponse(handle, as_attachment=True, filename=export_filename(kind), content_type=XLSX)


def _attachment(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"
