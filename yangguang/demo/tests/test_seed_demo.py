"""``seed_demo`` against the database (SQLite and PostgreSQL): the written data, its ledger
provenance, the persona logins and the command's guards."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from yangguang.core.validators import is_valid_uscc
from yangguang.demo.generator import (
    DEMO_PASSWORD,
    PERSONAS,
    _rng,
    add_entities,
    batch_sha256,
    build_agencies,
    build_regions,
    custom_scale,
    entity_places,
    iter_entities,
    natural_row,
    reset_roster,
    seed_demo,
)
from yangguang.ledger.models import Entry
from yangguang.roster.models import Agency, Entity, Officer, Region, Role, Unit, User

TODAY = dt.date(2026, 11, 22)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings: Any) -> None:
    # PBKDF2 at full strength costs ~0.5 s per login; the logins themselves are what is tested.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed_tiny(seed: int = 11) -> Any:
    return seed_demo(scale=custom_scale(officers=90, entities=120), seed=seed, today=TODAY, batch_size=50)


def seed_entries() -> list[dict[str, Any]]:
    return [
        json.loads(c)["payload"] for c in Entry.objects.filter(action="roster.seed").values_list("canonical", flat=True)
    ]


def test_seed_writes_the_roster_with_paths_and_links() -> None:
    report = seed_tiny()
    assert report.counts["roster.agency"] == Agency.objects.count() == 12
    assert Officer.objects.count() == 90 and Entity.objects.count() == 120
    for region in Region.objects.select_related("parent"):
        assert region.path == region.compute_path()
    assert Region.objects.get(code="330102").path == "/330000/330100/330102/"
    for agency in Agency.objects.all():
        assert is_valid_uscc(agency.uscc)
        assert agency.units.filter(is_review_unit=True).count() == 1
    for officer in Officer.objects.select_related("agency", "unit"):
        assert set(officer.categories) <= set(officer.agency.power_kinds)
        assert officer.unit is None or officer.unit.agency_id == officer.agency_id
    assert Officer.objects.filter(cert_status="expired").exists()
    district = Agency.objects.get(name="杭州市上城区市场监督管理局")
    assert district.parent == Agency.objects.get(name="杭州市市场监督管理局")


def test_each_batch_is_in_the_ledger_with_the_hash_of_its_rows() -> None:
    seed_tiny()
    entries = seed_entries()
    entity_batches = [p for p in entries if p["model"] == "roster.entity"]
    assert [p["count"] for p in entity_batches] == [50, 50, 20]
    assert {p["scale"] for p in entries} == {"small"} and {p["seed"] for p in entries} == {11}
    # Regenerating the same seed reproduces the hash recorded for the first entity batch.
    scale = custom_scale(officers=90, entities=120)
    places, cum = entity_places(build_regions(scale))
    again = list(iter_entities(_rng(11, "entities"), places, cum, 50, seed=11))
    assert entity_batches[0]["sha256"] == batch_sha256([natural_row(e)[1] for e in again])
    assert entity_batches[0]["first"] == again[0].uscc and entity_batches[0]["last"] == again[-1].uscc
    stored = Entity.objects.get(uscc=again[0].uscc)
    assert natural_row(stored)[1] == natural_row(again[0])[1]
    totals: dict[str, int] = {}
    for p in entries:
        totals[p["model"]] = totals.get(p["model"], 0) + p["count"]
    assert totals["roster.officer"] == 90 and totals["roster.region"] == Region.objects.count()


def snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {
        "regions": sorted(Region.objects.values_list("code", "name", "level", "parent__code", "path")),
        "agencies": sorted(Agency.objects.values_list("uscc", "name", "region__code", "parent__uscc", "address", "phone")),
        "units": sorted(Unit.objects.values_list("agency__uscc", "name", "is_review_unit")),
        "officers": sorted(
            Officer.objects.values_list(
                "certificate_no", "name", "agency__uscc", "unit__name", "post", "region__code",
                "cert_valid_from", "cert_valid_until", "cert_status", "is_reviewer", "legal_qualification",
            )
        ),
        "entities": sorted(Entity.objects.values_list("uscc", "name", "legal_representative", "address", "phone", "region__code")),
    }  # fmt: skip


def test_same_seed_writes_the_same_rows_and_another_seed_does_not() -> None:
    seed_tiny(seed=5)
    first = snapshot()
    reset_roster()
    assert not Agency.objects.exists() and not Entity.objects.exists()
    seed_tiny(seed=5)
    assert snapshot() == first
    reset_roster()
    seed_tiny(seed=6)
    other = snapshot()
    assert other["regions"] == first["regions"]
    assert other["officers"] != first["officers"] and other["entities"] != first["entities"]


def test_personas_can_log_in(client: Any) -> None:
    seed_tiny()
    expected = {
        "sysadmin": (Role.SYSTEM_ADMIN, None),
        "secadmin": (Role.SECURITY_ADMIN, "杭州市司法局"),
        "auditor": (Role.AUDIT_ADMIN, None),
        "supervisor": (Role.SUPERVISOR, "杭州市司法局"),
        "agencyhead": (Role.AGENCY_HEAD, "杭州市市场监督管理局"),
        "unithead": (Role.UNIT_HEAD, "杭州市市场监督管理局"),
        "reviewer": (Role.REVIEWER, "杭州市市场监督管理局"),
        "officer": (Role.OFFICER, "杭州市市场监督管理局"),
        "officer2": (Role.OFFICER, "杭州市市场监督管理局"),
        "expired": (Role.OFFICER, "杭州市市场监督管理局"),
    }
    for username, (role, agency) in expected.items():
        user = User.objects.select_related("agency").get(username=username)
        assert user.role == role
        assert (user.agency.name if user.agency else None) == agency
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.session["_auth_user_id"] == str(user.pk)
        client.logout()
    assert not User.objects.filter(is_superuser=True).exists()
    assert {u.username for u in User.objects.filter(is_staff=True)} == {"sysadmin", "secadmin"}
    assert Agency.objects.get(name="杭州市司法局").is_supervisor
    officer, officer2 = (User.objects.get(username=u).officer for u in ("officer", "officer2"))
    assert officer is not None and officer2 is not None
    assert officer.unit == officer2.unit and officer.unit is not None and officer.unit.name == "执法稽查支队"
    assert officer.certificate_valid_on(TODAY) and officer2.certificate_valid_on(TODAY)
    expired = User.objects.get(username="expired").officer
    assert expired is not None and not expired.certificate_valid_on(TODAY)
    reviewer = User.objects.get(username="reviewer").officer
    assert reviewer is not None and reviewer.is_reviewer and reviewer.legal_qualification
    assert reviewer.unit is not None and reviewer.unit.is_review_unit
    assert not client.login(username="officer", password="wrong-password")
    assert Entry.objects.filter(action="roster.user.create").count() == len(PERSONAS)


def test_command_small_scale_then_if_empty_then_refusal() -> None:
    out = StringIO()
    call_command("seed_demo", "--scale", "small", "--today", "2026-11-22", stdout=out)
    assert "演示数据（small，种子 2026）已生成" in out.getvalue()
    assert Agency.objects.count() == 12 and Officer.objects.count() == 300 and Entity.objects.count() == 3000
    assert User.objects.filter(username__in=[p.username for p in PERSONAS]).count() == len(PERSONAS)
    counts = (Agency.objects.count(), Officer.objects.count(), Entity.objects.count(), Entry.objects.count())

    out = StringIO()
    call_command("seed_demo", "--scale", "small", "--if-empty", stdout=out)
    assert out.getvalue().strip() == "名录中已有执法主体，跳过演示数据生成（--if-empty）。"
    assert (Agency.objects.count(), Officer.objects.count(), Entity.objects.count(), Entry.objects.count()) == counts

    with pytest.raises(CommandError) as exc:
        call_command("seed_demo", "--scale", "small", stdout=StringIO())
    assert str(exc.value) == "名录中已有执法主体，拒绝生成演示数据：如需清空现有名录后重新生成，请加 --reset。"
    assert (Agency.objects.count(), Officer.objects.count(), Entity.objects.count(), Entry.objects.count()) == counts


def test_reset_replaces_the_roster_and_is_recorded() -> None:
    seed_tiny()
    call_command("seed_demo", "--reset", "--scale", "small", "--seed", "3", "--today", "2026-11-22", stdout=StringIO())
    assert Entry.objects.filter(action="roster.seed.reset").count() == 1
    assert Officer.objects.count() == 300
    assert User.objects.filter(username="officer").count() == 1
    assert Unit.objects.filter(agency__name="杭州市市场监督管理局", name="执法稽查支队").count() == 1


def test_add_entities_appends_unique_codes() -> None:
    seed_tiny()
    assert add_entities(count=75, seed=11) == 75
    assert Entity.objects.count() == 195
    assert Entity.objects.values("uscc").distinct().count() == 195


def test_agency_plans_are_independent_of_officer_and_entity_counts() -> None:
    small = build_agencies(_rng(1, "agencies"), custom_scale(officers=10), build_regions(custom_scale()), 1)
    large = build_agencies(
        _rng(1, "agencies"), custom_scale(officers=999, entities=9), build_regions(custom_scale()), 1
    )
    assert [natural_row(p.agency) for p in small] == [natural_row(p.agency) for p in large]
