"""Public ledger entries of publications carry no text: they commit to the public fields by a
salted hash; the salt is served while published and deleted on withdrawal and expiry; the public
correction history says that, when and why — never an earlier text."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from yangguang.ledger.models import Entry
from yangguang.publicity import services
from yangguang.publicity.models import Publication, PublicationVersion

pytestmark = pytest.mark.django_db


def _entry(seq: int | None) -> dict[str, Any]:
    assert seq is not None
    return json.loads(Entry.objects.get(seq=seq).canonical)


def _check(pub: Publication, version: PublicationVersion, payload: dict[str, Any]) -> bool:
    canonical = services.committed_fields(
        title=pub.title,
        party=pub.party_label,
        conclusion=pub.conclusion,
        text=version.redacted_text,
        reason=version.reason,
    )
    return payload["commitment"] == services.commitment_of(version.salt, canonical)


def test_entries_commit_without_text_and_salts_go_with_withdrawal(decide: Any, officer: Any, client: Any) -> None:
    pub = Publication.objects.get(case=decide(facts="当事人在人行道上占道经营，证人李小龙称多次劝阻。"))
    v1 = PublicationVersion.objects.get(publication=pub, version=1)
    first = _entry(pub.ledger_seq)
    payload = first["payload"]
    assert set(payload) >= {"commitment", "commitment_alg", "number", "version"}
    for word in ("人行道", "占道", pub.title, pub.party_label, "text", "title", "party", "conclusion"):
        assert word not in json.dumps(payload, ensure_ascii=False), word
    assert len(v1.salt) == 32 and _check(pub, v1, payload)

    # A correction that masks one more word: a new version, a new salt; the page shows no old text.
    services.add_redactions(publication=pub, terms=["人行道"], actor=officer)
    pub.refresh_from_db()
    v2 = PublicationVersion.objects.get(publication=pub, version=2)
    assert _check(pub, v2, _entry(v2.ledger_seq)["payload"])
    assert "人行道" not in json.dumps(_entry(v2.ledger_seq), ensure_ascii=False)
    page = client.get(f"/public/decisions/{pub.pk}/").content.decode()
    assert "人行道" not in page and "补充遮蔽个人信息" in page and v2.salt in page and v2.commitment in page
    api = client.get(f"/api/publicity/decisions/{pub.pk}").json()
    assert (api["commitment"], api["salt"]) == (v2.commitment, v2.salt) and "人行道" not in json.dumps(api)

    services.withdraw_publication(publication=pub, ground="revoked", reason="原决定被复议机关撤销", actor=officer)
    assert not PublicationVersion.objects.filter(publication=pub).exclude(salt="").exists()
    withdraw = Entry.objects.filter(action="publicity.withdraw").get()
    assert "原决定被复议机关撤销" not in withdraw.canonical
    api = client.get(f"/api/publicity/decisions/{pub.pk}").json()
    assert api["text"] == "" and api["salt"] == "" and api["commitment"] == ""
    page = client.get(f"/public/decisions/{pub.pk}/").content.decode()
    assert "占道经营，证人" not in page and "原决定被复议机关撤销" in page


def test_expired_publications_lose_their_salts(decide: Any) -> None:
    pub = Publication.objects.get(case=decide())
    assert pub.expires_on is not None
    assert services.drop_expired_salts(day=pub.expires_on) == 0
    assert services.drop_expired_salts(day=pub.expires_on + dt.timedelta(days=1)) == 1
    assert PublicationVersion.objects.get(publication=pub).salt == ""


def test_titles_and_reasons_go_through_the_redaction(decide: Any, officer: Any) -> None:
    pub = Publication.objects.get(case=decide(title="张三占道经营案"))
    assert pub.title == "张某某占道经营案"
    services.correct_publication(
        publication=pub, text=None, redacted=pub.redacted_text, reason="张三申请更正", actor=officer
    )
    assert PublicationVersion.objects.get(publication=pub, version=2).reason == "张某某申请更正"


def test_the_case_persons_are_masked_in_every_form(decide: Any) -> None:
    persons = [
        {"role": "complainant", "name": "上官婉儿", "phone": "13812345678", "address": "杭州市西湖区文三路1号2幢301室"},
        {"role": "witness", "name": "笪文", "id_number": "110105198503171231"},
    ]
    facts = "经查，婉儿反映当事人占道，其电话138 1234 5678，住文三路1号2幢301室；笪文（身份证110105198503171231）在场。"
    pub = Publication.objects.get(case=decide(facts=facts, persons=persons, title="上官婉儿投诉占道经营案"))
    for hidden in ("婉儿", "1234 5678", "2幢301室", "笪文", "110105198503171231"):
        assert hidden not in pub.redacted_text and hidden not in pub.title, hidden
    assert pub.title == "上官某某投诉占道经营案" and "笪某某（身份证***）在场" in pub.redacted_text


def test_persons_typed_in_steps_are_case_data(decide: Any) -> None:
    from yangguang.cases.models import Step

    case = decide()
    step = Step.objects.filter(case=case).order_by("seq").last()
    assert step is not None
    Step.objects.filter(pk=step.pk).update(
        data={
            **step.data,
            "person": "皇甫大明",
            "id_number": "110105198503171231",
            "present": "当事人、见证人司马小丽、店员李某某",
        }
    )
    known = services.known_for_case(case)
    assert {"皇甫大明", "司马小丽"} <= set(known.persons) and "110105198503171231" in known.remove
    assert not {"当事人", "店员李某某", "李某某", "见证人司马小丽"} & set(known.persons)
