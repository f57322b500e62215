"""Writes of the evidence app: resumable (tus) and plain uploads, evidence records, record access,
recording exceptions, legal hold and purging.

Slow I/O (receiving, hashing, storing bytes) never runs inside a database transaction: the bytes are
staged and stored first, then one short transaction creates the record and its ledger entry.

State between tus PATCH requests lives in the database (``Upload``: offset, the SM3 and SHA-256
states saved by ``hashstate``, a lease naming the one request writing) and the staged bytes in the
staging directory, so any process continues any upload, after a restart too; every byte is hashed
once (where the runtime cannot save hash states, the staged bytes are re-hashed instead).
Finalization (``finish_upload``) is a sequence of repeatable steps: a crash at any moment leaves an
upload that the next HEAD or PATCH completes into exactly one evidence record and ledger entry.
"""

from .intake import (
    META_KEYS,
    ChecksumMismatch,
    EvidenceMeta,
    OffsetMismatch,
    StatusError,
    check_can_upload,
    check_complete,
    check_size,
    check_type,
    ingest_stream,
    parse_meta,
    store_and_record,
)
from .records import (
    purge_expired,
    record_access,
    record_document_access,
    record_exception,
    record_export,
    retention_ends,
    review_exception,
    save_rule,
    set_legal_hold,
)
from .uploads import (
    _take_lease,
    append_chunk,
    create_upload,
    expire_uploads,
    finish_upload,
    get_upload,
    parse_checksum,
    staging_path,
    terminate_upload,
    upload_token,
)

__all__ = [
    "META_KEYS",
    "ChecksumMismatch",
    "EvidenceMeta",
    "OffsetMismatch",
    "StatusError",
    "_take_lease",
    "append_chunk",
    "check_can_upload",
    "check_complete",
    "check_size",
    "check_type",
    "create_upload",
    "expire_uploads",
    "finish_upload",
    "get_upload",
    "ingest_stream",
    "parse_checksum",
    "parse_meta",
    "purge_expired",
    "record_access",
    "record_document_access",
    "record_exception",
    "record_export",
    "retention_ends",
    "review_exception",
    "save_rule",
    "set_legal_hold",
    "staging_path",
    "store_and_record",
    "terminate_upload",
    "upload_token",
]
