"""The pinned signing key: generated only by an explicit command, never silently replaced; pinned by
its fingerprint; rotated by a handover entry that the old key signs."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from yangguang.ledger import crypto, keys
from yangguang.ledger.models import Checkpoint, Entry
from yangguang.ledger.services import append_entry, generate_first_key, make_checkpoint, rotate_key
from yangguang.ledger.verify import verify_ledger

pytestmark = pytest.mark.django_db


def _fill(n: int) -> None:
    for i in range(n):
        append_entry(actor=None, subject=f"cases.case:{i}", action="case.step", payload={"i": i})


def _codes(report: Any) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in report.problems]


@pytest.fixture
def empty_key_dir(settings: Any, tmp_path: Path) -> Path:
    settings.LEDGER_KEY_DIR = tmp_path / "no-keys"
    return Path(settings.LEDGER_KEY_DIR)


def test_a_missing_key_is_an_error_and_never_generated(empty_key_dir: Path) -> None:
    _fill(2)
    with pytest.raises(crypto.LedgerKeyError, match="尚未生成记录日志的签名密钥") as exc:
        make_checkpoint()
    assert "python manage.py ledger keygen" in exc.value.message
    assert not empty_key_dir.exists()  # nothing was created behind the operator's back


def test_keygen_is_explicit_and_prints_the_fingerprint_to_pin(empty_key_dir: Path) -> None:
    out = StringIO()
    call_command("ledger", "keygen", stdout=out)
    (fingerprint,) = crypto.load_keys()
    assert f"YG_LEDGER_KEY_FINGERPRINT={fingerprint}" in out.getvalue()
    with pytest.raises(CommandError, match="已有签名密钥"):
        call_command("ledger", "keygen", stdout=StringIO())
    call_command("ledger", "keygen", "--if-missing", stdout=StringIO())  # make run: first run only
    assert list(crypto.load_keys()) == [fingerprint]


def test_a_lost_key_is_restored_from_backup_not_regenerated(ledger_keys: Path) -> None:
    _fill(3)
    cp = make_checkpoint()
    assert cp is not None
    shutil.rmtree(ledger_keys)
    _fill(1)
    with pytest.raises(crypto.LedgerKeyError, match="不在密钥目录") as exc:
        make_checkpoint()
    assert cp.key_fingerprint in exc.value.message and "不要生成新密钥" in exc.value.message
    with pytest.raises(crypto.LedgerKeyError, match="请从备份恢复密钥"):
        generate_first_key()


def test_signing_refuses_a_key_that_is_not_pinned(settings: Any) -> None:
    settings.LEDGER_KEY_FINGERPRINTS = ["ab" * 32]
    _fill(2)
    with pytest.raises(crypto.LedgerKeyError, match="不是配置的固定公钥 YG_LEDGER_KEY_FINGERPRINT"):
        make_checkpoint()


def test_verification_refuses_a_log_signed_by_another_key(settings: Any, ledger_keys: Path, tmp_path: Path) -> None:
    """The insider replaces the key file and re-signs every checkpoint: the log is self-consistent,
    but not signed by the pinned key."""
    _fill(4)
    genuine = make_checkpoint()
    assert genuine is not None
    settings.LEDGER_KEY_FINGERPRINTS = [genuine.key_fingerprint]
    assert verify_ledger().ok
    # The replacement: new key file, checkpoints deleted and signed anew.
    settings.LEDGER_KEY_FINGERPRINTS = []
    shutil.rmtree(ledger_keys)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_checkpoint")
        cursor.execute("DELETE FROM ledger_ledgerkey")
    crypto.generate_key()
    forged = make_checkpoint()
    assert forged is not None and forged.key_fingerprint != genuine.key_fingerprint
    unpinned = verify_ledger()
    assert unpinned.ok  # without a pin, nothing tells the keys apart ...
    assert any("YG_LEDGER_KEY_FINGERPRINT" in c for c in unpinned.caveats)  # ... and verify says so
    settings.LEDGER_KEY_FINGERPRINTS = [genuine.key_fingerprint]
    assert _codes(verify_ledger()) == [
        ("checkpoint_unknown_key", "检查点 4 不是用固定公钥（YG_LEDGER_KEY_FINGERPRINT）签署的")
    ]


def test_rotation_is_a_handover_signed_by_the_old_key(settings: Any, ledger_keys: Path) -> None:
    _fill(3)
    first = make_checkpoint()
    assert first is not None
    old_fp = first.key_fingerprint
    settings.LEDGER_KEY_FINGERPRINTS = [old_fp]
    entry, new = rotate_key(actor=None, reason="年度轮换")
    doc = json.loads(entry.canonical)
    assert (doc["action"], doc["subject"], doc["public"]) == ("ledger.key.handover", "ledger.keys", True)
    assert doc["payload"]["old"] == old_fp and doc["payload"]["new"] == new.fingerprint
    # The checkpoint covering the handover is signed by the new key; the old key file is retired.
    latest = Checkpoint.objects.order_by("-tree_size").first()
    assert latest is not None and latest.tree_size == entry.seq + 1 and latest.key_fingerprint == new.fingerprint
    assert list(crypto.load_keys()) == [new.fingerprint]
    assert (ledger_keys / "retired").is_dir()
    _fill(2)
    assert make_checkpoint().key_fingerprint == new.fingerprint  # type: ignore[union-attr]
    # Pinning the old key trusts the new one through the handover, and the other way round.
    assert verify_ledger().ok, verify_ledger().problems
    settings.LEDGER_KEY_FINGERPRINTS = [new.fingerprint]
    assert verify_ledger().ok
    chain = keys.key_chain()
    assert chain.fingerprints == [old_fp, new.fingerprint]
    assert chain.key_for_size(entry.seq) is not None and chain.key_for_size(entry.seq).fingerprint == old_fp  # type: ignore[union-attr]


def test_a_forged_handover_is_refused(settings: Any) -> None:
    _fill(2)
    cp = make_checkpoint()
    assert cp is not None
    intruder = crypto.generate_key("sm2", Path(settings.LEDGER_KEY_DIR) / "elsewhere")
    append_entry(
        actor="intruder",
        subject=keys.KEYS_SUBJECT,
        action=keys.HANDOVER_ACTION,
        payload={
            "origin": "yangguang.local/ledger",
            "old": cp.key_fingerprint,
            "new": intruder.fingerprint,
            "algorithm": "sm2",
            "public_key": intruder.public_key.hex(),
            "signature": intruder.sign(b"not the old key").hex(),
        },
        public=True,
    )
    handover = Entry.objects.get(subject=keys.KEYS_SUBJECT)
    with pytest.raises(crypto.LedgerKeyError, match=f"第 {handover.seq} 条记录（密钥交接）的签名无效"):
        make_checkpoint()
    assert ("key_handover_invalid", f"第 {handover.seq} 条记录（密钥交接）的签名无效") in _codes(verify_ledger())


def test_a_retired_key_cannot_hand_over_twice(settings: Any) -> None:
    _fill(2)
    make_checkpoint()
    old = next(iter(crypto.load_keys().values()))
    rotate_key(actor=None)
    # The leaked old key signs a second handover, to a key of the intruder.
    intruder = crypto.generate_key("sm2", Path(settings.LEDGER_KEY_DIR) / "elsewhere")
    statement = keys.handover_statement(
        origin="yangguang.local/ledger",
        old_fingerprint=old.fingerprint,
        new_algorithm="sm2",
        new_public_key=intruder.public_key,
    )
    append_entry(
        actor="intruder",
        subject=keys.KEYS_SUBJECT,
        action=keys.HANDOVER_ACTION,
        payload={
            "origin": "yangguang.local/ledger",
            "old": old.fingerprint,
            "new": intruder.fingerprint,
            "algorithm": "sm2",
            "public_key": intruder.public_key.hex(),
            "signature": old.sign(statement).hex(),
        },
        public=True,
    )
    report = verify_ledger()
    assert any(p.code == "key_handover_invalid" and "不是由当前签名密钥交出的" in p.message for p in report.problems)
