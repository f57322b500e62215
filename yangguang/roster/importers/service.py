"""The import service: read, validate every row, then write everything in one transaction with
ledger entries, or nothing at all."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.db import IntegrityError, transaction

from yangguang.access import policy
from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.roster.importers.base import (
    IGNORED_HEADERS,
    Column,
    ErrorList,
    ImportInvalid,
    ImportResult,
    Row,
    RowError,
    normalize_header,
)
from yangguang.roster.importers.cells import CellError, to_text
from yangguang.roster.importers.kinds import KINDS, Kind
from yangguang.roster.importers.reading import FileUnreadable, iter_rows
from yangguang.roster.models import User
from yangguang.roster.selectors import visible_agencies

MAX_FILE_BYTES = 50 * 1024 * 1024
# Title rows above the header ("杭州市执法人员名单") are common; look this far for the header.
HEADER_SEARCH_ROWS = 10
# Natural keys per ledger entry, so that one entry stays small even for 100,000 rows.
KEYS_PER_ENTRY = 5000


def get_kind(kind: str) -> Kind:
    cls = KINDS.get(kind)
    if cls is None:
        raise DomainError(f"未知的名册类型“{kind}”", code="unknown_kind")
    return cls()


# Master data imports are the system administrator's (any agency) and the agency head's (own
# agency); the security administrator imports officers (certificates) for the agencies of its
# region. Certificate facts in officer rows need the certificate authority (see kinds/bodies.py).
SECURITY_ADMIN_KINDS = ("officers",)


def can_import(user: User | None) -> bool:
    """System administrators, agency heads (own agency) and security administrators (officers):
    the policy's ``roster.import``."""
    return user is not None and policy.allows(user, "roster.import")


def importable_kinds(user: User | None) -> list[str]:
    if user is None or not can_import(user):
        return []
    if policy.allows(user, "roster.import.any_agency"):
        return list(KINDS)
    if policy.allows(user, "roster.import.officers"):
        return list(SECURITY_ADMIN_KINDS)
    return [name for name, cls in KINDS.items() if not cls.admin_only]


def import_scope(actor: User | None, kind: Kind) -> set[int] | None:
    """The agencies whose rows ``actor`` may write; None means every agency. ``actor`` None is the
    system itself (a management command run by the operator)."""
    if actor is None or policy.allows(actor, "roster.import.any_agency"):
        return None
    if kind.name in SECURITY_ADMIN_KINDS and policy.allows(actor, "roster.import.officers"):
        return set(visible_agencies(actor).values_list("pk", flat=True))
    policy.require(actor, "roster.import.own_agency")
    if kind.admin_only:
        raise AccessDenied(f"仅系统管理员可以导入{kind.label}", rule="role")
    assert actor.agency_id is not None
    return {actor.agency_id}


def _find_header(kind: Kind, rows: Any) -> tuple[int, dict[int, Column], list[RowError]]:
    """Read rows until the header; returns its number, column index -> column, header errors."""
    for number, values in rows:
        headers = [normalize_header(v) for v in values]
        if not any(h in kind.by_header for h in headers):
            if number >= HEADER_SEARCH_ROWS:
                break
            continue
        errors: list[RowError] = []
        mapping: dict[int, Column] = {}
        seen: dict[str, str] = {}
        for index, (raw, header) in enumerate(zip(values, headers, strict=True)):
            if not header or header in IGNORED_HEADERS:
                continue
            col = kind.by_header.get(header)
            if col is None:
                errors.append(RowError(number, to_text(raw), "无法识别的列名，请使用导入模板中的列名"))
                continue
            if col.key in seen:
                errors.append(RowError(number, to_text(raw), f"与“{seen[col.key]}”列重复"))
                continue
            seen[col.key] = to_text(raw)
            if not col.info:
                mapping[index] = col
        for col in kind.columns:
            if col.required and col.key not in seen:
                errors.append(RowError(number, col.header, "缺少必填列"))
        return number, mapping, errors
    required = "、".join(f"“{c.header}”" for c in kind.columns if c.required)
    raise FileUnreadable(f"找不到表头行：{kind.label}文件的第一行应为列名，至少包括{required}")


def parse_file(kind: Kind, filename: str, data: bytes) -> tuple[list[Row], ErrorList]:
    """Parse and check every row against the columns; database checks come later."""
    errors = ErrorList()
    rows_iter = iter_rows(filename, data)
    _header_row, mapping, header_errors = _find_header(kind, rows_iter)
    for e in header_errors:
        errors.add(e.row, e.field, e.message)
    if errors:
        return [], errors
    rows: list[Row] = []
    first_of: dict[str, int] = {}
    columns = sorted(mapping.items())
    for number, values in rows_iter:
        if all(v is None or to_text(v) == "" for v in values):
            continue
        row = Row(number, {})
        for index, col in columns:
            raw = values[index] if index < len(values) else None
            if raw is None or (isinstance(raw, str) and raw.strip() in ("", "\u3000")):
                if col.required:
                    errors.add(number, col.header, "不能为空")
                    row.bad.add(col.key)
                    row.values[col.key] = None
                else:
                    default = col.default
                    row.values[col.key] = list(default) if isinstance(default, list) else default
                continue
            try:
                row.values[col.key] = col.parser(raw)
            except CellError as exc:
                errors.add(number, col.header, exc.message)
                row.bad.add(col.key)
                row.values[col.key] = None
        key = kind.key(row)
        if key is not None:
            if key in first_of:
                errors.add(number, kind.header_of(kind.key_column), kind.duplicate_message(row, first_of[key]))
                row.bad.add(kind.key_column)
            else:
                first_of[key] = number
        rows.append(row)
    if not rows and not errors:
        errors.add(0, "", "文件中没有数据行")
    return rows, errors


def import_roster_file(*, kind: str, filename: str, data: bytes, actor: User | None) -> ImportResult:
    """Import one roster file. Every row is validated first; if any is bad, raises ImportInvalid
    with every problem (row, column, Chinese message) and writes nothing. Otherwise upserts all
    rows by natural key in one transaction, with ledger entries recording the file (name,
    SHA-256), the counts and the natural keys created and updated."""
    started = time.monotonic()
    spec = get_kind(kind)
    spec.actor = actor
    scope = import_scope(actor, spec)
    if len(data) > MAX_FILE_BYTES:
        raise ImportInvalid([RowError(0, "", f"文件超过{MAX_FILE_BYTES // 1024 // 1024}MB，请拆分后导入")])
    digest = hashlib.sha256(data).hexdigest()
    try:
        rows, errors = parse_file(spec, filename, data)
    except FileUnreadable as exc:
        raise ImportInvalid([RowError(0, "", exc.message)]) from exc
    if rows:  # cross-row and database checks run even when some cells failed, to report everything
        spec.resolve(rows, errors, scope)
    errors.raise_if_any([c.header for c in spec.columns])
    try:
        with transaction.atomic():
            created, updated, unchanged = spec.write(rows)
            seq = _record(actor, spec, filename, digest, len(rows), created, updated, unchanged)
            spec.after_record(seq)
    except IntegrityError as exc:
        raise DomainError("导入期间名册已被他人修改，请重新导入", code="import_conflict") from exc
    return ImportResult(
        kind=spec.name,
        filename=filename,
        sha256=digest,
        rows=len(rows),
        created=len(created),
        updated=len(updated),
        unchanged=unchanged,
        created_keys=created,
        updated_keys=updated,
        proposed=int(getattr(spec, "proposed", 0)),
        seconds=time.monotonic() - started,
    )


def _record(
    actor: User | None,
    spec: Kind,
    filename: str,
    digest: str,
    rows: int,
    created: list[str],
    updated: list[str],
    unchanged: int,
) -> int:
    """Append the import's ledger entries; returns the sequence number of the summary entry."""
    subject = f"roster.import:{spec.name}"
    summary: dict[str, Any] = {
        "kind": spec.name,
        "filename": filename,
        "sha256": digest,
        "rows": rows,
        "created": len(created),
        "updated": len(updated),
        "unchanged": unchanged,
    }
    small = len(created) + len(updated) <= KEYS_PER_ENTRY
    if small:
        summary["created_keys"] = created
        summary["updated_keys"] = updated
    else:
        summary["key_parts"] = -(-len(created) // KEYS_PER_ENTRY) + -(-len(updated) // KEYS_PER_ENTRY)
    entry = append_entry(
        actor=actor, subject=subject, action="roster.import", payload=summary, file_hashes={filename: digest}
    )
    if small:
        return int(entry.seq)
    part = 0
    for label, keys in (("created_keys", created), ("updated_keys", updated)):
        for start in range(0, len(keys), KEYS_PER_ENTRY):
            part += 1
            append_entry(
                actor=actor,
                subject=subject,
                action="roster.import.keys",
                payload={"sha256": digest, "part": part, label: keys[start : start + KEYS_PER_ENTRY]},
            )
    return int(entry.seq)
