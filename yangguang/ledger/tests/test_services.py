"""Appending entries, checkpoints, proofs from the database, bundles."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
from typing import Any

import pytest

from yangguang.core.errors import DomainError
from yangguang.ledger import integration, merkle, selectors
from yangguang.ledger.crypto import generate_key
from yangguang.ledger.entries import canonical_json, entry_text, format_time
from yangguang.ledger.models import Checkpoint, Entry, EntryRef, LedgerHead
from yangguang.ledger.services import append_entry, export_bundle, make_checkpoint, subject_label
from yangguang.ledger.tests import reference
from yangguang.ledger.verifier import (
    Hasher,
    parse_note,
    verify_bundle,
    verify_consistency,
    verify_inclusion,
    verify_note,
)
from yangguang.ledger.verify import verify_ledger

pytestmark = pytest.mark.django_db


def _fill(n: int, **kw: Any) -> list[Entry]:
    return [
        append_entry(
            actor=None, subject=f"cases.case:{i % 3}", action="test.step", payload={"i": i, "名称": "测试"}, **kw
        )
        for i in range(n)
    ]


def _settled(entries: list[Entry]) -> list[Entry]:
    """The entries as stored once integrated into the tree (at once on SQLite; on PostgreSQL after
    commit, which a test transaction never reaches)."""
    integration.integrate()
    return [Entry.objects.get(seq=e.seq) for e in entries]


def test_entries_are_canonical_json_in_sequence(admin_user: Any) -> None:
    first = append_entry(
        actor=admin_user,
        subject="cases.case:1",
        action="case.file",
        payload={"b": 2, "a": "立案"},
        file_hashes={"photo.jpg": "ab" * 32},
    )
    second = append_entry(actor=None, subject=admin_user, action="roster.user.update", payload={})
    first, second = _settled([first, second])
    assert [first.seq, second.seq] == [0, 1]
    doc = json.loads(first.canonical)
    assert first.canonical == json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert "立案" in first.canonical  # UTF-8, not \u escapes
    assert doc["actor"] == "admin" and doc["files"] == {"photo.jpg": "ab" * 32}
    assert doc["prev"] == "" and doc["seq"] == 0 and doc["time"].endswith("Z")
    assert json.loads(second.canonical)["prev"] == bytes(first.leaf_hash).hex()
    assert second.subject == subject_label(admin_user) == f"roster.user:{admin_user.pk}"
    assert json.loads(second.canonical)["actor"] == "system"
    h = Hasher("sm3")
    assert bytes(first.leaf_hash) == h.leaf(first.canonical.encode())
    head = LedgerHead.objects.get()
    assert head.size == 2 and head.hash_alg == "sm3"


def test_stored_tree_matches_the_rfc_definitions_in_both_hashes(settings: Any) -> None:
    settings.LEDGER_HASH = "sha256"
    entries = _settled(_fill(13))
    h = Hasher("sha256")
    data = [e.canonical.encode() for e in entries]
    for size in (1, 5, 8, 13):
        assert selectors.root_at(size) == reference.mth(h, data[:size])
        for m in range(size):
            proof = selectors.inclusion_proof(m, size)
            assert proof == reference.path(h, m, data[:size])
    for m in range(1, 13):
        proof = selectors.consistency_proof(m, 13)
        verify_consistency(h, m, 13, proof, reference.mth(h, data[:m]), reference.mth(h, data))
    assert selectors.consistency_proof(13, 13) == []


def test_changing_the_hash_of_an_existing_log_is_refused(settings: Any) -> None:
    _settled(_fill(1))
    settings.LEDGER_HASH = "sha256"
    with pytest.raises(DomainError) as exc:
        _fill(1)
    assert exc.value.message == "记录日志使用 sm3 哈希算法，不能改为 sha256（LEDGER_HASH）"


def test_append_rolls_back_with_the_callers_transaction() -> None:
    from django.db import connection, transaction

    _fill(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        _fill(3)
        raise RuntimeError
    assert Entry.objects.count() == 2
    later = _fill(1)[0].seq
    integration.integrate()
    actions = list(Entry.objects.order_by("seq").values_list("action", flat=True))
    if integration.batched(connection):
        # The rolled-back numbers were taken from the sequence: the integrator fills them with void
        # entries once no running transaction can still commit them.
        assert later == 5 and actions == ["test.step"] * 2 + ["ledger.void"] * 3 + ["test.step"]
    else:
        assert later == 2 and actions == ["test.step"] * 3
    assert LedgerHead.objects.get().size == later + 1
    assert verify_ledger().ok


@pytest.mark.parametrize("algorithm", ["sm2", "ed25519"])
def test_checkpoints_are_signed_and_verify(settings: Any, tmp_path: Any, algorithm: str) -> None:
    settings.LEDGER_KEY_DIR = tmp_path / algorithm
    key = generate_key(algorithm)
    assert make_checkpoint() is None  # empty ledger: nothing to sign
    _fill(5)
    cp = make_checkpoint()
    assert cp is not None and cp.tree_size == 5 and cp.sig_alg == algorithm
    assert make_checkpoint() == cp  # no new entries: no new checkpoint
    # A C2SP checkpoint: origin, size, base64 root; its signature line names the origin.
    root = selectors.root_at(5)
    assert cp.body == f"yangguang.local/ledger\n5\n{base64.b64encode(root).decode()}\n"
    note = parse_note(selectors.checkpoint_note(cp))
    assert verify_note(note, [key.note_verifier("yangguang.local/ledger")])
    assert cp.key_fingerprint == key.fingerprint
    _fill(2)
    assert make_checkpoint().tree_size == 7  # type: ignore[union-attr]
    report = verify_ledger()
    assert report.ok, report.problems
    assert (report.entries, report.checkpoints) == (7, 2)


def test_checkpoint_if_stale_waits_a_minute(settings: Any) -> None:
    import datetime as dt

    from yangguang.ledger.services import checkpoint_if_stale

    _fill(2)
    first = checkpoint_if_stale()
    assert first is not None and first.tree_size == 2
    _fill(1)
    assert checkpoint_if_stale() is None  # younger than a minute
    Checkpoint.objects.filter(pk=first.pk).update(created_at=first.created_at - dt.timedelta(seconds=61))
    assert checkpoint_if_stale().tree_size == 3  # type: ignore[union-attr]


def test_opportunistic_checkpoint_after_commit(django_capture_on_commit_callbacks: Any) -> None:
    from yangguang.ledger import services

    services._next_stale_check = 0.0
    with django_capture_on_commit_callbacks(execute=True):
        _fill(3)
    assert Checkpoint.objects.get().tree_size == 3


def test_bundle_of_a_case_verifies_standalone() -> None:
    _fill(6)
    doc = append_entry(
        actor=None, subject="documents.document:9", action="document.issue", payload={}, refs=["cases.case:1"]
    )
    _fill(2)
    assert EntryRef.objects.get().seq == doc.seq
    bundle = export_bundle(subjects=["cases.case:1"])
    seqs = [e["seq"] for e in bundle["entries"]]
    assert seqs == [1, 4, 6, 8]  # the case's own entries and the document that refers to it
    assert bundle["checkpoint"]["tree_size"] == 9
    report = verify_bundle(json.loads(json.dumps(bundle)), bundle["public_key"]["fingerprint"])
    assert report.ok, report.messages
    assert report.entries_checked == 4
    h = Hasher("sm3")
    entry = bundle["entries"][0]
    verify_inclusion(
        h,
        entry["seq"],
        9,
        h.leaf(entry["canonical"].encode()),
        [bytes.fromhex(p) for p in entry["proof"]],
        bytes.fromhex(bundle["checkpoint"]["root"]),
    )
    assert len(merkle.inclusion_plan(1, 9)) == len(entry["proof"])

    forged = json.loads(json.dumps(bundle))
    forged["entries"][1]["canonical"] = forged["entries"][1]["canonical"].replace('"i":4', '"i":5')
    bad = verify_bundle(forged)
    assert not bad.ok and bad.messages == ["FAILED: entry 4: inclusion proof leads to a different root"]
    assert not verify_bundle(bundle, "00" * 32).ok
    prefixed = export_bundle(subject_prefixes=["documents."])
    assert [e["seq"] for e in prefixed["entries"]] == [6]


def test_export_of_an_empty_ledger_is_refused() -> None:
    with pytest.raises(DomainError) as exc:
        export_bundle(subjects=["cases.case:1"])
    assert exc.value.message == "记录日志为空，没有可导出的签名检查点"


def test_pure_python_sm3_fallback_gives_the_same_log(monkeypatch: Any) -> None:
    """Where OpenSSL has no SM3, the pure-Python SM3 is used everywhere, with identical hashes."""
    from yangguang.ledger import entries, verifier

    with_openssl = _settled(_fill(5))
    monkeypatch.setattr(verifier, "HAVE_OPENSSL_SM3", False)
    monkeypatch.setattr(entries, "_hashers", {})
    assert entries.hasher_for("sm3").prototypes() is None
    pure = _settled(_fill(4))
    assert make_checkpoint() is not None
    report = verify_ledger()
    assert report.ok, report.problems
    assert report.entries == 9
    data = b"\x00" + pure[0].canonical.encode()
    assert bytes(pure[0].leaf_hash) == verifier.sm3_pure(data) == hashlib.new("sm3", data).digest()
    assert json.loads(pure[0].canonical)["prev"] == bytes(with_openssl[-1].leaf_hash).hex()


def test_entry_text_is_the_canonical_json_of_the_entry() -> None:
    """The hot path writes the entry's text field by field; it must be byte for byte what
    ``canonical_json`` makes of the same document (awkward strings included)."""
    odd = 'q"uote \\ back\tslash \u2028 line \x01 控制 😀 </script>'
    cases: tuple[dict[str, Any], ...] = (
        {
            "action": "case.file",
            "actor": "officer1",
            "files": {},
            "payload": {},
            "prev": "",
            "public": False,
            "refs": [],
            "seq": 0,
            "subject": "cases.case:1",
        },
        {
            "action": odd,
            "actor": odd,
            "files": {odd: "ab" * 32, "a": "b"},
            "prev": "cd" * 32,
            "public": True,
            "payload": {"z": [1, 2.5, None, True], odd: {"d": dt.date(2026, 12, 6), "n": decimal.Decimal("1.50")}},
            "refs": ["b", odd],
            "seq": 123456789,
            "subject": odd,
        },
    )
    for fields in cases:
        for moment in (dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC), dt.datetime(2026, 12, 31, 23, 59, 59)):
            stamp = format_time(moment)
            assert stamp == moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            doc = {**fields, "time": stamp}
            expected = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
            assert entry_text(**fields, stamp=stamp) == canonical_json(doc) == expected
