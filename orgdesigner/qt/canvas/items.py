"""Graphics items of the canvas. They only paint: the document holds the truth.

A :class:`CardItem` draws one card of the core's chart (a person, a team with
its member chips, a function column's head). What it shows comes from the
chart card; the scene sets the few presentation flags (selected, drop target,
finding badges, dimmed while dragged). Painting follows the zoom: far out a
card is one coloured rectangle; a little closer its name drawn large enough
to read, with the role and the headcount beside it when they fit; close up the
whole text, laid out once and cached as static text. Wherever a card cuts its
text (an ellipsis, a line left out), hovering it shows the whole of it; hovering
a finding badge lists the findings.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ...core.card_look import (
    BAR,
    ELLIPSIS,
    LINE_LEADING,
    LINE_SIZE,
    PAD,
    RADIUS,
    SUBTITLE_LEADING,
    SUBTITLE_SIZE,
    TITLE_SIZE,
    collapsed_label,
    fit_card,
    fit_lines,
    full_text,
)
from ..costs import costs_of
from ..icons import draw_severity
from ..tips import plain_tip
from .style import CanvasStyle

TOGGLE_H = 11.0  # the expand/collapse pill under a card with reports
FAR = 0.2  # below this level of detail a card is a coloured block
NEAR = 0.8  # at or above this, the whole card is drawn (its smallest text 6 px or more)
FAR_TEXT_PX = 11.0  # between the two, the name, this tall on screen
MIN_TEXT_PX = 8.5  # ...or at least this tall when that lets it take two lines
SMALL_TEXT_PX = 8.0  # ...and under it the role and the headcount, this tall, where they fit
BADGE_H = 11.0  # a finding badge's height (chart points at 100 %)
TIP_WIDTH = 80  # characters a tooltip line holds before it wraps
FINDINGS_IN_TIP = 12  # a badge's tooltip lists this many findings, then says how many more
SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Information"}
HEADER_BAND = 5.0  # the function colour across the top of a column's head
HEADER_LINE_H = 14.0  # the core sizes a column's head for one standard per line

Z_EDGES = 0.0
Z_CARDS = 1.0
Z_SELECTED = 2.0
Z_GHOST = 10.0


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """``text`` in at most ``max_lines`` of ``width``, measured in ``metrics``; the last line
    ends in an ellipsis if text remains (the card look's wrapping, with Qt's measure)."""

    def measure(t: str, _size: float, _bold: bool) -> float:
        return metrics.horizontalAdvance(t)

    return fit_lines(text, 0.0, width, measure, False, max_lines)


def _static(text: str) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    return st


def _cut(fitted, card, lines: list[str]) -> bool:
    """Whether the fitted text (core.card_look.CardText) leaves out any of the card's."""

    def short(rows: list[str], text: str) -> bool:
        return bool(" ".join(text.split())) and (not rows or rows[-1].endswith(ELLIPSIS))

    if short(fitted.title, card.title or "") or short(fitted.subtitle, card.subtitle or ""):
        return True
    if len(fitted.details) < len(lines):
        return any(" ".join(line.split()) for line in lines[len(fitted.details) :]) or any(
            short(rows, line) for rows, line in zip(fitted.details, lines, strict=False)
        )
    return any(short(rows, line) for rows, line in zip(fitted.details, lines, strict=False))


class TextLine:
    """One prepared line of text in a card: where, in which font and colour role."""

    __slots__ = ("static", "font", "pos", "role")

    def __init__(self, text: str, font: QFont, x: float, y: float, role: str) -> None:
        self.static = _static(text)
        self.font = font
        self.pos = QPointF(x, y)
        self.role = role


class CardItem(QGraphicsItem):
    """One card of the chart, in chart coordinates (its top-left corner is its position)."""

    pill_grows = True  # a fold pill drawn larger when zoomed out (not in a tight list)

    def __init__(self, card_id: str, card, style: CanvasStyle) -> None:
        super().__init__()
        self.id = card_id
        self.style = style
        self.selected = False
        self.highlighted = False  # shown with the selection, not part of it (dashed outline)
        self.selected_chips: set[str] = set()
        self.target: str | None = None  # "ok" / "bad" while something is dragged over it
        self.dimmed = False
        self.errors = 0
        self.warnings = 0
        self.worst: str | None = None  # worst unwaived severity of findings about it
        self.children_count = 0  # direct children shown in this view
        self.team_model: str | None = None  # the model of the card's team, for colouring
        self.grade: int | None = None  # the rank of the person's (a team: its owner's) grade
        self.serves_lit: str | None = None  # "ok" / "bad" while a team is dragged over the band
        self.tile: OverviewItem | None = None  # its overview tile while zoomed far out
        self.setZValue(Z_CARDS)
        self.setAcceptHoverEvents(True)  # to tell the tooltip what is under the mouse
        self.set_card(card, fresh=True)

    # -- content ----------------------------------------------------------------------
    def set_card(self, card, *, fresh: bool = False) -> None:
        """Show ``card`` (the chart's :class:`~orgdesigner.core.chart.Card`); moves to its box.

        ``fresh``: the item is new and not in a scene yet, so there is nothing to
        invalidate (this runs once per card when a big chart opens).
        """
        if not fresh:
            self.prepareGeometryChange()
        self.card = card
        box = card.box
        self.w = float(box.w)
        self.h = float(box.h)
        self.setPos(box.x, box.y)
        ref = card.ref
        self.ref: str = ref if isinstance(ref, str) and ref else self.id
        self.kind: str = card.kind
        self.function: str | None = card.function
        self.vacant = bool(card.vacant)
        self.model: str | None = card.model
        self.collapsed_count = int(card.collapsed_count or 0)
        sb = getattr(card, "serves_box", None)
        self.serves_rect: QRectF | None = (
            QRectF(sb.x - box.x, sb.y - box.y, sb.w, sb.h) if sb is not None else None
        )
        self.serves: tuple[str, ...] = tuple(getattr(card, "serves", ()) or ())
        # Chips in the card's own coordinates.
        bx, by = box.x, box.y
        self.chips: list[tuple[str, QRectF, object]] = (
            [
                (c.id or "", QRectF(c.box.x - bx, c.box.y - by, c.box.w, c.box.h), c)
                for c in card.chips
            ]
            if card.chips
            else []
        )
        self._text: list[TextLine] | None = None
        self._cut = False  # the whole text, laid out, leaves something out
        self._title: tuple[int, list[TextLine]] | None = None
        self._title_small = 0
        self._chip_text: list[QStaticText | None] | None = None
        if not fresh:
            self.update()

    @property
    def rect(self) -> QRectF:
        return QRectF(0, 0, self.w, self.h)

    def boundingRect(self) -> QRectF:  # noqa: N802
        # Room for the finding badges above (grown when zoomed out), the outline and
        # the toggle below.
        return QRectF(-4, -24, self.w + 18, self.h + TOGGLE_H + 32)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, self.w, self.h + (TOGGLE_H + 3 if self.has_toggle else 0)))
        for _, r in self.badge_rects():  # a badge answers the mouse (its tooltip)
            path.addRect(r)
        return path

    @property
    def has_toggle(self) -> bool:
        return self.kind in ("person", "team", "header") and (
            self.children_count > 0 or self.collapsed_count > 0
        )

    def toggle_rect(self) -> QRectF:
        """The expand/collapse pill, centred under the card."""
        label = self._toggle_label()
        w = self.style.badge_metrics.horizontalAdvance(label) + 10
        return QRectF(self.w / 2 - w / 2, self.h - 2, w, TOGGLE_H)

    def _toggle_label(self) -> str:
        if self.collapsed_count:
            return f"\u25b8 {collapsed_label(self.collapsed_count)}"
        return f"\u25be {self.children_count}"

    def chip_at(self, local: QPointF) -> str | None:
        """The person ID of the chip at ``local`` (card coordinates), if any."""
        for cid, r, _ in self.chips:
            if cid and r.contains(local):
                return cid
        return None

    def serves_at(self, local: QPointF) -> bool:
        """Whether ``local`` (card coordinates) is on a service team's "serves" band."""
        return self.serves_rect is not None and self.serves_rect.contains(local)

    def chip_rect(self, chip_id: str) -> QRectF | None:
        for cid, r, _ in self.chips:
            if cid == chip_id:
                return r
        return None

    # -- colours -----------------------------------------------------------------------
    def band_colour(self) -> QColor:
        s = self.style
        mode = s.colour_mode
        if mode == "model":
            return s.model_colour(self.model if self.kind == "team" else self.team_model)
        if mode == "grade":
            return s.grade_colour(self.grade)
        if mode == "findings":
            return s.severity_colour(self.worst)
        if mode == "cost":
            scene = self.scene()
            if scene is not None and self.kind in ("person", "team"):
                return costs_of(scene.controller).colour_of(self.kind, self.ref)
            return s.muted
        return s.function_colours(self.function)[0]

    # -- painting -----------------------------------------------------------------------
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        self.paint_card(painter, lod)

    def paint_card(self, painter: QPainter, lod: float, *, with_chips: bool = True) -> None:
        s = self.style
        rect = QRectF(0, 0, self.w, self.h)
        band = self.band_colour()
        if lod < FAR:
            painter.fillRect(rect, band)
            if self.selected or self.target or self.highlighted:
                self._outline(painter, rect, lod)
            return
        kind = self.kind
        title_role = "ink"
        if kind == "header":
            accent, fill, _ = s.function_colours(self.function)
            painter.setPen(QPen(accent, 1.0))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, RADIUS, RADIUS)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            painter.drawRoundedRect(QRectF(0, 0, self.w, HEADER_BAND), RADIUS, RADIUS)
            painter.drawRect(QRectF(0, HEADER_BAND / 2, self.w, HEADER_BAND / 2))
            title_role = "header"
        elif kind == "function":
            accent, fill, _ = s.function_colours(self.function)
            painter.setPen(QPen(accent, 1.0))
            painter.setBrush(fill)
        elif self.vacant:
            pen = QPen(s.vacant, 1.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(s.vacant_fill)
        else:
            painter.setPen(QPen(s.card_border, 0.75))
            painter.setBrush(s.card)
        if kind != "header":
            painter.drawRoundedRect(rect, RADIUS, RADIUS)
        if kind in ("person", "team"):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            painter.drawRoundedRect(QRectF(1.5, 3, BAR, max(0.0, self.h - 6)), BAR / 2, BAR / 2)
        if self.dimmed:
            painter.fillRect(rect, QColor(128, 128, 128, 90))
        if lod < NEAR:
            self._paint_title(painter, title_role, lod)
            if self.serves_rect is not None:  # the band stays a drop target from afar
                fill = QColor(s.model_colour("service"))
                fill.setAlpha(90 if self.serves_lit else 45)
                painter.fillRect(self.serves_rect, fill)
            if self.chips:
                self._paint_chip_blocks(painter)
            if self.collapsed_count:  # what is folded stays in sight (larger, where room)
                grow = min(2.0, NEAR / max(lod, FAR)) if self.pill_grows else 1.0
                self._paint_toggle(painter, grow)
        else:
            self._paint_text(painter, title_role)
            if self.serves_rect is not None:
                self._paint_serves(painter)
            if with_chips and self.chips:
                self._paint_chips(painter)
            if self.has_toggle:
                self._paint_toggle(painter)
        if self.errors or self.warnings or self.worst == "info":
            self._paint_badges(painter, lod)
        if self.selected or self.target or self.highlighted:
            self._outline(painter, rect, lod)

    def _colour(self, role: str) -> QColor:
        s = self.style
        if role == "white":
            return QColor("#ffffff")
        if role == "header":
            return s.function_colours(self.function)[2]
        if role == "muted":
            return s.muted
        return s.ink

    def _outline(self, painter: QPainter, rect: QRectF, lod: float) -> None:
        s = self.style
        colour = s.highlight
        if self.target == "ok":
            colour = s.ok
        elif self.target == "bad":
            colour = s.bad
        pen = QPen(colour, 2.5)
        if self.highlighted and not (self.selected or self.target):
            pen.setStyle(Qt.PenStyle.DashLine)
        if lod < FAR:
            pen.setCosmetic(True)
            pen.setWidthF(3.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), RADIUS + 1, RADIUS + 1)
        if self.target == "ok" and lod >= FAR:
            painter.fillRect(rect, QColor(colour.red(), colour.green(), colour.blue(), 28))

    def _text_box(self) -> tuple[float, float, float, float]:
        left = PAD + (BAR + 1.5 if self.kind in ("person", "team") else 0)
        right = self.w - PAD
        top = PAD - 1 + (HEADER_BAND if self.kind == "header" else 0)
        bottom = self.h - PAD
        if self.chips:
            bottom = min(r.top() for _, r, _ in self.chips) - 2
        if self.serves_rect is not None:
            bottom = min(bottom, self.serves_rect.top() - 1)
        return left, right, top, bottom

    def _badge_width(self) -> float:
        if self.kind != "team" or self.model not in self.style.models:
            return 0.0
        label = self.style.models[self.model][2]
        return self.style.badge_metrics.horizontalAdvance(label) + 6

    def _layout(self) -> list[TextLine]:
        """Wrap title, subtitle and lines into the card once; kept until the card changes."""
        if self._text is not None:
            return self._text
        s = self.style
        card = self.card
        left, right, top, bottom = self._text_box()
        width = right - left
        avail = bottom - top
        badge_w = self._badge_width()
        out: list[TextLine] = []
        lines = [" ".join(line.split()) for line in (getattr(card, "lines", ()) or ())]
        fitted = fit_card(
            " ".join((getattr(card, "title", "") or "").split()),
            " ".join((getattr(card, "subtitle", "") or "").split()),
            lines,
            width,
            avail,
            s.measure,
            title_width=width - badge_w - 2,
        )
        self._cut = _cut(fitted, card, lines)
        y = top
        if self.kind == "person" and not self.chips:  # the text block sits in the middle
            y += max(0.0, (avail - fitted.height) / 2 - 1)
        title_font = s.font(fitted.title_size, True)[0]
        for line in fitted.title:
            out.append(TextLine(line, title_font, left, y, "title"))
            y += fitted.title_height
        for line in fitted.subtitle:
            out.append(TextLine(line, s.subtitle_font, left, y, "muted"))
            y += SUBTITLE_SIZE * SUBTITLE_LEADING
        l_lh = LINE_SIZE * LINE_LEADING
        pitch = l_lh
        if self.kind == "header" and fitted.lines:
            # The head of a column was sized for one standard per line: spread them out.
            pitch = max(l_lh, min(HEADER_LINE_H, (avail - (y - top)) / len(fitted.lines)))
        for line in fitted.lines:
            out.append(TextLine(line, s.line_font, left, y, "muted"))
            y += pitch
        self._text = out
        return out

    def _paint_title(self, painter: QPainter, role: str, lod: float) -> None:
        """Zoomed out: the name drawn large enough to read (about 11 px on screen) and,
        in the room left under it, the role and the headcount (about 9 px)."""
        s = self.style
        left, right, top, bottom = self._text_box()
        room = max(TITLE_SIZE, bottom - top)
        target = max(TITLE_SIZE, FAR_TEXT_PX / max(lod, 1e-3))
        small = int(max(SUBTITLE_SIZE, SMALL_TEXT_PX / max(lod, 1e-3)))
        two = True
        if target * 2.4 <= room:
            size = int(target)
        elif int(room / 2.4) * lod >= MIN_TEXT_PX:  # two lines, a little smaller: names fit
            size = int(room / 2.4)
        else:
            size = int(min(target, room * 0.62))
            two = False
        if self._title is None or self._title[0] != size or self._title_small != small:
            font, metrics = s.title_font_at(size)
            width = right - left - (self._badge_width() if size <= TITLE_SIZE + 1 else 0)
            two = two and metrics.height() * 2 <= room * 1.05
            text = " ".join((self.card.title or "").split())
            wide = metrics.horizontalAdvance(text)
            if wide > width:  # a little smaller, down to readable, rather than cut or wrapped
                fit = max(int(MIN_TEXT_PX / max(lod, 1e-3)), int(size * width / wide))
                if fit < size:
                    smaller = s.title_font_at(fit)
                    if not two or smaller[1].horizontalAdvance(text) <= width:
                        font, metrics = smaller
            lines = wrap(text, metrics, width, 2 if two else 1)
            th = metrics.height()
            out = [
                TextLine(line, font, left, top + i * th, "title") for i, line in enumerate(lines)
            ]
            y = top + len(lines) * th
            small_font, small_metrics = s.font(float(small))
            sh = small_metrics.height()
            for line in self._summary_lines(int((top + room - y) // sh)):
                shown = wrap(line, small_metrics, right - left, 1)
                if shown:
                    out.append(TextLine(shown[0], small_font, left, y, "muted"))
                    y += sh
            if self.kind == "person" and not self.chips:  # the block sits in the middle
                dy = max(0.0, (room - (y - top)) / 2 - 1)
                for t in out:
                    t.pos.setY(t.pos.y() + dy)
            self._title = (size, out)
            self._title_small = small
        for t in self._title[1]:
            painter.setPen(self._colour(role if t.role == "title" or role == "header" else t.role))
            painter.setFont(t.font)
            painter.drawStaticText(t.pos, t.static)

    def _summary_lines(self, rows: int) -> list[str]:
        """Up to ``rows`` lines to show under the name from afar, in the card's order: the
        role (a team's owner, a column's leader) first, then the last line (the
        headcount), then the others."""
        card = self.card
        if rows <= 0:
            return []
        parts = [card.subtitle or "", *(card.lines or ())]
        order = [0, len(parts) - 1, *range(1, len(parts) - 1)]
        chosen: list[int] = []
        for i in order:
            if len(chosen) >= rows:
                break
            if i not in chosen and " ".join(parts[i].split()):
                chosen.append(i)
        return [" ".join(parts[i].split()) for i in sorted(chosen)]

    def _paint_chip_blocks(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for _, r, chip in self.chips:
            painter.setBrush(self.style.function_colours(getattr(chip, "function", None))[0])
            painter.drawRect(r)

    def _paint_text(self, painter: QPainter, title_role: str) -> None:
        lines = self._layout()
        current_font = None
        for t in lines:
            if t.font is not current_font:
                painter.setFont(t.font)
                current_font = t.font
            role = (
                title_role if t.role == "title" else ("header" if self.kind == "header" else t.role)
            )
            painter.setPen(self._colour(role))
            painter.drawStaticText(t.pos, t.static)
        badge_w = self._badge_width()
        if badge_w:
            fill, ink, label = self.style.models[self.model]  # type: ignore[index]
            r = QRectF(
                self.w - PAD - badge_w, PAD - 1, badge_w, self.style.badge_metrics.height() + 2
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(r, 2, 2)
            painter.setFont(self.style.badge_font)
            painter.setPen(ink)
            painter.drawText(r, Qt.AlignmentFlag.AlignCenter, label)

    def _paint_chips(self, painter: QPainter) -> None:
        s = self.style
        if self._chip_text is None:
            texts: list[QStaticText | None] = []
            for _, r, chip in self.chips:
                label = s.chip_metrics.elidedText(
                    getattr(chip, "label", "") or "", Qt.TextElideMode.ElideRight, r.width() - 5
                )
                texts.append(_static(label) if label else None)
            self._chip_text = texts
        painter.setFont(s.chip_font)
        fh = s.chip_metrics.height()
        for (cid, r, chip), st in zip(self.chips, self._chip_text, strict=True):
            accent, fill, ink = s.function_colours(getattr(chip, "function", None))
            vacant = bool(getattr(chip, "vacant", False))
            pen = QPen(accent, 0.6, Qt.PenStyle.DashLine if vacant else Qt.PenStyle.SolidLine)
            if cid and (cid in self.selected_chips):
                pen = QPen(s.highlight, 1.8)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawRoundedRect(r, 2.5, 2.5)
            if st is not None:
                painter.setPen(ink)
                painter.drawStaticText(QPointF(r.left() + 2.5, r.top() + (r.height() - fh) / 2), st)

    def _paint_serves(self, painter: QPainter) -> None:
        """A service team's band: the teams it serves, and where to drop another."""
        s = self.style
        r = self.serves_rect
        assert r is not None
        accent = s.model_colour("service")
        if self.serves_lit:
            accent = s.ok if self.serves_lit == "ok" else s.bad
        fill = QColor(accent)
        fill.setAlpha(60 if self.serves_lit else 22)
        pen = QPen(accent, 1.2 if self.serves_lit else 0.6, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(r, 3, 3)
        text = (
            "Serves " + ", ".join(self.serves) if self.serves else "Serves no team: drop teams here"
        )
        painter.setFont(s.line_font)
        painter.setPen(s.ink if self.serves else s.muted)
        shown = s.line_metrics.elidedText(text, Qt.TextElideMode.ElideRight, r.width() - 8)
        painter.drawText(
            r.adjusted(4, 0, -4, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            shown,
        )

    def _paint_toggle(self, painter: QPainter, scale: float = 1.0) -> None:
        s = self.style
        r = self.toggle_rect()
        if scale != 1.0:  # grown about the middle of its top edge, hanging under the card
            painter.save()
            painter.translate(r.center().x(), r.top())
            painter.scale(scale, scale)
            painter.translate(-r.center().x(), -r.top())
            self._paint_toggle(painter)
            painter.restore()
            return
        painter.setPen(QPen(s.card_border, 0.75))
        painter.setBrush(s.muted if self.collapsed_count else s.card)
        painter.drawRoundedRect(r, TOGGLE_H / 2, TOGGLE_H / 2)
        painter.setFont(s.badge_font)
        painter.setPen(QColor("#ffffff") if self.collapsed_count else s.muted)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self._toggle_label())

    def badges(self) -> list[tuple[str, str]]:
        """The finding badges, right to left: (severity, label); info has no count."""
        out: list[tuple[str, str]] = []
        for count, sev in ((self.errors, "error"), (self.warnings, "warning")):
            if count:
                out.append((sev, str(count) if count < 100 else "99+"))
        if not out and self.worst == "info":
            out.append(("info", ""))
        return out

    def badge_rects(self, k: float = 1.0) -> list[tuple[str, QRectF]]:
        """Each badge's severity and box (card coordinates), grown ``k`` times about the
        card's top-right corner: the severity's icon, then how many findings."""
        out: list[tuple[str, QRectF]] = []
        if not (self.errors or self.warnings or self.worst == "info"):
            return out
        metrics = self.style.badge_metrics
        h = BADGE_H
        x = self.w + 4
        for sev, label in self.badges():
            w = h + (metrics.horizontalAdvance(label) + 3 if label else 0.0)
            x -= w
            r = QRectF(x, -9, w, h)
            if k != 1.0:
                r = QRectF(self.w + (r.x() - self.w) * k, r.y() * k, r.width() * k, r.height() * k)
            out.append((sev, r))
            x -= 2
        return out

    def _paint_badges(self, painter: QPainter, lod: float = 1.0) -> None:
        s = self.style
        # Zoomed out, the badges grow (up to 3x) so problems stay visible from afar.
        k = min(3.0, max(1.0, 0.8 / max(lod, 1e-3)))
        if k > 1.0:
            painter.save()
            painter.translate(self.w, 0)
            painter.scale(k, k)
            painter.translate(-self.w, 0)
        painter.setFont(s.badge_font)
        labels = dict(self.badges())
        for sev, r in self.badge_rects():
            h = r.height()
            painter.setPen(QPen(s.card, 1.0))
            painter.setBrush(s.severity_colour(sev))
            painter.drawRoundedRect(r, h / 2, h / 2)
            # The findings list's icon: not only the colour tells the severities apart.
            draw_severity(painter, QRectF(r.x() + 0.5, r.y(), h, h), sev)
            label = labels.get(sev, "")
            if label:
                painter.setPen(QColor("#ffffff"))
                painter.drawText(r.adjusted(h - 1.5, 0, 0, 0), Qt.AlignmentFlag.AlignCenter, label)
        if k > 1.0:
            painter.restore()

    # -- tooltips -----------------------------------------------------------------------
    # Qt's own hover handlers repaint the card on entering and leaving: nothing here
    # changes with the hover but the tooltip, so they are not called.
    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self._set_tip(event.pos())

    def hoverMoveEvent(self, event) -> None:  # noqa: N802
        self._set_tip(event.pos())

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        pass

    def _set_tip(self, local: QPointF) -> None:
        scene = self.scene()
        views = scene.views() if scene is not None else []
        lod = views[0].transform().m11() if views else 1.0
        tip = self.tooltip_at(local, lod)
        if tip != self.toolTip():
            self.setToolTip(tip)

    def tooltip_at(self, local: QPointF, lod: float = 1.0) -> str:
        """What hovering ``local`` (card coordinates) at level of detail ``lod`` shows.

        A finding badge: the findings about the card. A member chip: the member's
        name. Elsewhere: the card's whole text when the card as drawn leaves some
        of it out (cut with an ellipsis, a line dropped, or zoomed out), else nothing.
        """
        k = min(3.0, max(1.0, 0.8 / max(lod, 1e-3)))
        for _, r in self.badge_rects(k):
            if r.contains(local):
                return plain_tip(self.findings_text())
        chip = self.chip_at(local)
        if chip is not None:
            scene = self.scene()
            name = getattr(scene, "name", None)
            label = name(chip) if callable(name) else ""
            return plain_tip(label) if label else ""
        if lod < FAR:
            return ""
        card = self.card
        if lod >= NEAR:
            self._layout()
            if not self._cut:
                return ""
        text = full_text(card.title or "", card.subtitle or "", list(card.lines or ()))
        return plain_tip(text)

    def findings_text(self) -> str:
        """The findings about this card, most severe first, one a line (plain text)."""
        scene = self.scene()
        controller = getattr(scene, "controller", None)
        report = getattr(controller, "report", None)
        if report is None:
            return ""
        rank = {"error": 0, "warning": 1, "info": 2}
        mine = [f for f in report.findings if not f.waived and self.ref in f.subjects]
        mine.sort(key=lambda f: rank.get(f.severity, 9))
        lines = [
            textwrap.fill(
                f"{SEVERITY_WORDS.get(f.severity, f.severity)}: {' '.join(f.message.split())}",
                TIP_WIDTH,
                subsequent_indent="    ",
                break_long_words=False,
            )
            for f in mine[:FINDINGS_IN_TIP]
        ]
        if len(mine) > FINDINGS_IN_TIP:
            lines.append(f"and {len(mine) - FINDINGS_IN_TIP} more in the findings list")
        return "\n".join(lines)


class GhostItem(QGraphicsItem):
    """What follows the cursor while a card or a member chip is dragged."""

    def __init__(self, source: CardItem, chip: str | None = None) -> None:
        super().__init__()
        self.source = source
        self.chip = chip
        self.setZValue(Z_GHOST)
        self.setOpacity(0.85)
        if chip is not None:
            r = source.chip_rect(chip) or QRectF(0, 0, 40, 12)
            self._rect = QRectF(0, 0, r.width(), r.height())
        else:
            self._rect = QRectF(0, 0, source.w, source.h)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-6, -10, 12, 12)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        # A soft shadow says "lifted".
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 50))
        painter.drawRoundedRect(self._rect.translated(3, 4), RADIUS, RADIUS)
        if self.chip is None:
            was = (self.source.dimmed, self.source.selected, self.source.target)
            self.source.dimmed, self.source.selected, self.source.target = False, True, None
            self.source.paint_card(painter, max(lod, NEAR))
            self.source.dimmed, self.source.selected, self.source.target = was
            return
        s = self.source.style
        chip = next((c for cid, _, c in self.source.chips if cid == self.chip), None)
        accent, fill, ink = s.function_colours(getattr(chip, "function", None))
        painter.setPen(QPen(s.highlight, 1.5))
        painter.setBrush(fill)
        painter.drawRoundedRect(self._rect, 2.5, 2.5)
        painter.setFont(s.chip_font)
        painter.setPen(ink)
        label = s.chip_metrics.elidedText(
            getattr(chip, "label", "") or "", Qt.TextElideMode.ElideRight, self._rect.width() - 5
        )
        painter.drawText(
            self._rect.adjusted(2.5, 0, -2, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            label,
        )


def edge_path(routes: Sequence[Sequence[tuple[float, float]]]) -> QPainterPath:
    """One path of many polylines (a parent's connectors to all its children)."""
    path = QPainterPath()
    for pts in routes:
        if len(pts) < 2:
            continue
        path.moveTo(pts[0][0], pts[0][1])
        for x, y in pts[1:]:
            path.lineTo(x, y)
    return path


class EdgeItem(QGraphicsPathItem):
    """The connectors from one card to its children (or its dotted lines): drawn by Qt in C++."""

    def __init__(self, path: QPainterPath, colour: QColor, dotted: bool = False) -> None:
        super().__init__(path)
        pen = QPen(colour, 0.9 if dotted else 0.8)
        if dotted:
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([1.8, 2.2])
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        self.setPen(pen)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.setZValue(Z_EDGES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.dotted = dotted


class OverviewItem(QGraphicsItem):
    """A tile of cards painted as coloured blocks: what the chart shows when far zoomed out.

    Far out, thousands of cards are each a few pixels: painting them one by
    one costs a Python call per card. A tile fills one path per colour for a
    few hundred neighbouring cards instead (Qt does the work in C++), so a
    repaint of a small region (a dragged card) touches one or two tiles. The
    cards stay in the scene without contents, so clicks and drops still find
    them.
    """

    TILE = 256  # cards per tile

    def __init__(self, cards: list[CardItem]) -> None:
        super().__init__()
        self.cards = cards
        self.setZValue(Z_CARDS - 0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._paths: list[tuple[QColor, QPainterPath]] | None = None
        rect = QRectF()
        for item in cards:
            item.tile = self
            p = item.pos()
            rect = rect.united(QRectF(p.x(), p.y(), item.w, item.h))
        self._rect = rect.adjusted(-6, -6, 6, 6)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def refresh(self) -> None:
        """The colours changed: rebuild the paths at the next paint."""
        self._paths = None
        self.update()

    def mark(self, item: CardItem) -> None:
        """Repaint only around ``item`` (its selection or drop outline changed)."""
        p = item.pos()
        self.update(QRectF(p.x(), p.y(), item.w, item.h).adjusted(-6, -6, 6, 6))

    def _build(self) -> list[tuple[QColor, QPainterPath]]:
        by_colour: dict[int, tuple[QColor, QPainterPath]] = {}
        for item in self.cards:
            colour = item.band_colour()
            key = colour.rgba()
            entry = by_colour.get(key)
            if entry is None:
                entry = (colour, QPainterPath())
                by_colour[key] = entry
            p = item.pos()
            entry[1].addRect(p.x(), p.y(), item.w, item.h)
        return list(by_colour.values())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._paths is None:
            self._paths = self._build()
        for colour, path in self._paths:
            painter.fillPath(path, colour)
        for item in self.cards:
            if not (item.selected or item.target or item.selected_chips or item.highlighted):
                continue
            s = item.style
            colour = s.ok if item.target == "ok" else s.bad if item.target == "bad" else s.highlight
            pen = QPen(colour, 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            p = item.pos()
            painter.drawRect(QRectF(p.x(), p.y(), item.w, item.h).adjusted(-2, -2, 2, 2))


def overview_tiles(cards: list[CardItem]) -> list[OverviewItem]:
    """Cards cut into tiles of neighbours (by row, then left to right)."""
    ordered = sorted(cards, key=lambda i: (round(i.pos().y() / 400.0), i.pos().x()))
    size = OverviewItem.TILE
    return [OverviewItem(ordered[k : k + size]) for k in range(0, len(ordered), size)]
