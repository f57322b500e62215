"""The message catalog (``yangguang/locale``): what ``makemessages`` does not find by itself.

Pages and forms mark their text with ``gettext``/``{% translate %}``, which ``makemessages`` extracts.
The domain errors are Chinese literals at the place they are raised (``DomainError("请填写事由")``,
``_invalid(…)``) or module constants (``MSG_REASON = "…"``, the guards' ``MSG`` table); ``DomainError``
passes its message through ``gettext`` when it is made, and this module finds those literals (by
reading the source, no import) so that the catalog holds them too. Messages built with an f-string
are formatted before ``gettext`` sees them and are not collected: to make one translatable, raise
``DomainError(gettext("…{x}…").format(x=…))`` (the guards do so with ``MSG``).

``write_catalog`` merges them into the ``zh_Hans`` catalog that ``makemessages`` wrote (the source
language is Simplified Chinese, so each ``msgstr`` is its ``msgid``) and ``compile_catalog`` writes
the ``.mo`` with ``msgfmt`` or, where gettext's tools are missing, in Python.
"""

from __future__ import annotations

import ast
import re
import shutil
import struct
import subprocess
from collections.abc import Iterable
from pathlib import Path

# Calls whose first argument is a user-facing domain message.
ERROR_CALLS = frozenset(
    {"DomainError", "PermissionDeniedError", "NotFoundError", "AccessDenied", "BadParameter", "_invalid"}
)
SKIP_PARTS = frozenset({"tests", "migrations"})


def _is_message(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value.strip())


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def messages_in(source: str) -> list[tuple[str, int]]:
    """The domain messages of one module: (text, line)."""
    found: list[tuple[str, int]] = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in ERROR_CALLS and node.args and _is_message(node.args[0]):
            found.append((node.args[0].value, node.lineno))  # type: ignore[attr-defined]
    for node in tree.body:  # module constants: MSG_X = "…" and MSG = {"code": "…"}
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if not any(isinstance(t, ast.Name) and t.id.startswith("MSG") for t in targets):
            continue
        value = node.value  # type: ignore[attr-defined]
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.strip():
            found.append((value.value, node.lineno))
        elif isinstance(value, ast.Dict):
            found.extend(
                (v.value, v.lineno)
                for v in value.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str) and v.value.strip()
            )
    return found


def domain_messages(package: Path) -> dict[str, list[str]]:
    """Every domain message of the package's modules (tests and migrations left out), with where."""
    out: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        if SKIP_PARTS & set(path.relative_to(package).parts):
            continue
        for text, _line in messages_in(path.read_text(encoding="utf-8")):
            where = out.setdefault(text, [])
            # The file without the line (like makemessages --add-location=file): edits elsewhere in
            # the file do not change the catalog, so parallel work merges.
            if str(path.relative_to(package.parent)) not in where:
                where.append(str(path.relative_to(package.parent)))
    return out


# --- the .po file -------------------------------------------------------------------------------


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file's singular entries (the header is the entry with msgid "")."""
    catalog: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    field = ""

    def flush() -> None:
        if "msgid" in entry and "msgstr" in entry:
            catalog["".join(entry["msgid"])] = "".join(entry["msgstr"])

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            flush()
            entry, field = {"msgid": [_unquote(line[7:-1])]}, "msgid"
        elif line.startswith("msgstr "):
            entry["msgstr"], field = [_unquote(line[8:-1])], "msgstr"
        elif line.startswith('"') and field:
            entry[field].append(_unquote(line[1:-1]))
        else:  # comments, blank lines, msgid_plural and msgstr[n] (plural entries are left out)
            field = ""
    flush()
    return catalog


def _fill_msgstr(po: str) -> str:
    """Every empty ``msgstr ""`` of a singular entry becomes its msgid (zh_Hans is the source)."""
    out: list[str] = []
    msgid: list[str] = []
    in_id = False
    lines = po.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("msgid "):
            msgid, in_id = [line[6:]], True
        elif in_id and line.startswith('"'):
            msgid.append(line)
        elif line.startswith("msgstr "):
            in_id = False
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if line == 'msgstr ""' and msgid != ['""'] and not following.startswith('"'):
                out.append("msgstr " + msgid[0])
                out.extend(msgid[1:])
                continue
        else:
            in_id = False
        out.append(line)
    return "\n".join(out) + "\n"


def write_catalog(po_path: Path, extra: dict[str, list[str]]) -> int:
    """Append the domain messages missing from ``po_path``, fill every msgstr; returns how many
    were added. ``fuzzy`` flags on the header are dropped (the catalog is complete)."""
    text = po_path.read_text(encoding="utf-8")
    known = set(read_po(po_path))
    added = [m for m in sorted(extra) if m not in known]
    blocks = ["".join(f"#: {where}\n" for where in extra[m][:3]) + f'msgid "{_quote(m)}"\nmsgstr ""\n' for m in added]
    text = text.rstrip("\n") + "\n" + ("\n" + "\n".join(blocks) if blocks else "")
    text = text.replace('#, fuzzy\nmsgid ""', 'msgid ""', 1)
    # No creation date: two regenerations of the same source give the same file (no merge noise).
    text = re.sub(r'^"POT-Creation-Date: [^"]*"\n', "", text, count=1, flags=re.M)
    po_path.write_text(_fill_msgstr(text), encoding="utf-8")
    return len(added)


# --- the .mo file -------------------------------------------------------------------------------


def mo_bytes(catalog: dict[str, str]) -> bytes:
    """GNU .mo of ``catalog`` (the format of Python's ``Tools/i18n/msgfmt.py``)."""
    keys = sorted(catalog)
    ids = [k.encode("utf-8") for k in keys]
    strs = [catalog[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)
    ids_blob, strs_blob = b"", b""
    offsets: list[tuple[int, int, int, int]] = []
    for i, s in zip(ids, strs, strict=True):
        offsets.append((len(i), len(ids_blob), len(s), len(strs_blob)))
        ids_blob += i + b"\0"
        strs_blob += s + b"\0"
    ids_start = start
    strs_start = ids_start + len(ids_blob)
    table = b"".join(struct.pack("<ii", n, ids_start + o) for n, o, _, _ in offsets)
    table += b"".join(struct.pack("<ii", n, strs_start + o) for _, _, n, o in offsets)
    header = struct.pack("<Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return header + table + ids_blob + strs_blob


def compile_catalog(po_path: Path) -> Path:
    """Write ``django.mo`` beside ``po_path``: with ``msgfmt`` when installed, else in Python."""
    mo_path = po_path.with_suffix(".mo")
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        subprocess.run([msgfmt, "--check-format", "-o", str(mo_path), str(po_path)], check=True)
    else:
        mo_path.write_bytes(mo_bytes(read_po(po_path)))
    return mo_path


def missing_from(catalog: Iterable[str], messages: Iterable[str]) -> list[str]:
    have = set(catalog)
    return sorted(m for m in messages if m not in have)
