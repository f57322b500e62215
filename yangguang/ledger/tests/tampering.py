"""What an insider with database access (and, where said, the key directory) does to the ledger:
raw SQL on the rows, recomputing every hash they can. Shared by the tamper suite and the witness
tests."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection

from yangguang.ledger import integration, merkle
from yangguang.ledger.models import Entry
from yangguang.ledger.services import append_entry, canonical_json
from yangguang.ledger.verifier import Hasher

H = Hasher("sm3")


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def canonical_of(seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT canonical FROM ledger_entry WHERE seq = %s", [seq])
        return str(cursor.fetchone()[0])


def rehash_from(start: int, edit: Any = None) -> None:
    """Rewrite entries from ``start`` on consistently: apply ``edit(seq, doc)`` (which may change
    the document) and recompute every later link, leaf hash, stored subtree and the head, as an
    attacker who wants a self-consistent log would."""
    rows = list(Entry.objects.order_by("seq").values_list("seq", "canonical", "leaf_hash"))
    frontier: list[bytes] = []
    prev = ""
    for seq, text, leaf in rows:
        if seq < start:
            merkle.append_leaf(H, frontier, seq, bytes(leaf))
            prev = bytes(leaf).hex()
            continue
        doc = json.loads(text)
        if edit is not None:
            edit(seq, doc)
        doc["prev"] = prev
        text = canonical_json(doc)
        leaf = H.leaf(text.encode())
        nodes = b"".join(merkle.append_leaf(H, frontier, seq, leaf))
        sql(
            "UPDATE ledger_entry SET canonical = %s, leaf_hash = %s, nodes = %s WHERE seq = %s",
            [text, leaf, nodes, seq],
        )
        prev = leaf.hex()
    fix_head()


def fix_head() -> None:
    """Make the head row agree with whatever rows are there."""
    frontier: list[bytes] = []
    last = b""
    size = 0
    for seq, leaf in Entry.objects.order_by("seq").values_list("seq", "leaf_hash"):
        merkle.append_leaf(H, frontier, seq, bytes(leaf))
        last = bytes(leaf)
        size = seq + 1
    sql(
        "UPDATE ledger_ledgerhead SET size = %s, last_leaf = %s, frontier = %s WHERE id = 1",
        [size, last, b"".join(frontier)],
    )


def truncate(size: int) -> None:
    """Cut the log back to ``size`` entries, with the checkpoints and cosignatures that covered
    more, and fix the head: nothing in the database says there was more."""
    sql("DELETE FROM ledger_entryref WHERE seq >= %s", [size])
    sql("DELETE FROM ledger_entry WHERE seq >= %s", [size])
    sql(
        "DELETE FROM ledger_cosignature WHERE checkpoint_id IN (SELECT id FROM ledger_checkpoint WHERE tree_size > %s)",
        [size],
    )
    sql("DELETE FROM ledger_checkpoint WHERE tree_size > %s", [size])
    fix_head()
    integration.restart_sequence()  # PostgreSQL: new entries take the freed numbers


def record_logins(*users: Any) -> None:
    """The ``roster.user.create`` entries that ``roster.services.create_user`` writes, for persona
    logins made by test factories (reconciliation reports logins without one)."""
    for user in users:
        append_entry(
            actor=None,
            subject=user,
            action="roster.user.create",
            payload={
                "username": user.username,
                "role": user.role,
                "agency": user.agency_id,
                "officer": user.officer_id,
            },
        )
