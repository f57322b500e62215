"""The deterministic demo-data generator (演示数据生成器).

Same seed, same scale, same reference day -> the same data, row for row: every table draws from
its own ``random.Random`` derived from the seed, so that changing the number of entities does not
change the officers.

Two layers:
- ``build_*`` / ``iter_*`` functions return or yield *unsaved* model instances (foreign keys point
  at unsaved parents; ``bulk_create`` fills in the ids). Benchmarks use these directly.
- ``seed_demo`` writes a whole scale to the database in batches, one transaction per table group,
  with one ledger entry per batch (action ``roster.seed``) carrying the SHA-256 of the batch's
  canonical rows, and creates one login per role (``PERSONAS``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import accumulate, islice
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from yangguang.core.validators import make_uscc
from yangguang.demo import names
from yangguang.demo.domains import CITY_DOMAINS, DOMAINS, INDUSTRIES, PROVINCE_DOMAINS, Domain
from yangguang.demo.items import iter_inspection_items, iter_items
from yangguang.demo.regions import CITIES, PROVINCE, region_specs
from yangguang.ledger.services import append_entry
from yangguang.roster.entity_directory import assign_registering_agencies
from yangguang.roster.models import (
    ActionKind,
    Agency,
    CertificateStatus,
    EnforcementItem,
    Entity,
    InspectionItem,
    Officer,
    Region,
    RegionLevel,
    RiskGrade,
    Role,
    Unit,
    User,
)
from yangguang.roster.roles import is_staff_role

DEMO_PASSWORD = "Yangguang-2026"  # demo only: never use on a real deployment
DEFAULT_SEED = 2026
LEDGER_ACTOR = "seed_demo"
M = TypeVar("M", bound=models.Model)


# --- Scales ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """How much to build. ``county_agencies`` (county code -> domain keys) replaces
    ``county_domains`` (the same domains in every county) where given."""

    name: str
    city_codes: tuple[str, ...]
    province_domains: tuple[str, ...]
    city_domains: tuple[str, ...]
    county_domains: tuple[str, ...]
    county_agencies: Mapping[str, tuple[str, ...]] | None
    officers: int
    entities: int


SCALES: dict[str, Scale] = {
    # ~12 agencies, 300 officers, 3,000 entities: `make run` seeds this in a few seconds.
    "small": Scale(
        name="small",
        city_codes=("330100",),
        province_domains=(),
        city_domains=("market", "hrss", "civil", "transport", "ecology", "emergency", "urban", "health", "justice"),
        county_domains=(),
        county_agencies={"330102": ("market", "justice"), "330106": ("market",)},
        officers=300,
        entities=3_000,
    ),
    # 杭州市: 14 city bureaus + market regulation and justice in each of 13 districts/counties = 40.
    "city": Scale(
        name="city",
        city_codes=("330100",),
        province_domains=(),
        city_domains=CITY_DOMAINS,
        county_domains=("market", "justice"),
        county_agencies=None,
        officers=3_000,
        entities=100_000,
    ),
    # 浙江省: 13 provincial bodies, 14 bureaus in each of 11 cities, 3 in each of 90 counties = 437.
    "province": Scale(
        name="province",
        city_codes=tuple(CITIES),
        province_domains=PROVINCE_DOMAINS,
        city_domains=CITY_DOMAINS,
        county_domains=("market", "justice", "zhzf"),
        county_agencies=None,
        officers=30_000,
        entities=1_000_000,
    ),
}


def custom_scale(base: str = "small", **changes: Any) -> Scale:
    """A scale derived from a named one, e.g. ``custom_scale(officers=80, entities=200)`` for tests."""
    return replace(SCALES[base], name=changes.pop("name", base), **changes)


# --- Personas: one login per role ----------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    """A demo login. ``unit`` is "case" (the first case-handling unit, 执法稽查支队), "review" or ""."""

    username: str
    role: str
    full_name: str
    domain: str = ""  # the city-level agency of this domain; "" for none (platform administrators)
    officer: bool = True
    unit: str = "case"
    post: str = "执法队员"
    reviewer: bool = False
    legal_qualification: bool = False
    expired: bool = False


PERSONAS: tuple[Persona, ...] = (
    # The three separated administrators (三员分立). The security administrator belongs to the city
    # justice bureau, which issues the certificates (发证机关) of the city and its districts.
    Persona("sysadmin", Role.SYSTEM_ADMIN, "系统管理员", officer=False, unit="", post=""),
    Persona("secadmin", Role.SECURITY_ADMIN, "安全管理员", domain="justice", officer=False, unit="", post=""),
    Persona("auditor", Role.AUDIT_ADMIN, "审计管理员", officer=False, unit="", post=""),
    Persona("supervisor", Role.SUPERVISOR, "吴海燕", domain="justice", officer=False, unit="", post=""),
    Persona("agencyhead", Role.AGENCY_HEAD, "周建国", domain="market", unit="", post="局长"),
    Persona("unithead", Role.UNIT_HEAD, "钱立群", domain="market", post="支队长"),
    Persona(
        "reviewer",
        Role.REVIEWER,
        "孙慧敏",
        domain="market",
        unit="review",
        post="一级主任科员",
        reviewer=True,
        legal_qualification=True,
    ),
    Persona("officer", Role.OFFICER, "李明", domain="market"),
    Persona("officer2", Role.OFFICER, "赵强", domain="market"),
    Persona("expired", Role.OFFICER, "郑涛", domain="market", expired=True),
)
PERSONA_CITY = "330100"
PERSONA_DOMAINS = frozenset(p.domain for p in PERSONAS if p.domain)


# --- Regions ---------------------------------------------------------------------------------


def build_regions(scale: Scale) -> list[Region]:
    """The region tree of ``scale``, parents first, with ``path`` set ("/330000/330100/330102/")."""
    by_code: dict[str, Region] = {}
    out: list[Region] = []
    for spec in region_specs(list(scale.city_codes)):
        parent = by_code[spec.parent_code] if spec.parent_code else None
        region = Region(code=spec.code, name=spec.name, level=spec.level, parent=parent)
        # Region.compute_path() reads parent_id, which unsaved parents lack; same rule, by object.
        region.path = f"{parent.path if parent else '/'}{spec.code}/"
        by_code[spec.code] = region
        out.append(region)
    return out


# --- Agencies and units ------------------------------------------------------------------------

_MOD = 31**9  # the nine-character organization code of a USCC, read as a base-31 number


def scramble(n: int, salt: int) -> int:
    """A bijection on [0, 31**9): sequential numbers become random-looking organization codes."""
    # The multiplier (~0.618 * 31**9, not a multiple of 31) is invertible mod 31**9 and spreads
    # neighbours across the whole code space.
    return (n * 16_340_585_143_681 + salt) % _MOD


def _salt(seed: int) -> int:
    return random.Random(f"{seed}:uscc").randrange(_MOD)


@dataclass
class AgencyPlan:
    """An agency with its domain, level, units and the region each case unit works in."""

    agency: Agency
    domain: Domain
    level: str
    gov: str  # the people's government it belongs to (复议机关)
    area_code: str
    case_units: list[tuple[Unit, Region]] = field(default_factory=list)
    review_unit: Unit | None = None
    persona_home: bool = False  # the city-level agency of a persona

    @property
    def units(self) -> list[Unit]:
        units = [u for u, _ in self.case_units]
        return [*units, self.review_unit] if self.review_unit else units


def _strip_suffix(name: str) -> str:
    for suffix in ("街道", "畲族乡", "镇", "乡"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def build_agencies(rng: random.Random, scale: Scale, regions: Sequence[Region], seed: int) -> list[AgencyPlan]:
    """The agencies of ``scale`` (province, then city, then county level) with their units."""
    by_code = {r.code: r for r in regions}
    children: dict[str, list[Region]] = {}
    for r in regions:
        if r.parent is not None:
            children.setdefault(r.parent.code, []).append(r)
    salt = _salt(seed)
    plans: list[AgencyPlan] = []
    upper: dict[tuple[str, str], Agency] = {}  # (region code, domain) -> agency

    def add(domain_key: str, level: str, region: Region, city: Region | None, parent: Agency | None) -> None:
        domain = DOMAINS[domain_key]
        if level == "province":
            name, gov, area = domain.province_name, f"{PROVINCE[1]}人民政府", "0571"
        elif level == "city":
            name, gov, area = f"{region.name}{domain.suffix}", f"{region.name}人民政府", CITIES[region.code][2]
        else:
            assert city is not None
            # Districts (区) carry the city's name: 杭州市上城区市场监督管理局; counties do not.
            full = f"{city.name}{region.name}" if region.name.endswith("区") else region.name
            name, gov, area = f"{full}{domain.suffix}", f"{full}人民政府", CITIES[city.code][2]
        place = (
            ""
            if level == "province"
            else (region.name if level == "city" else f"{city.name if city else ''}{region.name}")
        )
        agency = Agency(
            name=name,
            uscc=make_uscc(scramble(len(plans), salt), org_type="11", division=region.code[:6]),
            region=region,
            parent=parent,
            power_kinds=list(domain.powers),
            legal_basis=f"{domain.laws}；{gov}关于{name}职能配置、内设机构和人员编制的规定（“三定”规定）",
            is_supervisor=domain.is_supervisor,
            address=names.street_address(rng, f"{PROVINCE[1] if level == 'province' else ''}{place}"),
            phone=names.landline(rng, area),
            # Demo roster data (fictitious, like every demo agency): the people's government of the
            # same level hears reconsiderations (《行政复议法》第二十四条), the local court, the
            # treasury's non-tax revenue account with a made-up number.
            reconsideration_organ=gov,
            court=gov.replace("人民政府", "人民法院") if level != "province" else "杭州市中级人民法院",
            payment_account=(
                f"中国工商银行{(place or PROVINCE[1])}支行（户名：{gov.replace('人民政府', '')}财政局非税收入汇缴结算户，"
                f"账号：1202{(len(plans) * 7919 + 1) % 10**15:015d}）"
            ),
        )
        plan = AgencyPlan(agency=agency, domain=domain, level=level, gov=gov, area_code=area)
        unit_names = domain.units_county if level == "county" else domain.units_upper
        for unit_name in unit_names:
            plan.case_units.append((Unit(agency=agency, name=unit_name), region))
        if level == "county" and domain.township_offices:
            for township in children.get(region.code, [])[:4]:
                unit = Unit(agency=agency, name=f"{_strip_suffix(township.name)}{domain.township_offices}")
                plan.case_units.append((unit, township))
        review = domain.review_county if level == "county" else domain.review_upper
        plan.review_unit = Unit(agency=agency, name=review, is_review_unit=True)
        plan.persona_home = level == "city" and region.code == PERSONA_CITY and domain_key in PERSONA_DOMAINS
        upper[(region.code, domain_key)] = agency
        plans.append(plan)

    province = by_code[PROVINCE[0]]
    for key in scale.province_domains:
        add(key, "province", province, None, None)
    for city_code in scale.city_codes:
        city = by_code[city_code]
        for key in scale.city_domains:
            add(key, "city", city, city, upper.get((PROVINCE[0], key)))
    for city_code in scale.city_codes:
        city = by_code[city_code]
        for county in children.get(city_code, []):
            if scale.county_agencies is not None:
                keys = scale.county_agencies.get(county.code, ())
            else:
                keys = scale.county_domains
            for key in keys:
                # A county's 综合行政执法局 answers to the city's 城市管理局.
                parent = upper.get((city_code, "urban" if key == "zhzf" else key))
                add(key, "county", county, city, parent)
    return plans


# --- Officers ----------------------------------------------------------------------------------

_POSTS = (("科员", 20), ("一级科员", 15), ("四级主任科员", 15), ("三级主任科员", 8), ("二级主任科员", 4),
          ("副科长", 8), ("科长", 5), ("执法队员", 20), ("中队长", 6), ("副大队长", 2))  # fmt: skip
_POST_NAMES = [p for p, _ in _POSTS]
_POST_CUM = list(accumulate(w for _, w in _POSTS))
_KIND_ORDER = {k: i for i, k in enumerate(ActionKind.values)}


def allocate(total: int, weights: Sequence[float], minimum: int = 3) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder), every share at least ``minimum``."""
    n = len(weights)
    if n == 0:
        return []
    minimum = min(minimum, total // n)
    base = [minimum] * n
    rest = max(0, total - minimum * n)
    wsum = sum(weights) or 1.0
    exact = [rest * w / wsum for w in weights]
    shares = [math.floor(x) for x in exact]
    left = rest - sum(shares)
    order = sorted(range(n), key=lambda i: (exact[i] - shares[i], -i), reverse=True)
    for i in order[:left]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


def _cert_dates(rng: random.Random, today: dt.date, *, expired: bool) -> tuple[dt.date, dt.date]:
    if expired:
        until = today - dt.timedelta(days=rng.randint(1, 400))
        return until - dt.timedelta(days=5 * 365 - 1), until
    start = today - dt.timedelta(days=rng.randint(30, 4 * 365))
    return start, start + dt.timedelta(days=5 * 365 - 1)


def below_floor_agencies(rng: random.Random, plans: Sequence[AgencyPlan]) -> set[int]:
    """Indexes of agencies that get too few reviewers (under the 5% floor), for the compliance
    checks to find: about one agency in six, never the persona agencies."""
    candidates = [i for i, p in enumerate(plans) if not p.persona_home]
    k = max(1, round(len(candidates) / 6)) if candidates else 0
    return set(rng.sample(candidates, k))


def iter_officers(rng: random.Random, plans: Sequence[AgencyPlan], total: int, today: dt.date) -> Iterator[Officer]:
    """``total`` officers spread over the agencies by domain weight; the personas' officers first in
    their agency; ~6% reviewers (fewer in ``below_floor_agencies``), ~5% expired certificates,
    some suspended or revoked, some with a date that lapsed while the status still reads valid."""
    weights = [p.domain.officer_weight * (1.5 if p.level == "city" else 1.0) for p in plans]
    counts = allocate(total, weights, minimum=4)
    low = below_floor_agencies(rng, plans)
    serial: dict[str, int] = {}

    def cert_no(agency: Agency) -> str:
        division = agency.region.code[:6]
        serial[division] = serial.get(division, 0) + 1
        return f"{PROVINCE[2]}{division}{serial[division]:05d}"

    for index, (plan, count) in enumerate(zip(plans, counts, strict=True)):
        agency = plan.agency
        powers = sorted(agency.power_kinds, key=_KIND_ORDER.__getitem__)
        made = 0
        if plan.persona_home:
            for persona in PERSONAS:
                if not persona.officer or persona.domain != plan.domain.key:
                    continue
                start, until = _cert_dates(rng, today, expired=persona.expired)
                if not persona.expired:
                    start, until = today - dt.timedelta(days=700), today + dt.timedelta(days=1125)
                unit = (
                    plan.review_unit if persona.unit == "review" else (plan.case_units[0][0] if persona.unit else None)
                )
                yield Officer(
                    name=persona.full_name,
                    agency=agency,
                    unit=unit,
                    post=persona.post,
                    certificate_no=cert_no(agency),
                    categories=list(powers),
                    region=agency.region,
                    cert_valid_from=start,
                    cert_valid_until=until,
                    cert_status=CertificateStatus.EXPIRED if persona.expired else CertificateStatus.VALID,
                    legal_qualification=persona.legal_qualification,
                    is_reviewer=persona.reviewer,
                )
                made += 1
        ratio = 0.03 if index in low else 0.06
        reviewers = math.floor(count * ratio) if index in low else max(1, math.ceil(count * ratio))
        own = [p for p in PERSONAS if plan.persona_home and p.officer and p.domain == plan.domain.key]
        reviewers = max(0, reviewers - sum(1 for p in own if p.reviewer))
        for i in range(count - made):
            is_reviewer = i < reviewers
            if is_reviewer:
                unit, region, categories = plan.review_unit, agency.region, list(powers)
            else:
                unit, region = rng.choice(plan.case_units)
                k = rng.randint(1, len(powers))
                categories = sorted(rng.sample(powers, k), key=_KIND_ORDER.__getitem__)
            roll = rng.random()
            status = CertificateStatus.VALID
            if roll < 0.04:
                status = CertificateStatus.EXPIRED
            elif roll < 0.05:
                status = CertificateStatus.VALID  # lapsed by date, status not yet updated
            elif roll < 0.065:
                status = CertificateStatus.SUSPENDED
            elif roll < 0.07:
                status = CertificateStatus.REVOKED
            start, until = _cert_dates(rng, today, expired=roll < 0.05)
            yield Officer(
                name=names.person_name(rng),
                agency=agency,
                unit=unit,
                post="法制审核员"
                if is_reviewer and rng.random() < 0.5
                else rng.choices(_POST_NAMES, cum_weights=_POST_CUM)[0],
                certificate_no=cert_no(agency),
                categories=categories,
                region=region,
                cert_valid_from=start,
                cert_valid_until=until,
                cert_status=status,
                legal_qualification=rng.random() < (0.85 if is_reviewer else 0.06),
                is_reviewer=is_reviewer,
            )


# --- Entities ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityPlace:
    """A township with what an entity there needs: its county, city and address prefix."""

    township: Region
    county_code: str
    city_name: str
    city_short: str
    county_name: str
    registered_prefix: str  # 杭州市上城区 for a district, 桐庐县 for a county: how shops are named
    prefix: str
    area_code: str


def entity_places(regions: Iterable[Region]) -> tuple[list[EntityPlace], list[float]]:
    """Townships of ``regions`` (which must reach their county and city through ``parent``) and
    cumulative weights: urban districts and streets (街道) hold more businesses."""
    places: list[EntityPlace] = []
    weights: list[float] = []
    for r in regions:
        if r.level != RegionLevel.TOWNSHIP or r.parent is None or r.parent.parent is None:
            continue
        county, city = r.parent, r.parent.parent
        places.append(
            EntityPlace(
                township=r,
                county_code=county.code,
                city_name=city.name,
                city_short=CITIES[city.code][1] if city.code in CITIES else city.name[:2],
                county_name=county.name,
                registered_prefix=f"{city.name}{county.name}" if county.name.endswith("区") else county.name,
                prefix=f"{city.name}{county.name}{r.name}",
                area_code=CITIES[city.code][2] if city.code in CITIES else "0571",
            )
        )
        weight = (3.0 if county.name.endswith("区") else 1.0) * (2.0 if r.name.endswith("街道") else 1.0)
        weights.append(weight)
    return places, list(accumulate(weights))


_INDUSTRY_CUM = list(accumulate(w for *_, w, _ in INDUSTRIES))


def iter_entities(
    rng: random.Random,
    places: Sequence[EntityPlace],
    cum_weights: Sequence[float],
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    start: int = 0,
) -> Iterator[Entity]:
    """``count`` regulated entities (市场主体): companies (USCC type 91) and individual businesses
    (个体工商户, type 92) with valid, unique credit codes (entity number ``start + i``)."""
    salt = _salt(seed)
    for i in range(count):
        place = rng.choices(places, cum_weights=cum_weights)[0]
        industry, company_words, shop_words, _, p_high = rng.choices(INDUSTRIES, cum_weights=_INDUSTRY_CUM)[0]
        trade = names.trade_name(rng)
        if rng.random() < 0.3:
            trade += rng.choice(names.TRADE_CHARS)
        person = names.person_name(rng)
        if shop_words and rng.random() < 0.35:
            org_type = "92"
            name = f"{place.registered_prefix}{trade}{rng.choice(shop_words)}"
        else:
            org_type = "91"
            roll = rng.random()
            suffix = "股份有限公司" if roll < 0.03 else ("有限责任公司" if roll < 0.08 else "有限公司")
            name = f"{place.city_short}{trade}{rng.choice(company_words)}{suffix}"
        roll = rng.random()
        risk = RiskGrade.HIGH if roll < p_high else (RiskGrade.MEDIUM if roll < p_high + 0.25 else RiskGrade.LOW)
        yield Entity(
            name=name,
            uscc=make_uscc(scramble(10_000 + start + i, salt), org_type=org_type, division=place.county_code),
            legal_representative=person,
            address=names.street_address(rng, place.prefix),
            phone=names.mobile(rng) if rng.random() < 0.75 else names.landline(rng, place.area_code),
            region=place.township,
            industry=industry,
            risk_grade=risk,
        )


# --- Writing with provenance -------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def natural_row(obj: models.Model) -> tuple[str, list[Any]]:
    """(natural key, canonical row) of a generated object: what the ledger hash covers."""
    if isinstance(obj, Region):
        return obj.code, [obj.code, obj.name, obj.level, obj.parent.code if obj.parent else None, obj.path]
    if isinstance(obj, Agency):
        return obj.uscc, [obj.uscc, obj.name, obj.region.code, obj.parent.uscc if obj.parent else None,
                          obj.power_kinds, obj.legal_basis, obj.is_supervisor, obj.address, obj.phone]  # fmt: skip
    if isinstance(obj, Unit):
        return f"{obj.agency.uscc}/{obj.name}", [obj.agency.uscc, obj.name, obj.is_review_unit]
    if isinstance(obj, Officer):
        return obj.certificate_no, [
            obj.certificate_no, obj.name, obj.agency.uscc, obj.unit.name if obj.unit else None, obj.post,
            obj.categories, obj.region.code, _canonical(obj.cert_valid_from), _canonical(obj.cert_valid_until),
            obj.cert_status, obj.legal_qualification, obj.is_reviewer,
        ]  # fmt: skip
    if isinstance(obj, EnforcementItem):
        fields = [f.attname for f in EnforcementItem._meta.concrete_fields if f.attname not in ("id", "agency_id")]
        return f"{obj.agency.uscc}/{obj.code}", [obj.agency.uscc, *(getattr(obj, f) for f in fields)]
    if isinstance(obj, InspectionItem):
        fields = [f.attname for f in InspectionItem._meta.concrete_fields if f.attname not in ("id", "agency_id")]
        return f"{obj.agency.uscc}/{obj.code}", [obj.agency.uscc, *(_canonical(getattr(obj, f)) for f in fields)]
    if isinstance(obj, Entity):
        return obj.uscc, [obj.uscc, obj.name, obj.legal_representative, obj.address, obj.phone,
                          obj.region.code if obj.region else None, obj.industry, obj.risk_grade]  # fmt: skip
    raise TypeError(f"no natural row for {type(obj).__name__}")


def batch_sha256(rows: Sequence[list[Any]]) -> str:
    data = json.dumps(list(rows), ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode()).hexdigest()


@dataclass
class SeedReport:
    """What ``seed_demo`` wrote: rows per model, seconds per step, and the persona usernames."""

    scale: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    users: list[str] = field(default_factory=list)


def _insert_rows(model: type[models.Model], batch: Sequence[models.Model]) -> None:
    """A plain multi-row INSERT for rows nothing refers to yet (entities): skips ``bulk_create``'s
    per-object bookkeeping, which costs more than generating the row. Values are the instances'
    own attributes (strings and ids only), passed as query parameters."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table), ", ".join(qn(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    attnames = [f.attname for f in fields]
    with connection.cursor() as cursor:
        cursor.executemany(sql, [tuple(getattr(o, a) for a in attnames) for o in batch])


class BatchWriter:
    """Bulk-inserts objects in batches and appends one ledger entry per batch."""

    def __init__(self, *, scale: str, seed: int, batch_size: int, report: SeedReport) -> None:
        self.scale, self.seed, self.batch_size, self.report = scale, seed, batch_size, report

    def write(self, model: type[M], objs: Iterable[M]) -> list[M]:
        """Insert ``objs`` (inside the caller's transaction); returns them with primary keys."""
        label = model._meta.label_lower
        saved: list[M] = []
        it = iter(objs)
        number = 0
        while batch := list(islice(it, self.batch_size)):
            if model is Entity and all(getattr(o, "region_id", None) is not None for o in batch):
                _insert_rows(Entity, batch)
            else:
                model._default_manager.bulk_create(batch, batch_size=self.batch_size)
            keyed = [natural_row(o) for o in batch]
            append_entry(
                actor=LEDGER_ACTOR,
                subject=f"{label}:seed:{number}",
                action="roster.seed",
                payload={
                    "scale": self.scale,
                    "seed": self.seed,
                    "model": label,
                    "batch": number,
                    "count": len(batch),
                    "first": keyed[0][0],
                    "last": keyed[-1][0],
                    "sha256": batch_sha256([row for _, row in keyed]),
                },
            )
            self.report.counts[label] = self.report.counts.get(label, 0) + len(batch)
            number += 1
            if model is not Entity:  # entities are not needed afterwards; keep memory flat
                saved.extend(batch)
        return saved


def _rng(seed: int, table: str) -> random.Random:
    return random.Random(f"{seed}:{table}")


def seed_demo(
    *,
    scale: Scale,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    batch_size: int = 5_000,
    with_personas: bool = True,
    log: Callable[[str], None] | None = None,
) -> SeedReport:
    """Write ``scale`` into an empty roster: regions, agencies and units, officers, items, entities,
    then the persona logins. Certificates are dated relative to ``today`` (default: the local date)."""
    today = today or timezone.localdate()
    report = SeedReport(scale=scale.name, seed=seed)
    writer = BatchWriter(scale=scale.name, seed=seed, batch_size=batch_size, report=report)
    say = log or (lambda _msg: None)

    def step(name: str, t0: float) -> None:
        report.seconds[name] = round(time.perf_counter() - t0, 3)
        say(f"{name}: {report.seconds[name]:.2f} s")

    t0 = time.perf_counter()
    regions = build_regions(scale)
    with transaction.atomic():
        for level in RegionLevel.values:  # parents first: bulk_create needs their ids
            writer.write(Region, [r for r in regions if r.level == level])
    step("regions", t0)

    t0 = time.perf_counter()
    plans = build_agencies(_rng(seed, "agencies"), scale, regions, seed)
    with transaction.atomic():
        for level in ("province", "city", "county"):  # parents first: their ids are needed
            writer.write(Agency, [p.agency for p in plans if p.level == level])
        writer.write(Unit, [u for p in plans for u in p.units])
    step("agencies", t0)

    t0 = time.perf_counter()
    with transaction.atomic():
        officers = writer.write(Officer, iter_officers(_rng(seed, "officers"), plans, scale.officers, today))
    step("officers", t0)

    t0 = time.perf_counter()
    with transaction.atomic():
        writer.write(EnforcementItem, iter_items(plans))
        writer.write(InspectionItem, iter_inspection_items(plans))
    step("items", t0)

    t0 = time.perf_counter()
    places, cum = entity_places(regions)
    with transaction.atomic():
        writer.write(Entity, iter_entities(_rng(seed, "entities"), places, cum, scale.entities, seed=seed))
        # each entry belongs to the market regulation bureau that registered it (名录库 ownership)
        assign_registering_agencies(actor=LEDGER_ACTOR)
    step("entities", t0)

    if with_personas:
        t0 = time.perf_counter()
        report.users = create_personas(plans, officers)
        step("personas", t0)
    return report


def create_personas(plans: Sequence[AgencyPlan], officers: Sequence[Officer]) -> list[str]:
    """One login per role (see ``PERSONAS``), all with ``DEMO_PASSWORD``."""
    home = {p.domain.key: p.agency for p in plans if p.persona_home}
    home_ids = {a.pk for a in home.values()}
    by_name: dict[tuple[int, str], Officer] = {}
    for o in officers:  # the personas' officers come first in their agency; keep the first match
        if o.agency_id in home_ids:
            by_name.setdefault((o.agency_id, o.name), o)
    # One PBKDF2 run for all the demo logins (they share one published password anyway): at Django's
    # default strength each hash costs about half a second, which would dominate `make run`.
    # Otherwise this is ``roster.services.create_user``: validate, save, same ledger entry.
    encoded = make_password(DEMO_PASSWORD)
    usernames = []
    with transaction.atomic():
        for persona in PERSONAS:
            agency = home.get(persona.domain) if persona.domain else None
            officer = by_name.get((agency.pk, persona.full_name)) if agency and persona.officer else None
            user = User(
                username=persona.username,
                password=encoded,
                role=persona.role,
                agency=agency,
                officer=officer,
                full_name=persona.full_name,
                is_staff=is_staff_role(persona.role),
            )
            user.full_clean(exclude=["password"])
            user.save()
            append_entry(
                actor=LEDGER_ACTOR,
                subject=user,
                action="roster.user.create",
                payload={
                    "username": user.username,
                    "role": user.role,
                    "agency": agency.pk if agency else None,
                    "officer": officer.pk if officer else None,
                },
            )
            usernames.append(persona.username)
    return usernames


# --- Existing data ---------------------------------------------------------------------------


def roster_is_empty() -> bool:
    return not Agency.objects.exists()


def reset_roster() -> dict[str, int]:
    """Delete the roster (users bound to agencies or officers, the persona logins, officers, units,
    items, entities, agencies, regions) so that a new demo set can be written. The ledger keeps
    everything, including an entry for the reset itself. Raises ``ProtectedError`` where other
    records (cases, ...) still refer to the roster."""
    persona_names = [p.username for p in PERSONAS]
    deleted: dict[str, int] = {}
    with transaction.atomic():
        users = User.objects.filter(
            models.Q(agency__isnull=False) | models.Q(officer__isnull=False) | models.Q(username__in=persona_names)
        )
        deleted["users"] = users.delete()[0]
        for label, qs in (
            ("officers", Officer.objects.all()),
            ("units", Unit.objects.all()),
            ("items", EnforcementItem.objects.all()),
            ("inspection_items", InspectionItem.objects.all()),
            ("entities", Entity.objects.all()),
        ):
            deleted[label] = qs.delete()[0]
        Agency.objects.update(parent=None)  # self-references are PROTECT: cut them, then delete
        deleted["agencies"] = Agency.objects.all().delete()[0]
        Region.objects.update(parent=None)
        deleted["regions"] = Region.objects.all().delete()[0]
        append_entry(actor=LEDGER_ACTOR, subject="roster", action="roster.seed.reset", payload=deleted)
    return deleted


def add_entities(*, count: int, seed: int = DEFAULT_SEED, start: int | None = None, batch_size: int = 5_000) -> int:
    """Append ``count`` more entities to the townships already in the database (for benchmarks).
    ``start`` (default: the current number of entities) keeps the credit codes unique when the
    existing entities came from the same ``seed``."""
    regions = list(Region.objects.filter(level=RegionLevel.TOWNSHIP).select_related("parent__parent"))
    places, cum = entity_places(regions)
    if not places:
        raise ValueError("no townships in the database: run seed_demo first")
    first = Entity.objects.count() if start is None else start
    report = SeedReport(scale="bench", seed=seed)
    writer = BatchWriter(scale="bench", seed=seed, batch_size=batch_size, report=report)
    rng = _rng(seed, f"entities:{first}")
    with transaction.atomic():
        writer.write(Entity, iter_entities(rng, places, cum, count, seed=seed, start=first))
        assign_registering_agencies(actor=LEDGER_ACTOR)
    return report.counts.get(Entity._meta.label_lower, 0)
