"""Functional lines on the canvas: a small layer drawn over the chart's connectors.

The layer asks the core which lines to show (:func:`orgdesigner.core.lines.
functional_pairs`: off, the selection's, or all) and where they run
(:class:`orgdesigner.core.lines.Router`, in the gaps between the cards), and
keeps one path item per line. It follows the scene: after each rebuild and
each change of selection it draws the lines again, so it never touches the
scene's own items.

In the teams view people are chips on team cards, too small to join with
lines: there the layer rings the chips of the selection's functional manager
and of the people a selected leader coaches, and a member chip's tooltip names
their functional manager.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsSceneHelpEvent,
    QToolTip,
)
from shiboken6 import isValid

from ...core.chart import Chart
from ...core.lines import DEFAULT_MODE, MODES, Router, functional_pairs, shown_pairs
from .items import Z_CARDS, Z_EDGES

# Above the tree's connectors, under the cards (a line never runs through a card).
Z_LINES = (Z_EDGES + Z_CARDS) / 2
# Widths in screen pixels (a cosmetic pen): a line stays as easy to see zoomed far out,
# where a card is a few pixels, as it is close up.
WIDTH = 2.5  # a line of the selection
WIDTH_ALL = 1.5  # a line shown because every line is
DASH = [4.0, 2.5]  # in pen widths
MAX_LINES = 400  # at most this many lines at once (mode "all" on a large unfolded chart)
ARROW = 7.0  # the arrowhead's length at the leader's card, in points


class LineItem(QGraphicsPathItem):
    """One functional line: a dashed path with an arrowhead at the functional manager."""

    def __init__(
        self,
        person: str,
        manager: str,
        pts: list[tuple[float, float]],
        colour: QColor,
        width: float,
    ) -> None:
        # Drawn from the leader's end: lines to one leader share their first stretch and,
        # starting together, their dashes, so a bundle reads as one dashed line.
        path = QPainterPath(QPointF(*pts[-1]))
        for x, y in reversed(pts[:-1]):
            path.lineTo(x, y)
        super().__init__(path)
        self.person = person
        self.manager = manager
        self.points = pts
        pen = QPen(colour, width)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern(DASH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.setZValue(Z_LINES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        head = _arrowhead(pts[-2], pts[-1], ARROW * width / WIDTH)
        self.head = QGraphicsPathItem(head, self)
        self.head.setPen(QPen(Qt.PenStyle.NoPen))
        self.head.setBrush(colour)
        self.head.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


def _arrowhead(a: tuple[float, float], b: tuple[float, float], size: float) -> QPainterPath:
    """A filled triangle ending at ``b``, pointing along ``a -> b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    ux, uy = dx / n, dy / n
    bx, by = b
    base = (bx - ux * size, by - uy * size)
    half = size * 0.45
    poly = QPolygonF(
        [
            QPointF(bx, by),
            QPointF(base[0] - uy * half, base[1] + ux * half),
            QPointF(base[0] + uy * half, base[1] - ux * half),
        ]
    )
    path = QPainterPath()
    path.addPolygon(poly)
    path.closeSubpath()
    return path


class ChipRing(QGraphicsPathItem):
    """The ring round a member chip related to the selection by a functional line."""

    def __init__(self, person: str, rect: QRectF, colour: QColor) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect.adjusted(-2.0, -2.0, 2.0, 2.0), 4.0, 4.0)
        super().__init__(path)
        self.person = person
        pen = QPen(colour, 2.0)
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([2.5, 1.5])
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.setZValue(Z_CARDS + 1.5)  # over the team card that holds the chip
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


class FunctionalLines(QObject):
    """The functional lines of one scene; ``mode`` is ``off``, ``selection`` or ``all``."""

    def __init__(self, scene, mode: str = DEFAULT_MODE) -> None:
        super().__init__(scene)
        self.scene = scene
        self.mode = mode if mode in MODES else DEFAULT_MODE
        self.lines: dict[tuple[str, str], LineItem] = {}
        self.rings: dict[str, ChipRing] = {}
        self._router: tuple[dict, Router] | None = None
        scene.lines_layer = self
        scene.rebuilt.connect(self.refresh)
        scene.controller.selectionChanged.connect(lambda _ids: self.refresh())
        scene.installEventFilter(self)
        self.refresh()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown functional lines mode {mode!r} (known: {', '.join(MODES)})")
        if mode != self.mode:
            self.mode = mode
            self.refresh()

    # -- drawing -------------------------------------------------------------------------
    def clear(self) -> None:
        for item in [*self.lines.values(), *self.rings.values()]:
            # A new view clears the whole scene, these items with it.
            if isValid(item) and item.scene() is self.scene:
                self.scene.removeItem(item)
        self.lines.clear()
        self.rings.clear()

    def refresh(self) -> None:
        """Draw the lines the mode and the selection ask for, on the current chart."""
        self.clear()
        scene = self.scene
        chart = scene.chart
        if chart is None or self.mode == "off":
            return
        doc = scene.doc
        selection = scene.controller.selection
        colour = scene.style.functional_line
        if scene.view_name == "teams":
            self._ring_chips(functional_pairs(doc, "selection", selection), selection, colour)
            return
        pairs = functional_pairs(doc, self.mode, selection)
        # Someone folded away: the line ends at the card that hides them.
        pairs = shown_pairs(doc, scene.view_name, chart.cards, pairs)
        if not pairs:
            return
        chosen = set(selection)
        if len(pairs) > MAX_LINES:
            # Every line of a huge chart would take long to route and hide the cards: the
            # selection's lines first, then the rest up to the limit.
            pairs.sort(key=lambda pair: 0 if pair[0] in chosen or pair[1] in chosen else 1)
            scene.statusMessage.emit(
                f"Showing {MAX_LINES:,} of {len(pairs):,} functional lines: select a person "
                "or leader to see theirs, or fold part of the chart",
                8000,
            )
            pairs = pairs[:MAX_LINES]
        router = self._router_for(chart)
        for a, b in pairs:
            pts = router.route(a, b)
            if not pts or len(pts) < 2:
                continue
            strong = self.mode == "selection" or a in chosen or b in chosen
            item = LineItem(a, b, pts, colour, WIDTH if strong else WIDTH_ALL)
            if not strong:
                item.setOpacity(0.75)
            scene.addItem(item)
            self.lines[(a, b)] = item

    def _router_for(self, chart: Chart) -> Router:
        """One router while the cards stay where they are: a new selection, or an edit that
        moves no card, reuses its card index and the routes it found."""
        boxes = {k: c.box for k, c in chart.cards.items()}
        if self._router is None or self._router[0] != boxes:
            self._router = (boxes, Router(boxes))
        return self._router[1]

    def _ring_chips(self, pairs, selection, colour: QColor) -> None:
        chosen = set(selection)
        related: set[str] = set()
        for a, b in pairs:
            related.add(b if a in chosen else a)
        for pid in sorted(related - chosen):
            rect = self.scene.card_rect(pid)
            if rect is None or pid not in self.scene.chip_owner:
                continue
            ring = ChipRing(pid, rect, colour)
            self.scene.addItem(ring)
            self.rings[pid] = ring
        if len(selection) == 1 and selection[0] in chosen:
            # The rings may be on teams far apart: say in words whom they mark.
            text = teams_summary(self.scene.doc, selection[0])
            if text:
                self.scene.statusMessage.emit(text, 8000)

    # -- a member chip's tooltip names their functional manager ------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if (
            obj is self.scene
            and event.type() == QEvent.Type.GraphicsSceneHelp
            and self.scene.view_name == "teams"
        ):
            text = self.chip_tip(event.scenePos())  # type: ignore[attr-defined]
            if text:
                assert isinstance(event, QGraphicsSceneHelpEvent)
                QToolTip.showText(event.screenPos(), text)
                event.accept()
                return True
        return False

    def chip_tip(self, pos: QPointF) -> str | None:
        """The tooltip of the member chip at scene point ``pos`` (None: not on a chip)."""
        item = self.scene.card_at(pos)
        if item is None:
            return None
        pid = item.chip_at(item.mapFromScene(pos))
        if not pid:
            return None
        return chip_tooltip(self.scene.doc, pid)


def teams_summary(doc, pid: str) -> str | None:
    """``Ann Lee: functional manager Bo Chen; coaches 3 people (ringed on their teams)``."""
    p = doc.person(pid)
    if p is None:
        return None
    parts = []
    fm = doc.person(p.functional_manager) if p.functional_manager else None
    if fm is not None and fm.id != pid:
        parts.append(f"functional manager {doc.display_name(fm)}")
    coached = sum(1 for o in doc.people if o.functional_manager == pid and o.id != pid)
    if coached:
        parts.append(f"coaches {coached} {'person' if coached == 1 else 'people'}")
    if not parts:
        return None
    return f"{doc.display_name(p)}: " + "; ".join(parts) + " (ringed on their teams)"


def chip_tooltip(doc, pid: str) -> str | None:
    """``Ann Lee`` / ``Functional manager: Bo Chen`` for a member chip (names escaped)."""
    p = doc.person(pid)
    if p is None:
        return None
    lines = [doc.display_name(p)]
    role = doc.role(p.role)
    if role is not None and role.title:
        lines.append(role.title)
    fm = doc.person(p.functional_manager) if p.functional_manager else None
    if fm is not None:
        lines.append(f"Functional manager: {doc.display_name(fm)}")
    elif p.functional_manager:
        lines.append(f"Functional manager: {p.functional_manager} (missing)")
    else:
        lines.append("No functional manager")
    coached = sum(1 for o in doc.people if o.functional_manager == pid and o.id != pid)
    if coached:
        lines.append(f"Coaches {coached} {'person' if coached == 1 else 'people'}")
    return "<br>".join(html.escape(line) for line in lines)
