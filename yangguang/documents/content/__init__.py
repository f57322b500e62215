"""The content builder: one structured text per document, made from the type and the context
snapshot. Both renderers (DOCX in ``render_docx``, the printable page in ``render_html``) draw the
same ``Content``, so paper and screen cannot drift apart (文字记录纸质与电子一致).

The pieces live in submodules: ``blocks`` (structures, formatting helpers, shared block builders),
``penalty`` (penalty procedure documents) and ``powers`` (coercion, inspection and licensing
documents). Everything is re-exported here; ``BUILDERS`` is the one registry."""

from __future__ import annotations

from collections.abc import Callable

from yangguang.documents.content.blocks import (  # noqa: F401  importable from here as before the split
    _DIGITS,
    _SECTIONS,
    _UNITS,
    Block,
    Content,
    Ctx,
    _end,
    _section,
    cn_date,
    cn_datetime,
    contact,
    evidence_lines,
    is_organization,
    items_rows,
    money_capital,
    money_text,
    numbered,
    officers_block,
    officers_text,
    party_lines,
    party_rows,
    payment,
    record_header,
    record_signs,
    remedies,
    seal,
    show_certificates,
    you,
)
from yangguang.documents.content.penalty import (  # noqa: F401  importable from here as before the split
    _case_filing,
    _case_transfer,
    _closing_approval,
    _collective_discussion,
    _enforcement_application,
    _evidence_preservation_notice,
    _hearing_notice,
    _hearing_record,
    _hearing_report,
    _inquiry_record,
    _inspection_record,
    _investigation_report,
    _legal_review_opinion,
    _no_penalty_decision,
    _payment_record,
    _penalty_decision,
    _penalty_notice,
    _service_receipt,
    _statement_record,
    _strip_case,
    _summary_penalty_decision,
    _surcharge_demand,
)
from yangguang.documents.content.powers import (  # noqa: F401  importable from here as before the split
    _applied,
    _inspection_check,
    _licensing_acceptance,
    _licensing_denial,
    _licensing_grant,
    _seizure_decision,
    _seizure_extension_decision,
    _seizure_record,
    _seizure_release_decision,
)
from yangguang.documents.types import DocType

BUILDERS: dict[str, Callable[[DocType, str, Ctx], list[Block]]] = {
    "case_filing": _case_filing,
    "inspection_record": _inspection_record,
    "inquiry_record": _inquiry_record,
    "evidence_preservation_notice": _evidence_preservation_notice,
    "investigation_report": _investigation_report,
    "penalty_notice": _penalty_notice,
    "statement_record": _statement_record,
    "hearing_notice": _hearing_notice,
    "hearing_record": _hearing_record,
    "hearing_report": _hearing_report,
    "collective_discussion": _collective_discussion,
    "penalty_decision": _penalty_decision,
    "no_penalty_decision": _no_penalty_decision,
    "case_transfer": _case_transfer,
    "service_receipt": _service_receipt,
    "summary_penalty_decision": _summary_penalty_decision,
    "surcharge_demand": _surcharge_demand,
    "enforcement_application": _enforcement_application,
    "closing_approval": _closing_approval,
    "payment_record": _payment_record,
    "seizure_decision": _seizure_decision,
    "seizure_extension_decision": _seizure_extension_decision,
    "seizure_release_decision": _seizure_release_decision,
    "seizure_record": _seizure_record,
    "inspection_check": _inspection_check,
    "licensing_acceptance": _licensing_acceptance,
    "licensing_grant": _licensing_grant,
    "licensing_denial": _licensing_denial,
    "legal_review_opinion": _legal_review_opinion,
}


def build_content(doc_type: DocType, *, agency_name: str, number: str, context: Ctx) -> Content:
    """The structured text of a document; ``context`` is the validated snapshot."""
    blocks = BUILDERS[doc_type.code](doc_type, agency_name, context)
    return Content(agency_name=agency_name, title=doc_type.name, number=number, blocks=tuple(blocks))


__all__ = [
    "BUILDERS",
    "Block",
    "Content",
    "Ctx",
    "build_content",
    "cn_date",
    "cn_datetime",
    "contact",
    "evidence_lines",
    "is_organization",
    "items_rows",
    "money_capital",
    "money_text",
    "numbered",
    "officers_block",
    "officers_text",
    "party_lines",
    "party_rows",
    "payment",
    "record_header",
    "record_signs",
    "remedies",
    "seal",
    "show_certificates",
    "you",
]
