"""The org chart as a PNG at a chosen resolution, drawn with Pillow (no Qt, no Cairo).

The picture is the SVG's: header, chart and legend at full size. A chart so
large that the image would pass ``MAX_PIXELS`` is drawn at a lower resolution
instead of exhausting memory; PDF or SVG keep every detail of such charts.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import BinaryIO

from orgdesigner.core.model import Document

from .draw import PngPainter
from .pdf_chart import draw_fitted, fitted_page

MAX_PIXELS = 60_000_000  # about 180 MB of RGB while drawing
MAX_SIDE = 65_000  # what PNG readers commonly accept
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
