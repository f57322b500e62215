"""Shared helpers of the documents tests."""

from __future__ import annotations

import io
from typing import Any

import docx
from django.core.files.storage import default_storage

from yangguang.documents.models import IssuedDocument, StoredFile
from yangguang.documents.samples import sample_context
from yangguang.documents.services import issue_document


def issue(
    agency: Any, actor: Any, doc_type: str = "penalty_decision", subject: str = "cases.case:42", **over: Any
) -> IssuedDocument:
    ctx = sample_context(doc_type)
    ctx.update(over)
    return issue_document(agency=agency, doc_type=doc_type, subject=subject, context=ctx, actor=actor)


def case_of(officer: Any, *, is_secret: bool = False) -> Any:
    """A real case handled by ``officer`` (documents are read by who may see their subject)."""
    from yangguang.cases.services import create_case
    from yangguang.core.validators import make_uscc

    party = {
        "kind": "organization",
        "name": "杭州示例食品有限公司",
        "id_number": make_uscc(900_001),
        "legal_representative": "王五",
    }
    return create_case(
        actor=officer, kind="penalty_ordinary", title="涉嫌销售过期食品案", parties=[party], is_secret=is_secret
    )


def file_of(document: IssuedDocument) -> StoredFile:
    """The document's rendered file (tests run the outbox in line, so it is there)."""
    assert document.file is not None, "the DOCX has not been rendered"
    return document.file


def stored_bytes(document: IssuedDocument) -> bytes:
    with default_storage.open(file_of(document).name, "rb") as fh:
        return fh.read()


def docx_texts(data: bytes) -> list[str]:
    """Every paragraph text of the DOCX, body and table cells, in order."""
    d = docx.Document(io.BytesIO(data))
    texts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            texts.extend(c.text for c in row.cells)
    return [t for t in texts if t.strip()]
