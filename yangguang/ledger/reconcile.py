"""Reconciliation (对账): the records of the apps against their ledger entries, both ways.

The hash checks prove that the log was not altered; they cannot tell that an entry appended by
someone with database access (and the key) describes nothing that happened, or that a record was
changed, inserted or deleted without its entry. Reconciliation can: every app registers, in its
``AppConfig.ready()``, a reconciler for the records its services record (the ledger imports none of
them). One pass over the entries parses each, checks that the row's lookup columns (action,
subject, actor, public, the ``EntryRef`` index) say what the hashed content says, and hands the
entries a reconciler owns to it in batches:

* an owned entry whose record does not exist: the record was deleted, or the entry forged;
* an owned entry whose record says something else: the record was changed outside the services;
* two entries claiming the same record;
* a record no entry describes: it was written outside the services.

A reconciler names the record an entry is about (``key``), loads records by key in batches, says
how an entry and its record differ, and lists every record that must have an entry.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connection

BATCH = 1000


@dataclass
class Finding:
    code: str
    message: str
    seq: int | None = None


class Reconciler(Protocol):
    """One app's records against their entries."""

    name: str  # what the records are, in Chinese: "办案步骤"
    # False: one entry per record (a second one is reported). True: a record's history is several
    # entries (create, updates, delete), folded in order by ``fold(state, doc)`` (if the reconciler
    # has one; else the latest entry counts), and the record must match the result.
    many_entries: bool

    def key(self, doc: Mapping[str, Any]) -> Hashable | None:
        """The record this (parsed, verified) entry is about, or None if it is not about one."""

    def load(self, keys: list[Hashable]) -> Mapping[Hashable, Any]:
        """The records for ``keys`` (missing ones absent)."""

    def differs(self, doc: Mapping[str, Any], seq: int, record: Any) -> str | None:
        """How the record differs from what the entry recorded (Chinese), or None."""

    def all_keys(self) -> Iterable[Hashable]:
        """Every record that must be described by an entry."""

    def describe(self, key: Hashable) -> str:
        """The record, for messages: "案件 2026-001 第 3 步"."""


_reconcilers: dict[str, Any] = {}


def register(name: str, factory: Any) -> None:
    """Register ``factory()`` -> Reconciler under ``name`` (registering again replaces it)."""
    _reconcilers[name] = factory


def registered() -> dict[str, Any]:
    return dict(_reconcilers)


@dataclass
class _Pending:
    reconciler: Any
    items: list[tuple[int, Hashable, Mapping[str, Any]]] = field(default_factory=list)
    matched: set[Hashable] = field(default_factory=set)
    latest: dict[Hashable, tuple[int, Mapping[str, Any]]] = field(default_factory=dict)


def _chunks(end: int) -> Iterator[tuple[list[tuple[int, str, str, str, bool, str]], dict[int, list[str]]]]:
    """Entries [0, end) in seq order, in chunks, each with the ``EntryRef`` rows of its seq range."""
    last = -1
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT seq, canonical, action, subject, public, actor FROM ledger_entry"
                " WHERE seq > %s AND seq < %s ORDER BY seq LIMIT %s",
                [last, end, 5000],
            )
            rows = [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), bool(r[4]), str(r[5])) for r in cursor.fetchall()]
            if not rows:
                return
            upper = rows[-1][0] if len(rows) == 5000 else end - 1
            cursor.execute("SELECT seq, subject FROM ledger_entryref WHERE seq > %s AND seq <= %s", [last, upper])
            refs: dict[int, list[str]] = {}
            for seq, subject in cursor.fetchall():
                refs.setdefault(int(seq), []).append(str(subject))
            yield rows, refs
            last = upper


def reconcile(*, entries: int, names: Iterable[str] | None = None) -> list[Finding]:
    """Walk entries [0, ``entries``) (those the hash checks verified) against the records."""
    wanted = set(names) if names is not None else None
    pending = [
        _Pending(factory()) for name, factory in sorted(_reconcilers.items()) if wanted is None or name in wanted
    ]
    findings: list[Finding] = []

    def flush(p: _Pending) -> None:
        keys = list(dict.fromkeys(k for _s, k, _d in p.items))
        records = p.reconciler.load(keys)
        for seq, key, doc in p.items:
            what = p.reconciler.describe(key)
            if key in p.matched:
                findings.append(Finding("entry_duplicate", f"第 {seq} 条记录重复记载了{what}", seq))
                continue
            record = records.get(key)
            is_deletion = getattr(p.reconciler, "is_deletion", None)
            if is_deletion is not None and is_deletion(doc):
                # The latest entry deleted the record: it must be gone.
                if record is not None:
                    findings.append(
                        Finding(
                            "record_differs", f"第 {seq} 条记录记载{what}已删除，但它仍然存在：在系统服务之外恢复", seq
                        )
                    )
                p.matched.add(key)
                continue
            if record is None:
                findings.append(
                    Finding("record_missing", f"第 {seq} 条记录所记的{what}不存在：记录被删除，或该条目是伪造的", seq)
                )
                continue
            difference = p.reconciler.differs(doc, seq, record)
            if difference:
                findings.append(
                    Finding(
                        "record_differs", f"{what}与第 {seq} 条记录不一致（{difference}）：在系统服务之外被修改", seq
                    )
                )
            p.matched.add(key)
        p.items.clear()

    for rows, refs in _chunks(entries):
        for seq, canonical, action, subject, public, actor in rows:
            try:
                doc = json.loads(canonical)
            except ValueError:
                continue  # the hash checks have reported it
            if (
                doc.get("action", "")[:100] != action
                or doc.get("subject", "")[:200] != subject
                or doc.get("actor", "")[:150] != actor
                or bool(doc.get("public")) != public
            ):
                findings.append(
                    Finding("entry_columns", f"第 {seq} 条记录的索引列与其内容不一致（在日志之外被修改）", seq)
                )
            if sorted(refs.pop(seq, [])) != sorted(r[:200] for r in doc.get("refs", [])):
                findings.append(Finding("entry_refs", f"第 {seq} 条记录的关联索引与其内容不一致", seq))
            for p in pending:
                key = p.reconciler.key(doc)
                if key is None:
                    continue
                if getattr(p.reconciler, "many_entries", False):
                    fold = getattr(p.reconciler, "fold", None)
                    previous = p.latest.get(key, (seq, None))[1]
                    p.latest[key] = (seq, fold(previous, doc) if fold is not None else doc)
                    continue
                p.items.append((seq, key, doc))
                if len(p.items) >= BATCH:
                    flush(p)
        for seq in sorted(refs):  # index rows of entries that do not exist
            findings.append(Finding("entry_refs", f"第 {seq} 条记录的关联索引与其内容不一致", seq))
    for p in pending:
        for key, (seq, doc) in p.latest.items():
            p.items.append((seq, key, doc))
            if len(p.items) >= BATCH:
                flush(p)
        flush(p)
        for key in p.reconciler.all_keys():
            if key not in p.matched:
                findings.append(
                    Finding(
                        "record_without_entry", f"{p.reconciler.describe(key)}没有对应的记录条目：在系统服务之外写入"
                    )
                )
    return findings
