"""DOCX renderer: draws a ``Content`` on A4 in the layout of official documents (GB/T 9704-2012:
margins, 仿宋 三号 body, 宋体 title, 28-point line pitch).

The output is deterministic (fixed core properties and zip timestamps), so the same content gives
the same bytes and is stored once. Rendering happens before the number is known, with a
placeholder in the number line, and zipped deterministically (``prepare``); ``finalize`` puts the
number in and appends the body part, so the number sequence stays locked only for milliseconds.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from yangguang.documents.content import Content

NUMBER_PLACEHOLDER = "YGDOCNUMBERPLACEHOLDER"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(14)  # 四号
TITLE_SIZE = Pt(22)  # 二号
NOTE_SIZE = Pt(12)  # 小四
FOOTER_NOTE_SIZE = Pt(7.5)
_FIXED_TIME = dt.datetime(2000, 1, 1)


def _font(run: Run, name: str, size: Pt, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = size
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    # Word picks East Asian glyphs from w:eastAsia; w:ascii alone leaves Chinese in the default font.
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), name)


def _para(
    doc: Document,  # type: ignore[valid-type]
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    font: str = BODY_FONT,
    size: Pt = BODY_SIZE,
    bold: bool = False,
) -> Paragraph:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28) if size >= BODY_SIZE else Pt(20)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size.pt * 2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), font, size, bold=bold)
    return p


def _page_number_footer(section: Any) -> None:
    """Page number centred in the footer as "— 1 —" (GB/T 9704-2012 7.5), a PAGE field Word fills in."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), TITLE_FONT, TABLE_SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = p.add_run("1")
    _font(run, TITLE_FONT, TABLE_SIZE)
    field.append(run._element)
    p._p.append(field)
    _font(p.add_run(" —"), TITLE_FONT, TABLE_SIZE)


def render_docx(content: Content) -> bytes:
    """Render ``content`` to DOCX bytes (not yet normalized: pass through ``prepare`` and ``finalize``)."""
    doc = Document()
    core = doc.core_properties
    core.title = content.title
    core.author = content.agency_name
    core.last_modified_by = content.agency_name
    core.created = _FIXED_TIME
    core.modified = _FIXED_TIME
    core.revision = 1
    core.comments = ""

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    _page_number_footer(section)
    if content.footer:
        note = section.footer.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(note.add_run(content.footer), BODY_FONT, FOOTER_NOTE_SIZE)

    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT  # type: ignore[union-attr]
    normal.font.size = BODY_SIZE  # type: ignore[union-attr]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)  # type: ignore[union-attr]

    center = WD_ALIGN_PARAGRAPH.CENTER
    right = WD_ALIGN_PARAGRAPH.RIGHT
    _para(doc, content.agency_name, align=center, font=TITLE_FONT, size=TITLE_SIZE, bold=True)
    _para(doc, content.title, align=center, font=TITLE_FONT, size=TITLE_SIZE, bold=True)
    if content.number:
        _para(doc, content.number, align=right)
    _para(doc, "")

    for block in content.blocks:
        if block.kind == "para":
            _para(doc, block.text, indent=True)
        elif block.kind == "line":
            _para(doc, block.text)
        elif block.kind == "heading":
            _para(doc, block.text, bold=True)
        elif block.kind == "note":
            _para(doc, block.text, size=NOTE_SIZE)
        elif block.kind == "seal":
            _para(doc, "")
            for text, _ in block.rows:
                _para(doc, text, align=right)
        elif block.kind == "signs":
            _para(doc, "")
            for label, _ in block.rows:
                _para(doc, f"{label}：＿＿＿＿＿＿　　　　年　　月　　日")
        elif block.kind == "table":
            table = doc.add_table(rows=0, cols=2)
            table.style = doc.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].width, cells[1].width = Mm(40), Mm(116)
                for cell, text, bold in ((cells[0], label, True), (cells[1], value, False)):
                    p = cell.paragraphs[0]
                    p.paragraph_format.line_spacing = Pt(22)
                    _font(p.add_run(text), BODY_FONT, TABLE_SIZE, bold=bold)
        else:  # pragma: no cover - the builder only emits the kinds above
            raise ValueError(f"unknown block kind {block.kind!r}")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class PreparedDocx:
    """A rendered DOCX split for the last step: every part but the body, already zipped with fixed
    timestamps, and the body XML still holding the number placeholder."""

    base: bytes
    document_xml: bytes


_BODY = "word/document.xml"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def prepare(raw: bytes) -> PreparedDocx:
    """Re-zip ``raw`` deterministically (fixed timestamps and member order) without the body part.
    This is the slow part of packing, done before the number is taken."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != _BODY:
                dst.writestr(_member(info.filename), src.read(info.filename))
    return PreparedDocx(base=out.getvalue(), document_xml=src.read(_BODY))


def finalize(prepared: PreparedDocx, number: str = "") -> bytes:
    """Put the number in place of the placeholder and append the body to the prepared zip: about a
    millisecond, so the number sequence is locked only briefly. Same content, same bytes."""
    body = prepared.document_xml.replace(NUMBER_PLACEHOLDER.encode(), escape(number).encode())
    out = io.BytesIO(prepared.base)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as dst:
        dst.writestr(_member(_BODY), body)
    return out.getvalue()
