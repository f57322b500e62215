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


def _source_entry(block: list[str]) -> list[str]:
    """One singular entry as its own translation: the msgstr is the msgid (zh_Hans is the source
    language), and msgmerge's guesses go (the ``fuzzy`` flag and the ``#|`` previous msgid)."""
    if not any(line.startswith("msgid ") for line in block) or any(line.startswith("msgctxt") for line in block):
        return block
    if any(line.startswith("msgid_plural") for line in block):
        return _source_plural(block)
    msgid: list[str] = []
    out: list[str] = []
    field = ""
    for line in block:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
            if flags:
                out.append("#, " + ", ".join(flags))
            continue
        if line.startswith("msgid "):
            field = "msgid"
            msgid = [line[6:]]
            out.append(line)
        elif line.startswith("msgstr "):
            field = "msgstr"
        elif line.startswith('"') and field:
            if field == "msgid":
                msgid.append(line)
                out.append(line)
        else:
            out.append(line)
    if msgid == ['""']:  # the header: kept as it was
        return block
    out.append("msgstr " + msgid[0])
    out.extend(msgid[1:])
    return out


def _unflagged(block: list[str]) -> list[str]:
    out: list[str] = []
    for line in block:
        if line.startswith("#|"):
            continue
        if line.startswith("#,"):
            flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
            if flags:
                out.append("#, " + ", ".join(flags))
            continue
        out.append(line)
    return out


def _source_plural(block: list[str]) -> list[str]:
    """A plural entry as its own translation: Chinese has one form (nplurals=1), ``msgstr[0]`` is
    the plural msgid."""
    out: list[str] = []
    plural: list[str] = []
    field = ""
    for line in _unflagged(block):
        if line.startswith("msgid_plural "):
            field, plural = "plural", [line[13:]]
            out.append(line)
        elif line.startswith("msgstr["):
            field = "msgstr"
        elif line.startswith('"') and field in ("plural", "msgstr"):
            if field == "plural":
                plural.append(line)
                out.append(line)
        else:
            if line.startswith("msgid "):
                field = "msgid"
            out.append(line)
    return [*out, "msgstr[0] " + plural[0], *plural[1:]]


def _fill_msgstr(po: str) -> str:
    """Every singular entry becomes its own translation (see ``_source_entry``)."""
    blocks: list[list[str]] = [[]]
    for line in po.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return "\n\n".join("\n".join(_source_entry(b)) for b in blocks if b) + "\n"


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
