"""The tamper suite (篡改测试): what an insider with access to the database (and, where said, to the
key directory) can do to the record, each caught by ``ledger verify --trusted …``.

Each case builds a log, has it checkpointed, cosigned by a witness (C2SP tlog-witness, in-process)
and pinned (``YG_LEDGER_KEY_FINGERPRINT``), keeps the checkpoint the witness holds (and, where said,
the mirror of the published checkpoints) outside the database, tampers, and runs the command. What
verification cannot catch is listed in docs/ledger.md ("Threat model") with the reason.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from yangguang.ledger import crypto, keys, witness, witnessing
from yangguang.ledger.models import Checkpoint, Cosignature, Entry, LedgerHead
from yangguang.ledger.services import append_entry, canonical_json, make_checkpoint
from yangguang.ledger.tests.tampering import H, canonical_of, record_logins, rehash_from, sql, truncate
from yangguang.publicity.tests.conftest import decide  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
ORIGIN = "yangguang.local/ledger"


@dataclass
class Log:
    size: int
    trusted: Path  # the checkpoint the witness holds (a C2SP note with its cosignature)
    mirror: Path  # every published checkpoint, as a mirror of /ledger/checkpoints.json keeps them
    records: dict[str, Any]


def _witness_in_process(tmp_path: Path, monkeypatch: Any, settings: Any) -> witness.Witness:
    """A witness with its own state directory, reached through the witness client's HTTP call."""
    directory = tmp_path / "witness"
    w = witness.init(directory, "witness.justice.example/w1", "ed25519")
    key = next(iter(crypto.load_keys().values()))
    witness.add_log(directory, key.note_verifier(ORIGIN).vkey, "sm3")
    w = witness.Witness(directory)

    def post(url: str, body: bytes, timeout: float) -> tuple[int, str, str]:
        try:
            return 200, "text/plain", w.add_checkpoint(body)
        except witness.WitnessError as exc:
            return exc.status, exc.content_type, exc.message

    monkeypatch.setattr(witnessing, "_post", post)
    settings.LEDGER_WITNESSES = [f"https://witness.example {w.verifier.vkey}"]
    return w


def _publish_outside(w: witness.Witness, tmp_path: Path) -> tuple[Path, Path]:
    trusted = tmp_path / "trusted-checkpoint.txt"
    trusted.write_text(w.latest(ORIGIN)[2], encoding="utf-8")
    mirror = tmp_path / "mirror.json"
    mirror.write_text(Client().get("/ledger/checkpoints.json").content.decode(), encoding="utf-8")
    return trusted, mirror


def _plain_entries(n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        append_entry(actor="system", subject=f"test.thing:{i}", action="test.step", payload={"i": i, "金额": 200})


@pytest.fixture
def log(tmp_path: Path, monkeypatch: Any, settings: Any, officer: Any, officer2: Any, decide: Any) -> Log:  # noqa: F811
    """A log of real records (a login made by the services, a decided case with its document and
    publication, an evidence file) and plain entries, checkpointed at 4 and at the end, the end
    cosigned by the witness; the key pinned; every entry must be witnessed (interval 0)."""
    from yangguang.evidence.services import EvidenceMeta, ingest_stream
    from yangguang.evidence.tests.conftest import mp4
    from yangguang.roster.services import create_user

    settings.MEDIA_ROOT = tmp_path / "media"
    record_logins(officer, officer2)
    _plain_entries(2)
    make_checkpoint()  # size 4
    clerk = create_user(username="clerk", password="Yangguang-2026", role="officer", actor=None, agency=officer.agency)
    case = decide()
    evidence = ingest_stream(
        case=case, actor=officer, meta=EvidenceMeta(kind="video", filename="现场.mp4"), stream=io.BytesIO(mp4())
    )
    _plain_entries(3, start=2)
    w = _witness_in_process(tmp_path, monkeypatch, settings)
    make_checkpoint()
    assert [o.ok for o in witnessing.cosign_latest()] == [True]
    settings.LEDGER_KEY_FINGERPRINTS = [next(iter(crypto.load_keys()))]
    settings.LEDGER_CHECKPOINT_INTERVAL = 0
    trusted, mirror = _publish_outside(w, tmp_path)
    size = LedgerHead.objects.get().size
    records = {"case": case, "evidence": evidence, "clerk": clerk, "witness": w}
    return Log(size, trusted, mirror, records)


def verify(log: Log, *sources: Path) -> tuple[int, str]:
    out = StringIO()
    args = ["ledger", "verify", "--workers", "1"]
    for source in sources or (log.trusted,):
        args += ["--trusted", str(source)]
    try:
        call_command(*args, stdout=out)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_the_untouched_log_verifies(log: Log) -> None:
    code, out = verify(log, log.trusted, log.mirror)
    assert code == 0, out
    assert f"签名检查点覆盖至第 {log.size} 条；见证人联署覆盖至第 {log.size} 条" in out
    assert "已与业务记录对账：" in out and "办案步骤" in out and "公示文本" in out


def _seq_of(action: str) -> int:
    return int(Entry.objects.filter(action=action).order_by("seq").values_list("seq", flat=True)[0])


def _resign(log: Log) -> None:
    """The key holder re-signs: checkpoints after the change are deleted and signed anew."""
    sql("DELETE FROM ledger_cosignature")
    sql("DELETE FROM ledger_checkpoint WHERE tree_size > 4")
    make_checkpoint()


# --- The tamper types ----------------------------------------------------------------------------------


def edit_content(log: Log) -> None:
    sql("UPDATE ledger_entry SET canonical = %s WHERE seq = 5", [canonical_of(5).replace('"officer"', '"officer2"')])


def edit_content_and_leaf(log: Log) -> None:
    text = canonical_of(3).replace('"金额":200', '"金额":20')
    sql("UPDATE ledger_entry SET canonical = %s, leaf_hash = %s WHERE seq = 3", [text, H.leaf(text.encode())])


def delete_entry(log: Log) -> None:
    sql("DELETE FROM ledger_entry WHERE seq = 6")


def delete_first_entry(log: Log) -> None:
    sql("DELETE FROM ledger_entry WHERE seq = 0")


def _shift_up_from(seq: int) -> None:
    sql("UPDATE ledger_entry SET seq = -seq - 1 WHERE seq >= %s", [seq])
    sql("UPDATE ledger_entry SET seq = -seq WHERE seq < 0")


def _insert_row(seq: int, text: str) -> None:
    sql(
        "INSERT INTO ledger_entry (seq, recorded_at, actor, subject, action, public, canonical, leaf_hash, nodes)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        [seq, timezone.now(), "intruder", "test.thing:99", "test.step", False, text, H.leaf(text.encode()), b""],
    )


def insert_fitting_entry(log: Log) -> None:
    doc = json.loads(canonical_of(3))
    doc["payload"] = {"i": 3, "金额": 0}
    _shift_up_from(3)
    _insert_row(3, canonical_json(doc))


def insert_copy(log: Log) -> None:
    copied = canonical_of(2)
    _shift_up_from(7)
    _insert_row(7, copied)


def swap_entries(log: Log) -> None:
    sql("UPDATE ledger_entry SET seq = -1 WHERE seq = 2")
    sql("UPDATE ledger_entry SET seq = 2 WHERE seq = 8")
    sql("UPDATE ledger_entry SET seq = 8 WHERE seq = -1")


def edit_subtree_hash(log: Log) -> None:
    sql("UPDATE ledger_entry SET nodes = %s WHERE seq = 7", [b"\x00" * 96])


def _pay_less(seq: int, doc: dict[str, Any]) -> None:
    if seq == 3:
        doc["payload"]["金额"] = 2


def rewrite_all_later_hashes(log: Log) -> None:
    rehash_from(3, _pay_less)


def rewrite_and_resign(log: Log) -> None:
    rehash_from(6, lambda seq, doc: doc.update(actor="intruder") if seq == 6 else None)
    _resign(log)


def replace_key_and_resign(log: Log, settings: Any) -> None:
    pinned = settings.LEDGER_KEY_FINGERPRINTS
    settings.LEDGER_KEY_FINGERPRINTS = []
    shutil.rmtree(crypto.key_dir())
    sql("DELETE FROM ledger_cosignature")
    sql("DELETE FROM ledger_checkpoint")
    sql("DELETE FROM ledger_ledgerkey")
    crypto.generate_key()
    rehash_from(6, lambda seq, doc: doc.update(actor="intruder") if seq == 6 else None)
    make_checkpoint()
    settings.LEDGER_KEY_FINGERPRINTS = pinned


def edit_checkpoint(log: Log) -> None:
    cp = Checkpoint.objects.get(tree_size=4)
    origin, size, _root = cp.body.splitlines()
    sql("UPDATE ledger_checkpoint SET body = %s WHERE id = %s", [f"{origin}\n{size}\n{'A' * 43}=\n", cp.pk])


def edit_checkpoint_root_column(log: Log) -> None:
    sql("UPDATE ledger_checkpoint SET root = %s WHERE tree_size = 4", ["00" * 32])


def reorder_checkpoint_times(log: Log) -> None:
    sql("UPDATE ledger_checkpoint SET created_at = %s WHERE tree_size = %s", [timezone.now(), 4])


def delete_all_checkpoints(log: Log) -> None:
    sql("DELETE FROM ledger_cosignature")
    sql("DELETE FROM ledger_checkpoint")


def delete_newest_checkpoint(log: Log) -> None:
    sql("DELETE FROM ledger_cosignature")
    sql("DELETE FROM ledger_checkpoint WHERE tree_size = %s", [log.size])


def edit_head_size(log: Log) -> None:
    sql("UPDATE ledger_ledgerhead SET size = size + 1")


def edit_head_hashes(log: Log) -> None:
    sql("UPDATE ledger_ledgerhead SET frontier = %s", [b"\x01" * 32])


def delete_head(log: Log) -> None:
    sql("DELETE FROM ledger_ledgerhead")


def truncate_witnessed(log: Log) -> None:
    """Cut into what the witness cosigned, then have the log re-signed and grown again."""
    truncate(log.size - 3)
    _plain_entries(1, start=50)
    make_checkpoint()


def truncate_published_tail(log: Log, settings: Any) -> None:
    """Entries after the witnessed checkpoint, in a checkpoint that was only published: cut them
    and that checkpoint. The witness saw nothing; the mirror of the published checkpoints did."""
    settings.LEDGER_CHECKPOINT_INTERVAL = 60  # the tail is recent: not yet due for witnessing
    _plain_entries(3, start=20)
    make_checkpoint()
    log.mirror.write_text(Client().get("/ledger/checkpoints.json").content.decode(), encoding="utf-8")
    truncate(log.size)


def append_forged_entry_and_resign(log: Log) -> None:
    """An entry about a step that never happened, appended properly and signed with the key."""
    case = log.records["case"]
    append_entry(
        actor="officer",
        subject=case.subject_label,
        action="cases.record",
        payload={"case": case.number, "step": 99, "label": "补录：当事人放弃陈述申辩"},
    )
    _resign(log)


def change_step(log: Log) -> None:
    case = log.records["case"]
    sql("UPDATE cases_step SET reason = %s WHERE case_id = %s AND seq = 2", ["事后补写的理由", case.pk])


def delete_step(log: Log) -> None:
    case = log.records["case"]
    sql("DELETE FROM cases_step WHERE case_id = %s AND seq = 2", [case.pk])


def insert_step(log: Log) -> None:
    from yangguang.cases.models import Step

    case = log.records["case"]
    step = Step.objects.get(case=case, seq=2)
    step.pk, step.seq, step.ledger_seq, step.label = None, 3, None, "补录的询问笔录"
    step.save()


def change_document_hash(log: Log) -> None:
    sql("UPDATE documents_storedfile SET sha256 = %s", ["ab" * 32])


def change_evidence_hash(log: Log) -> None:
    sql("UPDATE evidence_evidence SET sm3 = %s WHERE id = %s", ["cd" * 32, log.records["evidence"].pk])


def change_published_text(log: Log) -> None:
    sql("UPDATE publicity_publicationversion SET redacted_text = redacted_text || %s", ["（补充）"])


def change_login_role(log: Log) -> None:
    sql("UPDATE roster_user SET role = %s WHERE id = %s", ["agency_head", log.records["clerk"].pk])


def insert_login(log: Log) -> None:
    from yangguang.roster.tests.factories import UserFactory

    UserFactory(username="backdoor", role="agency_head", agency=log.records["clerk"].agency)


def flip_public_column(log: Log) -> None:
    sql("UPDATE ledger_entry SET public = %s WHERE seq = 2", [True])


def delete_reference_index(log: Log) -> None:
    sql("DELETE FROM ledger_entryref WHERE seq = %s", [_seq_of("evidence.add")])


def forge_cosignature(log: Log) -> None:
    cosig = Cosignature.objects.get()
    head, _, b64 = cosig.line.rstrip("\n").rpartition(" ")
    forged = b64[:-8] + ("AAAAAAA=" if not b64.endswith("AAAAAAA=") else "BBBBBBB=")
    sql("UPDATE ledger_cosignature SET line = %s", [f"{head} {forged}\n"])


def delete_cosignatures(log: Log) -> None:
    sql("DELETE FROM ledger_cosignature")


def forge_handover(log: Log) -> None:
    intruder = crypto.generate_key("sm2", crypto.key_dir() / "elsewhere")
    old = Checkpoint.objects.order_by("tree_size").first()
    assert old is not None
    append_entry(
        actor="intruder",
        subject=keys.KEYS_SUBJECT,
        action=keys.HANDOVER_ACTION,
        payload={
            "origin": ORIGIN,
            "old": old.key_fingerprint,
            "new": intruder.fingerprint,
            "algorithm": "sm2",
            "public_key": intruder.public_key.hex(),
            "signature": intruder.sign(b"a statement the old key never signed").hex(),
        },
        public=True,
    )


@dataclass(frozen=True)
class Tamper:
    act: Callable[..., None]
    code: str  # the problem code ``ledger verify`` reports first
    message: str = ""  # a part of its message
    trusted: str = "witness"  # the outside checkpoint used: the witness's, or the published mirror


TAMPERS: dict[str, Tamper] = {
    "edit an entry's content": Tamper(edit_content, "entry_edited", "第 5 条记录被修改"),
    "edit an entry and its stored leaf hash": Tamper(edit_content_and_leaf, "entry_edited", "第 3 条记录被修改"),
    "delete an entry": Tamper(delete_entry, "entry_deleted", "第 6 条记录被删除"),
    "delete the first entry": Tamper(delete_first_entry, "entry_deleted", "第 0 条记录被删除"),
    "insert an entry that fits the chain": Tamper(insert_fitting_entry, "entry_inserted", "第 3 条记录是插入的"),
    "insert a copy of an earlier entry": Tamper(insert_copy, "entry_inserted", "第 7 条记录是插入的"),
    "swap two entries": Tamper(swap_entries, "entry_reordered", "第 2 条记录的顺序被调换（与第 8 条）"),
    "edit a stored subtree hash": Tamper(edit_subtree_hash, "entry_edited", "第 7 条记录被修改"),
    "rewrite an entry and every later hash": Tamper(
        rewrite_all_later_hashes, "checkpoint_root_mismatch", "在签名后被改写"
    ),
    "rewrite and re-sign with the log's key": Tamper(rewrite_and_resign, "log_rewritten", "日志被改写"),
    "replace the key and re-sign everything": Tamper(
        replace_key_and_resign, "checkpoint_unknown_key", "不是用固定公钥（YG_LEDGER_KEY_FINGERPRINT）签署的"
    ),
    "edit a checkpoint": Tamper(edit_checkpoint, "checkpoint_signature_invalid", "检查点 4 的签名无效"),
    "edit a checkpoint's root column": Tamper(edit_checkpoint_root_column, "checkpoint_mismatch"),
    "reorder checkpoint times": Tamper(reorder_checkpoint_times, "checkpoint_order"),
    "delete every checkpoint": Tamper(delete_all_checkpoints, "coverage_gap", "仍未纳入签名检查点"),
    "delete the newest checkpoint": Tamper(delete_newest_checkpoint, "coverage_gap"),
    "edit the head's size": Tamper(edit_head_size, "entry_deleted"),
    "edit the head's hashes": Tamper(edit_head_hashes, "head_mismatch"),
    "delete the head": Tamper(delete_head, "head_missing"),
    "truncate before the last witnessed checkpoint": Tamper(truncate_witnessed, "log_truncated", "日志被截断"),
    "truncate after the last witnessed checkpoint": Tamper(
        truncate_published_tail, "log_truncated", "日志被截断", trusted="mirror"
    ),
    "append a forged entry and re-sign": Tamper(
        append_forged_entry_and_resign, "record_missing", "所记的案件 杭市监简案〔2026〕1号 第 99 步不存在"
    ),
    "change a case step outside the services": Tamper(change_step, "record_differs", "第 2 步与第"),
    "delete a case step": Tamper(delete_step, "record_missing", "第 2 步不存在"),
    "insert a case step without an entry": Tamper(insert_step, "record_without_entry", "第 3 步没有对应的记录条目"),
    "change an issued document's file hash": Tamper(change_document_hash, "record_differs", "文件 SHA-256"),
    "change an evidence file's hash": Tamper(change_evidence_hash, "record_differs", "SM3"),
    "change a published text": Tamper(change_published_text, "record_differs", "公开文本"),
    "give a login another role": Tamper(change_login_role, "record_differs", "登录账号 clerk与第"),
    "insert a login without an entry": Tamper(insert_login, "record_without_entry", "登录账号 backdoor"),
    "flip an entry's public column": Tamper(flip_public_column, "entry_columns", "第 2 条记录的索引列"),
    "delete an entry's reference index row": Tamper(delete_reference_index, "entry_refs"),
    "forge a cosignature": Tamper(forge_cosignature, "cosignature_invalid"),
    "delete the cosignatures": Tamper(delete_cosignatures, "witness_gap", "仍未经见证人联署"),
    "forge a key handover": Tamper(forge_handover, "key_handover_invalid", "（密钥交接）的签名无效"),
}


@pytest.mark.parametrize("name", list(TAMPERS))
def test_tampering_is_detected(name: str, log: Log, settings: Any) -> None:
    tamper = TAMPERS[name]
    if "settings" in tamper.act.__code__.co_varnames[: tamper.act.__code__.co_argcount]:
        tamper.act(log, settings)
    else:
        tamper.act(log)
    code, out = verify(log, log.mirror if tamper.trusted == "mirror" else log.trusted)
    assert code == 1, out
    reported = [line for line in out.splitlines() if f"({tamper.code}" in line]
    assert reported, out
    assert tamper.message in "\n".join(reported), out


def test_the_suite_covers_at_least_24_types() -> None:
    assert len(TAMPERS) >= 24
