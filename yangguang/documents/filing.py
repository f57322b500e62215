"""The case file's order and pages (卷内文件排列与页号).

A case file (一案一卷) lists its documents in the order of the procedure, as the provincial rules
on enforcement case files have them: filing, investigation records and evidence, investigation
report, legal review, advance notice, statement and hearing, collective discussion, decision,
service, execution and payment, closing. ``FILE_ORDER`` gives each document type its rank; the
evidence of the case goes with the investigation records (``EVIDENCE_RANK``).

Page numbers: a document's pages are counted from its content on the official page grid of
GB/T 9704-2012 (公文: 22 lines of 28 characters on an A4 page) — the DOCX is rendered on that grid,
so the count matches the printed file; the title block takes four lines, a table row as many lines
as its longest cell needs in its column, the signature block two lines per signer.
"""

from __future__ import annotations

import math
import re

from .content import Content

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

FILE_ORDER: dict[str, int] = {
    code: rank
    for rank, codes in enumerate(
        (
            ("licensing_acceptance",),
            ("case_filing",),
            ("inspection_record", "inspection_check"),
            ("inquiry_record",),
            ("evidence_preservation_notice", "seizure_decision", "seizure_record"),
            ("seizure_extension_decision", "seizure_release_decision"),
            ("investigation_report",),
            ("legal_review_opinion",),
            ("penalty_notice",),
            ("statement_record",),
            ("hearing_notice", "hearing_record"),
            ("collective_discussion",),
            (
                "penalty_decision",
                "summary_penalty_decision",
                "no_penalty_decision",
                "case_transfer",
                "licensing_grant",
                "licensing_denial",
            ),
            ("service_receipt",),
            ("payment_record", "surcharge_demand", "enforcement_application"),
            ("closing_approval",),
        )
    )
    for code in codes
}
# Evidence (证据材料) goes after the on-site records it supports, before the investigation report.
EVIDENCE_RANK = FILE_ORDER["seizure_release_decision"] + 0.5
UNKNOWN_RANK = len(FILE_ORDER) + 1


def rank(doc_type: str) -> float:
    return FILE_ORDER.get(doc_type, UNKNOWN_RANK)


def _lines(text: str, width: int = CHARS_PER_LINE) -> int:
    return sum(max(1, math.ceil(len(part) / width)) for part in (text or "").split("\n"))


def content_pages(content: Content) -> int:
    """The number of A4 pages ``content`` fills on the GB/T 9704 grid."""
    lines = 4 + (1 if content.number else 0)
    for block in content.blocks:
        if block.kind in ("para", "line", "heading", "note"):
            lines += _lines(block.text)
        elif block.kind == "table":
            # the label column takes about a third of the line
            lines += sum(max(_lines(label, 9), _lines(value, 19)) for label, value in block.rows)
        elif block.kind == "signs":
            lines += 2 * max(1, len(block.rows))
        elif block.kind == "seal":
            lines += 3
        else:
            lines += 1
    return max(1, math.ceil(lines / LINES_PER_PAGE))


PDF_PAGE = re.compile(rb"/Type\s*/Page(?!s)")


def pdf_pages(head: bytes) -> int:
    """Pages of a PDF from its bytes (the page objects it declares); at least one."""
    return max(1, len(PDF_PAGE.findall(head)))
