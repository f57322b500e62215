"""Pages of issued documents: the printable page and the DOCX download, scoped to the agencies the
user may see (another agency's document answers 404)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError, NotFoundError
from yangguang.documents import selectors, services
from yangguang.documents.models import IssuedDocument, SignerRole, SignMethod
from yangguang.documents.types import DOC_TYPES, FIELDS


def _document(request: HttpRequest, pk: int) -> IssuedDocument:
    try:
        return selectors.get_document(pk, user=request.user)
    except NotFoundError as exc:
        raise Http404(exc.message) from exc


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    subject = request.GET.get("subject", "").strip()
    if subject:
        if not policy.subject_decision(request.user, subject).allowed:
            raise Http404("执法文书不存在或无权查看")
        documents = list(selectors.documents_for_subject(subject, user=request.user))
    else:
        documents = list(selectors.recent_documents(request.user))
    return render(request, "documents/list.html", {"documents": documents, "subject": subject})


def _detail(request: HttpRequest, document: IssuedDocument, *, error: str = "", status: int = 200) -> HttpResponse:
    signed = document.doc_type in services.SIGNED_TYPES
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "content": services.document_content(document),
            "doc_type": DOC_TYPES.get(document.doc_type),
            "signed_type": signed,
            "signatures": list(document.signatures.select_related("scan")) if signed else [],
            "signing_state": services.signing_state(document),
            "can_sign": signed and policy.allows(request.user, "document.sign", document),
            "roles": SignerRole.choices,
            "methods": SignMethod.choices,
            "now": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "sign_error": error,
            "form": request.POST if error else {},
        },
        status=status,
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _document(request, pk))


@login_required
@require_POST
def document_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a signature of a person present (or a refusal) on an on-site record."""
    document = _document(request, pk)
    raw = request.POST.get("signed_at", "").strip()
    try:
        signed_at = dt.datetime.fromisoformat(raw) if raw else None
    except ValueError:
        signed_at = None
    upload = request.FILES.get("scan")
    try:
        if signed_at is None:
            raise DomainError("签名时间格式不正确（YYYY-MM-DDTHH:MM）", code="invalid_data")
        services.sign_document(
            document=document,
            signer_name=request.POST.get("signer_name", ""),
            role=request.POST.get("role", ""),
            method=request.POST.get("method", ""),
            signed_at=signed_at,
            note=request.POST.get("note", ""),
            scan=upload.read(services.MAX_SCAN_BYTES + 1) if upload else None,
            scan_name=(upload.name or "") if upload else "",
            actor=request.user,
        )
    except AccessDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except DomainError as exc:
        return _detail(request, document, error=exc.message, status=400)
    messages.success(request, "签名已登记")
    return redirect("documents:detail", pk=document.pk)


@login_required
def signature_scan(request: HttpRequest, pk: int, signature_id: int) -> FileResponse:
    """The scanned signed page of a record (read as the document is read)."""
    document = _document(request, pk)
    signature = document.signatures.filter(pk=signature_id, scan__isnull=False).select_related("scan").first()
    if signature is None or signature.scan is None or not default_storage.exists(signature.scan.name):
        raise Http404("签名页扫描件不存在")
    return FileResponse(
        default_storage.open(signature.scan.name, "rb"),
        as_attachment=True,
        filename=signature.scan_name or signature.scan.name.rsplit("/", 1)[-1],
        content_type=signature.scan.content_type,
    )


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = _document(request, pk)
    stored = document.file
    if stored is None:
        # Issued, its DOCX still being rendered by the task queue (after the issuing transaction).
        response = HttpResponse("文书文件正在生成，请稍后再试", status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response
    if not default_storage.exists(stored.name):
        raise Http404("文书文件缺失")
    # FileResponse writes Content-Disposition with filename* (RFC 5987) for the Chinese name.
    return FileResponse(
        default_storage.open(stored.name, "rb"),
        as_attachment=True,
        filename=document.download_filename,
        content_type=stored.content_type,
    )


@login_required
def type_list(request: HttpRequest) -> HttpResponse:
    """The registry of document types and the content each needs (what a case must hold)."""
    rows = [{"t": t, "required": "、".join(FIELDS[k].label for k in t.required)} for t in DOC_TYPES.values()]
    return render(request, "documents/types.html", {"rows": rows})
