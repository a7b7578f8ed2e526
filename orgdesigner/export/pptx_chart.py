"""The org chart as a PowerPoint deck: an overview slide, then a slide per branch.

The slides are cut exactly as the PDF's pages are (:mod:`.paging`), and drawn
by the same card, connector, header and legend code through a painter that
makes native shapes: each card is a group of a rounded rectangle and a text
box holding its text as paragraphs, so a name can be corrected in PowerPoint
or LibreOffice Impress and the card moved as one object. Connectors are
freeform lines; "continued on slide N" tabs and the overview's lines link to
their slides.

Text is set in Verdana, the widely installed face closest in width to the
DejaVu Sans the layout measures with, so text that fits on paper fits here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from typing import BinaryIO

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from orgdesigner.core.model import Document

from . import fonts
from .common import CREATOR, ExportError, default_author
from .draw import Painter, clean
from .pdf_chart import VIEW_LABELS, _furniture, _section, draw_split, place_chart

EMU = 12700  # EMUs per point
SLIDE = (960.0, 540.0)  # 13.33 x 7.5 inches: PowerPoint's widescreen slide
FONT = "Verdana"
BLANK_LAYOUT = 6  # "Blank" in the default template


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


def _e(points: float) -> Emu:
    return Emu(round(points * EMU))


def _short(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _plain(shape) -> None:
    """Drop the template's shape style (theme fill, outline, white text) to set our own."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _style_line(line, stroke: str | None, width: float, dash) -> None:
    if stroke is None:
        line.fill.background()
        return
    line.color.rgb = _rgb(stroke)
    line.width = _e(width)
    if dash:
        short = dash[0] <= 1.6
        line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT if short else MSO_LINE_DASH_STYLE.DASH


class PptxPainter(Painter):
    """Draws on python-pptx slides; ``start(i)`` picks the slide later calls go to."""

    page_word = "slide"

    def __init__(self, slides: Sequence) -> None:
        super().__init__()
        self.slides = list(slides)
        self.slide = self.slides[0]
        self._target = self.slide.shapes
        self._group = None
        self._body: tuple[float, float, float, float] | None = None
        self._block: list[list[tuple[float, float, str, float, str, bool]]] | None = None
        self._block_x: tuple[float, float] = (0.0, 0.0)
        self._linkable: list = []

    def start(self, index: int) -> None:
        self.slide = self.slides[index]
        self._target = self.slide.shapes
        self._linkable = []

    # -- structure ------------------------------------------------------------------
    def begin_group(self) -> None:
        self._group = self.slide.shapes.add_group_shape()
        self._target = self._group.shapes
        self._body = None

    def end_group(self) -> None:
        group, self._group = self._group, None
        self._target = self.slide.shapes
        self._body = None
        if group is not None and len(group.shapes) == 0:
            group._element.getparent().remove(group._element)

    def begin_text(self, left: float, right: float) -> None:
        s = self.scale
        self._block = []
        self._block_x = (self.ox + s * left, self.ox + s * right)

    def paragraph(self) -> None:
        if self._block is not None and (not self._block or self._block[-1]):
            self._block.append([])

    def end_text(self) -> None:
        block, self._block = self._block, None
        rows = [r for r in (block or []) if r]
        if not rows:
            return
        left, right = self._block_x
        first = rows[0][0]
        last = rows[-1][-1]
        top = first[1] - first[3] * 0.98
        bottom = last[1] + last[3] * 0.3
        box = self._target.add_textbox(
            _e(left), _e(top), _e(max(1.0, right - left + 2 * self.scale)), _e(bottom - top)
        )
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = None
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        tf.vertical_anchor = MSO_ANCHOR.TOP
        for i, rows_of_one in enumerate(rows):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            _x, _y, _t, size, colour, bold = rows_of_one[0]
            self._run(para, " ".join(r[2] for r in rows_of_one), size, colour, bold)
            para.line_spacing = 1.0

    # -- drawing --------------------------------------------------------------------
    def _run(self, para, text: str, size: float, colour: str, bold: bool) -> None:
        run = para.add_run()
        run.text = text
        font = run.font
        font.name = FONT
        font.size = Pt(round(size * 2) / 2 or 0.5)
        font.bold = bold
        font.color.rgb = _rgb(colour)

    def _rect(self, x, y, w, h, fill, stroke, width, radius, dash) -> None:
        if fill is None and stroke is None:
            return
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if radius > 0 else MSO_SHAPE.RECTANGLE
        shape = self._target.add_shape(kind, _e(x), _e(y), _e(max(w, 0.01)), _e(max(h, 0.01)))
        _plain(shape)
        if radius > 0:
            shape.adjustments[0] = min(0.5, radius / max(min(w, h), 0.01))
        if fill is None:
            shape.fill.background()
        else:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(fill)
        _style_line(shape.line, stroke, width, dash)
        if self._group is not None and self._body is None:
            self._body = (x, y, w, h)

    def _polyline(self, pts, stroke, width, dash) -> None:
        if len(pts) < 2:
            return
        (x0, y0), *rest = pts
        builder = self._target.build_freeform(round(x0 * EMU), round(y0 * EMU))
        builder.add_line_segments([(round(x * EMU), round(y * EMU)) for x, y in rest], close=False)
        shape = builder.convert_to_shape()
        _plain(shape)
        shape.fill.background()
        _style_line(shape.line, stroke, width, dash)

    def _text(self, x, y, text, size, colour, bold, anchor) -> None:
        if self._block is not None:
            if not self._block:
                self._block.append([])
            self._block[-1].append((x, y, text, size, colour, bold))
            return
        w = fonts.width(text, size, bold) * 1.08 + size * 0.5
        if anchor == "middle":
            left = x - w / 2
        elif anchor == "end":
            left = x - w
        else:
            left = x
        box = self._target.add_textbox(_e(left), _e(y - size * 0.98), _e(w), _e(size * 1.3))
        tf = box.text_frame
        tf.word_wrap = False
        tf.auto_size = None
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        para = tf.paragraphs[0]
        para.alignment = {"middle": PP_ALIGN.CENTER, "end": PP_ALIGN.RIGHT}.get(
            anchor, PP_ALIGN.LEFT
        )
        self._run(para, text, size, colour, bold)
        self._linkable.append((box, left, y))

    def _link(self, x, y, w, h, page) -> None:
        if not 1 <= page <= len(self.slides):
            return
        target = self.slides[page - 1]
        for box, bx, by in self._linkable:
            if x - 1 <= bx + 1 and bx <= x + w + 1 and y - 1 <= by <= y + h + 2:
                box.click_action.target_slide = target
        self._linkable = []


def write_pptx(
    doc: Document,
    charts: Sequence,
    fh: BinaryIO,
    *,
    functional_lines: bool = False,
    split: bool | None = True,
    progress: Callable[[int, int], None] | None = None,
    when: _dt.date | None = None,
    author: str | None = None,
) -> int:
    """Write the charts (one per view) of ``doc`` as one deck to ``fh``; returns the slide count.

    ``split`` True (the default) gives an overview slide and a slide per
    branch whenever the chart takes more than one slide at a legible size.
    """
    if not charts:
        raise ExportError("No view to export")
    fonts.register()
    sections = [
        _section(
            doc,
            c,
            page="a4",
            landscape=True,
            functional_lines=functional_lines,
            split=split,
            when=when,
            size=SLIDE,
        )
        for c in charts
    ]
    for sec in sections:
        for item in sec.furniture.legend:
            if item.kind == "continued":
                item.label = "reports continue on another slide"
    total = 0
    for sec in sections:
        sec.first = total + 1
        total += sec.pages

    prs = Presentation()
    prs.slide_width, prs.slide_height = _e(SLIDE[0]), _e(SLIDE[1])
    layout = prs.slide_layouts[BLANK_LAYOUT]
    slides = [prs.slides.add_slide(layout) for _ in range(total)]
    labels = [
        VIEW_LABELS.get(getattr(c, "view", ""), str(getattr(c, "view", "")).capitalize())
        for c in charts
    ]
    name = clean(doc.name or "Untitled organisation")
    views = ", ".join(v.lower() for v in labels)
    props = prs.core_properties
    # The file's properties hold at most 255 characters each.
    props.title = _short(f"{name}: org chart ({views} view{'s' if len(labels) > 1 else ''})")
    props.author = _short(author or default_author())
    props.subject = _short(clean(doc.description) or f"Org chart of {name}")
    props.keywords = ", ".join(["org chart", *[v.lower() for v in labels]])
    props.comments = f"Written by {CREATOR}"
    props.last_modified_by = props.author
    if when is not None:
        stamp = _dt.datetime(when.year, when.month, when.day)
        props.created = props.modified = stamp

    painter = PptxPainter(slides)
    done = 0

    def slide_done() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)
        if done < total:
            painter.start(done)

    for sec in sections:
        pw, ph = sec.size
        if not sec.plan:
            _furniture(painter, pw, ph, sec.furniture, sec.first, total)
            place_chart(painter, sec.chart, sec.furniture.style, sec.area, sec.scale)
            slide_done()
            continue
        draw_split(painter, sec, total, 0, slide_done, functional_lines)
    prs.save(fh)
    return total
