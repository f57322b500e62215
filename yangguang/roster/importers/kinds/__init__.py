"""The six roster lists that can be imported and exported: their columns (Chinese headers as
agencies keep them), natural keys, cross-row and database checks, bulk upsert, and export rows.

``base`` holds the ``Kind`` class and shared helpers, ``bodies`` the regions, agencies and officers,
``items`` the enforcement and inspection items and the regulated entities. Everything is
re-exported here; ``KINDS`` is the one registry."""

from __future__ import annotations

from yangguang.roster.importers.kinds.base import (  # noqa: F401  importable from here as before the split
    BATCH,
    KIND_LABELS,
    LOOKUP_CHUNK,
    Kind,
    _check_tree,
    agencies_by_uscc,
    chunked,
    kind_labels,
    regions_by_code,
    update_many,
    yes_no,
)
from yangguang.roster.importers.kinds.bodies import (
    Agencies,
    Officers,
    Regions,
)
from yangguang.roster.importers.kinds.items import (  # noqa: F401  importable from here as before the split
    Entities,
    InspectionItems,
    Items,
    _AgencyItems,
)

KINDS: dict[str, type[Kind]] = {k.name: k for k in (Regions, Agencies, Officers, Items, InspectionItems, Entities)}

__all__ = [
    "BATCH",
    "KINDS",
    "KIND_LABELS",
    "LOOKUP_CHUNK",
    "Agencies",
    "Entities",
    "InspectionItems",
    "Items",
    "Kind",
    "Officers",
    "Regions",
    "agencies_by_uscc",
    "chunked",
    "kind_labels",
    "regions_by_code",
    "update_many",
    "yes_no",
]
