"""Drawing a chart's cards, connectors, header and legend on any :class:`Painter`.

PDF pages, SVG and PNG all call these functions, so every format shows the
same picture. Card content (title, subtitle, lines, chips) comes from the
core's :mod:`orgdesigner.core.chart`; this module decides only how it looks:
text wraps inside the card and is shortened with an ellipsis rather than ever
spilling over its edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from orgdesigner.core.card_look import (
    BADGE_SIZE,
    BAR,
    CHIP_SIZE,
    LINE_LEADING,
    LINE_SIZE,
    PAD,
    RADIUS,
    SUBTITLE_LEADING,
    SUBTITLE_SIZE,
    collapsed_label,
    fit_card,
    fit_lines,
)
from orgdesigner.core.layout import Box
from orgdesigner.core.model import Document
from orgdesigner.core.palette import (
    LIGHT,
    NO_FUNCTION,
    SEVERITY_COLOURS,
    TEAM_MODEL_BADGES,
    Swatch,
    Theme,
    function_swatch,
    function_swatches,
)

from . import fonts
from .draw import Painter, clean

Point = tuple[float, float]

MARKER_H = 13.0  # the "continued on page N" tab under a card


@dataclass
class Style:
    """Colours of one drawing: neutrals plus a swatch per function."""

    theme: Theme
    swatches: Mapping[str, Swatch]
    # Entity ID -> (its most severe finding's severity, how many findings), when
    # the chart prints its findings as badges; empty otherwise.
    findings: Mapping[str, tuple[str, int]] = field(default_factory=dict)

    def swatch(self, function_id: str | None) -> Swatch:
        if not function_id:
            return NO_FUNCTION
        return self.swatches.get(function_id) or function_swatch(function_id)


def style_for(doc: Document, theme: Theme = LIGHT) -> Style:
    """The colours of ``doc``'s chart (the same mapping the canvas uses)."""
    return Style(theme, function_swatches(f.id for f in doc.functions))


# -- cards --------------------------------------------------------------------------


def _measure(text: str, size: float, bold: bool) -> float:
    return fonts.width(text, size, bold)


def draw_card(
    p: Painter,
    card,
    box: Box,
    style: Style,
    *,
    chip_dx: float = 0.0,
    chip_dy: float = 0.0,
    continued: int | None = None,
) -> None:
    """Draw ``card`` at ``box``; its chips move by (chip_dx, chip_dy) with it.

    ``continued``: the page this card's reports continue on, drawn as a tab
    under the card (the layout left room for it).
    """
    t = style.theme
    sw = style.swatch(card.function)
    accent, tint, _ink = sw.for_mode(False)
    x, y, w, h = box.x, box.y, box.w, box.h
    kind = card.kind
    title_colour = t.ink
    p.begin_group()
    if kind == "header":
        p.rect(x, y, w, h, fill=accent, radius=RADIUS)
        title_colour = "#ffffff"
    elif kind == "function":
        p.rect(x, y, w, h, fill=tint, stroke=accent, width=1.0, radius=RADIUS)
    elif card.vacant:
        p.rect(
            x, y, w, h, fill=t.vacant_fill, stroke=t.vacant, width=1.0, radius=RADIUS, dash=(3, 2)
        )
    else:
        p.rect(x, y, w, h, fill=t.card, stroke=t.card_border, width=0.75, radius=RADIUS)
    has_bar = kind in ("person", "team") and card.function is not None
    if has_bar:
        p.rect(x + 1.5, y + 3, BAR, max(0.0, h - 6), fill=accent)

    left = x + PAD + (BAR + 1.5 if has_bar else 0)
    right = x + w - PAD
    top = y + PAD - 1
    # Chips sit below the text; the text must stop above the first chip row.
    chips = list(getattr(card, "chips", ()) or ())
    bottom = y + h - PAD
    if chips:
        bottom = min(c.box.y + chip_dy for c in chips) - 2
    band = getattr(card, "serves_box", None)
    if band is not None:
        bottom = min(bottom, band.y + chip_dy - 1)
        draw_serves(p, card, band, chip_dx, chip_dy, t.ink, t.muted)
    badge = TEAM_MODEL_BADGES.get(card.model or "") if kind == "team" else None
    badge_w = fonts.width(badge.label, BADGE_SIZE, True) + 6 if badge else 0.0
    if badge:
        bx = right - badge_w
        p.rect(bx, top, badge_w, BADGE_SIZE + 4, fill=badge.fill, radius=2)
        p.text(
            bx + badge_w / 2,
            top + BADGE_SIZE + 1.2,
            badge.label,
            size=BADGE_SIZE,
            colour=badge.ink,
            bold=True,
            anchor="middle",
        )
    if card.collapsed_count:
        label = collapsed_label(card.collapsed_count)
        cw = fonts.width(label, BADGE_SIZE, True) + 6
        p.rect(right - cw, y + h - BADGE_SIZE - 6, cw, BADGE_SIZE + 4, fill=t.muted, radius=2)
        p.text(
            right - cw / 2,
            y + h - 3.2,
            label,
            size=BADGE_SIZE,
            colour="#ffffff",
            bold=True,
            anchor="middle",
        )
        if not chips:
            bottom = min(bottom, y + h - BADGE_SIZE - 7)

    width = right - left
    avail = bottom - top
    # What fits is decided once for every format: title, subtitle, then the lines.
    # Measure the text that is drawn: control characters have widths but no ink.
    fitted = fit_card(
        clean(card.title or ""),
        clean(card.subtitle or ""),
        [clean(line) for line in (getattr(card, "lines", ()) or ())],
        width,
        avail,
        _measure,
        title_width=width - badge_w - 2,
    )
    title_lines, title_size, title_lh = fitted.title, fitted.title_size, fitted.title_height
    sub_lines, extra = fitted.subtitle, fitted.details
    sub_lh = SUBTITLE_SIZE * SUBTITLE_LEADING
    line_lh = LINE_SIZE * LINE_LEADING
    used = fitted.height
    yy = top
    if kind == "person" and not chips:  # centre the text block on a person card
        yy += max(0.0, (avail - used) / 2 - 1)
    p.begin_text(left, right)
    p.paragraph()
    for line in title_lines:
        yy += title_lh
        p.text(left, yy - 2.0, line, size=title_size, colour=title_colour, bold=True)
    muted = "#ffffff" if kind == "header" else t.muted
    p.paragraph()
    for line in sub_lines:
        yy += sub_lh
        p.text(left, yy - 1.6, line, size=SUBTITLE_SIZE, colour=muted)
    for rows in extra:
        p.paragraph()
        for line in rows:
            yy += line_lh
            p.text(left, yy - 1.6, line, size=LINE_SIZE, colour=muted)
    p.end_text()

    for chip in chips:
        draw_chip(p, chip, style, chip_dx, chip_dy)

    mark = style.findings.get(card.ref or card.id) if style.findings else None
    if mark is not None:
        draw_finding_badge(p, x + w - 3, y - 6.5, *mark)  # clear of a model badge

    if continued is not None:
        draw_continued(p, box, continued, t)
    p.end_group()


# The marks of the findings list's icons: a cross for errors, "!" for warnings, "i" for info.
SEVERITY_MARKS = {"error": "\u00d7", "warning": "!", "info": "i"}
SEVERITY_ORDER = ("error", "warning", "info")
FINDING_SIZE = 6.5


def finding_label(severity: str, count: int) -> str:
    """A finding badge's text: the severity's mark and how many findings."""
    return f"{SEVERITY_MARKS.get(severity, '!')} {count}"


def draw_finding_badge(p: Painter, right: float, top: float, severity: str, count: int) -> None:
    """A pill in the severity's colour, its right edge at ``right``, saying how many findings."""
    label = finding_label(severity, count)
    bw = fonts.width(label, FINDING_SIZE, True) + 7
    colour = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["warning"])
    p.rect(right - bw, top, bw, FINDING_SIZE + 3.5, fill=colour, radius=(FINDING_SIZE + 3.5) / 2)
    p.text(
        right - bw / 2,
        top + FINDING_SIZE + 0.8,
        label,
        size=FINDING_SIZE,
        colour="#ffffff",
        bold=True,
        anchor="middle",
    )


def findings_by_subject(findings: Iterable) -> dict[str, tuple[str, int]]:
    """Subject ID -> (most severe severity, count) of the findings not waived."""
    out: dict[str, tuple[str, int]] = {}
    rank = {sev: i for i, sev in enumerate(SEVERITY_ORDER)}
    for f in findings:
        if getattr(f, "waived", False):
            continue
        for subject in dict.fromkeys(f.subjects):
            sev, n = out.get(subject, (f.severity, 0))
            if rank.get(f.severity, 9) < rank.get(sev, 9):
                sev = f.severity
            out[subject] = (sev, n + 1)
    return out


def draw_serves(p: Painter, card, band: Box, dx: float, dy: float, ink: str, muted: str) -> None:
    """A service team's band: the teams it serves, in the service colour."""
    colour = TEAM_MODEL_BADGES["service"].fill
    p.rect(
        band.x + dx, band.y + dy, band.w, band.h, stroke=colour, width=0.6, radius=3, dash=(3, 2)
    )
    served = tuple(getattr(card, "serves", ()) or ())
    text = "Serves " + ", ".join(served) if served else "Serves no team"
    lines = fit_lines(clean(text), LINE_SIZE, band.w - 8, _measure, False, 1)
    if lines:
        p.text(
            band.x + dx + 4,
            band.y + dy + band.h / 2 + LINE_SIZE * 0.35,
            lines[0],
            size=LINE_SIZE,
            colour=ink if served else muted,
        )


def draw_chip(p: Painter, chip, style: Style, dx: float = 0.0, dy: float = 0.0) -> None:
    """A member chip: function tint, function-colour border, the label shortened to fit."""
    b = chip.box
    sw = style.swatch(chip.function)
    accent, tint, ink = sw.for_mode(False)
    if getattr(chip, "vacant", False):
        p.rect(
            b.x + dx,
            b.y + dy,
            b.w,
            b.h,
            fill=style.theme.vacant_fill,
            stroke=style.theme.vacant,
            width=0.6,
            radius=2.5,
            dash=(2, 1.5),
        )
        ink = style.theme.vacant
    else:
        p.rect(b.x + dx, b.y + dy, b.w, b.h, fill=tint, stroke=accent, width=0.5, radius=2.5)
    size = min(CHIP_SIZE, b.h * 0.62)
    label = fonts.ellipsize(clean(chip.label or ""), size, b.w - 5)
    if label:
        p.text(b.x + dx + 2.5, b.y + dy + b.h / 2 + size * 0.36, label, size=size, colour=ink)


def draw_continued(p: Painter, box: Box, page: int, t: Theme, last: int | None = None) -> None:
    """The tab under a card whose reports are drawn on another page; a link to it."""
    x, y, w = box.x + 6, box.bottom, box.w - 12
    p.rect(x, y - 0.5, w, MARKER_H - 1, fill="#dbeafe", stroke=t.marker, width=0.5, radius=2)
    word = p.page_word
    if page < 0:
        label = f"continued on this {word} \u25b8"
    elif page == 0:  # a column flowing into the next one
        label = "continued in the next column \u25b8"
    else:
        where = f"{word}s {page}\u2013{last}" if last and last != page else f"{word} {page}"
        label = f"continued on {where} \u25b8"
    label = fonts.ellipsize(label, LINE_SIZE, w - 4)
    p.text(x + w / 2, y + MARKER_H - 4.4, label, size=LINE_SIZE, colour=t.marker, anchor="middle")
    if page > 0:
        p.link(x, y, w, MARKER_H, page)


def draw_from(p: Painter, box: Box, label: str, page: int, t: Theme) -> None:
    """Above a page's first card: where it continues from (a link to that page)."""
    label = fonts.ellipsize("\u25b4 " + label, LINE_SIZE, max(box.w * 2, 120))
    w = fonts.width(label, LINE_SIZE) + 8
    x = box.cx - w / 2
    p.rect(
        x,
        box.y - MARKER_H - 5,
        w,
        MARKER_H - 1,
        fill="#dbeafe",
        stroke=t.marker,
        width=0.5,
        radius=2,
    )
    p.text(box.cx, box.y - 9.4, label, size=LINE_SIZE, colour=t.marker, anchor="middle")
    if page > 0:
        p.link(x, box.y - MARKER_H - 5, w, MARKER_H, page)
    p.polyline([(box.cx, box.y - 6), (box.cx, box.y)], stroke=t.marker, width=0.75)


# -- connectors ----------------------------------------------------------------------


def draw_edges(p: Painter, routes: Iterable[tuple[Sequence[Point], str]], t: Theme) -> None:
    """Connector polylines; style ``dotted`` for functional lines, anything else solid."""
    for pts, kind in routes:
        if kind == "dotted":
            p.polyline(pts, stroke=t.functional_line, width=0.9, dash=(1.5, 2.0))
        else:
            p.polyline(pts, stroke=t.line, width=0.8)


# -- header, legend, footer -------------------------------------------------------------

HEADER_H = 40.0


@dataclass
class HeaderInfo:
    title: str
    description: str
    right: str  # view name and date


TITLE_LINE = 16.0
SMALL_LINE = 10.0
DESCRIPTION_LINES = 3


@dataclass(frozen=True)
class HeaderLines:
    """The header's text as it is set: the title and the view and date wrap, never cut."""

    title: list[str]
    right: list[str]
    description: list[str]

    @property
    def height(self) -> float:
        """The header's height: HEADER_H for one line of each, more for each wrapped line."""
        top = max(TITLE_LINE * (len(self.title) - 1), SMALL_LINE * (len(self.right) - 1), 0.0)
        return HEADER_H + top + SMALL_LINE * max(0, len(self.description) - 1)


def header_lines(info: HeaderInfo, w: float) -> HeaderLines:
    """How the header's text wraps in ``w`` points."""
    right = clean(info.right)
    rw = min(fonts.width(right, 8), w * 0.4)
    title = fonts.wrap(clean(info.title), 13, w - rw - 16, bold=True) or [""]
    description = fonts.wrap(clean(info.description), 8, w, max_lines=DESCRIPTION_LINES)
    return HeaderLines(title, fonts.wrap(right, 8, rw) or [""], description)


def header_height(info: HeaderInfo, w: float) -> float:
    """The header's height in ``w`` points: grows with each line the title or date wraps to."""
    return header_lines(info, w).height


def draw_header(p: Painter, x: float, y: float, w: float, info: HeaderInfo, t: Theme) -> None:
    """Organisation name, the variant's description and the date, over a thin rule.

    The name and the date wrap onto more lines rather than being cut; a long
    description keeps its first three lines.
    """
    lines = header_lines(info, w)
    for i, line in enumerate(lines.title):
        p.text(x, y + 13 + TITLE_LINE * i, line, size=13, colour=t.ink, bold=True)
    for i, line in enumerate(lines.right):
        p.text(x + w, y + 12 + SMALL_LINE * i, line, size=8, colour=t.muted, anchor="end")
    top = lines.height - HEADER_H - SMALL_LINE * max(0, len(lines.description) - 1)
    for i, line in enumerate(lines.description):
        p.text(x, y + 26 + top + SMALL_LINE * i, line, size=8, colour=t.muted)
    rule = y + lines.height - 7
    p.polyline([(x, rule), (x + w, rule)], stroke=t.card_border, width=0.5)


@dataclass
class LegendItem:
    kind: str  # "function", "model", "line", "dotted", "vacant", "continued", "finding"
    label: str
    colour: str = "#000000"
    extra: str = ""


LEGEND_SIZE = 7.0
LEGEND_ROW = 12.0


def legend_items(
    doc: Document, cards: Iterable, style: Style, *, functional_lines: bool, split: bool
) -> list[LegendItem]:
    """What the legend explains: the functions and team models on the chart, line styles."""
    used_functions: set[str] = set()
    models: set[str] = set()
    vacant = False
    kinds: set[str] = set()
    cards_seen = list(cards)
    for card in cards_seen:
        kinds.add(card.kind)
        if card.function:
            used_functions.add(card.function)
        for chip in getattr(card, "chips", ()) or ():
            if chip.function:
                used_functions.add(chip.function)
        if card.model and card.kind == "team":
            models.add(card.model)
        vacant = vacant or bool(card.vacant)
    items: list[LegendItem] = []
    order = [f.id for f in doc.functions if f.id in used_functions]
    order += sorted(used_functions - set(order))
    for fid in order:
        fn = doc.function(fid)
        name = (fn.name or fn.id) if fn else f"{fid} (unknown function)"
        items.append(LegendItem("function", clean(name), style.swatch(fid).accent))
    for model in ("sto", "functional", "service"):
        if model in models:
            badge = TEAM_MODEL_BADGES[model]
            items.append(LegendItem("model", badge.description, badge.fill, badge.label))
    if "header" in kinds:
        items.append(LegendItem("line", "functional manager (the craft line)"))
    elif "team" in kinds:
        items.append(LegendItem("line", "parent team"))
    elif "person" in kinds:
        items.append(LegendItem("line", "line manager"))
    if functional_lines:
        items.append(LegendItem("dotted", "functional manager"))
    if vacant:
        items.append(LegendItem("vacant", "open position"))
    if split:
        items.append(LegendItem("continued", "reports continue on another page"))
    if style.findings:
        on_chart = {
            style.findings[k][0]
            for card in cards_seen
            for k in (card.ref or card.id,)
            if k in style.findings
        }
        for sev in SEVERITY_ORDER:
            if sev in on_chart:
                items.append(
                    LegendItem(
                        "finding",
                        f"{sev} findings (how many)",
                        SEVERITY_COLOURS[sev],
                        SEVERITY_MARKS[sev],
                    )
                )
    return items


def _item_width(item: LegendItem) -> float:
    lead = 11.0
    if item.kind == "model":
        lead = fonts.width(item.extra, BADGE_SIZE, True) + 10
    elif item.kind == "finding":
        lead = fonts.width(finding_label("error", 1), FINDING_SIZE, True) + 11
    elif item.kind in ("line", "dotted", "vacant", "continued"):
        lead = 20.0
    return lead + fonts.width(item.label, LEGEND_SIZE) + 12


def legend_height(items: Sequence[LegendItem], width: float) -> float:
    """Height the legend needs at ``width`` (0 when there is nothing to explain)."""
    if not items:
        return 0.0
    return LEGEND_ROW * len(_legend_rows(items, width)) + 4


def _legend_rows(items: Sequence[LegendItem], width: float) -> list[list[LegendItem]]:
    rows: list[list[LegendItem]] = [[]]
    used = fonts.width("Legend", LEGEND_SIZE, True) + 10
    for item in items:
        iw = min(_item_width(item), width)
        if rows[-1] and used + iw > width:
            rows.append([])
            used = 0.0
        rows[-1].append(item)
        used += iw
    return rows


def draw_legend(
    p: Painter, x: float, y: float, width: float, items: Sequence[LegendItem], t: Theme
) -> None:
    """The legend, wrapped into rows of ``width``, its top at ``y``."""
    if not items:
        return
    p.polyline([(x, y), (x + width, y)], stroke=t.card_border, width=0.5)
    cx, cy = x, y + 3
    base = LEGEND_ROW - 3.5
    p.text(cx, cy + base, "Legend", size=LEGEND_SIZE, colour=t.ink, bold=True)
    first = True
    for row in _legend_rows(items, width):
        cx = x + (fonts.width("Legend", LEGEND_SIZE, True) + 10 if first else 0)
        first = False
        for item in row:
            iw = min(_item_width(item), width)
            mid = cy + LEGEND_ROW / 2
            if item.kind == "function":
                p.rect(cx, mid - 4, 8, 8, fill=item.colour, radius=2)
                lx = cx + 11
            elif item.kind == "model":
                bw = fonts.width(item.extra, BADGE_SIZE, True) + 6
                p.rect(cx, mid - 5, bw, BADGE_SIZE + 4, fill=item.colour, radius=2)
                p.text(
                    cx + bw / 2,
                    mid + 2.2,
                    item.extra,
                    size=BADGE_SIZE,
                    colour="#ffffff",
                    bold=True,
                    anchor="middle",
                )
                lx = cx + bw + 4
            elif item.kind == "finding":
                bw = fonts.width(finding_label("error", 1), FINDING_SIZE, True) + 7
                p.rect(cx, mid - 5, bw, FINDING_SIZE + 3.5, fill=item.colour, radius=4.75)
                p.text(
                    cx + bw / 2,
                    mid + 1.8,
                    f"{item.extra} 1",
                    size=FINDING_SIZE,
                    colour="#ffffff",
                    bold=True,
                    anchor="middle",
                )
                lx = cx + bw + 4
            elif item.kind == "line":
                p.polyline([(cx, mid), (cx + 16, mid)], stroke=t.line, width=0.8)
                lx = cx + 20
            elif item.kind == "dotted":
                p.polyline(
                    [(cx, mid), (cx + 16, mid)],
                    stroke=t.functional_line,
                    width=0.9,
                    dash=(1.5, 2.0),
                )
                lx = cx + 20
            elif item.kind == "vacant":
                p.rect(
                    cx,
                    mid - 4,
                    16,
                    8,
                    fill=t.vacant_fill,
                    stroke=t.vacant,
                    width=0.8,
                    radius=2,
                    dash=(2, 1.5),
                )
                lx = cx + 20
            else:
                p.rect(cx, mid - 4, 16, 8, fill="#dbeafe", stroke=t.marker, width=0.5, radius=2)
                lx = cx + 20
            label = fonts.ellipsize(item.label, LEGEND_SIZE, max(10.0, x + width - lx))
            p.text(lx, mid + 2.5, label, size=LEGEND_SIZE, colour=t.muted)
            cx += iw
        cy += LEGEND_ROW
