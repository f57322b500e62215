"""Every write of the documents app: issuing a document (number, record, ledger entry and an outbox
item in the caller's transaction), rendering its DOCX after commit, and editing an agency's
abbreviation.

``issue_document`` is the one entry point other apps (cases) call:

    issue_document(agency=case.agency, doc_type="penalty_decision", subject="cases.case:42",
                   context={...}, actor=request.user) -> IssuedDocument

The decision's transaction keeps only the legal facts; the DOCX (``render_document``) follows from
the durable queue, deterministic and idempotent, and is linked to the record with a
``documents.render`` ledger entry carrying the file's SHA-256 and SM3.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.documents.abbreviations import abbreviation_candidates
from yangguang.documents.content import Content, build_content
from yangguang.documents.models import (
    AgencyAbbreviation,
    DocumentSequence,
    DocumentSignature,
    IssuedDocument,
    SignerRole,
    SignMethod,
    StoredFile,
)
from yangguang.documents.render_docx import DOCX_CONTENT_TYPE, NUMBER_PLACEHOLDER, finalize, prepare, render_docx
from yangguang.documents.types import DOC_TYPES, FIELDS, DocType
from yangguang.jobs import outbox, registry
from yangguang.ledger.selectors import public_key_info as ledger_public_key_info
from yangguang.ledger.services import append_entry
from yangguang.roster.models import Agency
from yangguang.workdays.periods import PERIODS

# --- agency abbreviation (机关代字) -----------------------------------------------------------------


def _abbreviation_taken(message_abbreviation: str, owner: AgencyAbbreviation) -> DomainError:
    return DomainError(
        f"机关代字“{message_abbreviation}”已由{owner.agency.name}使用，机关代字在全平台不得重复",
        code="abbreviation_taken",
    )


def abbreviation_for(agency: Agency) -> str:
    """The agency's 机关代字; the first time, the first free candidate is taken and kept. The
    abbreviation is unique across the platform (database constraint), so numbers made from it are."""
    existing = AgencyAbbreviation.objects.filter(agency=agency).values_list("abbreviation", flat=True).first()
    if existing is not None:
        return existing
    for candidate in abbreviation_candidates(agency.name, agency.pk):
        if AgencyAbbreviation.objects.filter(abbreviation=candidate).exists():
            continue
        try:
            with transaction.atomic():
                return AgencyAbbreviation.objects.create(agency=agency, abbreviation=candidate).abbreviation
        except IntegrityError:  # a concurrent first issue took the candidate, or this agency's row
            existing = AgencyAbbreviation.objects.filter(agency=agency).values_list("abbreviation", flat=True).first()
            if existing is not None:
                return existing
    raise DomainError(f"无法为{agency.name}生成不重复的机关代字，请由系统管理员设置", code="abbreviation_unavailable")


def check_abbreviation(*, agency: Agency | None, abbreviation: str) -> str:
    """The cleaned 机关代字, or a DomainError: empty, too long, or used by another agency."""
    abbreviation = abbreviation.strip()
    if not abbreviation:
        raise DomainError("机关代字不能为空", code="abbreviation_required")
    if len(abbreviation) > 20:
        raise DomainError("机关代字不能超过20个字符", code="abbreviation_too_long")
    others = AgencyAbbreviation.objects.filter(abbreviation=abbreviation)
    if agency is not None:
        others = others.exclude(agency_id=agency.pk)
    owner = others.select_related("agency").first()
    if owner is not None:
        raise _abbreviation_taken(abbreviation, owner)
    return abbreviation


def set_abbreviation(*, agency: Agency, abbreviation: str, actor: Any) -> AgencyAbbreviation:
    """Set the 机关代字 used in the agency's document numbers from now on (issued numbers stay).
    Unique across the platform: another agency's 机关代字 is refused."""
    abbreviation = check_abbreviation(agency=agency, abbreviation=abbreviation)
    try:
        with transaction.atomic():
            obj, _ = AgencyAbbreviation.objects.select_for_update().get_or_create(
                agency=agency, defaults={"abbreviation": abbreviation}
            )
            old = obj.abbreviation
            obj.abbreviation = abbreviation
            obj.save()
            append_entry(
                actor=actor,
                subject=agency,
                action="documents.abbreviation.set",
                payload={"agency_id": agency.pk, "old": old, "new": abbreviation},
            )
    except IntegrityError:  # set for another agency at the same moment
        check_abbreviation(agency=agency, abbreviation=abbreviation)
        raise
    return obj


# --- context validation -----------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str | list | tuple | dict) and len(value) == 0)
        or (isinstance(value, str) and not value.strip())
    )


def _label(key: str) -> str:
    spec = FIELDS[key]
    return f"{spec.label}（{key}）"


_SUBFIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "party": (("name", "名称或姓名"), ("id_number", "证件号码"), ("address", "住所或地址")),
    "person": (("name", "姓名"),),
}
_ITEM_SUBFIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "officers": (("name", "姓名"), ("certificate_no", "执法证号")),
    "items": (("name", "名称"),),
    "qa": (("q", "问"), ("a", "答")),
}


def _missing_in(key: str, value: Any) -> list[str]:
    """Missing parts of a structured field, as labels (当事人证件号码（party.id_number）)."""
    spec = FIELDS[key]
    missing: list[str] = []
    if spec.kind in _SUBFIELDS and isinstance(value, Mapping):
        for sub, sub_label in _SUBFIELDS[spec.kind]:
            if _empty(value.get(sub)):
                missing.append(f"{spec.label}{sub_label}（{key}.{sub}）")
    elif spec.kind in _ITEM_SUBFIELDS and isinstance(value, list | tuple):
        for i, item in enumerate(value, 1):
            for sub, sub_label in _ITEM_SUBFIELDS[spec.kind]:
                if not isinstance(item, Mapping) or _empty(item.get(sub)):
                    missing.append(f"{spec.label}第{i}项{sub_label}（{key}[{i}].{sub}）")
    return missing


def _normalize(key: str, value: Any) -> Any:
    """Check one field's shape and return its JSON form; raises ValueError with the expected shape."""
    kind = FIELDS[key].kind
    if kind == "text":
        if not isinstance(value, str | int | float | Decimal):
            raise ValueError("应为文字")
        return str(value).strip()
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError("应为日期（YYYY-MM-DD）") from None
    if kind == "datetime":
        if isinstance(value, dt.datetime):
            parsed = value
        else:
            try:
                parsed = dt.datetime.fromisoformat(str(value))
            except ValueError:
                raise ValueError("应为时间（YYYY-MM-DDTHH:MM）") from None
        if timezone.is_aware(parsed):
            parsed = timezone.localtime(parsed)
        return parsed.replace(tzinfo=None, second=0, microsecond=0).isoformat(timespec="minutes")
    if kind == "int":
        if isinstance(value, bool):
            raise ValueError("应为整数")
        try:
            return int(str(value))
        except ValueError:
            raise ValueError("应为整数") from None
    if kind == "money":
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            raise ValueError("应为金额（元）") from None
        if amount < 0 or not amount.is_finite():
            raise ValueError("应为金额（元）")
        return str(amount.quantize(Decimal("0.01")))
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("应为是或否（true/false）")
        return value
    if kind == "list":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ValueError("应为文字列表")
        return [v.strip() for v in value]
    if kind in ("party", "person"):
        if not isinstance(value, Mapping):
            raise ValueError("应为对象")
        if kind == "party" and value.get("kind") not in (None, "", "person", "organization"):
            raise ValueError("的类型（kind）应为 person（自然人）或 organization（法人或其他组织）")
        return {str(k): str(v).strip() for k, v in value.items() if v is not None}
    if kind in ("officers", "items", "qa"):
        if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
            raise ValueError("应为对象列表")
        return [{str(k): str(v).strip() for k, v in item.items() if v is not None} for item in value]
    raise ValueError(f"未知字段类型 {kind}")  # pragma: no cover


def validate_context(doc_type: DocType, context: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``context`` against the type; return the normalized snapshot (declared fields only).
    Raises DomainError naming every missing or malformed field."""
    missing: list[str] = []
    for key in doc_type.required:
        value = context.get(key)
        if _empty(value):
            missing.append(_label(key))
        else:
            missing.extend(_missing_in(key, value))
    # A fine must say where to pay (行政处罚法第六十七条).
    if "bank" in doc_type.optional and not _empty(context.get("fine_amount")) and _empty(context.get("bank")):
        missing.append(_label("bank"))
    for key in doc_type.optional:
        if not _empty(context.get(key)):
            missing.extend(_missing_in(key, context[key]))
    if missing:
        raise DomainError(
            f"生成《{doc_type.name}》缺少必填内容：{'、'.join(missing)}",
            code="document_context_missing",
            details={"missing": missing},
        )
    snapshot: dict[str, Any] = {}
    malformed: list[str] = []
    for key in (*doc_type.required, *doc_type.optional):
        value = context.get(key)
        if _empty(value):
            continue
        try:
            snapshot[key] = _normalize(key, value)
        except ValueError as exc:
            malformed.append(f"{_label(key)}{exc}")
    if malformed:
        raise DomainError(
            f"《{doc_type.name}》内容格式不正确：{'；'.join(malformed)}",
            code="document_context_invalid",
            details={"invalid": malformed},
        )
    if "period_days" in snapshot and not 1 <= snapshot["period_days"] <= PERIODS["seizure"].length:
        raise DomainError(
            f"查封、扣押的期限不得超过{PERIODS['seizure'].text}，延长期限不得超过{PERIODS['seizure_extension'].text}"
            "（《中华人民共和国行政强制法》第二十五条）",
            code="seizure_period_too_long",
        )
    return snapshot


# --- numbering ----------------------------------------------------------------------------------------


def next_sequence(*, agency: Agency, doc_type: str, year: int) -> int:
    """Take the next number of (agency, year, type). Must run inside a transaction: the sequence
    row stays locked until it commits, so no two documents get the same number."""
    DocumentSequence.objects.get_or_create(agency=agency, year=year, doc_type=doc_type)
    row = DocumentSequence.objects.select_for_update().get(agency=agency, year=year, doc_type=doc_type)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def format_number(doc_type: DocType, *, abbreviation: str, year: int, seq: int) -> str:
    return doc_type.number_pattern.format(abbr=abbreviation, word=doc_type.word, year=year, seq=seq)


# --- storage ------------------------------------------------------------------------------------------


def file_hashes(data: bytes) -> dict[str, str]:
    return {"docx_sha256": hashlib.sha256(data).hexdigest(), "docx_sm3": hashlib.new("sm3", data).hexdigest()}


def store_file(data: bytes, *, content_type: str = DOCX_CONTENT_TYPE, ext: str = "docx") -> StoredFile:
    """Store ``data`` content-addressed; identical bytes are stored (and recorded) once."""
    hashes = file_hashes(data)
    sha = hashes["docx_sha256"]
    existing = StoredFile.objects.filter(sha256=sha).first()
    if existing is not None and default_storage.exists(existing.name):
        return existing
    name = f"documents/{sha[:2]}/{sha}.{ext}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(data))
    obj, _ = StoredFile.objects.get_or_create(
        sha256=sha,
        defaults={"sm3": hashes["docx_sm3"], "size": len(data), "name": name, "content_type": content_type},
    )
    return obj


# --- issuing ------------------------------------------------------------------------------------------


def _check_actor(agency: Agency, actor: Any) -> None:
    """Documents are made in the name of the actor's own agency (the policy's ``document.issue``);
    the system itself (actor None: a command run by the operator) may act for any."""
    if actor is None:
        return
    decision = policy.explain(actor, "document.issue", agency)
    if not decision.allowed:
        raise AccessDenied(f"只能以本机关名义制作执法文书，无权以{agency.name}名义制作", rule=decision.rule)


def content_sha256(*, doc_type: str, agency_name: str, number: str, context: Mapping[str, Any]) -> str:
    """SHA-256 of the fields a document is rendered from (type, issuing agency, number, snapshot):
    recorded with the issue, checked again before the DOCX is rendered."""
    fields = {"agency_name": agency_name, "context": context, "doc_type": doc_type, "number": number}
    return hashlib.sha256(
        json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


RENDER_KIND = "documents.render"


def issue_document(
    *, agency: Agency, doc_type: str, subject: str, context: Mapping[str, Any], actor: Any
) -> IssuedDocument:
    """Issue one enforcement document for ``subject`` (a label such as ``cases.case:42``).

    Validates ``context`` against the type (DomainError naming the missing fields), and in one
    transaction (the caller's, e.g. the decision's) takes the next number of (agency, year, type)
    for numbered types, keeps a snapshot of the context with the hash of the fields, appends a
    ledger entry and records a durable outbox item. No rendering happens here: the DOCX is rendered,
    stored and linked after commit by ``render_document`` (the returned document's ``file`` is
    empty until then).
    """
    spec = DOC_TYPES.get(doc_type)
    if spec is None:
        raise DomainError(f"未知的文书种类：{doc_type}", code="document_type_unknown")
    if not isinstance(subject, str) or not subject.strip():
        raise DomainError("执法文书必须关联所属对象（subject）", code="document_subject_required")
    _check_actor(agency, actor)
    snapshot = validate_context(spec, context)
    issued_on = dt.date.fromisoformat(snapshot["date"]) if "date" in snapshot else timezone.localdate()
    snapshot["date"] = issued_on.isoformat()
    if "agency_address" not in snapshot and agency.address and "agency_address" in spec.optional:
        snapshot["agency_address"] = agency.address
    if "contact_phone" not in snapshot and agency.phone and "contact_phone" in spec.optional:
        snapshot["contact_phone"] = agency.phone
    fingerprint = ledger_public_key_info()["fingerprint"]
    if fingerprint:
        snapshot[LEDGER_FINGERPRINT_KEY] = fingerprint
    context_json = json.dumps(snapshot, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    with transaction.atomic():
        seq: int | None = None
        number = ""
        if spec.numbered:
            abbreviation = abbreviation_for(agency)
            seq = next_sequence(agency=agency, doc_type=spec.code, year=issued_on.year)
            number = format_number(spec, abbreviation=abbreviation, year=issued_on.year, seq=seq)
        fields_hash = content_sha256(doc_type=spec.code, agency_name=agency.name, number=number, context=snapshot)
        document = IssuedDocument.objects.create(
            agency=agency,
            agency_name=agency.name,
            doc_type=spec.code,
            title=spec.name,
            subject=subject,
            number=number,
            year=issued_on.year,
            seq=seq,
            issued_on=issued_on,
            context=snapshot,
            content_sha256=fields_hash,
            file=None,
            issued_by=actor if getattr(actor, "pk", None) else None,
        )
        append_entry(
            actor=actor,
            subject=subject,
            action="documents.issue",
            payload={
                "document_id": document.pk,
                "doc_type": spec.code,
                "title": spec.name,
                "number": number,
                "agency_id": agency.pk,
                "issued_on": issued_on.isoformat(),
                "context_sha256": hashlib.sha256(context_json.encode()).hexdigest(),
                "content_sha256": fields_hash,
            },
        )
        outbox.add(
            kind=RENDER_KIND, key=f"documents.document:{document.pk}:render", payload={"document_id": document.pk}
        )
        # The queue may have run in line (embedded eager mode, tests): show what it did.
        document.refresh_from_db(fields=["file"])
    return document


def render_bytes(document: IssuedDocument) -> bytes:
    """The DOCX of ``document`` from its record (deterministic: same fields, same bytes). Rendered
    with a placeholder for the number and finished with ``finalize``, as documents always were."""
    spec = DOC_TYPES[document.doc_type]
    content = build_content(
        spec,
        agency_name=document.agency_name,
        number=NUMBER_PLACEHOLDER if spec.numbered else "",
        context=document.context,
    )
    content = replace(content, footer=ledger_footer(document.context))
    return finalize(prepare(render_docx(content)), document.number)


class DocumentFieldsChanged(Exception):
    """The record's fields no longer hash to what was recorded at issue: it was changed outside the
    services, so no file is made from it (the outbox item fails, visible to administrators)."""


def render_document(*, document_id: int) -> str:
    """Render, store and link the DOCX of an issued document, once. Idempotent: the file is stored
    content-addressed, and the link and its ``documents.render`` ledger entry are written under the
    document's row lock only if no file is linked yet, so a retry or a second worker changes nothing."""
    document = IssuedDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "no such document"
    if document.file_id is not None:
        return "already rendered"
    if document.content_sha256 and document.content_sha256 != content_sha256(
        doc_type=document.doc_type, agency_name=document.agency_name, number=document.number, context=document.context
    ):
        raise DocumentFieldsChanged(f"执法文书 #{document.pk} 的内容与签发时记录的哈希不一致，不生成文件")
    data = render_bytes(document)
    stored = store_file(data)
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document_id)
        if locked.file_id is not None:
            return "already rendered"
        locked.file = stored
        locked.save(update_fields=["file"])
        append_entry(
            actor=None,
            subject=locked.subject,
            action=RENDER_KIND,
            payload={"document_id": locked.pk, "number": locked.number, "content_sha256": locked.content_sha256},
            file_hashes=file_hashes(data),
        )
    return f"rendered {stored.sha256[:16]}"


# Behind the publication pipeline on the same workers: the public notice has a statutory deadline,
# the DOCX for download does not (and takes longer to make).
@registry.handler(RENDER_KIND, queue="default", backoff_seconds=2.0, priority=-10)
def _render_handler(payload: dict[str, Any]) -> str:
    return render_document(document_id=int(payload["document_id"]))


# --- signatures of on-site records (笔录签名) ---------------------------------------------------------

# The records the persons present sign (当事人、被询问人、见证人 and the officers).
SIGNED_TYPES = frozenset(
    {
        "inspection_record",
        "inquiry_record",
        "statement_record",
        "seizure_record",
        "evidence_preservation_notice",
        "service_receipt",
        "hearing_record",
        "inspection_check",
    }
)
SCAN_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
MAX_SCAN_BYTES = 20 * 1024 * 1024


def _scan_kind(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def sign_document(
    *,
    document: IssuedDocument,
    signer_name: str,
    role: str,
    method: str,
    signed_at: dt.datetime,
    actor: Any,
    note: str = "",
    scan: bytes | None = None,
    scan_name: str = "",
) -> DocumentSignature:
    """Record that a person present signed ``document`` (or refused to): on site, or by the scan of
    the signed page (PDF, JPEG or PNG, stored content-addressed with its hashes in the ledger)."""
    policy.require(actor, "document.sign", document)
    if document.doc_type not in SIGNED_TYPES:
        raise DomainError(f"《{document.title}》不需要当事人签名", code="document_not_signed_type")
    signer_name = (signer_name or "").strip()
    note = (note or "").strip()
    if not signer_name:
        raise DomainError("请填写签名人姓名", code="invalid_data")
    if len(signer_name) > 100 or len(note) > 500:
        raise DomainError("签名人姓名或说明过长", code="invalid_data")
    if role not in SignerRole.values:
        raise DomainError("签名人身份无效", code="invalid_data")
    if method not in SignMethod.values:
        raise DomainError("签名方式无效", code="invalid_data")
    if timezone.is_naive(signed_at):
        signed_at = timezone.make_aware(signed_at)
    if signed_at > timezone.now() + dt.timedelta(minutes=5):
        raise DomainError("签名时间不能晚于现在", code="invalid_data")
    if signed_at.date() < document.issued_on:
        raise DomainError("签名时间不能早于文书日期", code="invalid_data")
    if method == SignMethod.REFUSED and not note:
        raise DomainError("请注明当事人拒绝签名的情况", code="invalid_data")
    stored = None
    kind = ""
    hashes: dict[str, str] = {}
    if method == SignMethod.SCAN:
        if not scan:
            raise DomainError("请上传签名页扫描件（PDF、JPG或PNG）", code="invalid_data")
        if len(scan) > MAX_SCAN_BYTES:
            raise DomainError("签名页扫描件不能超过20MB", code="invalid_data")
        kind = _scan_kind(scan) or ""
        if not kind:
            raise DomainError("签名页扫描件应为PDF、JPG或PNG文件", code="invalid_data")
        both = file_hashes(scan)
        hashes = {"scan_sha256": both["docx_sha256"], "scan_sm3": both["docx_sm3"]}
    with transaction.atomic():
        IssuedDocument.objects.select_for_update().filter(pk=document.pk).first()
        if scan and method == SignMethod.SCAN:
            stored = store_file(scan, content_type=kind, ext=SCAN_TYPES[kind])
        signature = DocumentSignature.objects.create(
            document=document,
            signer_name=signer_name,
            role=role,
            method=method,
            signed_at=signed_at,
            note=note,
            scan=stored,
            scan_name=(scan_name or "")[:200] if stored else "",
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
        append_entry(
            actor=actor,
            subject=document.subject,
            action="documents.sign",
            payload={
                "document_id": document.pk,
                "doc_type": document.doc_type,
                "signature_id": signature.pk,
                "signer_name": signer_name,
                "role": role,
                "method": method,
                "signed_at": signed_at.isoformat(),
                "note": note,
            },
            file_hashes=hashes or None,
        )
    return signature


def signing_state(document: IssuedDocument) -> str:
    """ "" for documents nobody signs; otherwise 已签名 (an officer and a person of the other side
    signed or refused), or 待签名."""
    if document.doc_type not in SIGNED_TYPES:
        return ""
    roles = {s.role for s in document.signatures.all()}
    others = roles - {SignerRole.OFFICER, SignerRole.RECORDER}
    return "已签名" if SignerRole.OFFICER in roles and others else "待签名"


# --- the printable page -------------------------------------------------------------------------------


def document_content(document: IssuedDocument) -> Content:
    """The structured content of an issued document, rebuilt from its snapshot."""
    spec = DOC_TYPES[document.doc_type]
    content = build_content(spec, agency_name=document.agency_name, number=document.number, context=document.context)
    return replace(content, footer=ledger_footer(document.context))


LEDGER_FINGERPRINT_KEY = "ledger_key_fingerprint"


def ledger_footer(context: Mapping[str, Any]) -> str:
    """The footer line naming the ledger's signing key (SHA-256 fingerprint) at issue time."""
    fingerprint = context.get(LEDGER_FINGERPRINT_KEY)
    if not fingerprint:
        return ""
    return f"本文书已记入全过程记录日志，日志签名公钥指纹（SHA-256）：{fingerprint}"


def render_html(document: IssuedDocument) -> str:
    """The printable page's paper (an HTML fragment) from the same content as the DOCX."""
    return render_to_string("documents/_paper.html", {"content": document_content(document)})
