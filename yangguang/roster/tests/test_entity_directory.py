"""The shared entity directory (市场主体名录库): the registering agency owns an entry; another
agency's edit, API call or import becomes a change proposal that the owner (or the system
administrator) accepts or rejects; every change and decision is in the ledger."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.core.validators import make_uscc
from yangguang.ledger.models import Entry
from yangguang.roster import entity_directory
from yangguang.roster.importers import import_roster_file
from yangguang.roster.models import Entity, EntityChangeProposal, Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, EntityFactory, UserFactory
from yangguang.roster.tests.sheets import xlsx

pytestmark = pytest.mark.django_db

ENTITY_HEADERS = ["名称", "统一社会信用代码", "法定代表人", "注册地址", "联系方式"]


@pytest.fixture
def district(city: Any) -> dict[str, Any]:
    """A district market bureau and its head, and an entity the city bureau registered."""
    region = Region.objects.create(
        code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city, path="/330000/330100/330106/"
    )
    bureau = AgencyFactory(name="杭州市西湖区市场监督管理局", region=region)
    head = UserFactory(username="xhhead", role="agency_head", agency=bureau)
    return {"bureau": bureau, "head": head}


@pytest.fixture
def shop(agency: Any) -> Entity:
    entity: Any = EntityFactory(name="杭州某某食品有限公司", registering_agency=agency, phone="0571-88880000")
    return entity


def test_the_owner_edits_and_another_agency_proposes(shop: Entity, agency_head: Any, district: dict[str, Any]) -> None:
    done = entity_directory.change_entity(entity=shop, changes={"phone": "0571-88881111"}, actor=agency_head)
    assert done.applied and Entity.objects.get(pk=shop.pk).phone == "0571-88881111"
    proposed = entity_directory.change_entity(
        entity=Entity.objects.get(pk=shop.pk),
        changes={"phone": "13800000000", "address": "西湖区某路1号"},
        actor=district["head"],
    )
    assert not proposed.applied and proposed.proposal is not None
    assert Entity.objects.get(pk=shop.pk).phone == "0571-88881111"  # the directory is unchanged
    assert proposed.proposal.original == {"phone": "0571-88881111", "address": ""}
    # the proposer cannot decide its own proposal; the owner can
    with pytest.raises(AccessDenied) as exc:
        entity_directory.decide_proposal(proposal=proposed.proposal, accept=True, actor=district["head"])
    assert exc.value.message == "只有登记机关（杭州市市场监督管理局）的负责人或系统管理员可以审核该变更申请"
    entity_directory.decide_proposal(proposal=proposed.proposal, accept=True, actor=agency_head, note="核实无误")
    shop.refresh_from_db()
    assert (shop.phone, shop.address) == ("13800000000", "西湖区某路1号")
    actions = list(Entry.objects.filter(subject=f"roster.entity:{shop.pk}").values_list("action", flat=True))
    assert actions == [
        "roster.entity.update",
        "roster.entity.proposal",
        "roster.entity.update",
        "roster.entity.proposal.accept",
    ]


def test_rejection_and_nothing_to_change(
    shop: Entity, agency_head: Any, district: dict[str, Any], admin_user: Any
) -> None:
    with pytest.raises(DomainError) as same:
        entity_directory.change_entity(entity=shop, changes={"phone": shop.phone}, actor=district["head"])
    assert same.value.message == "没有需要变更的内容"
    result = entity_directory.change_entity(entity=shop, changes={"name": "改名公司"}, actor=district["head"])
    assert result.proposal is not None
    entity_directory.decide_proposal(
        proposal=result.proposal, accept=False, actor=admin_user, note="名称以营业执照为准"
    )
    assert Entity.objects.get(pk=shop.pk).name == "杭州某某食品有限公司"
    with pytest.raises(DomainError) as twice:
        entity_directory.decide_proposal(proposal=result.proposal, accept=True, actor=agency_head)
    assert twice.value.message == "该变更申请已处理"


def test_a_district_import_no_longer_overwrites_the_shared_directory(
    shop: Entity, agency_head: Any, district: dict[str, Any]
) -> None:
    """Issue 11: one district agency's entity import overwrote name, legal representative, address
    and phone for every agency."""
    new_uscc = make_uscc(777_001)
    rows = [
        ENTITY_HEADERS,
        ["篡改的名称", shop.uscc, "冒名者", "别处", "13900000000"],
        ["西湖新开的店", new_uscc, "李四", "西湖区", "0571-1"],
    ]
    result = import_roster_file(kind="entities", filename="名录.xlsx", data=xlsx(rows), actor=district["head"])
    assert (result.created, result.updated, result.proposed) == (1, 0, 1)
    shop.refresh_from_db()
    assert (shop.name, shop.legal_representative, shop.phone) == ("杭州某某食品有限公司", "王五", "0571-88880000")
    proposal = EntityChangeProposal.objects.get(entity=shop)
    assert proposal.source == "import" and proposal.changes["name"] == "篡改的名称"
    assert proposal.ledger_seq == Entry.objects.get(action="roster.import").seq
    assert Entity.objects.get(uscc=new_uscc).registering_agency == district["bureau"]
    # the owner's own import changes its entry directly
    own = import_roster_file(
        kind="entities",
        filename="名录.xlsx",
        data=xlsx([ENTITY_HEADERS, ["杭州某某食品有限公司", shop.uscc, "王五", "", "0571-1"]]),
        actor=agency_head,
    )
    assert (own.updated, own.proposed) == (1, 0)


def test_the_api_proposes_and_the_owner_decides(
    client: Client, shop: Entity, agency_head: Any, district: dict[str, Any]
) -> None:
    client.force_login(district["head"])
    response = client.post(
        f"/api/roster/entities/{shop.pk}/changes", json.dumps({"phone": "13700000000"}), content_type="application/json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["applied"] is False and body["proposal"]["changes"] == {"phone": "13700000000"}
    assert client.get("/api/roster/entity-proposals").json() == []  # not the district's to decide
    client.force_login(agency_head)
    pending = client.get("/api/roster/entity-proposals").json()
    assert [p["id"] for p in pending] == [body["proposal"]["id"]]
    decided = client.post(
        f"/api/roster/entity-proposals/{pending[0]['id']}/decision",
        json.dumps({"accept": True, "note": "属实"}),
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["status"] == "accepted"
    assert Entity.objects.get(pk=shop.pk).phone == "13700000000"


def test_pages_show_and_decide_proposals(
    client: Client, shop: Entity, agency_head: Any, district: dict[str, Any]
) -> None:
    client.force_login(district["head"])
    page = client.get(f"/roster/entities/{shop.pk}/").content.decode()
    assert "该市场主体由其他机关登记" in page and "杭州市市场监督管理局" in page
    form = {
        "name": shop.name,
        "legal_representative": "王五",
        "address": "新地址",
        "phone": shop.phone,
        "region_code": "",
        "industry": "",
        "risk_grade": "low",
    }
    assert client.post(f"/roster/entities/{shop.pk}/", form).status_code == 302
    client.force_login(agency_head)
    page = client.get("/roster/entity-proposals/").content.decode()
    assert "注册地址：（空） → 新地址" in page
    proposal = EntityChangeProposal.objects.get(entity=shop)
    client.post("/roster/entity-proposals/", {"proposal": proposal.pk, "op": "accept", "note": ""})
    assert Entity.objects.get(pk=shop.pk).address == "新地址"
