"""``documents verify`` finds a document file that was edited or deleted on disk, or whose hash
was edited in the database, and passes when nothing was touched."""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from yangguang.documents.models import StoredFile
from yangguang.documents.tests.helpers import file_of, issue

pytestmark = pytest.mark.django_db


def _verify() -> str:
    out = StringIO()
    call_command("documents", "verify", stdout=out)
    return out.getvalue()


def test_untouched_documents_pass(agency: Any, officer: Any) -> None:
    issue(agency, officer)
    issue(agency, officer, "inquiry_record")
    assert _verify().strip() == "全部 2 份文书文件校验通过（SHA-256、SM3 与记录条目一致）"


def test_edited_file_is_found(agency: Any, officer: Any, media_root: Path) -> None:
    ok = issue(agency, officer, "penalty_notice")
    document = issue(agency, officer)
    path = media_root / file_of(document).name
    path.write_bytes(path.read_bytes() + b"\0")
    err = StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("documents", "verify", stdout=StringIO(), stderr=err)
    assert str(exc.value) == "1 份文书校验失败（共 2 份）"
    assert err.getvalue().strip() == (
        f"#{document.pk} 行政处罚决定书（杭市监罚〔2026〕1号）：文件内容与登记的哈希不一致：{file_of(document).name}"
    )
    assert f"#{ok.pk} " not in err.getvalue()


def test_deleted_file_is_found(agency: Any, officer: Any, media_root: Path) -> None:
    document = issue(agency, officer)
    (media_root / file_of(document).name).unlink()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("documents", "verify", stdout=StringIO(), stderr=err)
    assert f"文件缺失：{file_of(document).name}" in err.getvalue()


def test_swapped_file_and_hash_disagree_with_the_ledger(agency: Any, officer: Any, media_root: Path) -> None:
    """Someone replaces the file and updates the hashes in the database to match: the ledger
    entry written at issue still holds the original hashes."""
    document = issue(agency, officer)
    forged = b"forged"
    (media_root / file_of(document).name).write_bytes(forged)
    StoredFile.objects.filter(pk=file_of(document).pk).update(
        sha256=hashlib.sha256(forged).hexdigest(), sm3=hashlib.new("sm3", forged).hexdigest()
    )
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("documents", "verify", stdout=StringIO(), stderr=err)
    assert "文件哈希与记录条目不一致" in err.getvalue()


def test_types_listing() -> None:
    out = StringIO()
    call_command("documents", "types", stdout=out)
    assert "penalty_decision\t行政处罚决定书\t罚〔年〕号\t必填：case_number, party" in out.getvalue()
