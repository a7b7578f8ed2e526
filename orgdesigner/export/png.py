"""The org chart as a PNG at a chosen resolution, drawn with Pillow (no Qt, no Cairo).

The picture is the SVG's: header, chart and legend at full size. A chart so
large that the image would pass ``MAX_PIXELS`` is drawn at a lower resolution
instead of exhausting memory; PDF or SVG keep every detail of such charts.
No side passes ``MAX_SIDE`` pixels, which image viewers commonly refuse: the
resolution is lowered to fit down to ``MIN_DPI`` (one pixel a point, names
still legible), and a chart too large even then is refused
(:func:`png_refusal`) rather than drawn as a strip nobody can open.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import BinaryIO

from orgdesigner.core.model import Document

from .draw import PngPainter
from .pdf_chart import draw_fitted, fitted_page

MAX_PIXELS = 60_000_000  # about 180 MB of RGB while drawing
MAX_SIDE = 16_000  # what image viewers commonly open
MIN_DPI = 72.0  # one pixel a point: a 9 pt name is still 9 pixels high
OVERSAMPLE_PIXELS = 12_000_000  # below this, draw at twice the size for smooth edges


def png_dpi(width_pt: float, height_pt: float, dpi: float) -> float:
    """The resolution actually used: ``dpi``, lowered to keep the image within limits."""
    dpi = max(1.0, float(dpi))
    px = width_pt * height_pt * (dpi / 72.0) ** 2
    if px > MAX_PIXELS:
        dpi = 72.0 * math.sqrt(MAX_PIXELS / (width_pt * height_pt))
    side = max(width_pt, height_pt) * dpi / 72.0
    if side > MAX_SIDE:
        dpi = 72.0 * MAX_SIDE / max(width_pt, height_pt)
    return dpi


def png_refusal(width_pt: float, height_pt: float) -> str | None:
    """Why a chart of this size (in points) cannot be a PNG, or None if it can."""
    side = max(width_pt, height_pt) * MIN_DPI / 72.0
    if side <= MAX_SIDE:
        return None
    return (
        f"The chart is too large for a PNG: {width_pt * MIN_DPI / 72.0:,.0f} x "
        f"{height_pt * MIN_DPI / 72.0:,.0f} pixels at the smallest legible size, more than "
        f"the {MAX_SIDE:,} pixels on a side that image viewers open. Export it as PDF or "
        "SVG, or fold the chart or focus on one branch first."
    )


def png_size_pt(doc: Document, chart, *, functional_lines: bool = False) -> tuple[float, float]:
    """The size in points of the PNG's picture of ``chart`` (header and legend included)."""
    return fitted_page(doc, chart, functional_lines=functional_lines).size


def write_png(
    doc: Document,
    chart,
    fh: BinaryIO,
    *,
    dpi: float = 150,
    functional_lines: bool = False,
    when: _dt.date | None = None,
) -> float:
    """Write the PNG to ``fh``; returns the resolution used (see :func:`png_dpi`)."""
    page = fitted_page(doc, chart, functional_lines=functional_lines, when=when)
    pw, ph = page.size
    used = png_dpi(pw, ph, dpi)
    pixels = pw * ph * (used / 72.0) ** 2
    painter = PngPainter(pw, ph, used, oversample=2 if pixels <= OVERSAMPLE_PIXELS else 1)
    draw_fitted(painter, page)
    painter.save(fh)
    return used
