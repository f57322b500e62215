"""The leak scanner reads every public surface as served (page, list, API, feed, CSV, ledger
entry) and reports a planted leak on each; a clean publication gives no hit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yangguang.ledger.services import append_entry
from yangguang.publicity.leakscan import _text_of, _without_hashes, scan_surfaces
from yangguang.publicity.models import Publication, PublicationVersion

pytestmark = pytest.mark.django_db
PLANTED = "13912345678"


def test_clean_then_a_planted_leak_on_each_surface(decide: Any, officer: Any) -> None:
    pub = Publication.objects.get(case=decide(facts="当事人在人行道上占道经营，证人王小明称多次劝阻。"))
    assert scan_surfaces() == []
    call_command("scan_leaks")  # exit 0: nothing found

    # A title that leaks reaches the pages, the API, the feed and the CSV; a ledger entry that
    # carries a phone reaches the entry endpoint.
    Publication.objects.filter(pk=pub.pk).update(title=f"占道经营案（联系电话{PLANTED}）")
    entry = append_entry(
        actor=officer, subject=pub.subject_label, action="publicity.correct", payload={"note": PLANTED}, public=True
    )
    PublicationVersion.objects.filter(publication=pub).update(ledger_seq=entry.seq)
    found = {(leak.where.split(" ")[0].split("：")[0], leak.text) for leak in scan_surfaces()}
    surfaces = {where for where, text in found if text == PLANTED}
    assert surfaces >= {"公示列表页", "接口", "Atom", "CSV", "公示页面", "记录条目"}, found
    with pytest.raises(CommandError):
        call_command("scan_leaks")


def test_hashes_are_not_read_as_numbers() -> None:
    # A salted commitment shown on the public page may hold a run of digits that looks like a mobile.
    text = "承诺值 9f3a14075447361e0b2c7d5e 当事人电话13912345678；身份证号码 330106199001011234"
    cleaned = _without_hashes(text)
    assert "14075447361" not in cleaned
    assert "13912345678" in cleaned and "330106199001011234" in cleaned


def test_json_fields_are_read_one_by_one() -> None:
    body = '{"seq": 5, "canonical": "164 2026-12-06", "entry": {"id": "164", "on": "2026-12-06"}}'
    assert "164\n。\n2026-12-06" in _text_of(body, "application/json")
    assert "164 2026-12-06" not in _text_of(body, "application/json")
