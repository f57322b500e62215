"""The discretion app's part of the permission policy (``DiscretionConfig.ready()``): an agency head
maintains the agency's discretion benchmarks and major-decision catalog; the system administrator
any enforcement agency's (master data)."""

from __future__ import annotations

from django.db.models import Q

from yangguang.access import policy
from yangguang.access.policy import Condition, grant
from yangguang.access.roles import AGENCY_HEAD, SYSTEM_ADMINS
from yangguang.core.params import row_by_id
from yangguang.roster.access_rules import same_agency
from yangguang.roster.models import Agency

from .models import Benchmark, MajorCatalog

MANAGE_MESSAGE = "只有本机关负责人可以维护本机关的裁量基准和重大执法决定目录"

enforcement_agency = Condition(
    "enforcement_agency",
    "执法主体（非监督机构）",
    lambda c: not c.obj.is_supervisor,
    "执法监督机构没有裁量基准",
    lambda c: Q(is_supervisor=False),
)


def _benchmark(pk: str) -> Benchmark | None:
    return row_by_id(Benchmark.objects.select_related("agency"), pk)


def _catalog_agency(pk: str) -> Agency | None:
    catalog = row_by_id(MajorCatalog.objects.select_related("agency"), pk)
    return catalog.agency if catalog is not None else None


def register() -> None:
    policy.register(
        "discretion.manage",
        label="维护裁量基准和重大执法决定目录",
        model=Agency,
        owner="discretion",
        role_message=MANAGE_MESSAGE,
        grants=[grant(SYSTEM_ADMINS, enforcement_agency), grant(AGENCY_HEAD, same_agency("", MANAGE_MESSAGE))],
    )
    policy.register_subject(
        "discretion.benchmark",
        resolve=lambda pk: b.agency if (b := _benchmark(pk)) else None,
        action="agency.view",
        audit=True,
    )
    policy.register_subject("discretion.majorcatalog", resolve=_catalog_agency, action="agency.view", audit=True)
    policy.register_subject(
        "discretion.import",
        resolve=lambda rest: row_by_id(Agency.objects, rest.split(":")[-1]),
        action="agency.view",
        audit=True,
    )
