"""factory_boy factories for the roster; the personas in conftest.py are built from these."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from yangguang.core.validators import make_uscc
from yangguang.roster.models import (
    ActionKind,
    Agency,
    CertificateStatus,
    EnforcementItem,
    Entity,
    Officer,
    Region,
    RegionLevel,
    Role,
    Unit,
    User,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "330100"
    name = "杭州市"
    level = RegionLevel.CITY
    path = factory.LazyAttribute(lambda o: f"/{o.code}/")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试市场监督管理局{n}")
    uscc = factory.Sequence(lambda n: make_uscc(10_000 + n, org_type="11"))
    region = factory.SubFactory(RegionFactory)
    power_kinds = [ActionKind.PENALTY, ActionKind.INSPECTION, ActionKind.LICENSING, ActionKind.COERCION]
    # Test roster data for the remedies and the account that decisions print (issue 16).
    reconsideration_organ = "杭州市人民政府"
    court = "杭州市西湖区人民法院"
    payment_account = "中国工商银行杭州分行营业部（户名：杭州市财政局非税收入汇缴结算户，账号：1202020000000000000）"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"执法科{n}")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    name = factory.Sequence(lambda n: f"执法员{n}")
    agency = factory.SubFactory(AgencyFactory)
    certificate_no = factory.Sequence(lambda n: f"ZJ33010{n:08d}")
    categories = [ActionKind.PENALTY, ActionKind.INSPECTION, ActionKind.COERCION, ActionKind.LICENSING]
    region = factory.LazyAttribute(lambda o: o.agency.region)
    cert_valid_from = dt.date(2024, 1, 1)
    cert_valid_until = dt.date(2030, 12, 31)
    cert_status = CertificateStatus.VALID


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", "Yangguang-2026")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # type: ignore[misc]
        if create:
            obj.save()


class EnforcementItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementItem

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"330217{n:04d}")
    name = factory.Sequence(lambda n: f"对未按规定公示信息的行政处罚{n}")
    kind = ActionKind.PENALTY


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    name = factory.Sequence(lambda n: f"杭州测试贸易有限公司{n}")
    uscc = factory.Sequence(lambda n: make_uscc(500_000 + n))
    legal_representative = "王五"
