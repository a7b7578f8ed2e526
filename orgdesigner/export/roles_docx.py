"""The role-definition document as a Word file (.docx).

The same outline as the PDF and Markdown (:func:`.roles_doc.collect`), in
Word's own structure: the built-in Title and Heading styles (so Word's
navigation pane and table of contents see them), a linked contents list,
bulleted lists, and tables for each function's standard owners and each
role's career ladder. Gaps read "Missing: ..." in a colour that stands out,
as in the other formats.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import BinaryIO

from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from orgdesigner.core.model import Document

from .common import CREATOR, date_text, default_author
from .draw import clean
from .roles_doc import (
    MISSING_LADDER,
    MISSING_OWNER,
    MISSING_PURPOSE,
    MISSING_RESPONSIBILITIES,
    NO_ROLES,
    FunctionSection,
    RoleEntry,
    _holders_text,
    _missing_summary,
    _teams_text,
    _totals,
    collect,
)

MISSING_COLOUR = RGBColor(0xB4, 0x23, 0x18)
MUTED = RGBColor(0x5B, 0x63, 0x70)
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM  # A4, as the PDF


def _text(text: str) -> str:
    """``text`` as Word can hold it: no control characters; line breaks kept apart."""
    return clean(text)


def _short(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class _Writer:
    def __init__(self) -> None:
        self.word = WordDocument()
        self._bookmark_id = 0
        normal = self.word.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))

    # -- pieces --------------------------------------------------------------------
    def heading(self, text: str, level: int, anchor: str = ""):
        para = self.word.add_heading(_text(text), level=level)
        if anchor:
            self._bookmark(para, anchor)
        return para

    def _bookmark(self, para, name: str) -> None:
        """A bookmark around the paragraph: the target of the contents' links."""
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), _bookmark_name(name))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark_id))
        p = para._p
        ppr = p.find(qn("w:pPr"))
        index = 0 if ppr is None else list(p).index(ppr) + 1
        p.insert(index, start)
        p.append(end)

    def link(self, para, text: str, anchor: str) -> None:
        """Append ``text`` to ``para`` as a link to the bookmark ``anchor``."""
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), _bookmark_name(anchor))
        link.set(qn("w:history"), "1")
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), "Hyperlink")
        rpr.append(style)
        colour = OxmlElement("w:color")
        colour.set(qn("w:val"), "1D4ED8")
        rpr.append(colour)
        run.append(rpr)
        t = OxmlElement("w:t")
        t.text = _text(text)
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        link.append(run)
        para._p.append(link)

    def para(self, text: str = "", *, label: str = "", missing: bool = False, style=None):
        para = self.word.add_paragraph(style=style)
        if label:
            para.add_run(label).bold = True
        self.add(para, text, missing=missing)
        return para

    def add(self, para, text: str, *, missing: bool = False, keep_lines: bool = False) -> None:
        """Add ``text`` to ``para``; ``missing`` text reads "Missing: ..." in the gap colour."""
        if missing:
            run = para.add_run("Missing: ")
            run.bold = True
            run.font.color.rgb = MISSING_COLOUR
        lines = text.splitlines() if keep_lines else [" ".join(text.split())]
        for i, line in enumerate(lines):
            if i:
                para.add_run().add_break()
            run = para.add_run(_text(line))
            if missing:
                run.font.color.rgb = MISSING_COLOUR

    def label(self, text: str) -> None:
        para = self.word.add_paragraph()
        run = para.add_run(text)
        run.bold = True
        para.paragraph_format.space_before = Pt(8)
        para.paragraph_format.space_after = Pt(2)
        para.paragraph_format.keep_with_next = True

    def table(
        self,
        head: Sequence[str],
        rows: Sequence[Sequence[tuple[str, bool]]],
        fractions: Sequence[float],
    ) -> None:
        table = self.word.add_table(rows=1, cols=len(head))
        table.style = "Table Grid"
        table.autofit = False
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for cell, (text, missing) in zip(cells, row, strict=True):
                para = cell.paragraphs[0]
                if missing and text.startswith("Missing: "):
                    text = text[len("Missing: ") :]
                self.add(para, text, missing=missing, keep_lines=True)
        # Word reads the widths of the cells, LibreOffice those of the columns: set both.
        for column, f in zip(table.columns, fractions, strict=True):
            width = Mm(TEXT_WIDTH_MM * f)
            column.width = width
            for cell in column.cells:
                cell.width = width


def _repeat_header(row) -> None:
    """The table's first row repeats on every page it runs over."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _bookmark_name(anchor: str) -> str:
    # Word bookmark names: a letter first, letters, digits and underscores, at most 40.
    return ("_" + anchor.replace("-", "_"))[:40] if anchor else "_x"


def write_docx(
    doc: Document,
    fh: BinaryIO,
    *,
    when: _dt.date | None = None,
    author: str | None = None,
    with_cost: bool = False,
) -> None:
    """Write the role-definition document of ``doc`` as a .docx file to ``fh``."""
    sections = collect(doc, with_cost=with_cost)
    w = _Writer()
    word = w.word
    title = doc.name or "Untitled organisation"

    props = word.core_properties
    props.title = _short(f"Role definitions: {clean(title)}")
    props.subject = _short(f"Roles, career ladders and standard owners of {clean(title)}")
    props.author = _short(author or default_author())
    props.comments = f"Written by {CREATOR}"
    if when is not None:
        props.created = props.modified = _dt.datetime(when.year, when.month, when.day)

    word.add_heading("Role definitions", level=0)
    w.para(title).runs[0].font.size = Pt(16)
    if doc.description.strip():
        para = word.add_paragraph()
        w.add(para, doc.description, keep_lines=True)
    w.para(f"Date: {date_text(when)}")
    w.para(_totals(doc, sections))
    note = w.para(
        "For each function: its leader and who owns each of its standards. "
        "For each role: purpose, responsibilities, career ladder, who holds "
        "it and its open positions. Gaps are marked \u201cMissing\u201d."
    )
    for run in note.runs:
        run.font.color.rgb = MUTED

    w.heading("Contents", 1)
    for s in sections:
        para = word.add_paragraph()
        w.link(para, s.name, s.anchor)
        para.paragraph_format.space_before = Pt(4)
        para.paragraph_format.space_after = Pt(0)
        for r in s.roles:
            sub = word.add_paragraph()
            sub.paragraph_format.left_indent = Pt(14)
            sub.paragraph_format.space_after = Pt(0)
            w.link(sub, r.title, r.anchor)

    for s in sections:
        word.add_page_break()
        _function(w, s)
        for r in s.roles:
            _role(w, r)

    word.save(fh)


def _function(w: _Writer, s: FunctionSection) -> None:
    w.heading(s.name, 1, s.anchor)
    if s.id is None:
        w.para(s.leader, missing=True)
    else:
        w.para(s.leader, label="Leader: ", missing=s.leader_missing)
        w.para(str(s.people), label="People in this function: ")
        if s.standards:
            w.label("Standards and their owners")
            w.table(
                ["Standard", "Owner"],
                [
                    [(st.name, False), (st.owner if st.owner else MISSING_OWNER, st.missing)]
                    for st in s.standards
                ],
                [0.32, 0.68],
            )
    if not s.roles:
        w.para(NO_ROLES, missing=True)


def _role(w: _Writer, r: RoleEntry) -> None:
    w.heading(r.title, 2, r.anchor)
    kind = "People-manager role" if r.people_manager else "Individual-contributor role"
    meta = w.para(f"{kind} \u00b7 ID {r.id}")
    for run in meta.runs:
        run.font.color.rgb = MUTED
        run.font.size = Pt(9)
    if r.missing:
        summary = _missing_summary(r)
        w.para(summary[0].lower() + summary[1:], missing=True)
    w.label("Purpose")
    if r.purpose:
        w.add(w.word.add_paragraph(), r.purpose, keep_lines=True)
    else:
        w.para(MISSING_PURPOSE, missing=True)
    w.label("Responsibilities")
    if r.responsibilities:
        for item in r.responsibilities:
            w.para(item, style="List Bullet")
    else:
        w.para(MISSING_RESPONSIBILITIES, missing=True)
    w.label("Career ladder")
    if r.levels:
        head, rows, fractions = r.ladder()
        w.table(head, rows, fractions)
    else:
        w.para(MISSING_LADDER, missing=True)
    if r.unknown_levels:
        w.para(
            "levels held but not on the ladder: " + ", ".join(r.unknown_levels) + ".",
            missing=True,
        )
    w.label("Who holds it")
    w.para(_holders_text(r))
    if r.teams:
        w.para(_teams_text(r), label="Teams: ")
    w.label("Vacancies")
    if r.open_positions:
        for line in r.open_positions:
            w.para(line, style="List Bullet")
    else:
        w.para("None.")
