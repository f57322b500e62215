"""The base of the importable roster lists: the ``Kind`` class (columns, keys, checks, bulk upsert)
and the lookup, chunking and formatting helpers the lists share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

from django.db import connection, models

from yangguang.roster.importers.base import Column, ErrorList, Row, normalize_header
from yangguang.roster.models import (
    ActionKind,
    Agency,
    Region,
    User,
)

BATCH = 1000
LOOKUP_CHUNK = 500

KIND_LABELS = dict(ActionKind.choices)


def chunked(seq: Sequence[Any], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def yes_no(value: bool) -> str:
    return "是" if value else "否"


def kind_labels(values: Iterable[str]) -> str:
    return "、".join(str(KIND_LABELS.get(v, v)) for v in values)


def regions_by_code(codes: Iterable[str]) -> dict[str, tuple[int, str]]:
    """code -> (id, path) for the codes that exist."""
    out: dict[str, tuple[int, str]] = {}
    for part in chunked(sorted(set(codes))):
        for pk, code, path in Region.objects.filter(code__in=part).values_list("pk", "code", "path"):
            out[code] = (pk, path)
    return out


def agencies_by_uscc(usccs: Iterable[str]) -> dict[str, tuple[int, str]]:
    """uscc -> (id, name) for the agencies that exist."""
    out: dict[str, tuple[int, str]] = {}
    for part in chunked(sorted(set(usccs))):
        for pk, uscc, name in Agency.objects.filter(uscc__in=part).values_list("pk", "uscc", "name"):
            out[uscc] = (pk, name)
    return out


def update_many(model: type[models.Model], attnames: list[str], rows: list[tuple[int, list[Any]]]) -> None:
    """UPDATE ... WHERE pk = %s for many rows with one prepared statement (executemany).

    Django's bulk_update builds one CASE WHEN per field and batch, which grows quadratically with
    the batch and took minutes for 100,000 rows; a prepared statement per row stays linear."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in attnames]
    qn = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        qn(meta.db_table),
        ", ".join(f"{qn(f.column)} = %s" for f in fields),  # type: ignore[union-attr, arg-type]
        qn(meta.pk.column),  # type: ignore[union-attr, arg-type]
    )
    with connection.cursor() as cursor:
        for part in chunked(rows, BATCH):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)] + [pk]  # type: ignore[union-attr]
                    for pk, values in part
                ],
            )


class Kind:
    """One importable list. Subclasses declare columns and implement resolve/write/export."""

    name: ClassVar[str]
    label: ClassVar[str]
    model: ClassVar[type[models.Model]]
    columns: ClassVar[list[Column]]
    admin_only: ClassVar[bool] = False
    # Who imports (None: the system itself); set by the import service before ``resolve``.
    actor: User | None = None
    # The column that duplicate-key errors are reported on.
    key_column: ClassVar[str]

    def __init__(self) -> None:
        self.by_header: dict[str, Column] = {}
        for col in self.columns:
            self.by_header[normalize_header(col.header)] = col
            for alias in col.aliases:
                self.by_header[normalize_header(alias)] = col

    def header_of(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)

    def key(self, row: Row) -> str | None:
        raise NotImplementedError

    def resolve(self, rows: list[Row], errors: ErrorList, scope: set[int] | None) -> None:
        """Check references to other rows and to existing records; fill in ids for writing."""
        raise NotImplementedError

    def write(self, rows: list[Row]) -> tuple[list[str], list[str], int]:
        """Upsert; returns (created keys, updated keys, unchanged count)."""
        raise NotImplementedError

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        raise NotImplementedError

    def after_record(self, seq: int) -> None:
        """Called with the import's ledger entry once it is written (same transaction)."""

    # --- helpers for subclasses ----------------------------------------------------------------

    def err(self, errors: ErrorList, row: Row, key: str, message: str) -> None:
        errors.add(row.number, self.header_of(key), message)
        row.bad.add(key)

    def check_agency(
        self, rows: list[Row], errors: ErrorList, scope: set[int] | None, key: str = "agency_uscc"
    ) -> None:
        """Resolve ``key`` (an agency USCC) to ``agency_id``; refuse agencies out of scope."""
        known = agencies_by_uscc(r.get(key) for r in rows if r.has(key))
        for row in rows:
            if not row.has(key):
                continue
            found = known.get(row.values[key])
            if found is None:
                self.err(errors, row, key, f"执法主体“{row.values[key]}”不存在，请先导入执法主体")
            elif scope is not None and found[0] not in scope:
                self.err(errors, row, key, f"无权导入其他执法主体（{found[1]}）的数据")
            else:
                row.values["agency_id"] = found[0]

    def check_region(self, rows: list[Row], errors: ErrorList, key: str = "region_code") -> None:
        known = regions_by_code(r.get(key) for r in rows if r.get(key))
        for row in rows:
            code = row.get(key)
            if not code:
                if row.has(key):
                    row.values["region_id"] = None
                continue
            found = known.get(code)
            if found is None:
                self.err(errors, row, key, f"行政区划代码“{code}”不存在，请先导入行政区划")
            else:
                row.values["region_id"] = found[0]

    def fields_of(self, row: Row, mapping: dict[str, str]) -> dict[str, Any]:
        """Model attribute values for the columns present in the file (absent columns keep their
        stored values on update and take the model default on create). An empty cell clears the
        value (or sets the column's default)."""
        out: dict[str, Any] = {}
        for key, attr in mapping.items():
            if key in row.values:
                value = row.values[key]
                if value is None and not attr.endswith("_id"):
                    value = ""
                out[attr] = value
        return out

    def duplicate_message(self, row: Row, first: int) -> str:
        return f"“{self.key(row)}”与第{first}行重复"

    def upsert(
        self,
        rows: list[Row],
        existing: dict[str, dict[str, Any]],
        mapping: dict[str, str],
    ) -> tuple[list[str], list[str], int]:
        """Create rows whose key is new, update rows that differ from what is stored."""
        model = self.model
        created: list[str] = []
        updated: list[str] = []
        unchanged = 0
        to_create: list[models.Model] = []
        to_update: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
        update_fields: set[str] = set()
        for row in rows:
            key = self.key(row)
            assert key is not None
            fields = self.fields_of(row, mapping)
            old = existing.get(key)
            if old is None:
                to_create.append(model(**fields))
                created.append(key)
                if len(to_create) >= BATCH:
                    model.objects.bulk_create(to_create, batch_size=BATCH)  # type: ignore[attr-defined]
                    to_create = []
                continue
            if all(old.get(f) == v for f, v in fields.items()):
                unchanged += 1
                continue
            update_fields.update(fields)
            to_update.append((old["pk"], fields, old))
            updated.append(key)
        if to_create:
            model.objects.bulk_create(to_create, batch_size=BATCH)  # type: ignore[attr-defined]
        if to_update:
            names = sorted(update_fields)
            update_many(model, names, [(pk, [f.get(n, o.get(n)) for n in names]) for pk, f, o in to_update])
        return created, updated, unchanged


def _check_tree(
    kind: Kind,
    rows: list[Row],
    errors: ErrorList,
    key: str,
    parent_key: str,
    known: set[str],
    missing_message: str,
) -> None:
    """Parent references within a tree (regions, agencies): the parent is another row of the
    file or an existing record; no row is its own ancestor."""
    parent_in_file = {r.values[key]: r.get(parent_key) for r in rows if r.has(key)}
    for row in rows:
        parent = row.get(parent_key)
        if not parent or not row.has(key):
            continue
        if parent == row.values[key]:
            kind.err(errors, row, parent_key, "上级不能是其自身")
            continue
        if parent not in parent_in_file and parent not in known:
            kind.err(errors, row, parent_key, missing_message.format(parent))
            continue
        seen = {row.values[key]}
        cursor: str | None = parent
        while cursor in parent_in_file:
            if cursor in seen:
                kind.err(errors, row, parent_key, "上下级关系形成循环")
                break
            seen.add(cursor)
            cursor = parent_in_file[cursor]
