"""End to end over real HTTP (issue 13, "Done when"): a penalty decision whose facts name a
complainant, a witness with a compound surname, the party's phone written 138-xxxx-xxxx and a plate
is published with all of them masked and the company name, amount, date and articles intact; after
a correction that masks one more word and after a withdrawal, no public URL — page, list, search,
API, feed, CSV, ledger entries, history — returns the earlier words."""

from __future__ import annotations

import urllib.request
from typing import Any

import pytest
from django.utils import timezone

from yangguang.jobs import outbox
from yangguang.publicity import services
from yangguang.publicity.models import Publication, PublicationVersion

from .conftest import org_party

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMPLAINANT, WITNESS, PHONE, PLATE = "宋晓梅", "欧阳振华", "138-5712-3456", "浙A·7K3D9"
FACTS = (
    f"2026年3月2日，本局接到投诉人{COMPLAINANT}举报，称当事人在文一路鲜果铺门前占道堆放货物。"
    f"经查属实，证人{WITNESS}称货物系当事人的运输车辆{PLATE}卸下；当事人联系电话{PHONE}。"
)
EXTRA_WORD = "鲜果铺"  # masked by the correction
ARTICLE = "《杭州市城市市容和环境卫生管理条例》第五十条"


def _get(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=30) as resp:
        assert resp.status == 200, path
        return str(resp.read().decode("utf-8"))


def _public_urls(pub: Publication) -> list[str]:
    seqs = [s for s in PublicationVersion.objects.filter(publication=pub).values_list("ledger_seq", flat=True) if s]
    from yangguang.ledger.models import Entry

    seqs += list(Entry.objects.filter(subject=pub.subject_label, public=True).values_list("seq", flat=True))
    return [
        f"/public/decisions/{pub.pk}/",
        "/public/decisions/",
        "/public/decisions/?q=%E5%8D%A0%E9%81%93",  # 占道
        f"/api/publicity/decisions/{pub.pk}",
        "/api/publicity/decisions",
        "/public/open-data/decisions.atom",
        "/public/open-data/decisions.csv",
        *[f"/api/ledger/entries/{seq}" for seq in sorted(set(seqs))],
    ]


def _unquoted(body: str) -> str:
    # JSON bodies escape nothing in Chinese here, but be safe about \\uXXXX escapes.
    return body.encode().decode("unicode_escape") if "\\u" in body else body


def test_published_corrected_withdrawn_and_nothing_private_public(
    live_server: Any, decide: Any, officer: Any, agency_head: Any
) -> None:
    base = live_server.url
    persons = [{"role": "complainant", "name": COMPLAINANT}, {"role": "witness", "name": WITNESS}]
    case = decide(org_party(), facts=FACTS, persons=persons, title="杭州阳光食品有限公司占道堆放货物案")
    outbox.drain()
    pub = Publication.objects.get(case=case)
    assert pub.status == "published"

    bodies = {path: _unquoted(_get(base, path)) for path in _public_urls(pub)}
    page = bodies[f"/public/decisions/{pub.pk}/"]
    for kept in ("杭州阳光食品有限公司", "罚款50.00元", timezone.localdate().strftime("%Y年%m月%d日"), ARTICLE):
        assert kept in page, kept
    assert "宋某某" in page and "欧阳某某" in page and EXTRA_WORD in page
    for path, body in bodies.items():
        for secret in (COMPLAINANT, WITNESS, "晓梅", "振华", PHONE, "5712", PLATE, "7K3D9"):
            assert secret not in body, (path, secret)

    # A correction that masks one more word: no URL returns it any more (the history says only
    # that, when and why).
    services.add_redactions(publication=pub, terms=[EXTRA_WORD], actor=agency_head)
    pub.refresh_from_db()
    assert pub.version == 2
    bodies = {path: _unquoted(_get(base, path)) for path in _public_urls(pub)}
    assert "补充遮蔽个人信息" in bodies[f"/public/decisions/{pub.pk}/"]
    for path, body in bodies.items():
        assert EXTRA_WORD not in body, path

    # Withdrawal: the decision's words leave every public URL, the ledger entries included (the
    # withdrawal notice keeps the number and the redacted title, saying which decision it was).
    services.withdraw_publication(
        publication=pub, ground="revoked", reason="原处罚决定经行政复议予以撤销", actor=agency_head
    )
    outbox.drain()
    pub.refresh_from_db()
    bodies = {path: _unquoted(_get(base, path)) for path in _public_urls(pub)}
    assert "原处罚决定经行政复议予以撤销" in bodies[f"/public/decisions/{pub.pk}/"]
    for path, body in bodies.items():
        for words in ("门前", "卸下", "运输车辆", "宋某某", "欧阳某某", "罚款50.00元", EXTRA_WORD):
            assert words not in body, (path, words)
    assert not PublicationVersion.objects.filter(publication=pub).exclude(salt="").exists()
