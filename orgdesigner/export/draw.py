"""One drawing surface for every chart format: PDF, SVG and PNG draw the same calls.

Coordinates are points with the origin at the top left and y growing
downwards, like the core's layout. A painter has a current transform
(``scale`` and an offset) so a chart can be drawn in its own coordinates onto
a page; the transform is applied here in Python, so text stays real text in
every format (PDF text objects, SVG ``<text>``) rather than outlines.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from . import fonts

Point = tuple[float, float]

# XML 1.0 forbids most control characters and the non-characters U+FFFE and
# U+FFFF; a stray one in a name (pasted from a spreadsheet) must not make the
# whole SVG unreadable. Lone surrogates cannot even be written as UTF-8.
_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}
_CONTROL[0x7F] = None
_CONTROL[0xFFFE] = None
_CONTROL[0xFFFF] = None
_CONTROL.update({c: None for c in range(0xD800, 0xE000)})


def clean(text: str) -> str:
    """``text`` without what XML or UTF-8 cannot hold; tabs and newlines as spaces."""
    return text.translate(_CONTROL).replace("\t", " ").replace("\n", " ").replace("\r", " ")


class Painter:
    """The drawing calls a chart makes; subclasses put them on a PDF page, SVG or PNG."""

    # What a reader calls one sheet of this format ("continued on page 4").
    page_word = "page"

    def __init__(self) -> None:
        self.scale = 1.0
        self.ox = 0.0
        self.oy = 0.0

    # -- structure: formats with editable objects (slides) group what belongs together;
    # the others draw the same calls and ignore these.
    def begin_group(self) -> None:
        """The calls up to :meth:`end_group` draw one object (a card)."""

    def end_group(self) -> None:
        pass

    def begin_text(self, left: float, right: float) -> None:
        """The text calls up to :meth:`end_text` are one block between ``left`` and ``right``."""

    def paragraph(self) -> None:
        """In a text block: later lines start a new paragraph (the rows before it wrapped)."""

    def end_text(self) -> None:
        pass

    def set_transform(self, scale: float = 1.0, ox: float = 0.0, oy: float = 0.0) -> None:
        """Draw later calls at ``(ox + scale * x, oy + scale * y)``."""
        self.scale, self.ox, self.oy = scale, ox, oy

    # -- public calls, in the current transform --------------------------------
    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 0.75,
        radius: float = 0.0,
        dash: Sequence[float] | None = None,
    ) -> None:
        s = self.scale
        self._rect(
            self.ox + s * x,
            self.oy + s * y,
            s * w,
            s * h,
            fill,
            stroke,
            s * width,
            s * radius,
            [s * d for d in dash] if dash else None,
        )

    def polyline(
        self,
        points: Sequence[Point],
        *,
        stroke: str,
        width: float = 0.75,
        dash: Sequence[float] | None = None,
    ) -> None:
        s, ox, oy = self.scale, self.ox, self.oy
        self._polyline(
            [(ox + s * x, oy + s * y) for x, y in points],
            stroke,
            s * width,
            [s * d for d in dash] if dash else None,
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float,
        colour: str,
        bold: bool = False,
        anchor: str = "start",
    ) -> None:
        """Draw ``text`` with its baseline at ``y``; ``anchor`` is start, middle or end."""
        text = clean(text)
        if not text:
            return
        s = self.scale
        self._text(self.ox + s * x, self.oy + s * y, text, s * size, colour, bold, anchor)

    def link(self, x: float, y: float, w: float, h: float, page: int) -> None:
        """Make the area a link to ``page`` (1-based) where the format has pages."""
        s = self.scale
        self._link(self.ox + s * x, self.oy + s * y, s * w, s * h, page)

    # -- what a format implements, in device points ----------------------------
    def _rect(self, x, y, w, h, fill, stroke, width, radius, dash) -> None:
        raise NotImplementedError

    def _polyline(self, pts, stroke, width, dash) -> None:
        raise NotImplementedError

    def _text(self, x, y, text, size, colour, bold, anchor) -> None:
        raise NotImplementedError

    def _link(self, x, y, w, h, page) -> None:
        """Formats without pages ignore links."""


# -- PDF ---------------------------------------------------------------------------


class PdfPainter(Painter):
    """Draws on a reportlab canvas, writing the page's operators directly.

    A chart of 10,000 people is some 100,000 drawing calls; reportlab's
    general-purpose path and text objects cost several times more per call
    than formatting the few operators a chart needs, so this writes them
    itself (fonts still go through reportlab, which subsets and embeds them).
    PDF's origin is at the bottom of the page, so y is flipped here.
    """

    def __init__(self, canvas, page_height: float) -> None:
        super().__init__()
        self.c = canvas
        self.page_height = page_height
        self._fill: str | None = None
        self._stroke: str | None = None
        self._lw: float | None = None
        self._dash: tuple | None = None
        self._shown: dict[tuple[str, bool], str] = {}

    def new_page(self, page_height: float) -> None:
        """After ``showPage``: a new page starts with PDF's default graphics state."""
        self.page_height = page_height
        self._fill = self._stroke = None
        self._lw = None
        self._dash = None

    @property
    def _code(self) -> list[str]:
        return self.c._code

    def _set_fill(self, colour: str) -> None:
        if colour != self._fill:
            self._code.append(_pdf_colour(colour) + " rg")
            self._fill = colour

    def _set_line(self, colour: str, width: float, dash) -> None:
        code = self._code
        if colour != self._stroke:
            code.append(_pdf_colour(colour) + " RG")
            self._stroke = colour
        if width != self._lw:
            code.append(f"{width:.3f} w")
            self._lw = width
        d = tuple(dash) if dash else ()
        if d != self._dash:
            code.append(f"[{' '.join(f'{v:.2f}' for v in d)}] 0 d")
            self._dash = d

    def _rect(self, x, y, w, h, fill, stroke, width, radius, dash) -> None:
        if fill is None and stroke is None:
            return
        if fill is not None:
            self._set_fill(fill)
        if stroke is not None:
            self._set_line(stroke, width, dash)
        op = "B" if fill is not None and stroke is not None else ("f" if fill is not None else "S")
        y0 = self.page_height - y - h
        r = min(radius, w / 2, h / 2)
        if r <= 0:
            self._code.append(f"{x:.2f} {y0:.2f} {w:.2f} {h:.2f} re {op}")
            return
        k = r * 0.4477  # the control points of a quarter circle, from the corner
        x1, y1 = x + w, y0 + h
        self._code.append(
            f"{x + r:.2f} {y0:.2f} m {x1 - r:.2f} {y0:.2f} l "
            f"{x1 - k:.2f} {y0:.2f} {x1:.2f} {y0 + k:.2f} {x1:.2f} {y0 + r:.2f} c "
            f"{x1:.2f} {y1 - r:.2f} l "
            f"{x1:.2f} {y1 - k:.2f} {x1 - k:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c "
            f"{x + r:.2f} {y1:.2f} l "
            f"{x + k:.2f} {y1:.2f} {x:.2f} {y1 - k:.2f} {x:.2f} {y1 - r:.2f} c "
            f"{x:.2f} {y0 + r:.2f} l "
            f"{x:.2f} {y0 + k:.2f} {x + k:.2f} {y0:.2f} {x + r:.2f} {y0:.2f} c h {op}"
        )

    def _polyline(self, pts, stroke, width, dash) -> None:
        if len(pts) < 2:
            return
        self._set_line(stroke, width, dash)
        ph = self.page_height
        (x0, y0), *rest = pts
        self._code.append(
            f"{x0:.2f} {ph - y0:.2f} m "
            + " ".join(f"{x:.2f} {ph - y:.2f} l" for x, y in rest)
            + " S"
        )

    def _text(self, x, y, text, size, colour, bold, anchor) -> None:
        self._set_fill(colour)
        if anchor != "start":
            w = fonts.width(text, size, bold)
            x -= w / 2 if anchor == "middle" else w
        key = (text, bold)
        shown = self._shown.get(key)
        if shown is None:
            shown = self._shown[key] = self._encode(text, bold)
        self._code.append(
            f"BT 1 0 0 1 {x:.2f} {self.page_height - y:.2f} Tm "
            + shown.replace("\0", f"{size:.2f}")
            + " ET"
        )

    def _encode(self, text: str, bold: bool) -> str:
        """Font selections and show-text operators for ``text``, the size left as NUL.

        Role titles and team names repeat on thousands of cards; the subset
        assignment of a string never changes within a document, so this is cached.
        """
        doc = self.c._doc
        escape_pdf = self.c._escape
        out = []
        for seg, name in fonts.runs(fonts.printable(text), bold):
            font = _rl_font(name)
            if font._dynamicFont:  # embedded TrueType: reportlab picks the subset
                for subset, chunk in font.splitString(seg, doc):
                    out.append(
                        f"{font.getSubsetInternalName(subset, doc)} \0 Tf ({escape_pdf(chunk)}) Tj"
                    )
            else:  # CID font (CJK): named, not embedded
                out.append(f"{doc.getInternalFontName(name)} \0 Tf ({font.formatForPdf(seg)}) Tj")
        return " ".join(out)

    def _link(self, x, y, w, h, page) -> None:
        ph = self.page_height
        self.c.linkAbsolute("", f"page{page}", (x, ph - y - h, x + w, ph - y), thickness=0)


@functools.cache
def _pdf_colour(hex_colour: str) -> str:
    v = hex_colour.lstrip("#")
    r, g, b = (int(v[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return f"{r:.3f} {g:.3f} {b:.3f}"


@functools.cache
def _rl_font(name: str):
    from reportlab.pdfbase import pdfmetrics

    return pdfmetrics.getFont(name)


# -- SVG ---------------------------------------------------------------------------


def _n(v: float) -> str:
    """A short number for SVG attributes."""
    r = round(v, 2)
    return str(int(r)) if r == int(r) else f"{r:g}"


class SvgPainter(Painter):
    """Collects SVG elements; ``document()`` wraps them with the page size."""

    def __init__(
        self, width: float, height: float, *, title: str = "", background: str | None = "#ffffff"
    ) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.title = title
        self.parts: list[str] = []
        if background:
            self.parts.append(f'<rect width="100%" height="100%" fill="{background}"/>')

    def _rect(self, x, y, w, h, fill, stroke, width, radius, dash) -> None:
        if fill is None and stroke is None:
            return
        attrs = [f'x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"']
        if radius > 0:
            attrs.append(f'rx="{_n(min(radius, w / 2, h / 2))}"')
        attrs.append(f'fill="{fill}"' if fill else 'fill="none"')
        if stroke:
            attrs.append(f'stroke="{stroke}" stroke-width="{_n(width)}"')
            if dash:
                attrs.append(f'stroke-dasharray="{" ".join(_n(d) for d in dash)}"')
        self.parts.append(f"<rect {' '.join(attrs)}/>")

    def _polyline(self, pts, stroke, width, dash) -> None:
        if len(pts) < 2:
            return
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
        extra = f' stroke-dasharray="{" ".join(_n(d) for d in dash)}"' if dash else ""
        self.parts.append(
            f'<polyline points="{points}" fill="none" stroke="{stroke}" '
            f'stroke-width="{_n(width)}"{extra}/>'
        )

    def _text(self, x, y, text, size, colour, bold, anchor) -> None:
        weight = ' font-weight="bold"' if bold else ""
        anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" '
            f'fill="{colour}"{weight}{anchor_attr}>{escape(text)}</text>'
        )

    def document(self) -> str:
        """The complete SVG file."""
        w, h = _n(self.width), _n(self.height)
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" '
            f'viewBox="0 0 {w} {h}" font-family={quoteattr(fonts.SVG_FAMILY)}>\n'
        )
        title = f"<title>{escape(clean(self.title))}</title>\n" if self.title else ""
        return head + title + "\n".join(self.parts) + "\n</svg>\n"


# -- PNG ---------------------------------------------------------------------------


class PngPainter(Painter):
    """Rasterises with Pillow (a reportlab dependency): no Qt and no extra package.

    Draws at ``oversample`` times the target resolution and scales down, which
    gives anti-aliased lines and card borders.
    """

    def __init__(
        self,
        width: float,
        height: float,
        dpi: float,
        *,
        background: str = "#ffffff",
        oversample: int = 2,
    ) -> None:
        super().__init__()
        from PIL import Image, ImageDraw

        self.dpi = dpi
        self.k = dpi / 72.0 * oversample
        self.oversample = oversample
        self.size_px = (max(1, round(width * dpi / 72.0)), max(1, round(height * dpi / 72.0)))
        big = (self.size_px[0] * oversample, self.size_px[1] * oversample)
        self.image = Image.new("RGB", big, background)
        self.draw = ImageDraw.Draw(self.image)

    def _rect(self, x, y, w, h, fill, stroke, width, radius, dash) -> None:
        if fill is None and stroke is None:
            return
        k = self.k
        box = (x * k, y * k, (x + w) * k, (y + h) * k)
        lw = max(1, round(width * k)) if stroke else 0
        if dash and stroke:
            if fill:
                self.draw.rounded_rectangle(box, radius=radius * k, fill=fill)
            x0, y0, x1, y1 = x, y, x + w, y + h
            self._polyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], stroke, width, dash)
            return
        if radius > 0:
            self.draw.rounded_rectangle(
                box, radius=min(radius, w / 2, h / 2) * k, fill=fill, outline=stroke, width=lw
            )
        else:
            self.draw.rectangle(box, fill=fill, outline=stroke, width=lw)

    def _polyline(self, pts, stroke, width, dash) -> None:
        if len(pts) < 2:
            return
        k = self.k
        lw = max(1, round(width * k))
        if not dash:
            self.draw.line([(x * k, y * k) for x, y in pts], fill=stroke, width=lw, joint="curve")
            return
        on, off = (dash[0], dash[1] if len(dash) > 1 else dash[0])
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
            if length == 0:
                continue
            dx, dy = (x1 - x0) / length, (y1 - y0) / length
            t = 0.0
            while t < length:
                e = min(t + on, length)
                self.draw.line(
                    [
                        ((x0 + dx * t) * k, (y0 + dy * t) * k),
                        ((x0 + dx * e) * k, (y0 + dy * e) * k),
                    ],
                    fill=stroke,
                    width=lw,
                )
                t = e + off

    def _text(self, x, y, text, size, colour, bold, anchor) -> None:
        k = self.k
        px = size * k
        if px < 1:
            return
        if anchor != "start":
            w = fonts.width(text, size, bold)
            x -= w / 2 if anchor == "middle" else w
        text = fonts.printable(text)
        for seg, font in fonts.runs(text, bold):
            pil_font = _pil_font(font, round(px * 2) / 2)
            self.draw.text((x * k, y * k), seg, font=pil_font, fill=colour, anchor="ls")
            if len(seg) < len(text):
                x += pil_font.getlength(seg) / k

    def save(self, path: str | os.PathLike[str] | io.BytesIO) -> None:
        from PIL import Image

        image = self.image
        if self.oversample > 1:
            image = image.resize(self.size_px, Image.Resampling.LANCZOS)
        image.save(path, format="PNG", dpi=(self.dpi, self.dpi), optimize=False)


@functools.cache
def _pil_font(font: str, px: float):
    from PIL import ImageFont

    if font == fonts.BOLD:
        path: Path | None = fonts.font_file(True)
    elif font == fonts.REGULAR:
        path = fonts.font_file(False)
    else:
        path = fonts.cjk_font_file() or fonts.font_file(False)
    # The basic layout draws glyphs in the order given, as the PDF does: the
    # text is already in reading order and joined (fonts.printable). With raqm
    # Pillow would reorder it a second time.
    return ImageFont.truetype(str(path), size=max(1, px), layout_engine=ImageFont.Layout.BASIC)
