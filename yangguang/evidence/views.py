"""Pages and the tus endpoint of the evidence app.

The tus 1.0 endpoint (core, creation, checksum, termination, expiration) is a plain Django view at
``/evidence/tus/`` (creation) and ``/evidence/tus/<uuid>`` (HEAD, PATCH, DELETE): it needs the raw
request body and the tus methods and headers, which the JSON API does not model. It uses the
session login; unsafe methods (POST, PATCH, DELETE) pass Django's CSRF check, so clients send the
``X-CSRFToken`` header (tus-js-client: ``headers: {"X-CSRFToken": token}``).
"""

from __future__ import annotations

import base64
import re
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from PIL import Image

from yangguang.access import policy
from yangguang.cases.selectors import get_case
from yangguang.cases.workflow import CaseKind
from yangguang.core.errors import DomainError, NotFoundError, PermissionDeniedError
from yangguang.core.images import MAX_IMAGE_PIXELS  # noqa: F401  (sets Pillow's limit)
from yangguang.core.params import ascii_int, header_int, optional_id
from yangguang.documents.models import IssuedDocument
from yangguang.roster.models import User

from . import conf, selectors, services
from .export import stream_case_zip
from .models import AccessKind, Evidence, EvidenceKind, RecordingException
from .storage import get_storage

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,checksum,termination,expiration"
TUS_CHECKSUMS = "sha1,sha256,md5"
GRANT_SECONDS = 2 * 3600  # a stated reason opens the evidence for this long in the session


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _case(request: HttpRequest, pk: int) -> Any:
    case = get_case(_user(request), pk)
    if case is None:
        raise Http404
    return case


# --- tus --------------------------------------------------------------------------------------------


def _tus(response: HttpResponseBase) -> HttpResponseBase:
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    return response


def _tus_error(exc: DomainError) -> HttpResponseBase:
    status = getattr(exc, "http_status", 400)
    return _tus(JsonResponse(exc.as_dict(), status=status, json_dumps_params={"ensure_ascii": False}))


def _parse_metadata(header: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in header.split(","):
        pair = pair.strip()
        if not pair:
            continue
        key, _, value = pair.partition(" ")
        try:
            out[key] = base64.b64decode(value).decode("utf-8") if value else ""
        except (ValueError, UnicodeDecodeError) as exc:
            raise services.StatusError(
                "Upload-Metadata 格式不正确（应为 key base64值）", code="tus_bad_metadata", http_status=400
            ) from exc
    return out


def _int_header(request: HttpRequest, name: str, *, required: bool = True) -> int:
    """A tus integer header: ASCII digits only, within a 64-bit integer (core.params); the services
    then check it against the upload (size limit 413, offset mismatch 409)."""
    return header_int(request.headers, name, required=required)


def _check_tus_request(request: HttpRequest) -> HttpResponseBase | None:
    if request.method != "OPTIONS" and request.headers.get("Tus-Resumable") != TUS_VERSION:
        resp = HttpResponse(status=412)
        resp["Tus-Version"] = TUS_VERSION
        return _tus(resp)
    if request.method != "OPTIONS" and not request.user.is_authenticated:
        return _tus(JsonResponse({"code": "login_required", "message": "请先登录"}, status=401))
    return None


def _options() -> HttpResponseBase:
    resp = HttpResponse(status=204)
    resp["Tus-Version"] = TUS_VERSION
    resp["Tus-Extension"] = TUS_EXTENSIONS
    resp["Tus-Max-Size"] = str(conf.max_upload_bytes())
    resp["Tus-Checksum-Algorithm"] = TUS_CHECKSUMS
    return _tus(resp)


def _expires(upload: Any) -> str:
    from django.utils.http import http_date

    return http_date(upload.expires_at.timestamp())


def tus_create(request: HttpRequest) -> HttpResponseBase:
    """OPTIONS (discovery) and POST (creation)."""
    if request.method == "OPTIONS":
        return _options()
    refused = _check_tus_request(request)
    if refused:
        return refused
    if request.method != "POST":
        return _tus(HttpResponse(status=405))
    try:
        length = _int_header(request, "Upload-Length")
        if length > conf.max_upload_bytes():
            raise services.StatusError("文件超过平台允许的最大上传大小", code="tus_too_large", http_status=413)
        metadata = _parse_metadata(request.headers.get("Upload-Metadata", ""))
        case_id = optional_id(metadata.get("case", ""))
        if case_id is None:
            raise DomainError("Upload-Metadata 须包含案件编号 case", code="evidence_invalid")
        case = _case(request, case_id)
        upload = services.create_upload(case=case, actor=_user(request), length=length, metadata=metadata)
    except Http404:
        return _tus(JsonResponse({"code": "not_found", "message": "案件不存在或无权查看"}, status=404))
    except DomainError as exc:
        return _tus_error(exc)
    resp = HttpResponse(status=201)
    resp["Location"] = request.build_absolute_uri(reverse("evidence:tus_upload", args=[upload.id]))
    resp["Upload-Expires"] = _expires(upload)
    resp["Upload-Token"] = services.upload_token(upload.id)
    return _tus(resp)


def tus_upload(request: HttpRequest, upload_id: str) -> HttpResponseBase:
    """HEAD (offset), PATCH (append), DELETE (termination), OPTIONS."""
    if request.method == "OPTIONS":
        return _options()
    refused = _check_tus_request(request)
    if refused:
        return refused
    try:
        upload = services.get_upload(upload_id, _user(request))
        if request.method == "HEAD":
            evidence = None
            if upload.offset >= upload.length:
                # Every byte arrived: complete a finalization a crash interrupted (or report it).
                evidence = services.finish_upload(upload=upload, actor=_user(request))
            resp = HttpResponse(status=200)
            resp["Upload-Offset"] = str(upload.offset)
            resp["Upload-Length"] = str(upload.length)
            resp["Upload-Expires"] = _expires(upload)
            if evidence is not None:
                _evidence_headers(resp, evidence)
            return _tus(resp)
        if request.method == "DELETE":
            services.terminate_upload(upload=upload, actor=_user(request))
            return _tus(HttpResponse(status=204))
        if request.method != "PATCH":
            return _tus(HttpResponse(status=405))
        if request.content_type != "application/offset+octet-stream":
            return _tus(
                JsonResponse(
                    {"code": "tus_content_type", "message": "Content-Type 应为 application/offset+octet-stream"},
                    status=415,
                )
            )
        offset = _int_header(request, "Upload-Offset")
        length = _int_header(request, "Content-Length", required=False)
        checksum = services.parse_checksum(request.headers.get("Upload-Checksum", ""))
        upload, evidence = services.append_chunk(
            upload=upload, actor=_user(request), offset=offset, stream=request, length=length, checksum=checksum
        )
    except DomainError as exc:
        return _tus_error(exc)
    resp = HttpResponse(status=204)
    resp["Upload-Offset"] = str(upload.offset)
    resp["Upload-Expires"] = _expires(upload)
    if evidence is not None:
        _evidence_headers(resp, evidence)
    return _tus(resp)


def _evidence_headers(resp: HttpResponseBase, evidence: Evidence) -> None:
    resp["Evidence-Id"] = str(evidence.pk)
    resp["Evidence-SHA256"] = evidence.sha256
    resp["Evidence-SM3"] = evidence.sm3


# --- Plain upload, exceptions ------------------------------------------------------------------------


@login_required
@require_POST
def plain_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    """Multipart upload of a small file (the form on the case page)."""
    case = _case(request, case_id)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise DomainError("请选择要上传的文件", code="evidence_empty")
        fields = {k: request.POST.get(k, "") for k in services.META_KEYS}
        fields["filename"] = uploaded.name or "evidence"
        meta = services.parse_meta(case, fields)
        services.check_size(meta.kind, uploaded.size or 0)
        ev = services.ingest_stream(case=case, actor=_user(request), meta=meta, stream=uploaded)
    except DomainError as exc:
        if wants_json:
            return JsonResponse(exc.as_dict(), status=getattr(exc, "http_status", 400))
        messages.error(request, exc.message)
        return redirect(reverse("cases:detail", args=[case.pk]) + "#evidence")
    if wants_json:
        return JsonResponse({"id": ev.pk, "sha256": ev.sha256, "sm3": ev.sm3, "size": ev.size}, status=201)
    messages.success(request, f"已上传证据：{ev.filename}")
    return redirect(reverse("cases:detail", args=[case.pk]) + "#evidence")


@login_required
@require_POST
def add_exception(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    try:
        services.record_exception(
            case=case, step=request.POST.get("step", ""), actor=_user(request), reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已登记音像记录例外情况，并提交执法监督")
    return redirect(reverse("cases:detail", args=[case.pk]) + "#evidence")


@login_required
def exceptions(request: HttpRequest) -> HttpResponse:
    """The supervisor's list of recording exceptions (音像记录例外情况)."""
    user = _user(request)
    show_all = request.GET.get("all") == "1"
    if request.method == "POST":
        exc = RecordingException.objects.filter(
            pk=request.POST.get("exception") or 0,
            case__in=selectors.flagged_exceptions(user, open_only=False).values("case"),
        ).first()
        if exc is None:
            raise Http404
        try:
            services.review_exception(exception=exc, actor=user, note=request.POST.get("note", ""))
        except DomainError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, "已审阅")
        return redirect("evidence:exceptions")
    rows = selectors.flagged_exceptions(user, open_only=not show_all)
    return render(
        request,
        "evidence/exceptions.html",
        {
            "rows": [{"e": e, "step_label": selectors.step_label(e.case.kind, e.step)} for e in rows[:500]],
            "show_all": show_all,
        },
    )


@login_required
def av_items(request: HttpRequest) -> HttpResponse:
    """The agency's AV item list (音像记录事项清单); agency heads edit their agency's lines."""
    user = _user(request)
    agency = user.agency
    can_edit = bool(agency and policy.allows(user, "evidence.rules.edit", agency))
    if request.method == "POST":
        if not can_edit or agency is None:
            raise PermissionDenied("仅本机关负责人可以修改音像记录事项清单")
        try:
            years = ascii_int(request.POST.get("storage_years", ""), maximum=1000) or 0
            if years < 1:
                raise DomainError("存储期限应为正整数（年）", code="evidence_invalid")
            services.save_rule(
                agency=agency,
                actor=user,
                values={
                    "case_kind": request.POST.get("case_kind", ""),
                    "step": request.POST.get("step", ""),
                    "required": request.POST.get("required") == "on",
                    "full_process": request.POST.get("full_process") == "on",
                    "method": request.POST.get("method", ""),
                    "start": request.POST.get("start", ""),
                    "content": request.POST.get("content", ""),
                    "end": request.POST.get("end", ""),
                    "storage_years": years,
                },
            )
        except (DomainError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "存储期限应为正整数（年）"))
        else:
            messages.success(request, "已保存音像记录事项")
        return redirect("evidence:av_items")
    rows = [
        {
            "rule": r,
            "kind_label": CaseKind(r.case_kind).label if r.case_kind in CaseKind.values else r.case_kind,
            "step_label": selectors.step_label(r.case_kind, r.step),
        }
        for r in selectors.av_item_list(user.agency_id or 0)
    ]
    return render(request, "evidence/av_items.html", {"rows": rows, "can_edit": can_edit})


@login_required
@require_POST
def legal_hold(request: HttpRequest, pk: int) -> HttpResponse:
    ev = _evidence(request, pk)
    try:
        services.set_legal_hold(
            evidence=ev,
            actor=_user(request),
            hold=request.POST.get("hold") == "1",
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已设置依法保全" if ev.legal_hold else "已解除依法保全")
    return redirect("evidence:detail", pk=ev.pk)


# --- Record access (调阅) -----------------------------------------------------------------------------


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    ev = Evidence.objects.select_related("case", "officer").filter(pk=pk).first()
    if ev is None or not policy.allows(_user(request), "evidence.view", ev):
        raise Http404
    return ev


def _granted(request: HttpRequest, ev: Evidence) -> bool:
    grants = request.session.get("evidence_grants", {})
    at = grants.get(str(ev.pk))
    return bool(at and time.time() - float(at) < GRANT_SECONDS)


@login_required
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Evidence page: asks for the reason (调阅事由) first; then plays / shows the file."""
    ev = _evidence(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.record_access(
                evidence=ev, actor=_user(request), kind=AccessKind.VIEW, reason=request.POST.get("reason", "")
            )
        except DomainError as exc:
            error = exc.message
        else:
            grants = dict(request.session.get("evidence_grants", {}))
            grants[str(ev.pk)] = time.time()
            request.session["evidence_grants"] = grants
            return redirect("evidence:detail", pk=ev.pk)
    media = ev.content_type.split("/")[0]
    return render(
        request,
        "evidence/detail.html",
        {
            "ev": ev,
            "granted": _granted(request, ev),
            "error": error,
            "media": media,
            "kind_label": EvidenceKind(ev.kind).label,
            "step_label": selectors.step_label(ev.case.kind, ev.step) if ev.step else "",
            "retention_ends": services.retention_ends(ev),
            "can_hold": policy.allows(_user(request), "evidence.hold", ev),
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    ev = _evidence(request, pk)
    try:
        services.record_access(
            evidence=ev, actor=_user(request), kind=AccessKind.DOWNLOAD, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("evidence:detail", pk=ev.pk)
    resp = StreamingHttpResponse(_read_all(ev), content_type=ev.content_type)
    resp["Content-Length"] = str(ev.size)
    from django.utils.http import content_disposition_header

    resp["Content-Disposition"] = content_disposition_header(True, ev.filename) or "attachment"
    return resp


def _read_all(ev: Evidence) -> Any:
    return get_storage().read_range(ev.sha256, 0, ev.size - 1)


RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")


@login_required
def evidence_media(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file for the in-page player, with HTTP Range (206) so that seeking works. Needs the
    session grant of a logged view (the view itself is the logged access)."""
    ev = _evidence(request, pk)
    if not _granted(request, ev) or ev.purged_at is not None:
        return HttpResponse("请先填写调阅事由", status=403, content_type="text/plain; charset=utf-8")
    size = ev.size
    resp: HttpResponseBase
    header = request.headers.get("Range", "")
    match = RANGE_RE.match(header.strip()) if header else None
    if header and not match:
        match = None
    if match and (match.group(1) or match.group(2)):
        first, last = match.group(1), match.group(2)
        if first:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        else:
            start = max(0, size - int(last))
            end = size - 1
        if start >= size or start > end:
            resp = HttpResponse(status=416)
            resp["Content-Range"] = f"bytes */{size}"
            return resp
        resp = StreamingHttpResponse(
            get_storage().read_range(ev.sha256, start, end), status=206, content_type=ev.content_type
        )
        resp["Content-Range"] = f"bytes {start}-{end}/{size}"
        resp["Content-Length"] = str(end - start + 1)
    else:
        resp = StreamingHttpResponse(_read_all(ev), content_type=ev.content_type)
        resp["Content-Length"] = str(size)
    resp["Accept-Ranges"] = "bytes"
    resp["Cache-Control"] = "private, no-store"
    return resp


@login_required
def evidence_thumb(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A JPEG thumbnail of a photo, made on demand with Pillow and cached by content hash."""
    ev = _evidence(request, pk)
    if not _granted(request, ev) or ev.purged_at is not None or not ev.content_type.startswith("image/"):
        raise Http404
    # Cached in the shared file store (local or S3), so every process and host reuses it.
    name = f"evidence/thumbs/{ev.sha256[:2]}/{ev.sha256}.jpg"
    if not default_storage.exists(name):
        try:
            _make_thumb(ev, name)
        except (Image.DecompressionBombError, OSError) as exc:  # stored before the pixel limit
            raise Http404 from exc
    with default_storage.open(name, "rb") as fh:
        data = fh.read()
    resp = HttpResponse(data, content_type="image/jpeg")
    resp["Cache-Control"] = "private, max-age=3600"
    return resp


def _make_thumb(ev: Evidence, name: str) -> None:
    import io

    out = io.BytesIO()
    with get_storage().open(ev.sha256) as src:
        with Image.open(src) as img:  # type: ignore[arg-type]
            img.draft("RGB", (640, 640))
            small = img.convert("RGB")
            small.thumbnail((320, 320))
            small.save(out, "JPEG", quality=80)
    if not default_storage.exists(name):  # identical content: a concurrent maker's copy is as good
        default_storage.save(name, ContentFile(out.getvalue()))


@login_required
@require_POST
def open_document(request: HttpRequest, case_id: int, doc_id: int) -> HttpResponseBase:
    """Open a document of the case file from a page that reads the file (the legal review page):
    the access is logged (调阅) with the reason the page gives, then the document is shown."""
    case = _case(request, case_id)
    document = IssuedDocument.objects.filter(pk=doc_id, subject=case.subject_label).first()
    if document is None:
        raise Http404
    try:
        services.record_document_access(
            case=case, document=document, actor=_user(request), reason=request.POST.get("reason", "")
        )
    except (DomainError, PermissionDeniedError, NotFoundError) as exc:
        messages.error(request, exc.message)
        back = request.POST.get("back", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("cases:detail", args=[case.pk])
        return redirect(back)
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def export_case(request: HttpRequest, case_id: int) -> HttpResponseBase:
    """Download the complete case file (一案一卷) as a streamed ZIP; logged with its reason."""
    case = _case(request, case_id)
    try:
        services.record_export(case=case, actor=_user(request), reason=request.POST.get("reason", ""))
    except (DomainError, PermissionDeniedError, NotFoundError) as exc:
        messages.error(request, exc.message)
        return redirect(reverse("cases:detail", args=[case.pk]) + "#evidence")
    resp = StreamingHttpResponse(stream_case_zip(case), content_type="application/zip")
    from django.utils.http import content_disposition_header

    resp["Content-Disposition"] = content_disposition_header(True, f"{case.number}-案卷.zip") or "attachment"
    return resp
