"""Roster lists of the administration itself: regions (行政区划), enforcement agencies (执法主体)
and enforcement officers (执法人员)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from yangguang.roster import selectors
from yangguang.roster.importers import cells
from yangguang.roster.importers.base import Column, ErrorList, Row
from yangguang.roster.importers.kinds import officer_certificates
from yangguang.roster.importers.kinds.base import (
    BATCH,
    Kind,
    _check_tree,
    agencies_by_uscc,
    chunked,
    kind_labels,
    regions_by_code,
    yes_no,
)
from yangguang.roster.models import (
    Agency,
    CertificateStatus,
    Officer,
    Region,
    RegionLevel,
    Unit,
    User,
)

# --- regions ------------------------------------------------------------------------------------


class Regions(Kind):
    name = "regions"
    label = "行政区划"
    model = Region
    admin_only = True
    key_column = "code"
    columns = [
        Column("行政区划代码", "code", cells.division, required=True, help="6位（省、市、县）或9位（乡镇街道）数字"),
        Column("名称", "name", cells.text(100), required=True),
        Column(
            "级别",
            "level",
            cells.choice(
                RegionLevel.choices,
                {
                    "省级": "province",
                    "市级": "city",
                    "县": "county",
                    "区": "county",
                    "县级": "county",
                    "乡镇": "township",
                    "街道": "township",
                    "乡": "township",
                    "镇": "township",
                },
                "级别",
            ),
            required=True,
            help="省、市、县（区）、乡镇（街道）",
        ),
        Column("上级区划代码", "parent_code", cells.division, help="省级留空；上级须在本文件中或已存在"),
    ]

    def key(self, row: Row) -> str | None:
        return row.get("code")

    def resolve(self, rows: list[Row], errors: ErrorList, scope: set[int] | None) -> None:
        referenced = {r.get("parent_code") for r in rows if r.get("parent_code")}
        self.db = regions_by_code(referenced | {r.values["code"] for r in rows if r.has("code")})
        _check_tree(self, rows, errors, "code", "parent_code", set(self.db), "上级区划代码“{}”不存在")

    def write(self, rows: list[Row]) -> tuple[list[str], list[str], int]:
        file_parent = {r.values["code"]: r.get("parent_code") for r in rows}
        paths: dict[str, str] = {}

        def path_of(code: str) -> str:
            if code in paths:
                return paths[code]
            parent = file_parent.get(code)
            if parent and parent in file_parent:
                prefix = path_of(parent)
            elif parent:
                prefix = self.db[parent][1]
            else:
                prefix = "/"
            paths[code] = f"{prefix}{code}/"
            return paths[code]

        existing: dict[str, dict[str, Any]] = {
            r["code"]: dict(r)
            for part in chunked(list(file_parent))
            for r in Region.objects.filter(code__in=part).values("pk", "code", "name", "level", "parent_id", "path")
        }
        # New regions first (without parent), so that every code has an id to point at.
        new = [
            Region(
                code=r.values["code"], name=r.values["name"], level=r.values["level"], path=path_of(r.values["code"])
            )
            for r in rows
            if r.values["code"] not in existing
        ]
        Region.objects.bulk_create(new, batch_size=BATCH)
        ids = {code: pk for code, (pk, _) in self.db.items()}
        ids.update({r.code: r.pk for r in new})
        ids.update({code: r["pk"] for code, r in existing.items()})
        created = [r.code for r in new]
        updated: list[str] = []
        unchanged = 0
        changes: list[Region] = []
        moved: list[tuple[str, str]] = []
        for row in rows:
            code = row.values["code"]
            parent = row.get("parent_code")
            fields = {
                "name": row.values["name"],
                "level": row.values["level"],
                "parent_id": ids[parent] if parent else None,
                "path": path_of(code),
            }
            old = existing.get(code)
            if old is None:
                if fields["parent_id"] is not None:
                    changes.append(Region(pk=ids[code], **fields))
                continue
            if all(old[f] == v for f, v in fields.items()):
                unchanged += 1
                continue
            if old["path"] != fields["path"]:
                moved.append((old["path"], fields["path"]))
            changes.append(Region(pk=ids[code], **fields))
            updated.append(code)
        Region.objects.bulk_update(changes, ["name", "level", "parent_id", "path"], batch_size=BATCH)
        # A region that moved carries the regions below it (not in the file) along.
        in_file = set(file_parent)
        for old_path, new_path in moved:
            below = [r for r in Region.objects.filter(path__startswith=old_path) if r.code not in in_file]
            for r in below:
                r.path = new_path + r.path[len(old_path) :]
            Region.objects.bulk_update(below, ["path"], batch_size=BATCH)
        return created, updated, unchanged

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        labels = dict(RegionLevel.choices)
        qs = Region.objects.order_by("code").values_list("code", "name", "level", "parent__code")
        for code, name, level, parent_code in qs.iterator(chunk_size=2000):
            yield [code, name, str(labels.get(level, level)), parent_code or ""]


# --- agencies -----------------------------------------------------------------------------------


class Agencies(Kind):
    name = "agencies"
    label = "执法主体"
    model = Agency
    admin_only = True
    key_column = "uscc"
    columns = [
        Column("名称", "name", cells.text(200), required=True),
        Column("统一社会信用代码", "uscc", cells.uscc, required=True),
        Column("所属区划代码", "region_code", cells.division, required=True, aliases=("行政区划代码", "所属区划")),
        Column("上级机关统一社会信用代码", "parent_uscc", cells.uscc, help="上级机关须在本文件中或已存在"),
        Column(
            "执法类别", "power_kinds", cells.action_kinds, default=[], help="多个用“、”分隔，如：行政许可、行政处罚"
        ),
        Column("设立及执法依据", "legal_basis", cells.text()),
        Column("执法监督机构", "is_supervisor", cells.boolean, default=False, help="是/否（司法行政机关填“是”）"),
        Column("地址", "address", cells.text(200)),
        Column("电话", "phone", cells.text(50)),
        Column(
            "行政复议机关", "reconsideration_organ", cells.text(200), help="如：杭州市西湖区人民政府；垂直管理的不填"
        ),
        Column(
            "垂直管理",
            "vertical_management",
            cells.boolean,
            default=False,
            help="是/否；“是”的行政复议机关为上级机关（《行政复议法》第二十七条），须填写上级机关",
        ),
        Column("管辖人民法院", "court", cells.text(200), help="提起行政诉讼、申请强制执行的人民法院"),
        Column("罚没款缴纳账户", "payment_account", cells.text(300), help="开户银行、户名、账号"),
        Column(
            "内设机构", "units", cells.name_list(100), default=[], help="多个用“、”分隔；导入只新增，不删除已有内设机构"
        ),
        Column("法制审核机构", "review_unit", cells.text(100), help="须为“内设机构”之一"),
        Column("有效", "is_active", cells.boolean, default=True, help="是/否，默认“是”"),
    ]
    mapping = {
        "name": "name",
        "uscc": "uscc",
        "region_id": "region_id",
        "power_kinds": "power_kinds",
        "legal_basis": "legal_basis",
        "is_supervisor": "is_supervisor",
        "address": "address",
        "phone": "phone",
        "reconsideration_organ": "reconsideration_organ",
        "vertical_management": "vertical_management",
        "court": "court",
        "payment_account": "payment_account",
        "is_active": "is_active",
    }

    def key(self, row: Row) -> str | None:
        return row.get("uscc")

    def resolve(self, rows: list[Row], errors: ErrorList, scope: set[int] | None) -> None:
        self.check_region(rows, errors)
        referenced = {r.get("parent_uscc") for r in rows if r.get("parent_uscc")}
        self.db = agencies_by_uscc(referenced | {r.values["uscc"] for r in rows if r.has("uscc")})
        _check_tree(self, rows, errors, "uscc", "parent_uscc", set(self.db), "上级机关“{}”不存在")
        for row in rows:
            if (
                row.get("vertical_management")
                and not row.get("parent_uscc")
                and not Agency.objects.filter(uscc=row.get("uscc"), parent__isnull=False).exists()
            ):
                self.err(errors, row, "parent_uscc", "垂直管理的执法主体须填写上级机关（其行政复议机关为上级主管部门）")
            review = row.get("review_unit")
            if review and review not in (row.get("units") or []):
                existing_units = set()
                if row.has("uscc") and row.values["uscc"] in self.db:
                    existing_units = set(
                        Unit.objects.filter(agency_id=self.db[row.values["uscc"]][0]).values_list("name", flat=True)
                    )
                if review not in existing_units:
                    self.err(errors, row, "review_unit", f"“{review}”未列在“内设机构”中")

    def write(self, rows: list[Row]) -> tuple[list[str], list[str], int]:
        keys = [r.values["uscc"] for r in rows]
        existing = {
            r["uscc"]: r
            for part in chunked(keys)
            for r in Agency.objects.filter(uscc__in=part).values("pk", *self.mapping.values(), "parent_id")
        }
        for row in rows:  # parent links are set once every agency has an id (below)
            row.values["parent_id"] = existing.get(row.values["uscc"], {}).get("parent_id")
        created, updated, unchanged = self.upsert(rows, existing, self.mapping)
        ids = {u: pk for u, (pk, _) in agencies_by_uscc(set(keys) | set(self.db)).items()}
        parent_changes: list[Agency] = []
        touched: set[str] = set()
        for row in rows:
            if "parent_uscc" not in row.values:
                continue
            parent = row.get("parent_uscc")
            parent_id = ids[parent] if parent else None
            if row.values["parent_id"] != parent_id:
                parent_changes.append(Agency(pk=ids[row.values["uscc"]], parent_id=parent_id))
                touched.add(row.values["uscc"])
        Agency.objects.bulk_update(parent_changes, ["parent_id"], batch_size=BATCH)
        touched |= self._write_units(rows, ids)
        # A new agency whose parent or units were set afterwards is still just "created".
        extra = [k for k in keys if k in touched and k not in created and k not in updated]
        return created, updated + extra, unchanged - len(extra)

    def _write_units(self, rows: list[Row], ids: dict[str, int]) -> set[str]:
        touched: set[str] = set()
        rows = [r for r in rows if "units" in r.values or r.get("review_unit")]
        agency_ids = [ids[r.values["uscc"]] for r in rows]
        current: dict[tuple[int, str], Unit] = {}
        for part in chunked(agency_ids):
            for unit in Unit.objects.filter(agency_id__in=part):
                current[(unit.agency_id, unit.name)] = unit
        new: list[Unit] = []
        flip: list[Unit] = []
        for row in rows:
            agency_id = ids[row.values["uscc"]]
            review = row.get("review_unit")
            names = list(row.get("units") or [])
            for name in names:
                if (agency_id, name) not in current:
                    new.append(Unit(agency_id=agency_id, name=name, is_review_unit=name == review))
                    touched.add(row.values["uscc"])
            if "review_unit" in row.values:
                for (a_id, name), unit in current.items():
                    if a_id == agency_id and unit.is_review_unit != (name == review):
                        unit.is_review_unit = name == review
                        flip.append(unit)
                        touched.add(row.values["uscc"])
        Unit.objects.bulk_create(new, batch_size=BATCH)
        Unit.objects.bulk_update(flip, ["is_review_unit"], batch_size=BATCH)
        return touched

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        qs = (selectors.visible_agencies(user) if user else Agency.objects.all()).select_related("region", "parent")
        for agency in qs.order_by("region__code", "name", "pk").prefetch_related("units"):
            units = sorted(agency.units.all(), key=lambda u: u.name)
            review = next((u.name for u in units if u.is_review_unit), "")
            yield [
                agency.name,
                agency.uscc,
                agency.region.code,
                agency.parent.uscc if agency.parent else "",
                kind_labels(agency.power_kinds),
                agency.legal_basis,
                yes_no(agency.is_supervisor),
                agency.address,
                agency.phone,
                agency.reconsideration_organ,
                yes_no(agency.vertical_management),
                agency.court,
                agency.payment_account,
                "、".join(u.name for u in units),
                review,
                yes_no(agency.is_active),
            ]


# --- officers -----------------------------------------------------------------------------------


class Officers(Kind):
    name = "officers"
    label = "执法人员"
    model = Officer
    key_column = "certificate_no"
    columns = [
        Column("姓名", "name", cells.text(50), required=True),
        Column("执法主体统一社会信用代码", "agency_uscc", cells.uscc, required=True),
        Column("执法主体", "agency_name", cells.text(), info=True, help="仅供阅读，导入时以统一社会信用代码为准"),
        Column("内设机构", "unit", cells.text(100), aliases=("单位",), help="须为该执法主体已有的内设机构"),
        Column("职务", "post", cells.text(50)),
        Column("执法证号", "certificate_no", cells.code(40), required=True, aliases=("证件编号", "执法证件号")),
        Column("执法类别", "categories", cells.action_kinds, default=[], help="多个用“、”分隔，如：行政处罚、行政检查"),
        Column(
            "执法区域", "region_code", cells.division, required=True, aliases=("执法区域代码",), help="行政区划代码"
        ),
        Column("证件有效期起", "cert_valid_from", cells.date, required=True, help="日期，如2024-01-31"),
        Column("证件有效期至", "cert_valid_until", cells.date, required=True, help="日期，如2029-01-30"),
        Column(
            "证件状态",
            "cert_status",
            cells.choice(
                CertificateStatus.choices, {"过期": "expired", "吊销": "revoked", "暂停": "suspended"}, "证件状态"
            ),
            default=CertificateStatus.VALID,
            help="有效、已过期、暂扣、已吊销；默认“有效”",
        ),
        Column("具有法律职业资格", "legal_qualification", cells.boolean, default=False, aliases=("法律职业资格",)),
        Column("法制审核人员", "is_reviewer", cells.boolean, default=False),
    ]
    mapping = {
        "name": "name",
        "agency_id": "agency_id",
        "unit_id": "unit_id",
        "post": "post",
        "certificate_no": "certificate_no",
        "categories": "categories",
        "region_id": "region_id",
        "cert_valid_from": "cert_valid_from",
        "cert_valid_until": "cert_valid_until",
        "cert_status": "cert_status",
        "legal_qualification": "legal_qualification",
        "is_reviewer": "is_reviewer",
    }

    def __init__(self) -> None:
        super().__init__()
        self.pending = officer_certificates.Pending()
        self.event_ids: list[int] = []

    def key(self, row: Row) -> str | None:
        return row.get("certificate_no")

    def resolve(self, rows: list[Row], errors: ErrorList, scope: set[int] | None) -> None:
        self.check_agency(rows, errors, scope)
        self.check_region(rows, errors)
        agency_ids = sorted({r.values["agency_id"] for r in rows if "agency_id" in r.values})
        units: dict[tuple[int, str], int] = {}
        names: dict[int, str] = {}
        for part in chunked(agency_ids):
            for pk, agency_id, name in Unit.objects.filter(agency_id__in=part).values_list("pk", "agency_id", "name"):
                units[(agency_id, name)] = pk
            names.update(Agency.objects.filter(pk__in=part).values_list("pk", "name"))
        for row in rows:
            if "unit" in row.values and "agency_id" in row.values:
                unit = row.get("unit")
                if not unit:
                    row.values["unit_id"] = None
                elif (row.values["agency_id"], unit) in units:
                    row.values["unit_id"] = units[(row.values["agency_id"], unit)]
                else:
                    self.err(errors, row, "unit", f"执法主体“{names[row.values['agency_id']]}”没有内设机构“{unit}”")
            start, end = row.get("cert_valid_from"), row.get("cert_valid_until")
            if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
                self.err(errors, row, "cert_valid_until", f"不能早于证件有效期起（{start.isoformat()}）")
        # An officer already registered elsewhere may only be moved by someone who sees both agencies.
        if scope is not None:
            keys = [r.values["certificate_no"] for r in rows if r.has("certificate_no")]
            elsewhere: dict[str, str] = {}
            for part in chunked(keys):
                for cert, agency_name in (
                    Officer.objects.filter(certificate_no__in=part)
                    .exclude(agency_id__in=scope)
                    .values_list("certificate_no", "agency__name")
                ):
                    elsewhere[cert] = agency_name
            for row in rows:
                if row.get("certificate_no") in elsewhere:
                    self.err(
                        errors,
                        row,
                        "certificate_no",
                        f"执法证号“{row.values['certificate_no']}”已登记在{elsewhere[row.values['certificate_no']]}，无权修改",
                    )
        self.check_certificates(rows, errors)

    def check_certificates(self, rows: list[Row], errors: ErrorList) -> None:
        """Certificate facts and qualifications are the issuing authority's (officer_certificates)."""
        keys = [r.values["certificate_no"] for r in rows if r.has("certificate_no")]
        fields = ("certificate_no", *officer_certificates.CERT_FIELDS, *officer_certificates.QUAL_FIELDS)
        existing = {
            r["certificate_no"]: r
            for part in chunked(keys)
            for r in Officer.objects.filter(certificate_no__in=part).values(*fields)
        }
        # rows already refused for their key or agency are not judged again
        judged = [r for r in rows if not r.bad & {"certificate_no", "agency_uscc"}]
        self.pending = officer_certificates.check_rows(
            judged, existing, self.actor, lambda row, key, message: self.err(errors, row, key, message)
        )

    def write(self, rows: list[Row]) -> tuple[list[str], list[str], int]:
        keys = [r.values["certificate_no"] for r in rows]
        existing = {
            r["certificate_no"]: r
            for part in chunked(keys)
            for r in Officer.objects.filter(certificate_no__in=part).values("pk", *self.mapping.values())
        }
        result = self.upsert(rows, existing, self.mapping)
        self.event_ids = officer_certificates.write(self.pending, self.actor)
        return result

    def after_record(self, seq: int) -> None:
        officer_certificates.attach_ledger(self.event_ids, seq)

    def export_rows(self, user: User | None) -> Iterator[list[Any]]:
        qs = selectors.search_officers(user) if user else Officer.objects.order_by("agency_id", "name", "pk")
        labels = dict(CertificateStatus.choices)
        values = qs.values_list(
            "name",
            "agency__uscc",
            "agency__name",
            "unit__name",
            "post",
            "certificate_no",
            "categories",
            "region__code",
            "cert_valid_from",
            "cert_valid_until",
            "cert_status",
            "legal_qualification",
            "is_reviewer",
        )
        for name, uscc, agency_name, unit, post, cert, cats, region, start, end, status, lq, rev in values.iterator(
            chunk_size=2000
        ):
            yield [
                name,
                uscc,
                agency_name,
                unit or "",
                post,
                cert,
                kind_labels(cats),
                region,
                start,
                end,
                str(labels.get(status, status)),
                yes_no(lq),
                yes_no(rev),
            ]
