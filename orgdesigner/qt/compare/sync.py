"""Keeping the two compare canvases in step: a scroll or zoom on one brings the other to
the same subject, so both sides show the same people even where the layouts differ."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from shiboken6 import isValid

from ..canvas.items import CardItem
from ..canvas.view import ChartView

# Zooms as the user sees them (1.0 = 100 %): below READABLE_ZOOM the names get
# hard to read, so the first look and a change-list click never go below it.
READABLE_ZOOM = 0.6
START_ZOOM = 0.8

# -- keeping the two views in step -------------------------------------------------------------------


def base_scale(view: ChartView) -> float:
    """Scene-to-screen scale of a view at 100 % (the canvas shows points half as big again)."""
    z = view.zoom()
    return view.transform().m11() / z if z else 1.0


def view_centre(view: ChartView) -> QPointF:
    """The scene point at the centre of ``view``'s viewport."""
    return view.mapToScene(view.viewport().rect().center())


def anchor(src: ChartView, dst: ChartView) -> tuple[QRectF, QRectF] | None:
    """The card nearest the centre of ``src`` that ``dst`` shows too: its rect on each side.

    Looked for near the centre first (a quarter of the window), then in all that
    is visible (a large chart far out has many cards in sight); None when nothing
    visible is drawn on the other side.
    """
    source, target = src.scene(), dst.scene()
    if source is None or target is None:
        return None
    centre = view_centre(src)
    visible = src.mapToScene(src.viewport().rect()).boundingRect()
    near = QRectF(visible)
    near.setSize(visible.size() / 4)
    near.moveCenter(centre)
    # A card nearer than this has its centre inside ``near``: found there, it is the nearest.
    sure = (min(near.width(), near.height()) / 2) ** 2
    for area in (near, visible):
        best: tuple[float, QRectF, QRectF] | None = None
        for item in source.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if not isinstance(item, CardItem):
                continue
            here = QRectF(item.pos(), item.rect.size())
            d = here.center() - centre
            dist = d.x() * d.x() + d.y() * d.y()
            if best is not None and dist >= best[0]:
                continue
            there = target.card_rect(item.ref)  # type: ignore[attr-defined]
            if there is not None:
                best = (dist, here, there)
        if best is not None and (best[0] <= sure or area is visible):
            return best[1], best[2]
    return None


class ViewSync:
    """Zoom and scroll of two views kept on the same subject.

    After a scroll or zoom of one view, the other shows the same card (the one
    nearest the centre that both sides draw) at the same place in its window,
    at the same zoom: where the two layouts differ, each side still shows the
    same people. Over empty space (no card in sight on both sides) the other
    view moves by the same distance.
    """

    def __init__(self, a: ChartView, b: ChartView) -> None:
        self.views = (a, b)
        self.busy = False
        self.centres = [view_centre(a), view_centre(b)]
        for i, view in enumerate(self.views):
            view.horizontalScrollBar().valueChanged.connect(lambda _v=0, i=i: self._scrolled(i))
            view.verticalScrollBar().valueChanged.connect(lambda _v=0, i=i: self._scrolled(i))
            view.zoomChanged.connect(lambda z, i=i: self._zoomed(i, z))

    def remember(self) -> None:
        """Take the views' current places as the ones to keep in step from."""
        self.centres = [view_centre(v) for v in self.views]

    def follow(self, i: int) -> None:
        """Bring the other view to the subject view ``i`` shows."""
        src, dst = self.views[i], self.views[1 - i]
        if not (isValid(src) and isValid(dst)):  # the window is being torn down
            return
        now = view_centre(src)
        pair = anchor(src, dst)
        if pair is not None:
            here, there = pair
            target = there.center() + (now - here.center())
        else:
            target = self.centres[1 - i] + (now - self.centres[i])
        self.centres[i] = now
        was, self.busy = self.busy, True
        try:
            dst.centerOn(target)
        finally:
            self.busy = was
        actual = view_centre(dst)
        # Keep the intended place when the view only rounded it to whole pixels
        # (else many small steps would drift apart); take the real one at an edge.
        slack = 1.5 / max(dst.transform().m11(), 1e-6)
        self.centres[1 - i] = QPointF(
            target.x() if abs(actual.x() - target.x()) <= slack else actual.x(),
            target.y() if abs(actual.y() - target.y()) <= slack else actual.y(),
        )

    def _scrolled(self, i: int) -> None:
        if self.busy:
            return
        src = self.views[i]
        if not isValid(src):
            return
        if (view_centre(src) - self.centres[i]).isNull():
            return
        self.follow(i)

    def _zoomed(self, i: int, zoom: float) -> None:
        if self.busy:
            return
        dst = self.views[1 - i]
        if not isValid(dst):
            return
        self.busy = True
        try:
            dst.set_zoom(zoom)
        finally:
            self.busy = False
        self.centres[1 - i] = view_centre(dst)
        self.follow(i)

    def run(self, fn: Callable[[], Any]) -> Any:
        """Do ``fn`` without echoing it to the other view, then keep the new places."""
        was, self.busy = self.busy, True
        try:
            return fn()
        finally:
            self.busy = was
            self.remember()
