"""Documents API: the registry of document types, the metadata of an issued document and the
signatures of on-site records. Signed-in users only; a document of an agency the user may not see
answers 404."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.security import django_auth

from yangguang.core.errors import DomainError
from yangguang.documents import selectors, services
from yangguang.documents.models import DocumentSignature, SignerRole, SignMethod
from yangguang.documents.types import DOC_TYPES

router = Router(tags=["documents"], auth=django_auth)


class FieldOut(Schema):
    key: str
    label: str
    kind: str
    required: bool
    help: str


class DocTypeOut(Schema):
    code: str
    name: str
    kind: str
    numbered: bool
    word: str
    number_pattern: str
    description: str
    fields: list[FieldOut]


class DocumentOut(Schema):
    id: int
    doc_type: str
    title: str
    number: str
    subject: str
    agency_id: int
    agency_name: str
    year: int
    seq: int | None
    issued_on: datetime.date
    issued_at: datetime.datetime
    issued_by: str
    file_ready: bool  # false while the DOCX is still being rendered after commit (then sha256/sm3 "", size 0)
    content_sha256: str
    sha256: str
    sm3: str
    size: int
    page_url: str
    download_url: str
    context: dict[str, object]


@router.get("/types", response=list[DocTypeOut], summary="执法文书种类及所需内容")
def types(request: HttpRequest) -> list[DocTypeOut]:
    out = []
    for t in DOC_TYPES.values():
        fields = [
            FieldOut(key=f.key, label=f.label, kind=f.kind, required=f.key in t.required, help=f.help)
            for f in t.fields()
        ]
        out.append(
            DocTypeOut(
                code=t.code,
                name=t.name,
                kind=t.kind,
                numbered=t.numbered,
                word=t.word,
                number_pattern=t.number_pattern if t.numbered else "",
                description=t.description,
                fields=fields,
            )
        )
    return out


@router.get("/{int:document_id}", response=DocumentOut, summary="执法文书元数据")
def document(request: HttpRequest, document_id: int) -> DocumentOut:
    d = selectors.get_document(document_id, user=request.user)
    return DocumentOut(
        id=d.pk,
        doc_type=d.doc_type,
        title=d.title,
        number=d.number,
        subject=d.subject,
        agency_id=d.agency_id,
        agency_name=d.agency_name,
        year=d.year,
        seq=d.seq,
        issued_on=d.issued_on,
        issued_at=d.issued_at,
        issued_by=d.issued_by.username if d.issued_by else "",
        file_ready=d.file is not None,
        content_sha256=d.content_sha256,
        sha256=d.file.sha256 if d.file else "",
        sm3=d.file.sm3 if d.file else "",
        size=d.file.size if d.file else 0,
        page_url=reverse("documents:detail", args=[d.pk]),
        download_url=reverse("documents:download", args=[d.pk]),
        context=d.context,
    )


class SignatureIn(Schema):
    signer_name: str
    role: SignerRole
    method: SignMethod
    signed_at: datetime.datetime
    note: str = ""


class SignatureOut(Schema):
    id: int
    signer_name: str
    role: str
    role_label: str
    method: str
    method_label: str
    signed_at: datetime.datetime
    note: str
    scan_sha256: str
    recorded_by: str


class SignaturesOut(Schema):
    document_id: int
    signing_state: str
    signatures: list[SignatureOut]


def _signature(s: DocumentSignature) -> SignatureOut:
    return SignatureOut(
        id=s.pk,
        signer_name=s.signer_name,
        role=s.role,
        role_label=s.get_role_display(),
        method=s.method,
        method_label=s.get_method_display(),
        signed_at=s.signed_at,
        note=s.note,
        scan_sha256=s.scan.sha256 if s.scan else "",
        recorded_by=s.recorded_by.username if s.recorded_by else "",
    )


@router.get("/{int:document_id}/signatures", response=SignaturesOut, summary="笔录签名情况")
def signatures(request: HttpRequest, document_id: int) -> SignaturesOut:
    d = selectors.get_document(document_id, user=request.user)
    rows = d.signatures.select_related("scan", "recorded_by")
    return SignaturesOut(
        document_id=d.pk, signing_state=services.signing_state(d), signatures=[_signature(s) for s in rows]
    )


@router.post(
    "/{int:document_id}/signatures",
    response={201: SignatureOut},
    summary="登记笔录签名（当场签名确认或拒绝签名；签名页扫描件在文书页面上传）",
)
def sign(request: HttpRequest, document_id: int, body: SignatureIn) -> Status:
    d = selectors.get_document(document_id, user=request.user)
    if body.method == SignMethod.SCAN:
        raise DomainError("签名页扫描件请在文书页面上传", code="invalid_data")
    signature = services.sign_document(
        document=d,
        signer_name=body.signer_name,
        role=body.role,
        method=body.method,
        signed_at=body.signed_at,
        note=body.note,
        actor=request.user,
    )
    return Status(201, _signature(signature))
