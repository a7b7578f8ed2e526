"""Building blocks of the text documents (role definitions, validation report).

Paragraph markup is built only through ``markup()``, which escapes the user's
text, so a name like ``<b>&`` prints literally instead of turning bold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph, TableStyle

from . import fonts
from .draw import clean

MISSING_COLOUR = colors.HexColor("#b45309")
INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#4b5563")
RULE = colors.HexColor("#d1d5db")
HEAD_FILL = colors.HexColor("#f3f4f6")
MARGIN = 18 * mm


def markup(text: str, *, keep_lines: bool = False) -> str:
    """Paragraph markup that shows ``text`` exactly as typed, CJK runs in a CJK font."""
    lines = [clean(text)] if not keep_lines else [clean(t) for t in text.split("\n")]
    text = "\n".join(fonts.printable(t) for t in lines)
    if fonts.has_fallback(text):
        parts = []
        for seg, font in fonts.runs(text):
            body = escape(seg)
            if font in (fonts.REGULAR, fonts.BOLD):
                parts.append(body)
            else:
                parts.append(f'<font name="{font}">{body}</font>')
        out = "".join(parts)
    else:
        out = escape(text)
    if keep_lines:
        out = out.replace("\n", "<br/>")
    return out


def table_style(
    *, header: bool = True, top: float = 3, bottom: float = 4, extra: Sequence[tuple] = ()
) -> TableStyle:
    """The reports' table look: cells aligned at the top, thin rules between rows,
    and a shaded header row (when ``header``); ``extra`` commands go last."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1 if header else 0), (-1, -1), 0.3, RULE),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
        ]
    return TableStyle(commands + list(extra))


def cover(st: dict[str, ParagraphStyle], heading: str, name: str, description: str) -> list:
    """A report's opening: what it is, the organisation's name and its description."""
    out: list = [Paragraph(heading, st["title"]), Paragraph(markup(name), st["subtitle"])]
    if description.strip():
        out.append(Paragraph(markup(description, keep_lines=True), st["body"]))
    return out


def outlined(flowable: Flowable, level: int, text: str, anchor: str, *, closed: bool = False):
    """Mark ``flowable`` to get a bookmark ``anchor`` and an outline entry (see OutlinedDoc)."""
    flowable._outline = (level, text, anchor, closed)  # type: ignore[attr-defined]
    return flowable


class OutlinedDoc(BaseDocTemplate):
    """A document whose :func:`outlined` flowables become bookmarks and outline entries.

    ``found`` maps each anchor to the page it landed on, for a contents page.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.found: dict[str, int] = {}

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab's name
        key = getattr(flowable, "_outline", None)
        if key is None:
            return
        level, text, anchor, closed = key
        self.canv.bookmarkPage(anchor)
        self.canv.addOutlineEntry(clean(text), anchor, level=level, closed=closed)
        self.found[anchor] = self.page


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the text documents."""
    regular, bold = fonts.face(False), fonts.face(True)
    base = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=9.5,
        leading=13,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "cellhead": ParagraphStyle(
            "cellhead", parent=base, fontName=bold, fontSize=8.5, leading=11, spaceAfter=0
        ),
        "cellmissing": ParagraphStyle(
            "cellmissing",
            parent=base,
            fontName=bold,
            fontSize=8.5,
            leading=11,
            spaceAfter=0,
            textColor=MISSING_COLOUR,
        ),
        "missing": ParagraphStyle("missing", parent=base, textColor=MISSING_COLOUR, fontName=bold),
        "bullet": ParagraphStyle(
            "bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=2
        ),
        "label": ParagraphStyle(
            "label",
            parent=base,
            fontName=bold,
            fontSize=9.5,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=bold,
            fontSize=17,
            leading=21,
            spaceBefore=0,
            spaceAfter=8,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=bold,
            fontSize=12.5,
            leading=16,
            spaceBefore=12,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=bold, fontSize=28, leading=34, spaceAfter=14
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=15, leading=20, spaceAfter=10),
        "toc0": ParagraphStyle(
            "toc0",
            parent=base,
            fontName=bold,
            fontSize=10.5,
            leading=15,
            leftIndent=0,
            firstLineIndent=0,
            spaceBefore=4,
        ),
        "toc1": ParagraphStyle(
            "toc1",
            parent=base,
            fontSize=9.5,
            leading=12.5,
            leftIndent=14,
            firstLineIndent=0,
            spaceAfter=0,
        ),
    }


def numbered_canvas(header_left: str, header_right: str):
    """A canvas class that prints a running header and "Page N of M" on every page.

    The total is not known while pages are drawn, so each page shows it through
    a form that is filled in when the document is saved. (Holding pages back
    until the end instead would leave bookmarks and links pointing nowhere.)
    """

    class NumberedCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._furniture()
            super().showPage()

        def save(self) -> None:
            total = self._pageNumber - 1
            self.beginForm("orgdesigner-page-total")
            self.setFont(fonts.face(False), 8)
            self.setFillColor(MUTED)
            self.drawString(0, 0, str(max(total, 1)))
            self.endForm()
            super().save()

        def _furniture(self) -> None:
            w, h = self._pagesize
            page = self._pageNumber
            self.saveState()
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            if page > 1:  # the cover stays clean
                size = 8
                right = fonts.ellipsize(clean(header_right), size, (w - 2 * MARGIN) * 0.4)
                left = fonts.ellipsize(
                    clean(header_left), size, w - 2 * MARGIN - fonts.width(right, size) - 12
                )
                _draw_runs(self, MARGIN, h - MARGIN + 8, left, size)
                _draw_runs(self, w - MARGIN - fonts.width(right, size), h - MARGIN + 8, right, size)
                self.line(MARGIN, h - MARGIN + 4, w - MARGIN, h - MARGIN + 4)
            # "Page N of " ends where the total (a form, filled in at save) begins.
            slot = w - MARGIN - 22
            self.setFont(fonts.face(False), 8)
            self.drawRightString(slot, MARGIN - 14, f"Page {page} of ")
            self.saveState()
            self.translate(slot, MARGIN - 14)
            self.doForm("orgdesigner-page-total")
            self.restoreState()
            self.restoreState()

    return NumberedCanvas


def _draw_runs(
    canvas: Canvas, x: float, y: float, text: str, size: float, bold: bool = False
) -> None:
    for seg, font in fonts.runs(fonts.printable(text), bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, seg)
        x += fonts.width(seg, size, bold)


def a4_document(
    buf: Any, title: str, subject: str, author: str, *, template_class: type | None = None
) -> Any:
    """An A4 text document with one full-page frame and the metadata every report carries.

    ``template_class`` is a ``BaseDocTemplate`` subclass when a report needs its
    own hooks (bookmarks, contents); the role document, the validation report and
    the comparison report all share this page.
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from .common import CREATOR

    cls = template_class or BaseDocTemplate
    template = cls(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 6,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        subject=subject,
        creator=CREATOR,
    )
    frame = Frame(
        template.leftMargin,
        template.bottomMargin,
        template.width,
        template.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    return template
