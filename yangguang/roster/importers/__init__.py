"""Roster import and export (名册导入导出): XLSX and CSV files in the formats agencies keep their
lists in, validated row by row, written all-or-nothing through one service function."""

from yangguang.roster.importers.base import ImportInvalid, ImportResult, RowError
from yangguang.roster.importers.export import export_filename, template_workbook, write_export
from yangguang.roster.importers.kinds import KINDS
from yangguang.roster.importers.service import can_import, get_kind, import_roster_file, importable_kinds

__all__ = [
    "KINDS",
    "ImportInvalid",
    "ImportResult",
    "RowError",
    "can_import",
    "export_filename",
    "get_kind",
    "import_roster_file",
    "importable_kinds",
    "template_workbook",
    "write_export",
]
