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
import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Sequence
from typing import BinaryIO
from xml.sax.saxutils import escape

from pptx import Presentation

from orgdesigner.core.model import Document

from . import fonts
from .common import CREATOR, ExportError, default_author
from .draw import Painter, clean
from .pdf_chart import VIEW_LABELS, _furniture, _section, draw_split, place_chart

EMU = 12700  # EMUs per point
SLIDE = (960.0, 540.0)  # 13.33 x 7.5 inches: PowerPoint's widescreen slide
FONT = "Verdana"
BLANK_LAYOUT = 6  # "Blank" in the default template


_NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_SLIDE_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
_LAYOUT_LINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
_SLIDE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
_XML_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class _Deck:
    """Writes the package of a deck: python-pptx's empty presentation, plus the slides.

    python-pptx keeps every slide as a part object and looks relationships up
    by scanning them, which costs seconds at hundreds of slides; here each
    slide's XML is written to the zip as soon as it is drawn, and the few parts
    that list the slides are edited as text at the end.
    """

    def __init__(self, fh: BinaryIO, base: bytes, layout: str, count: int) -> None:
        self.base = zipfile.ZipFile(io.BytesIO(base))
        self.zip = zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.layout = "../slideLayouts/" + posixpath.basename(layout)
        self.count = count
        self.written: set[int] = set()

    def slide(self, number: int, shapes: str, links: dict[int, str]) -> None:
        """Write slide ``number`` (1-based): its shapes' XML and its links' (slide, rId)."""
        self.written.add(number)
        xml = (
            f"{_XML_HEAD}<p:sld {_NS}><p:cSld><p:spTree><p:nvGrpSpPr>"
            '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f"{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
            "</p:sld>"
        )
        rels = [f'<Relationship Id="rId1" Type="{_LAYOUT_LINK}" Target="{self.layout}"/>']
        rels += [
            f'<Relationship Id="{rid}" Type="{_SLIDE_LINK}" Target="slide{page}.xml"/>'
            for page, rid in links.items()
        ]
        self.zip.writestr(f"ppt/slides/slide{number}.xml", xml.encode("utf-8"))
        rels_xml = f'{_XML_HEAD}<Relationships xmlns="{_RELS_NS}">{"".join(rels)}</Relationships>'
        self.zip.writestr(f"ppt/slides/_rels/slide{number}.xml.rels", rels_xml.encode())

    def close(self) -> None:
        """Write the slides never drawn on (empty) and the parts that list the slides."""
        for n in range(1, self.count + 1):
            if n not in self.written:
                self.slide(n, "", {})
        numbers = range(1, self.count + 1)
        rels = self.base.read("ppt/_rels/presentation.xml.rels").decode("utf-8")
        first = 1 + max((int(i) for i in re.findall(r'Id="rId(\d+)"', rels)), default=0)
        edits = {
            "[Content_Types].xml": (
                "</Types>",
                "".join(
                    f'<Override PartName="/ppt/slides/slide{n}.xml" ContentType="{_SLIDE_TYPE}"/>'
                    for n in numbers
                ),
            ),
            "ppt/_rels/presentation.xml.rels": (
                "</Relationships>",
                "".join(
                    f'<Relationship Id="rId{first + n - 1}" Type="{_SLIDE_LINK}" '
                    f'Target="slides/slide{n}.xml"/>'
                    for n in numbers
                ),
            ),
        }
        for info in self.base.infolist():
            data = self.base.read(info.filename)
            if info.filename in edits:
                end, extra = edits[info.filename]
                data = data.decode("utf-8").replace(end, extra + end).encode("utf-8")
            elif info.filename == "ppt/presentation.xml":
                # The slide list comes right after the masters', naming the relationships.
                ids = "".join(
                    f'<p:sldId id="{255 + n}" r:id="rId{first + n - 1}"/>' for n in numbers
                )
                text = re.sub(r"<p:sldIdLst\s*/>|<p:sldIdLst>.*?</p:sldIdLst>", "", data.decode())
                end = "</p:sldMasterIdLst>"
                data = text.replace(end, f"{end}<p:sldIdLst>{ids}</p:sldIdLst>").encode("utf-8")
            self.zip.writestr(info, data)
        self.zip.close()


def _e(points: float) -> int:
    return round(points * EMU)


def _short(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


@functools.cache
def _colour(colour: str) -> str:
    return colour.lstrip("#")[:6].upper()


# A deck repeats a handful of fills, lines and run styles tens of thousands of
# times: their XML is made once each.
@functools.cache
def _fill(colour: str | None) -> str:
    if colour is None:
        return "<a:noFill/>"
    return f'<a:solidFill><a:srgbClr val="{_colour(colour)}"/></a:solidFill>'


def _line(stroke: str | None, width: float, dash) -> str:
    if stroke is None:
        return "<a:ln><a:noFill/></a:ln>"
    return _line_xml(stroke, _e(width), (dash[0] <= 1.6) if dash else None)


@functools.cache
def _line_xml(stroke: str, width: int, dotted: bool | None) -> str:
    extra = ""
    if dotted is not None:
        extra = '<a:prstDash val="sysDot"/>' if dotted else '<a:prstDash val="dash"/>'
    return f'<a:ln w="{width}">{_fill(stroke)}{extra}</a:ln>'


def _run(text: str, size: float, colour: str, bold: bool) -> str:
    return f"{_run_head(size, colour, bold)}{escape(text)}</a:t></a:r>"


@functools.lru_cache(maxsize=1024)
def _run_head(size: float, colour: str, bold: bool) -> str:
    sz = max(100, round(size * 2) * 50)
    b = ' b="1"' if bold else ""
    return (
        f'<a:r><a:rPr lang="en-US" sz="{sz}"{b} dirty="0">{_fill(colour)}'
        f'<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr><a:t>'
    )


@functools.lru_cache(maxsize=4096)
def _width(text: str, size: float, bold: bool) -> float:
    """Text width, measured once per text and size (a deck repeats its labels per slide)."""
    return fonts.width(text, size, bold)


class _Items:
    """The shapes of a slide or a group, as XML, and their extent (EMU)."""

    def __init__(self) -> None:
        self.parts: list = []
        self.x0 = self.y0 = float("inf")
        self.x1 = self.y1 = float("-inf")
        self.name = ""

    def add(self, part, x: int, y: int, w: int, h: int) -> None:
        self.parts.append(part)
        if x < self.x0:
            self.x0 = x
        if y < self.y0:
            self.y0 = y
        if x + w > self.x1:
            self.x1 = x + w
        if y + h > self.y1:
            self.y1 = y + h


class _TextBox:
    """A text box that may still become a link (the overview's lines, "continued" tabs)."""

    __slots__ = ("head", "tail", "link", "x", "y")

    def __init__(self, head: str, tail: str, x: float, y: float) -> None:
        self.head, self.tail, self.link, self.x, self.y = head, tail, "", x, y

    def __str__(self) -> str:
        if not self.link:
            return self.head + "/>" + self.tail
        return (
            f'{self.head}><a:hlinkClick r:id="{self.link}" action="ppaction://hlinksldjump"/>'
            f"</p:cNvPr>{self.tail}"
        )


class PptxPainter(Painter):
    """Draws on python-pptx slides by writing their shapes' XML.

    python-pptx's shape objects cost milliseconds each; a deck of 10,000
    cards is some 50,000 shapes, so the painter writes the DrawingML itself
    and hands each slide's shape tree, as text, to the deck once (:meth:`flush`).
    ``start(i)`` picks the slide later calls go to.
    """

    page_word = "slide"

    def __init__(self, deck: _Deck) -> None:
        super().__init__()
        self.deck = deck
        self._index = 0
        self._ids = 1
        self._stack: list[_Items] = [_Items()]
        self._block: list[list[tuple[float, float, str, float, str, bool]]] | None = None
        self._block_x: tuple[float, float] = (0.0, 0.0)
        self._linkable: list[_TextBox] = []
        self._rels: dict[int, str] = {}

    def _id(self) -> int:
        self._ids += 1
        return self._ids

    @property
    def _items(self) -> _Items:
        return self._stack[-1]

    def start(self, index: int) -> None:
        self.flush()
        self._index = index
        self._ids = 1
        self._stack = [_Items()]
        self._linkable = []
        self._rels = {}

    def flush(self) -> None:
        """Write the current slide with the shapes drawn on it."""
        items = self._stack[0]
        if self._index + 1 in self.deck.written:
            if items.parts:
                raise RuntimeError(f"slide {self._index + 1} drawn on twice")
            return
        self.deck.slide(self._index + 1, "".join(map(str, items.parts)), self._rels)
        items.parts = []

    # -- structure ------------------------------------------------------------------
    def begin_group(self) -> None:
        self._stack.append(_Items())

    def end_group(self) -> None:
        items = self._stack.pop()
        if not items.parts:
            return
        x, y = int(items.x0), int(items.y0)
        w, h = int(items.x1 - items.x0), int(items.y1 - items.y0)
        i = self._id()
        xfrm = (
            f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
            f'<a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm>'
        )
        name = _attr(items.name or f"Card {i}")
        head = (
            f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{i}" name="{name}"/><p:cNvGrpSpPr/><p:nvPr/>'
            f"</p:nvGrpSpPr><p:grpSpPr>{xfrm}</p:grpSpPr>"
        )
        self._items.add(head + "".join(map(str, items.parts)) + "</p:grpSp>", x, y, w, h)

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
        first, last = rows[0][0], rows[-1][-1]
        top = first[1] - first[3] * 0.98
        bottom = last[1] + last[3] * 0.3
        paras = []
        for row in rows:
            _x, _y, _t, size, colour, bold = row[0]
            text = " ".join(r[2] for r in row)
            paras.append(f"<a:p>{_run(text, size, colour, bold)}</a:p>")
        if len(self._stack) > 1 and not self._items.name:
            self._items.name = " ".join(r[2] for r in rows[0])
        box = self._textbox(
            left, top, max(1.0, right - left + 2 * self.scale), bottom - top, "square", paras
        )
        self._items.add(*box)

    # -- drawing --------------------------------------------------------------------
    def _textbox(self, x, y, w, h, wrap: str, paras: list[str], linkable: bool = False):
        i = self._id()
        ex, ey, ew, eh = round(x * EMU), round(y * EMU), round(w * EMU), round(h * EMU)
        head = f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="Text {i}"'
        tail = (
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{ex}" '
            f'y="{ey}"/><a:ext cx="{ew}" cy="{eh}"/></a:xfrm><a:prstGeom prst="rect">'
            f'<a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="{wrap}" '
            'lIns="0" tIns="0" rIns="0" bIns="0" rtlCol="0" anchor="t"><a:noAutofit/>'
            f"</a:bodyPr><a:lstStyle/>{''.join(paras)}</p:txBody></p:sp>"
        )
        part = _TextBox(head, tail, x, y + h) if linkable else None
        if part is None:
            return head + "/>" + tail, ex, ey, ew, eh
        self._linkable.append(part)
        return part, ex, ey, ew, eh

    def _rect(self, x, y, w, h, fill, stroke, width, radius, dash) -> None:
        if fill is None and stroke is None:
            return
        w, h = max(w, 0.01), max(h, 0.01)
        if radius > 0:
            adj = round(min(0.5, radius / min(w, h)) * 100000)
            geom = f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/>'
            geom += "</a:avLst></a:prstGeom>"
        else:
            geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        i = self._id()
        ex, ey, ew, eh = round(x * EMU), round(y * EMU), round(w * EMU), round(h * EMU)
        self._items.add(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="Shape {i}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{ex}" y="{ey}"/><a:ext cx="{ew}" '
            f'cy="{eh}"/></a:xfrm>{geom}{_fill(fill)}{_line(stroke, width, dash)}</p:spPr></p:sp>',
            ex,
            ey,
            ew,
            eh,
        )

    def _polyline(self, pts, stroke, width, dash) -> None:
        if len(pts) < 2:
            return
        e = [(round(x * EMU), round(y * EMU)) for x, y in pts]
        x0 = min(x for x, _ in e)
        y0 = min(y for _, y in e)
        w = max(1, max(x for x, _ in e) - x0)
        h = max(1, max(y for _, y in e) - y0)
        (fx, fy), *rest = e
        path = f'<a:moveTo><a:pt x="{fx - x0}" y="{fy - y0}"/></a:moveTo>' + "".join(
            f'<a:lnTo><a:pt x="{x - x0}" y="{y - y0}"/></a:lnTo>' for x, y in rest
        )
        i = self._id()
        self._items.add(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i}" name="Line {i}"/><p:cNvSpPr/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x0}" y="{y0}"/><a:ext cx="{w}" cy="{h}"/>'
            "</a:xfrm><a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
            f'<a:rect l="0" t="0" r="{w}" b="{h}"/><a:pathLst><a:path w="{w}" h="{h}">'
            f"{path}</a:path></a:pathLst></a:custGeom><a:noFill/>"
            f"{_line(stroke, width, dash)}</p:spPr></p:sp>",
            x0,
            y0,
            w,
            h,
        )

    def _text(self, x, y, text, size, colour, bold, anchor) -> None:
        if self._block is not None:
            if not self._block:
                self._block.append([])
            self._block[-1].append((x, y, text, size, colour, bold))
            return
        w = _width(text, size, bold) * 1.08 + size * 0.5
        if anchor == "middle":
            left = x - w / 2
        elif anchor == "end":
            left = x - w
        else:
            left = x
        algn = {"middle": ' algn="ctr"', "end": ' algn="r"'}.get(anchor, "")
        para = f"<a:p><a:pPr{algn}/>{_run(text, size, colour, bold)}</a:p>"
        self._items.add(
            *self._textbox(left, y - size * 0.98, w, size * 1.3, "none", [para], linkable=True)
        )

    def _link(self, x, y, w, h, page) -> None:
        if not 1 <= page <= self.deck.count:
            return
        rid = self._rels.get(page)
        if rid is None:  # rId1 is the slide's layout
            rid = self._rels[page] = f"rId{len(self._rels) + 2}"
        for box in self._linkable:
            if x - 1 <= box.x <= x + w + 1 and y - 1 <= box.y <= y + h + 4:
                box.link = rid
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
    layout = str(prs.slide_layouts[BLANK_LAYOUT].part.partname)
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

    base = io.BytesIO()
    prs.save(base)
    deck = _Deck(fh, base.getvalue(), layout, total)
    painter = PptxPainter(deck)
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
    painter.flush()
    deck.close()
    return total
