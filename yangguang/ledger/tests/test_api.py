"""The ledger API: checkpoint and key, entries and proofs (public vs signed-in), consistency."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.ledger.models import Entry
from yangguang.ledger.services import append_entry, make_checkpoint
from yangguang.ledger.verifier import (
    Hasher,
    parse_checkpoint_text,
    parse_note,
    parse_vkey,
    verify_consistency,
    verify_inclusion,
    verify_note,
)

pytestmark = pytest.mark.django_db
H = Hasher("sm3")


@pytest.fixture
def entries() -> list[Entry]:
    out = [
        append_entry(
            actor=None, subject=f"publicity.disclosure:{i}", action="publish", payload={"i": i}, public=i % 2 == 0
        )
        for i in range(7)
    ]
    make_checkpoint()
    return out


def test_checkpoint_and_public_key_are_public(public: Any, entries: list[Entry]) -> None:
    data = public.get("/api/ledger/checkpoint").json()
    assert data["tree_size"] == 7 and data["hash"] == "sm3"
    cp, key = data["checkpoint"], data["public_key"]
    assert cp["tree_size"] == 7 and key["algorithm"] == "sm2" and key["user_id"] == "1234567812345678"
    assert cp["key_fingerprint"] == key["fingerprint"] and cp["format"] == "note"
    # A C2SP checkpoint, signed by the key published as a verifier key under the log's origin.
    log_key = parse_vkey(key["vkey"])
    assert log_key.name == key["origin"] == "yangguang.local/ledger" and log_key.fingerprint == key["fingerprint"]
    note = parse_note(cp["note"])
    assert list(verify_note(note, [log_key])) == [log_key]
    body = parse_checkpoint_text(note.text)
    assert (body.origin, body.size, body.root.hex()) == ("yangguang.local/ledger", 7, cp["root"])
    assert public.get("/api/ledger/public-key").json() == key


def test_public_entry_and_proof_without_login(public: Any, entries: list[Entry]) -> None:
    data = public.get("/api/ledger/entries/4").json()
    assert data["public"] is True and data["entry"]["payload"] == {"i": 4}
    proof = public.get("/api/ledger/entries/4/proof").json()
    assert proof["tree_size"] == 7 and proof["checkpoint"]["tree_size"] == 7
    verify_inclusion(
        H,
        4,
        7,
        H.leaf(data["canonical"].encode()),
        [bytes.fromhex(p) for p in proof["proof"]],
        bytes.fromhex(proof["checkpoint"]["root"]),
    )


def test_other_entries_need_login(public: Any, officer: Any, entries: list[Entry]) -> None:
    for url in ("/api/ledger/entries/3", "/api/ledger/entries/3/proof"):
        response = public.get(url)
        assert response.status_code == 401
        assert response.json() == {"code": "not_authenticated", "message": "该记录不公开，需要登录后查看"}
    # signed in, a non-public entry is shown only to who may read its subject (fail closed for a
    # kind of subject without rules)
    public.force_login(officer)
    refused = public.get("/api/ledger/entries/3")
    assert refused.status_code == 403
    assert refused.json() == {"code": "forbidden", "message": "该记录的对象类型没有登记访问规则，不予显示"}
    assert public.get("/api/ledger/entries/3/proof").status_code == 403
    own = append_entry(actor=None, subject=f"roster.agency:{officer.agency_id}", action="x", payload={})
    make_checkpoint()
    assert public.get(f"/api/ledger/entries/{own.seq}").json()["public"] is False
    assert public.get(f"/api/ledger/entries/{own.seq}/proof").status_code == 200


def test_flipping_the_public_column_does_not_expose_an_entry(public: Any, entries: list[Entry]) -> None:
    Entry.objects.filter(seq=3).update(public=True)
    assert public.get("/api/ledger/entries/3").status_code == 401


def test_proof_against_an_explicit_size_and_errors(public: Any, entries: list[Entry]) -> None:
    data = public.get("/api/ledger/entries/2/proof?tree_size=3").json()
    assert data["checkpoint"] is None and data["tree_size"] == 3
    assert len(data["proof"]) == 1
    bad = public.get("/api/ledger/entries/2/proof?tree_size=99")
    assert bad.status_code == 400
    assert bad.json() == {"code": "invalid_tree_size", "message": "树大小 99 无效：当前日志共有 7 条记录"}
    missing = public.get("/api/ledger/entries/70")
    assert missing.status_code == 404
    assert missing.json() == {"code": "entry_not_found", "message": "第 70 条记录不存在"}
    append_entry(actor=None, subject="x:1", action="publish", payload={}, public=True)
    late = public.get("/api/ledger/entries/7/proof")
    assert late.status_code == 400
    assert late.json() == {
        "code": "not_checkpointed",
        "message": "第 7 条记录尚未纳入签名检查点，请稍后再试（检查点至少每分钟生成一次）",
    }


def test_consistency_proof(public: Any, entries: list[Entry]) -> None:
    old_root = public.get("/api/ledger/checkpoint").json()["checkpoint"]["root"]
    for i in range(5):
        append_entry(actor=None, subject=f"x:{i}", action="publish", payload={})
    make_checkpoint()
    data = public.get("/api/ledger/consistency?first=7&second=12").json()
    assert data["first_root"] == old_root
    verify_consistency(
        H, 7, 12, [bytes.fromhex(p) for p in data["proof"]], bytes.fromhex(old_root), bytes.fromhex(data["second_root"])
    )
    bad = public.get("/api/ledger/consistency?first=9&second=3")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_tree_size"
