"""The canvas view: zoom, pan, fit and centre over the chart scene.

Ctrl+wheel (or a pinch) zooms around the cursor in steps of x1.25, the wheel
scrolls, dragging the background pans. The arrow keys move the selection along
the tree: Up to the manager, Down to the first report, Left and Right to the
siblings; what they land on is unfolded and scrolled into view. The view repaints only what changed (smart updates) and
leaves culling to the scene's BSP index, so a chart of ten thousand cards
scrolls without drawing what is off screen. A large chart's card items are
made as they come into sight (:meth:`ReadOnlyScene.ensure_items`), the rest
in batches just after.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QNativeGestureEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from ...core.chart import neighbour
from .readonly import ReadOnlyScene

MIN_ZOOM = 0.0005  # far enough to see 50,000 people at once
MAX_ZOOM = 4.0
ZOOM_STEP = 1.25
# The chart is laid out in points (9 pt names, as on paper); on screen "100 %"
# shows it a quarter bigger, so names read like the rest of the interface.
BASE_SCALE = 1.25
READABLE = 0.6  # the smallest zoom at which a whole card can be read
ARROWS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}
AFTER_PAINT_WAIT = 1000  # ms: see ChartView.after_paint
FIT_MIN = 0.3  # the smallest zoom a chart opens at: names still read (see items.FAR)


class ChartView(QGraphicsView):
    """Shows a :class:`ReadOnlyScene`; signals carry plain values."""

    zoomChanged = Signal(float)

    def __init__(self, scene: ReadOnlyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.scale(BASE_SCALE, BASE_SCALE)
        self._start_pending = False
        self._after_paint: list = []

    def after_paint(self, call) -> None:
        """Call ``call`` once the chart has been painted; a view that is not on screen
        yet (a window opening a file before it shows) has AFTER_PAINT_WAIT ms to be.
        ``call`` must do nothing the second time."""
        self._after_paint.append(call)
        if self.isVisible():
            self.viewport().update()
        else:
            QTimer.singleShot(AFTER_PAINT_WAIT, call)

    def paintEvent(self, event) -> None:  # noqa: N802
        # A large chart makes its items as they come into sight (scrolled or zoomed to).
        self.chart_scene.ensure_items(self.mapToScene(event.rect()).boundingRect())
        super().paintEvent(event)
        if self._after_paint:
            calls, self._after_paint = self._after_paint, []
            for call in calls:
                QTimer.singleShot(0, call)  # after this paint has reached the screen

    @property
    def chart_scene(self) -> ReadOnlyScene:
        return self.scene()  # type: ignore[return-value]

    # -- zoom ------------------------------------------------------------------------
    def zoom(self) -> float:
        """The zoom shown to the user: 1.0 is 100 %."""
        return self.transform().m11() / BASE_SCALE

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (1.0 = 100 %), keeping ``anchor`` (scene point) still."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) < 1e-9:
            return
        old = self.transformationAnchor()
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        ratio = factor / current if current > 0 else factor
        self.scale(ratio, ratio)
        self.setTransformationAnchor(old)
        self.chart_scene.level_of_detail(self.transform().m11())
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit(self, rect: QRectF | None = None, max_zoom: float = 1.0) -> None:
        """Show ``rect`` (default: the whole chart) as large as fits, at most ``max_zoom``."""
        rect = rect or self.chart_scene.chart_rect()
        if rect.isEmpty():
            return
        rect = rect.adjusted(-24, -24, 24, 24)
        vp = self.viewport().rect()
        factor = min(vp.width() / rect.width(), vp.height() / rect.height()) / BASE_SCALE
        self.set_zoom(min(factor, max_zoom))
        self.centerOn(rect.center())

    def fit_factor(self) -> float:
        """The zoom at which the whole chart would fit."""
        rect = self.chart_scene.chart_rect().adjusted(-24, -24, 24, 24)
        vp = self.viewport().rect()
        if rect.isEmpty() or vp.isEmpty():
            return 1.0
        return min(vp.width() / rect.width(), vp.height() / rect.height()) / BASE_SCALE

    def show_start(self) -> None:
        """The first look at a chart: fitted, nothing cut off at the sides.

        All of it when it fits with names readable; else the top rows of the
        organisation (as many as fit across the window with names readable), from
        the top; else the top of the organisation at 100 %. Before the view is on
        screen its size is not known: then this waits until it is shown.
        """
        if not self.isVisible():
            self._start_pending = True
            return
        self._start_pending = False
        scene = self.chart_scene
        if getattr(scene, "window_aspect", None) and scene.window_aspect() != scene.aspect_used:
            scene.rebuild()  # laid out before the window had its size: lay out for it
        chart = self.chart_scene.chart_rect()
        if chart.isEmpty():
            self.set_zoom(1.0)
            self.centerOn(0, 0)
            return
        if self.fit_factor() >= FIT_MIN:
            self.fit()
            return
        vp = self.viewport().rect()
        for rect in self._top_rows():
            factor = (vp.width() / (rect.width() + 48)) / BASE_SCALE
            if factor >= FIT_MIN:
                self.set_zoom(min(1.0, factor))
                half_h = vp.height() / 2 / self.transform().m11()
                half_w = vp.width() / 2 / self.transform().m11()
                self.centerOn(self._from_left_edge(chart, rect, half_w), rect.top() - 24 + half_h)
                return
        self.set_zoom(1.0)
        top = self.chart_scene.top_card_rect()
        if top is not None:
            # Put the top of the organisation near the top of the window, and never
            # cut the chart's left edge when the top card is near it (a first column).
            scale = self.transform().m11()
            half_h = vp.height() / 2 / scale
            half_w = vp.width() / 2 / scale
            self.centerOn(self._from_left_edge(chart, top, half_w), top.top() - 30 + half_h)

    @staticmethod
    def _from_left_edge(chart: QRectF, rect: QRectF, half_w: float) -> float:
        """Where to centre across so that ``rect`` shows: on it, but when the chart's left
        edge fits on the same screen, from that edge (a first look never cuts it)."""
        if rect.right() - chart.left() + 48 <= 2 * half_w:  # both on one screen
            return chart.left() - 24 + half_w
        return rect.center().x()

    def zoom_to(self, ids: list[str]) -> bool:
        """Fit the cards of ``ids`` in the window (at most 150 %); False if none is shown."""
        rect = QRectF()
        for id_ in ids:
            r = self.chart_scene.card_rect(id_)
            if r is not None:
                rect = rect.united(r) if not rect.isNull() else r
        if rect.isNull():
            return False
        self.fit(rect, max_zoom=1.5)
        return True

    def _top_rows(self) -> list[QRectF]:
        """The bounds of the chart's top three rows of cards, then two, then one."""
        chart = self.chart_scene.chart
        # From the chart, not the items: a large chart makes the items out of sight later.
        boxes = [c.box for c in chart.cards.values()] if chart is not None else []
        rows = sorted({round(b.y) for b in boxes})
        out = []
        for n in (3, 2, 1):
            if len(rows) < n:
                continue
            limit = rows[n - 1]
            rect = QRectF()
            for b in boxes:
                if round(b.y) <= limit:
                    rect = rect.united(QRectF(b.x, b.y, b.w, b.h))
            out.append(rect)
        return out

    def centre_on(self, id_: str) -> bool:
        """Centre the card of ``id_`` in the current view, unfolding what hides it;
        False if it has no card here."""
        rect = self.chart_scene.card_rect(id_)
        if rect is None and self.chart_scene.reveal(id_):
            rect = self.chart_scene.card_rect(id_)
        if rect is None:
            return False
        if self.zoom() < 0.6:
            self.set_zoom(1.0)
        self.centerOn(rect.center())
        return True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._start_pending:
            QTimer.singleShot(0, self.show_start)

    # -- input -------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(
                    self.zoom() * (ZOOM_STEP**steps),
                    anchor=self.mapToScene(event.position().toPoint()),
                )
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.NativeGesture:
            ge: QNativeGestureEvent = event  # type: ignore[assignment]
            if ge.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.set_zoom(
                    self.zoom() * (1.0 + ge.value()),
                    anchor=self.mapToScene(ge.position().toPoint()),
                )
                return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self.chart_scene.cancel_drag():
            event.accept()
            return
        direction = ARROWS.get(Qt.Key(event.key()))
        if (
            direction is not None
            and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            and self.step_selection(direction)
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def step_selection(self, direction: str) -> bool:
        """Select the card ``direction`` leads to from the selected one (see
        :func:`core.chart.neighbour`); Down on a folded card unfolds it first.
        False when nothing is selected here or there is nowhere to go."""
        scene = self.chart_scene
        sel = scene.controller.selection
        item = scene.card_for(sel[-1]) if sel else None
        if item is None or scene.chart is None:
            return False
        if direction == "down" and item.collapsed_count:
            scene.toggle_collapsed(scene.entity_of(item.id))
            item = scene.card_for(sel[-1])
            if item is None:
                return False
        target = neighbour(scene.chart, item.id, direction)
        if target is None:
            return False
        ref = scene.entity_of(target)
        scene.controller.select([ref])
        rect = scene.card_rect(ref)
        if rect is not None:
            self.ensureVisible(rect, 40, 40)
        return True

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        painter.fillRect(rect, self.chart_scene.theme_colour("page"))
