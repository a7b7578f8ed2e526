"""The org chart as a vector PDF: one page, or split by branch across pages.

Every page has the same furniture: a header (organisation, the variant's
description, the view and the date), the chart, a legend of the function
colours and team models on it, and "Page N of M". Text is real PDF text in
the embedded DejaVu font, so names can be searched and copied, and stay
sharp at any zoom.

Split charts start with an overview page: a map of the pages, each box
naming the card that heads the page, linked to it. Stubs carry
"continued on page N" tabs (links too) and the document has bookmarks
following the branches.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from orgdesigner.core import layout as core_layout
from orgdesigner.core.chart import (
    DEFAULT_COMPACT,
    DEFAULT_COMPACT_COLUMNS,
    H_GAP,
    TREE_GAP,
)
from orgdesigner.core.layout import Box, TreeLayout
from orgdesigner.core.lines import Router
from orgdesigner.core.model import Document

from . import fonts
from .chart_draw import (
    HEADER_H,
    MARKER_H,
    HeaderInfo,
    LegendItem,
    Style,
    draw_card,
    draw_continued,
    draw_edges,
    draw_from,
    draw_header,
    draw_legend,
    header_height,
    legend_height,
    legend_items,
    style_for,
)
from .common import CREATOR, ExportError, date_text, default_author, page_size
from .draw import PdfPainter, clean
from .paging import Page, Planner, Tree, card_id, plan_columns

MARGIN = 28.0
FOOTER_H = 14.0
MIN_SCALE = 0.75  # split pages: names at 7.5 pt and card text at 6 pt on paper
SPLIT_BELOW = 0.7  # one page while names stay at 7 pt or more; below that, split
MAX_SCALE = 1.25  # a small chart is enlarged a little, not blown up
MAX_PAGE = 14400.0  # 200 inches: the largest page PDF readers accept
FIT_MIN_WIDTH = 480.0
MAP_FROM = 4  # a split chart of more pages than this starts with a map of them
VIEW_LABELS = {"people": "People", "teams": "Teams", "functions": "Functions"}
FROM_WORDS = {"people": "reports to", "teams": "part of", "functions": "under"}

Progress = Callable[[int, int], None]


@dataclass
class Furniture:
    """What every page repeats."""

    header: HeaderInfo
    legend: list[LegendItem]
    style: Style


@dataclass
class Area:
    x: float
    y: float
    w: float
    h: float


def _content_area(
    pw: float, ph: float, legend: Sequence[LegendItem], header: HeaderInfo | None = None
) -> tuple[Area, float]:
    """The chart's area on a page of ``pw`` x ``ph``, and the legend's height."""
    lh = legend_height(legend, pw - 2 * MARGIN)
    top = MARGIN + (header_height(header, pw - 2 * MARGIN) if header else HEADER_H)
    h = ph - top - MARGIN - lh - FOOTER_H - 4
    return Area(MARGIN, top, pw - 2 * MARGIN, h), lh


def _furniture(
    p, pw: float, ph: float, f: Furniture, page: int, pages: int, right_note: str = ""
) -> None:
    t = f.style.theme
    p.set_transform()
    draw_header(p, MARGIN, MARGIN, pw - 2 * MARGIN, f.header, t)
    lh = legend_height(f.legend, pw - 2 * MARGIN)
    draw_legend(p, MARGIN, ph - MARGIN - FOOTER_H - lh, pw - 2 * MARGIN, f.legend, t)
    number = f"{p.page_word.capitalize()} {page} of {pages}"
    p.text(pw - MARGIN, ph - MARGIN, number, size=7.5, colour=t.muted, anchor="end")
    if right_note:
        # What the page holds goes in the footer, so the header (name, view, date)
        # is the same on every page and never cut short.
        room = pw - 2 * MARGIN - fonts.width(number, 7.5) - 16
        p.text(
            MARGIN, ph - MARGIN, fonts.ellipsize(right_note, 7.5, room), size=7.5, colour=t.muted
        )


# -- drawing a chart or a page of it -----------------------------------------------------


def chart_routes(chart) -> list[tuple[list[tuple[float, float]], str]]:
    """Connector polylines of a whole chart, as the core routes them."""
    out = []
    for a, b, style in chart.edges:
        pts = chart.route(a, b, style)
        if pts:
            out.append((list(pts), style))
    return out


def draw_whole_chart(p, chart, style: Style) -> None:
    """All cards and connectors of ``chart`` in its own coordinates."""
    draw_edges(p, chart_routes(chart), style.theme)
    for card in chart.cards.values():
        draw_card(p, card, card.box, style)


def _draw_page(
    p,
    chart,
    page: Page,
    style: Style,
    tree: Tree,
    functional_lines: bool,
    dotted: dict[str, list[str]],
    offset: int,
) -> None:
    """One page of a tree chart (people, teams), in the page's own layout."""
    lay = page.layout
    assert lay is not None
    t = style.theme
    stubs = set(page.stubs)
    card_boxes: dict[str, Box] = {}
    for cid, b in lay.boxes.items():
        card_boxes[cid] = Box(b.x, b.y, b.w, b.h - MARKER_H) if cid in stubs else b
    routes = [(core_route(lay, card_boxes, a, b), "solid") for a, b in lay.edges]
    if functional_lines:
        router = Router(card_boxes)  # functional lines run between this page's cards
        for a, targets in dotted.items():
            if a not in card_boxes:
                continue
            for b in targets:
                if b in card_boxes:
                    pts = router.route(a, b)
                    if pts:
                        routes.append((pts, "dotted"))
    draw_edges(p, routes, t)
    for cid, box in card_boxes.items():
        card = chart.cards[card_id(cid)]
        draw_card(p, card, box, style, chip_dx=box.x - card.box.x, chip_dy=box.y - card.box.y)
        cont = page.stub_pages.get(cid)
        if cont is not None:
            here = cont[0] == page.number
            draw_continued(
                p, box, -1 if here else cont[0] + offset, t, None if here else cont[1] + offset
            )
    word = FROM_WORDS.get(chart.view, "under")
    for head in page.heads:
        source = page.head_from.get(head)
        if source is None or head not in card_boxes:
            continue
        above = tree.parent.get(card_id(head))
        who = f"{word} {clean(chart.cards[above].title)}, " if above in chart.cards else ""
        if source == page.number:
            draw_from(p, card_boxes[head], f"{who}on this {p.page_word}", 0, t)
        else:
            n = source + offset
            draw_from(p, card_boxes[head], f"{who}{p.page_word} {n}", n, t)


def _draw_window_page(
    p,
    chart,
    page: Page,
    style: Style,
    offset: int,
    scale: float,
    ox: float,
    oy: float,
    into: dict[str, tuple[str, str]],
) -> None:
    """One page of a column chart (functions): slices of columns at their own positions."""
    t = style.theme
    for sl in page.slices:
        p.set_transform(scale, ox + scale * (sl.dx - sl.x0), oy + scale * (TAG - sl.top))
        on = set(sl.cards)
        routes = []
        for b in sl.cards:
            if b not in into:
                continue
            a, kind = into[b]
            if a in on:
                pts = chart.route(a, b, kind)
            elif b in chart.buses:  # its line comes down from the previous page
                sx = chart.buses[b][0]
                box = chart.cards[b].box
                side = box.x if abs(sx - box.x) <= abs(sx - box.right) else box.right
                pts = [(sx, sl.top - 6), (sx, box.cy), (side, box.cy)]
            else:
                pts = None
            if pts:
                routes.append((pts, kind))
        draw_edges(p, routes, t)
        for cid in sl.cards:
            card = chart.cards[cid]
            draw_card(p, card, card.box, style)
        header = chart.cards[sl.header]
        first = chart.cards[sl.cards[0]].box
        last = chart.cards[sl.cards[-1]].box
        name = clean(header.title)
        if sl.prev_page is page:
            draw_from(p, first, f"{name}, continued", 0, t)
        elif sl.prev_page is not None:
            n = sl.prev_page.number + offset
            draw_from(p, first, f"{name}, continued from {p.page_word} {n}", n, t)
        if sl.next_page is page:
            draw_continued(p, last, 0, t)
        elif sl.next_page is not None:
            draw_continued(p, last, sl.next_page.number + offset, t)
    p.set_transform()


TAG = MARKER_H + 8  # room above a page's first card for the "from page N" tag


def _extent(page: Page, col_w: float) -> tuple[float, float]:
    """Width and height a page's content takes, in chart units."""
    if page.slices:
        w = max(sl.dx for sl in page.slices) + col_w
        h = max(sl.bottom - sl.top for sl in page.slices) + 2 * TAG
        return w, h
    lay = page.layout
    assert lay is not None
    return lay.width, lay.height + (TAG if page.parent is not None else 0.0)


def core_route(lay: TreeLayout, boxes: dict[str, Box], a: str, b: str):
    """The connector from ``a`` to ``b`` on a page laid out afresh, as the core routes it."""
    return core_layout.route(boxes[a], boxes[b], lay.v_gap, lay.buses.get(b))


# -- overview ------------------------------------------------------------------------------


def _page_label(chart, pg: Page) -> tuple[str, str]:
    """What names a page: the card at its top (or the branches it holds) and a subtitle."""
    if pg.slices:
        starts: dict[str, bool] = {}  # header -> whether the column starts on this page
        for sl in pg.slices:
            starts[sl.header] = starts.get(sl.header, False) or sl.index == 1
        names = [
            clean(chart.cards[h].title) + ("" if first else " (continued)")
            for h, first in starts.items()
        ]
        title = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        return title, ""
    heads = [card_id(h) for h in pg.heads]
    if len(heads) == 1:
        card = chart.cards[heads[0]]
        title, sub = card.title or heads[0], card.subtitle or ""
    elif pg.parent is None:
        title, sub = "Top of the organisation", f"{len(heads)} branches"
    else:
        names = [chart.cards[h].title or h for h in heads]
        title = ", ".join(names[:2]) + (f" and {len(names) - 2} more" if len(names) > 2 else "")
        sub = f"{len(heads)} branches"
    if pg.part:
        sub = f"part {pg.part[0]} of {pg.part[1]}" + (f" · {sub}" if sub else "")
    return title, sub


OV_ROW = 11.0
OV_HEAD = 34.0
OV_COL = 250.0


def _overview_grid(area: Area) -> tuple[int, int, float]:
    """Rows per column, columns per page and column width of the overview list."""
    rows = max(1, int((area.h - OV_HEAD) // OV_ROW))
    cols = max(1, int(area.w // OV_COL))
    return rows, cols, area.w / cols


def overview_pages(area: Area, entries: int) -> int:
    rows, cols, _ = _overview_grid(area)
    return max(1, -(-entries // (rows * cols)))


def _draw_overview(
    p, chart, plan: list[Page], area: Area, style: Style, offset: int, sheet: int, sheets: int
) -> None:
    """A contents list of the pages: the card heading each, indented under its parent page."""
    t = style.theme
    rows, cols, col_w = _overview_grid(area)
    per_page = rows * cols
    p.set_transform()
    word = p.page_word
    title = f"Overview: the {word}s of this chart" + (
        f" ({sheet} of {sheets})" if sheets > 1 else ""
    )
    p.text(area.x, area.y + 12, title, size=10, colour=t.ink, bold=True)
    shown: set[str] = set()
    for pg in plan:
        shown.update(card_id(k) for k in (pg.layout.boxes if pg.layout else ()))
        for sl in pg.slices:
            shown.update(sl.cards)
    p.text(
        area.x,
        area.y + 24,
        f"{len(shown)} cards on {len(plan)} {word}s. Each line names "
        f"the card at the top of a {word}, indented under the {word} it continues from; "
        "click a line to go there.",
        size=7.5,
        colour=t.muted,
    )
    depth: dict[int, int] = {}
    for pg in plan:
        depth[pg.number] = 0 if pg.parent is None else min(depth[pg.parent.number] + 1, 8)
    chunk = plan[(sheet - 1) * per_page : sheet * per_page]
    for i, pg in enumerate(chunk):
        col, row = divmod(i, rows)
        x = area.x + col * col_w
        y = area.y + OV_HEAD + row * OV_ROW
        indent = 9.0 * depth[pg.number]
        number = f"{pg.number + offset}"
        nw = fonts.width(number, 7.5, True)
        heads = [card_id(h) for h in pg.heads]
        fn = chart.cards[heads[0]].function if heads and heads[0] in chart.cards else None
        p.rect(x + indent, y + 2.5, 6, 6, fill=style.swatch(fn).accent, radius=1.5)
        name, sub = _page_label(chart, pg)
        label = name + (f" · {sub}" if sub else "")
        room = col_w - indent - nw - 24
        p.text(x + indent + 10, y + 8.5, fonts.ellipsize(label, 7.5, room), size=7.5, colour=t.ink)
        p.text(x + col_w - 10, y + 8.5, number, size=7.5, colour=t.marker, bold=True, anchor="end")
        p.link(x, y, col_w - 8, OV_ROW, pg.number + offset)


# -- the document ----------------------------------------------------------------------------


@dataclass
class _Section:
    """One view's pages in the document."""

    chart: object
    tree: Tree
    size: tuple[float, float]
    area: Area
    scale: float
    furniture: Furniture
    plan: list[Page]
    first: int = 1  # number of its first page in the document

    @property
    def overview(self) -> int:
        """Pages of the overview list (none for a chart on a few pages)."""
        if len(self.plan) <= MAP_FROM:  # the tags and bookmarks lead through a few pages
            return 0
        return overview_pages(self.area, len(self.plan))

    @property
    def pages(self) -> int:
        return self.overview + len(self.plan) if self.plan else 1


def _section(
    doc: Document,
    chart,
    *,
    page: str,
    landscape: bool | None,
    functional_lines: bool,
    split: bool | None,
    when: _dt.date | None,
    size: tuple[float, float] | None = None,
    findings: Mapping[str, tuple[str, int]] | None = None,
) -> _Section:
    """Decide the pages of one chart: one page, or (an overview and) a page per branch.

    ``size`` (points) overrides the named ``page``: slides have their own size.
    ``landscape`` None turns the paper whichever way takes fewer pages (then
    whichever shows the chart larger; upright when both are the same).
    """
    if landscape is None and len(chart.cards) > 3000:
        # Planning twice costs seconds on a big chart: turn the paper like the chart.
        landscape = chart.width > chart.height
    if landscape is not None or size is not None or page_size(page, False) is None:
        return _section_on(
            doc,
            chart,
            page=page,
            landscape=bool(landscape),
            functional_lines=functional_lines,
            split=split,
            when=when,
            size=size,
            findings=findings,
        )
    tall, wide = (
        _section_on(
            doc,
            chart,
            page=page,
            landscape=turned,
            functional_lines=functional_lines,
            split=split,
            when=when,
            findings=findings,
        )
        for turned in (False, True)
    )
    if (wide.pages, -wide.scale if not wide.plan else 0) < (
        tall.pages,
        -tall.scale if not tall.plan else 0,
    ):
        return wide
    return tall


def _section_on(
    doc: Document,
    chart,
    *,
    page: str,
    landscape: bool,
    functional_lines: bool,
    split: bool | None,
    when: _dt.date | None,
    size: tuple[float, float] | None = None,
    findings: Mapping[str, tuple[str, int]] | None = None,
) -> _Section:
    """:func:`_section` on paper turned as ``landscape`` says."""
    style = style_for(doc)
    if findings:
        style = replace(style, findings=findings)
    header = _header(doc, chart, when)
    tree = Tree(chart)
    size = size or page_size(page, landscape)
    if size is None:
        pw, ph, scale, legend, area = _fit_page(doc, chart, style, functional_lines, header=header)
        return _Section(chart, tree, (pw, ph), area, scale, Furniture(header, legend, style), [])
    pw, ph = size
    cards = chart.cards.values()
    legend = legend_items(doc, cards, style, functional_lines=functional_lines, split=False)
    area, _ = _content_area(pw, ph, legend, header)
    cw, ch = max(chart.width, 1.0), max(chart.height, 1.0)
    scale = min(MAX_SCALE, area.w / cw, area.h / ch)
    split_below = scale < SPLIT_BELOW
    if split is None:
        split = split_below
    single = _Section(chart, tree, size, area, scale, Furniture(header, legend, style), [])
    if not split:
        return single
    legend = legend_items(doc, cards, style, functional_lines=functional_lines, split=True)
    area, _ = _content_area(pw, ph, legend, header)
    cap_w, cap_h = area.w / MIN_SCALE, area.h / MIN_SCALE
    if any(c.kind == "header" for c in cards):
        plan = plan_columns(chart, cap_w, cap_h, tag=TAG)
        if not plan:
            return single
    else:
        # Stack a manager's reports in columns as soon as a row of them would not
        # fit across the page: on paper a tall page beats a branch cut in parts.
        card_w = max((c.box.w for c in cards), default=1.0)
        across = int((cap_w + H_GAP) // (card_w + H_GAP))
        # Reports stack as on the canvas (build_chart's defaults): past DEFAULT_COMPACT
        # leaves, in DEFAULT_COMPACT_COLUMNS column(s). That suits a tall page; a wide
        # one may hold more in two columns, so a small chart tries both and keeps the
        # plan with fewer pages.
        one, two = DEFAULT_COMPACT_COLUMNS, max(2, DEFAULT_COMPACT_COLUMNS)
        tries = tuple(dict.fromkeys((one, two)))
        if len(chart.cards) > 3000:
            tries = (one,) if cap_h >= cap_w else (two,)
        plan = min(
            (
                Planner(
                    tree,
                    cap_w,
                    cap_h,
                    h_gap=H_GAP,
                    v_gap=chart.v_gap,
                    tree_gap=TREE_GAP,
                    from_tag=TAG,
                    columns=columns,
                    compact=max(1, min(DEFAULT_COMPACT, across - 1)),
                ).plan()
                for columns in tries
            ),
            key=len,
        )
        if len(plan) <= 1 and not split_below:
            # One page either way: the chart as drawn on screen, a little smaller,
            # reads better than its branches cut up and laid out again.
            return single
    # A plan of one page is the chart laid out afresh (leaves in columns) at a
    # size that reads, where the chart as drawn would be too small.
    return _Section(chart, tree, size, area, scale, Furniture(header, legend, style), plan)


def write_pdf(
    doc: Document,
    charts: Sequence,
    fh: BinaryIO,
    *,
    page: str = "a4",
    landscape: bool | None = None,
    functional_lines: bool = False,
    split: bool | None = None,
    progress: Progress | None = None,
    when: _dt.date | None = None,
    author: str | None = None,
    findings: Mapping[str, tuple[str, int]] | None = None,
) -> int:
    """Write the charts (one per view) of ``doc`` as one PDF to ``fh``; returns the page count.

    ``landscape`` None turns each view's paper the way that takes fewer pages.
    ``findings`` (subject ID -> worst severity and count, see
    ``chart_draw.findings_by_subject``) prints a badge on each card with findings.
    """
    if not charts:
        raise ExportError("No view to export")
    fonts.register()
    sections = [
        _section(
            doc,
            c,
            page=page,
            landscape=landscape,
            functional_lines=functional_lines,
            split=split,
            when=when,
            findings=findings,
        )
        for c in charts
    ]
    total = 0
    for sec in sections:
        sec.first = total + 1
        total += sec.pages

    labels = [
        VIEW_LABELS.get(getattr(c, "view", ""), str(getattr(c, "view", "")).capitalize())
        for c in charts
    ]
    name = clean(doc.name or "Untitled organisation")
    views = ", ".join(v.lower() for v in labels)
    canvas = Canvas(fh, pagesize=sections[0].size, pageCompression=1)
    canvas.setTitle(f"{name}: org chart ({views} view{'s' if len(labels) > 1 else ''})")
    canvas.setAuthor(author or default_author())
    canvas.setSubject(clean(doc.description) or f"Org chart of {name}")
    canvas.setCreator(CREATOR)
    canvas.setKeywords(["org chart", *[v.lower() for v in labels], name])
    painter = PdfPainter(canvas, sections[0].size[1])
    done = 0

    def page_done() -> None:
        nonlocal done
        canvas.showPage()
        done += 1
        if progress:
            progress(done, total)

    for sec, label in zip(sections, labels, strict=True):
        pw, ph = sec.size
        canvas.setPageSize((pw, ph))
        painter.new_page(ph)
        key = f"page{sec.first}"
        canvas.bookmarkPage(key)
        several = len(sections) > 1
        if several:
            canvas.addOutlineEntry(f"{label} view", key, level=0)
        base = 1 if several else 0
        if not sec.plan:
            _furniture(painter, pw, ph, sec.furniture, sec.first, total)
            place_chart(painter, sec.chart, sec.furniture.style, sec.area, sec.scale)
            page_done()
            continue
        _render_split(canvas, painter, sec, total, base, page_done, functional_lines)
    canvas.save()
    return total


def _render_split(
    canvas,
    painter: PdfPainter,
    sec: _Section,
    total: int,
    base: int,
    page_done: Callable[[], None],
    functional_lines: bool,
) -> None:
    """The overview page, then a page per planned branch, with bookmarks."""

    def outline(title: str, number: int, level: int, closed: bool) -> None:
        key = f"page{number}"
        canvas.bookmarkPage(key)
        if title:
            canvas.addOutlineEntry(title, key, level=level, closed=closed)

    def done() -> None:
        page_done()
        painter.new_page(sec.size[1])

    draw_split(painter, sec, total, base, done, functional_lines, outline)


Outline = Callable[[str, int, int, bool], None]


def draw_split(
    painter,
    sec: _Section,
    total: int,
    base: int,
    page_done: Callable[[], None],
    functional_lines: bool,
    outline: Outline | None = None,
) -> None:
    """Draw a split section on any painter: the overview, then a page per planned branch.

    ``page_done`` is called after each page (the painter is then on the next);
    ``outline(title, number, level, closed)`` is told where each page starts
    and what a table of contents would call it ("" for the overview's later sheets).
    """
    pw, ph = sec.size
    chart, plan, area, style = sec.chart, sec.plan, sec.area, sec.furniture.style
    sheets = sec.overview
    offset = sec.first + sheets - 1  # plan page k is document page k + offset
    for sheet in range(1, sheets + 1):
        if outline:
            outline("Overview" if sheet == 1 else "", sec.first + sheet - 1, base, False)
        _furniture(painter, pw, ph, sec.furniture, sec.first + sheet - 1, total, "Overview")
        _draw_overview(painter, chart, plan, area, style, offset, sheet, sheets)
        page_done()

    into: dict[str, tuple[str, str]] = {}  # card -> the card above it, and the line's style
    dotted: dict[str, list[str]] = {}  # person -> their functional managers
    for a, b, kind in chart.edges:
        if kind == "dotted":
            dotted.setdefault(a, []).append(b)
        else:
            into[b] = (a, kind)
    # Every page of a split chart uses one scale, so cards are the same size throughout.
    col_w = max((c.box.w for c in chart.cards.values() if c.kind == "header"), default=0.0)
    extents = [_extent(pg, col_w) for pg in plan]
    fits = [min(area.w / max(w, 1.0), area.h / max(h, 1.0)) for w, h in extents]
    common = max(MIN_SCALE, min(1.0, min(fits)))
    level_of: dict[int, int] = {}
    for i, pg in enumerate(plan):
        number = pg.number + offset
        level = base if pg.parent is None else level_of[pg.parent.number] + 1
        level_of[pg.number] = level
        title, sub = _page_label(chart, pg)
        if outline:
            outline(clean(title) + (f" ({sub})" if pg.part else ""), number, level, level > base)
        note = clean(title) + (f", part {pg.part[0]} of {pg.part[1]}" if pg.part else "")
        _furniture(painter, pw, ph, sec.furniture, number, total, note)
        s = min(common, fits[i])
        w = extents[i][0]
        ox = area.x + max(0.0, (area.w - w * s) / 2)
        if pg.slices:
            _draw_window_page(painter, chart, pg, style, offset, s, ox, area.y, into)
        else:
            top = area.y + TAG * s if pg.parent is not None else area.y
            painter.set_transform(s, ox, top)
            _draw_page(painter, chart, pg, style, sec.tree, functional_lines, dotted, offset)
        painter.set_transform()
        page_done()


def place_chart(p, chart, style: Style, area: Area, scale: float) -> None:
    """Draw the whole chart at ``scale`` in ``area``: centred across, near the top."""
    cw, ch = max(chart.width, 1.0), max(chart.height, 1.0)
    ox = area.x + max(0.0, (area.w - cw * scale) / 2)
    oy = area.y + max(0.0, min(12.0, (area.h - ch * scale) / 2))
    p.set_transform(scale, ox, oy)
    draw_whole_chart(p, chart, style)
    p.set_transform()


def _fit_page(
    doc: Document,
    chart,
    style: Style,
    functional_lines: bool,
    max_page: float = MAX_PAGE,
    *,
    header: HeaderInfo | None = None,
):
    """Page size for ``fit``: the chart at full size plus the furniture, within PDF limits."""
    legend = legend_items(
        doc, chart.cards.values(), style, functional_lines=functional_lines, split=False
    )
    cw, ch = max(chart.width, 1.0), max(chart.height, 1.0)
    scale = min(1.0, (max_page - 2 * MARGIN) / cw)
    pw = max(FIT_MIN_WIDTH, cw * scale + 2 * MARGIN)
    lh = legend_height(legend, pw - 2 * MARGIN)
    hh = header_height(header, pw - 2 * MARGIN) if header else HEADER_H
    furniture_h = 2 * MARGIN + hh + lh + FOOTER_H + 4
    scale = min(scale, (max_page - furniture_h) / ch)
    ph = ch * scale + furniture_h
    area, _ = _content_area(pw, ph, legend, header)
    return pw, ph, scale, legend, area


@dataclass
class FittedPage:
    """One page the size of a chart: where the chart goes, at what scale, with what furniture."""

    chart: object
    size: tuple[float, float]
    scale: float
    area: Area
    furniture: Furniture


def fitted_page(
    doc: Document,
    chart,
    *,
    functional_lines: bool = False,
    when: _dt.date | None = None,
    max_page: float = 1e9,
) -> FittedPage:
    """The page :func:`draw_fitted` draws (SVG, PNG); make the painter ``.size`` big."""
    style = style_for(doc)
    header = _header(doc, chart, when)
    pw, ph, scale, legend, area = _fit_page(
        doc, chart, style, functional_lines, max_page, header=header
    )
    return FittedPage(chart, (pw, ph), scale, area, Furniture(header, legend, style))


def draw_fitted(p, page: FittedPage) -> None:
    """Header, chart at full size and legend on ``page``."""
    pw, ph = page.size
    f = page.furniture
    t = f.style.theme
    p.set_transform()
    draw_header(p, MARGIN, MARGIN, pw - 2 * MARGIN, f.header, t)
    lh = legend_height(f.legend, pw - 2 * MARGIN)
    draw_legend(p, MARGIN, ph - MARGIN - FOOTER_H - lh, pw - 2 * MARGIN, f.legend, t)
    place_chart(p, page.chart, f.style, page.area, page.scale)


def _header(doc: Document, chart, when: _dt.date | None) -> HeaderInfo:
    view = getattr(chart, "view", "people")
    view_label = VIEW_LABELS.get(view, str(view).capitalize())
    return HeaderInfo(
        doc.name or "Untitled organisation",
        doc.description,
        f"{view_label} view · {date_text(when)}",
    )
