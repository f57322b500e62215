"""Tampering with the ledger's rows through raw SQL, the way someone with database access would, and
``ledger verify`` naming the first entry that was edited, deleted, inserted or reordered."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from yangguang.ledger import integration, merkle
from yangguang.ledger.models import Checkpoint, Entry, LedgerHead
from yangguang.ledger.services import append_entry, canonical_json, make_checkpoint
from yangguang.ledger.verifier import Hasher
from yangguang.ledger.verify import verify_ledger

pytestmark = pytest.mark.django_db
H = Hasher("sm3")
N = 20


@pytest.fixture(autouse=True, params=["one segment", "segments of 8"])
def segments(request: Any, monkeypatch: Any) -> None:
    """Run every case with the fast scan in one segment and in aligned segments of 8 entries (the
    layout the parallel verification uses), whose seams must hide nothing."""
    if request.param == "segments of 8":
        monkeypatch.setattr("yangguang.ledger.verify.scan.MIN_SEGMENT_LEVEL", 3)


@pytest.fixture
def ledger() -> list[Entry]:
    entries = []
    for i in range(N):
        entries.append(
            append_entry(actor=None, subject=f"cases.case:{i}", action="case.step", payload={"step": i, "金额": 200})
        )
        if i + 1 in (4, 12):
            make_checkpoint()
    integration.integrate()  # as after commit (PostgreSQL integrates in batches)
    return entries


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def canonical_of(seq: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT canonical FROM ledger_entry WHERE seq = %s", [seq])
        return str(cursor.fetchone()[0])


def first(report: Any) -> tuple[str, int | None, str]:
    assert not report.ok
    p = report.first
    return (p.code, p.seq, p.message)


def test_untouched_ledger_verifies(ledger: list[Entry]) -> None:
    report = verify_ledger()
    assert report.ok, report.problems
    assert (report.entries, report.checkpoints) == (N, 2)
    out = StringIO()
    call_command("ledger", "verify", stdout=out)
    assert "校验通过" in out.getvalue() and f"{N} 条记录" in out.getvalue()


def test_edited_payload(ledger: list[Entry]) -> None:
    text = canonical_of(5).replace('"step":5', '"step":50')
    sql("UPDATE ledger_entry SET canonical = %s WHERE seq = 5", [text])
    assert first(verify_ledger()) == ("entry_edited", 5, "第 5 条记录被修改")


@pytest.mark.parametrize("seq", [6, 7, 0, N - 1])
def test_edited_payload_and_its_stored_leaf_hash(ledger: list[Entry], seq: int) -> None:
    text = canonical_of(seq).replace('"金额":200', '"金额":20')
    sql("UPDATE ledger_entry SET canonical = %s, leaf_hash = %s WHERE seq = %s", [text, H.leaf(text.encode()), seq])
    assert first(verify_ledger()) == ("entry_edited", seq, f"第 {seq} 条记录被修改")


@pytest.mark.parametrize("seq", [5, 0, N - 1])
def test_deleted_row(ledger: list[Entry], seq: int) -> None:
    sql("DELETE FROM ledger_entry WHERE seq = %s", [seq])
    assert first(verify_ledger()) == ("entry_deleted", seq, f"第 {seq} 条记录被删除")


def _shift_up_from(seq: int) -> None:
    # Two steps so that no intermediate state breaks the primary key on either database.
    sql("UPDATE ledger_entry SET seq = -seq - 1 WHERE seq >= %s", [seq])
    sql("UPDATE ledger_entry SET seq = -seq WHERE seq < 0")


def _insert(seq: int, text: str, nodes: bytes = b"") -> None:
    sql(
        "INSERT INTO ledger_entry (seq, recorded_at, actor, subject, action, public, canonical, leaf_hash, nodes)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [seq, ledger_time(), "intruder", "cases.case:99", "case.step", False, text, H.leaf(text.encode()), nodes],
    )


def ledger_time() -> Any:
    return Entry.objects.get(seq=0).recorded_at


@pytest.mark.parametrize("seq", [5, 6])
@pytest.mark.parametrize("with_nodes", [False, True])
def test_inserted_row_that_fits_the_chain(ledger: list[Entry], seq: int, with_nodes: bool) -> None:
    """The forged row claims its place, links to the entry before it with a correct leaf hash, and
    (with_nodes) even carries the subtree hashes it would complete: the row after it, the genuine
    entry of that number, gives it away."""
    doc = json.loads(canonical_of(seq))
    doc["payload"] = {"step": seq, "金额": 0}
    text = canonical_json(doc)
    nodes = b""
    if with_nodes:
        frontier: list[bytes] = []
        for i, leaf in enumerate(Entry.objects.filter(seq__lt=seq).order_by("seq").values_list("leaf_hash", flat=True)):
            merkle.append_leaf(H, frontier, i, bytes(leaf))
        nodes = b"".join(merkle.append_leaf(H, frontier, seq, H.leaf(text.encode())))
    _shift_up_from(seq)
    _insert(seq, text, nodes)
    assert first(verify_ledger()) == ("entry_inserted", seq, f"第 {seq} 条记录是插入的")


def test_inserted_copy_of_an_earlier_row(ledger: list[Entry]) -> None:
    copied = canonical_of(3)
    _shift_up_from(9)
    _insert(9, copied)
    assert first(verify_ledger()) == ("entry_inserted", 9, "第 9 条记录是插入的")


def test_row_appended_behind_the_services_back(ledger: list[Entry]) -> None:
    doc = json.loads(canonical_of(N - 1))
    doc.update(seq=N, prev=bytes(Entry.objects.get(seq=N - 1).leaf_hash).hex())
    _insert(N, canonical_json(doc))
    assert first(verify_ledger()) == ("entry_inserted", N, f"第 {N} 条记录是插入的")


@pytest.mark.parametrize(("a", "b"), [(4, 9), (10, 11), (0, N - 1)])
def test_swapped_sequence_numbers(ledger: list[Entry], a: int, b: int) -> None:
    sql("UPDATE ledger_entry SET seq = -1 WHERE seq = %s", [a])
    sql("UPDATE ledger_entry SET seq = %s WHERE seq = %s", [a, b])
    sql("UPDATE ledger_entry SET seq = %s WHERE seq = -1", [b])
    assert first(verify_ledger()) == ("entry_reordered", a, f"第 {a} 条记录的顺序被调换（与第 {b} 条）")


def test_edited_subtree_hash(ledger: list[Entry]) -> None:
    sql("UPDATE ledger_entry SET nodes = %s WHERE seq = 15", [b"\x00" * 128])
    assert first(verify_ledger()) == ("entry_edited", 15, "第 15 条记录被修改")


def test_rewriting_every_later_hash_is_caught_by_the_signed_checkpoint(ledger: list[Entry]) -> None:
    """An attacker who recomputes the chain, the subtrees and the head after editing entry 6 leaves
    a self-consistent log; the checkpoint signed at size 12 still has the old root."""
    rows = list(Entry.objects.order_by("seq").values_list("seq", "canonical"))
    frontier: list[bytes] = []
    prev = ""
    for seq, text in rows:
        doc = json.loads(text)
        if seq == 6:
            doc["payload"]["金额"] = 2
        doc["prev"] = prev
        text = canonical_json(doc)
        leaf = H.leaf(text.encode())
        nodes = b"".join(merkle.append_leaf(H, frontier, seq, leaf))
        sql(
            "UPDATE ledger_entry SET canonical = %s, leaf_hash = %s, nodes = %s WHERE seq = %s",
            [text, leaf, nodes, seq],
        )
        prev = leaf.hex()
    LedgerHead.objects.filter(pk=1).update(last_leaf=bytes.fromhex(prev), frontier=b"".join(frontier))
    report = verify_ledger()
    assert first(report) == ("checkpoint_root_mismatch", 4, "第 4–11 条记录在签名后被改写（检查点 12 的根哈希不符）")


def test_tampered_checkpoint(ledger: list[Entry]) -> None:
    cp = Checkpoint.objects.get(tree_size=12)
    origin, size, _root = cp.body.splitlines()
    body = f"{origin}\n{size}\n{'A' * 43}=\n"
    sql("UPDATE ledger_checkpoint SET body = %s, root = %s WHERE id = %s", [body, "00" * 32, cp.pk])
    report = verify_ledger()
    assert [(p.code, p.message) for p in report.problems] == [("checkpoint_signature_invalid", "检查点 12 的签名无效")]


def test_deleting_entries_a_checkpoint_signed_is_caught(ledger: list[Entry]) -> None:
    sql("DELETE FROM ledger_entry WHERE seq >= 10")
    LedgerHead.objects.filter(pk=1).update(size=10)
    assert first(verify_ledger()) == ("entry_deleted", 10, "第 10 条记录被删除")


def test_verify_command_names_the_entry_and_fails(ledger: list[Entry]) -> None:
    text = canonical_of(8).replace('"step":8', '"step":80')
    sql("UPDATE ledger_entry SET canonical = %s WHERE seq = 8", [text])
    out = StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("ledger", "verify", stdout=out)
    assert exc.value.code == 1
    assert "第 8 条记录被修改 (entry_edited, seq 8)" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_parallel_scan_in_worker_processes(monkeypatch: Any) -> None:
    """Outside a transaction, segments are scanned by forked worker processes (on PostgreSQL and
    file SQLite; an in-memory test database is scanned in-process)."""
    monkeypatch.setattr("yangguang.ledger.verify.scan.MIN_SEGMENT_LEVEL", 2)
    for i in range(37):
        append_entry(actor=None, subject=f"cases.case:{i}", action="case.step", payload={"step": i})
        if i + 1 in (9, 30):
            make_checkpoint()
    report = verify_ledger(workers=2)
    assert report.ok, report.problems
    assert report.entries == 37
    text = canonical_of(21).replace('"step":21', '"step":12')
    sql("UPDATE ledger_entry SET canonical = %s, leaf_hash = %s WHERE seq = 21", [text, H.leaf(text.encode())])
    assert first(verify_ledger(workers=2)) == ("entry_edited", 21, "第 21 条记录被修改")
