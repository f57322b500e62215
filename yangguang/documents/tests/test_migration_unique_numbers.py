"""Migrations documents 0004/0005 and cases 0007/0008: agency abbreviations become unique across the
platform, existing duplicates resolved deterministically; documents and cases already issued with
another agency's number keep it, marked as legacy duplicates, and new numbers are unique."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from yangguang.roster.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("documents", "0002_rendered_after_commit"), ("cases", "0005_party_kind_label")]
AFTER = [("documents", "0005_unique_constraints"), ("cases", "0008_case_unique_number")]


def migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_duplicates_resolved_and_issued_numbers_kept() -> None:
    apps = migrate(BEFORE)
    try:
        Region = apps.get_model("roster", "Region")
        Agency = apps.get_model("roster", "Agency")
        Abbreviation = apps.get_model("documents", "AgencyAbbreviation")
        StoredFile = apps.get_model("documents", "StoredFile")
        Document = apps.get_model("documents", "IssuedDocument")
        Case = apps.get_model("cases", "Case")
        city = Region.objects.create(code="330100", name="杭州市", level="city", path="/330100/")
        agencies: dict[str, Any] = {}
        for key, name, abbreviation in [
            ("city", "杭州市市场监督管理局", "杭市监"),  # its own default: keeps it
            ("district", "杭州市上城区市场监督管理局", "杭市监"),  # the old rule's default: takes 杭上市监
            ("other", "杭州市某某中心", "杭上市监"),  # set by hand, the district's default: falls back
            ("ningbo", "宁波市市场监督管理局", "甬市监"),  # set by hand, unique: stays
        ]:
            agency = Agency.objects.create(name=name, uscc=f"11330100MB000{len(agencies):04d}X", region=city)
            Abbreviation.objects.create(agency=agency, abbreviation=abbreviation)
            agencies[key] = agency
        user: Any = UserFactory(username="u")  # the roster table is at its latest state
        stored = StoredFile.objects.create(sha256="a" * 64, sm3="b" * 64, size=1, name="x", content_type="x")
        day = dt.date(2026, 3, 2)
        for key in ("city", "district"):
            Document.objects.create(
                agency=agencies[key],
                agency_name=agencies[key].name,
                doc_type="penalty_decision",
                title="行政处罚决定书",
                subject="cases.case:1",
                number="杭市监罚〔2026〕1号",
                year=2026,
                seq=1,
                issued_on=day,
                context={},
                file=stored,
            )
            Case.objects.create(
                agency=agencies[key],
                kind="penalty_summary",
                number="杭市监简案〔2026〕1号",
                year=2026,
                serial=1,
                state="decided",
                title="占道经营案",
                region=city,
                registered_on=day,
                created_by_id=user.pk,
            )

        apps = migrate(AFTER)
        Abbreviation = apps.get_model("documents", "AgencyAbbreviation")
        Document = apps.get_model("documents", "IssuedDocument")
        Case = apps.get_model("cases", "Case")
        assert {a.agency.name: a.abbreviation for a in Abbreviation.objects.select_related("agency")} == {
            "杭州市市场监督管理局": "杭市监",
            "杭州市上城区市场监督管理局": "杭上市监",
            "杭州市某某中心": "杭某某",
            "宁波市市场监督管理局": "甬市监",
        }
        marks = {d.agency.name: (d.number, d.legacy_duplicate) for d in Document.objects.select_related("agency")}
        assert marks == {
            "杭州市市场监督管理局": ("杭市监罚〔2026〕1号", False),
            "杭州市上城区市场监督管理局": ("杭市监罚〔2026〕1号", True),
        }
        assert list(Case.objects.order_by("pk").values_list("number", "legacy_duplicate")) == [
            ("杭市监简案〔2026〕1号", False),
            ("杭市监简案〔2026〕1号", True),
        ]
        with pytest.raises(IntegrityError), transaction.atomic():
            Abbreviation.objects.filter(agency=agencies["ningbo"].pk).update(abbreviation="杭市监")
        first = Document.objects.get(legacy_duplicate=False)
        copy = {f.attname: getattr(first, f.attname) for f in Document._meta.concrete_fields if f.attname != "id"}
        with pytest.raises(IntegrityError), transaction.atomic():
            Document.objects.create(**copy)
    finally:
        # Back to the latest state of every app (later migrations of cases exist): the tables of
        # the tests that follow must all be there.
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
