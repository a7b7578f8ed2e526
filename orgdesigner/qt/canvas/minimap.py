"""Finding one's way on a large chart: the overview in the canvas' bottom-right corner
and the breadcrumb of a focused branch along its top.

The overview draws every card of the chart as a dot-sized block (painted once per
rebuild into a pixmap) and the part the window shows as a rectangle; pressing or
dragging on it moves the window there. The breadcrumb lists the managers (or
parent teams) above the branch shown alone; clicking one shows their branch,
"Whole organisation" shows everything again.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ...core.chart import ancestors
from .view import ChartView

SIZE = QSize(220, 150)
MARGIN = 6


class Minimap(QWidget):
    """The whole chart in small, with the window's rectangle; drag it to move there."""

    def __init__(self, view: ChartView, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("minimap")
        self.view = view
        self.enabled = True
        self._pixmap: QPixmap | None = None
        self._rect = QRectF()  # the scene rectangle the pixmap shows
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Overview: click or drag to move the window over the chart")
        self.setFixedSize(SIZE)
        scene = view.chart_scene
        scene.rebuilt.connect(self.refresh)
        view.horizontalScrollBar().valueChanged.connect(self._follow)
        view.verticalScrollBar().valueChanged.connect(self._follow)
        view.zoomChanged.connect(lambda _z: self._follow())
        self.refresh()

    # -- geometry ------------------------------------------------------------------------
    def _scale(self) -> tuple[float, float, float]:
        """Scale and offset from scene to widget coordinates, keeping the chart's shape."""
        r = self._rect
        w = self.width() - 2 * MARGIN
        h = self.height() - 2 * MARGIN
        if r.isEmpty():
            return 1.0, MARGIN, MARGIN
        k = min(w / r.width(), h / r.height())
        ox = MARGIN + (w - r.width() * k) / 2 - r.x() * k
        oy = MARGIN + (h - r.height() * k) / 2 - r.y() * k
        return k, ox, oy

    def to_scene(self, p: QPointF) -> QPointF:
        k, ox, oy = self._scale()
        return QPointF((p.x() - ox) / k, (p.y() - oy) / k)

    def point_from_scene(self, p: QPointF) -> QPointF:
        k, ox, oy = self._scale()
        return QPointF(p.x() * k + ox, p.y() * k + oy)

    def from_scene(self, r: QRectF) -> QRectF:
        k, ox, oy = self._scale()
        return QRectF(r.x() * k + ox, r.y() * k + oy, r.width() * k, r.height() * k)

    def shown_rect(self) -> QRectF:
        """The scene rectangle the window shows now."""
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    # -- content ---------------------------------------------------------------------------
    def refresh(self) -> None:
        scene = self.view.chart_scene
        self._rect = scene.chart_rect()
        self._pixmap = None
        # As wide as it may be, as tall as the chart's shape asks (a wide chart: a band).
        r = self._rect
        if not r.isEmpty():
            h = (SIZE.width() - 2 * MARGIN) * r.height() / r.width() + 2 * MARGIN
            self.setFixedSize(SIZE.width(), int(max(48, min(SIZE.height(), h))))
            self.place()
        self._follow()

    def needed(self) -> bool:
        """Shown only when part of the chart is out of the window: with the whole
        chart in sight there is nowhere to go, and the overview would hide cards."""
        scene = self.view.chart_scene
        if scene is None or not (self.enabled and scene.cards) or self._rect.isEmpty():
            return False  # (no scene: the window is closing)
        return not self.shown_rect().contains(self._rect)

    def _follow(self, *_args: object) -> None:
        self.setVisible(self.needed())
        self.update()

    def _paint_cards(self) -> QPixmap:
        pm = QPixmap(self.size())
        pm.fill(Qt.GlobalColor.transparent)
        scene = self.view.chart_scene
        chart = scene.chart
        if chart is None:
            return pm
        k, ox, oy = self._scale()
        p = QPainter(pm)
        colour = scene.theme_colour("muted")
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        for card in chart.cards.values():
            b = card.box
            p.drawRect(QRectF(b.x * k + ox, b.y * k + oy, max(1.0, b.w * k), max(1.0, b.h * k)))
        p.end()
        return pm

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        p = QPainter(self)
        pal = self.palette()
        p.setPen(QPen(pal.mid().color(), 1))
        p.setBrush(pal.base().color())
        p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        if self._pixmap is None:
            self._pixmap = self._paint_cards()
        p.drawPixmap(0, 0, self._pixmap)
        frame = self.from_scene(self.shown_rect()).intersected(QRectF(self.rect()))
        accent = pal.highlight().color()
        fill = QColor(accent)
        fill.setAlpha(40)
        p.setBrush(fill)
        p.setPen(QPen(accent, 1.5))
        p.drawRect(frame)
        p.end()

    # -- gestures ---------------------------------------------------------------------------
    def _move_to(self, pos: QPointF) -> None:
        self.view.centerOn(self.to_scene(pos))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._move_to(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_to(event.position())
            event.accept()

    def place(self) -> None:
        """Bottom-right corner of the chart area (the view's viewport)."""
        vp = self.view.viewport().geometry()
        self.move(vp.right() - self.width() - 10, vp.bottom() - self.height() - 10)


class Breadcrumb(QFrame):
    """``Whole organisation > manager > ... > the focused branch``, each a button back up."""

    focusWanted = Signal(object)  # an ID, or None for the whole chart

    def __init__(self, view: ChartView, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("breadcrumb")
        self.view = view
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(6, 2, 6, 2)
        self._lay.setSpacing(4)
        self.buttons: list[QToolButton] = []
        view.chart_scene.focusChanged.connect(self.refresh)
        self.refresh(None)

    def refresh(self, focus: str | None) -> None:
        while self._lay.count():
            w = self._lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.buttons = []
        scene = self.view.chart_scene
        if focus is None:
            self.hide()
            return
        chain: list[str | None] = [None, *ancestors(scene.doc, scene.view_name, focus)]  # type: ignore[arg-type]
        for id_ in chain:
            b = QToolButton(self)
            b.setText("Whole organisation" if id_ is None else scene.name(id_))
            b.setAutoRaise(True)
            b.setToolTip("Show everything" if id_ is None else "Show this branch")
            b.clicked.connect(lambda _=False, i=id_: self.focusWanted.emit(i))
            self._lay.addWidget(b)
            self._lay.addWidget(QLabel("\u203a", self))
            self.buttons.append(b)
        here = QLabel(f"<b>{html.escape(scene.name(focus))}</b>", self)
        self._lay.addWidget(here)
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        vp = self.view.viewport().geometry()
        self.adjustSize()
        self.move(vp.x() + 10, vp.y() + 8)
