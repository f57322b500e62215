"""Pages of issued documents: the printable page and the DOCX download, scoped to the agencies the
user may see (another agency's document answers 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from yangguang.access import policy
from yangguang.core.errors import NotFoundError
from yangguang.documents import selectors, services
from yangguang.documents.models import IssuedDocument
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


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "content": services.document_content(document),
            "doc_type": DOC_TYPES.get(document.doc_type),
        },
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
