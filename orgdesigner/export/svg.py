"""The org chart as one SVG: the same layout, header and legend as the PDF's ``fit`` page."""

from __future__ import annotations

import datetime as _dt

from orgdesigner.core.model import Document

from .draw import SvgPainter, clean
from .pdf_chart import VIEW_LABELS, draw_fitted, fitted_page


def svg_text(
    doc: Document, chart, *, functional_lines: bool = False, when: _dt.date | None = None
) -> str:
    """The SVG document of ``chart``; names are XML text, so they can be searched and copied."""
    page = fitted_page(doc, chart, functional_lines=functional_lines, when=when)
    pw, ph = page.size
    view = VIEW_LABELS.get(getattr(chart, "view", "people"), "")
    title = f"{clean(doc.name or 'Untitled organisation')}: org chart ({view.lower()} view)"
    painter = SvgPainter(pw, ph, title=title)
    draw_fitted(painter, page)
    return painter.document()
