"""``manage.py ledger``: checkpoint, checkpointer loop, export, status."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from yangguang.ledger.models import Checkpoint
from yangguang.ledger.services import append_entry
from yangguang.ledger.verifier import verify_bundle

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("ledger", *args, stdout=out)
    return out.getvalue()


def test_checkpoint_once() -> None:
    assert "记录日志为空" in _run("checkpoint")
    append_entry(actor=None, subject="cases.case:1", action="case.file", payload={})
    assert "checkpoint: size 1 root" in _run("checkpoint")
    assert Checkpoint.objects.count() == 1


def test_checkpointer_signs_while_there_are_new_entries() -> None:
    append_entry(actor=None, subject="cases.case:1", action="case.file", payload={})
    out = _run("checkpointer", "--interval", "0", "--max-runs", "3")
    assert out.count("checkpoint: size 1") == 1  # one checkpoint per new tree size, not per run
    assert list(Checkpoint.objects.values_list("tree_size", flat=True)) == [1]


def test_export_and_status(tmp_path: Path) -> None:
    for i in range(4):
        append_entry(actor=None, subject=f"cases.case:{i % 2}", action="case.step", payload={"i": i})
    target = tmp_path / "case1.json"
    assert "导出 2 条记录" in _run("export", "--subject", "cases.case:1", "-o", str(target))
    assert verify_bundle(json.loads(target.read_text(encoding="utf-8"))).ok
    status = _run("status")
    assert "size 4 hash sm3" in status and "latest checkpoint: size 4" in status
    with pytest.raises(CommandError, match="请用 --subject、--prefix 或 --seq 选择要导出的记录"):
        _run("export", "-o", str(target))
