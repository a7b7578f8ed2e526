"""Keeping the two compare canvases in step: a scroll or zoom on one moves the other by
the same amount, so each side keeps its own place when the layouts differ."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF
from shiboken6 import isValid

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


class ViewSync:
    """Zoom and scroll of two views kept in step.

    A scroll moves the other view by the same distance in chart units (not to
    the same point), so each side keeps centring its own card after a
    change-list click; a zoom sets the same zoom on the other side.
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

    def _scrolled(self, i: int) -> None:
        if self.busy:
            return
        src, dst = self.views[i], self.views[1 - i]
        if not (isValid(src) and isValid(dst)):  # the window is being torn down
            return
        now = view_centre(src)
        delta = now - self.centres[i]
        self.centres[i] = now
        if delta.isNull():
            return
        target = self.centres[1 - i] + delta
        self.busy = True
        try:
            dst.centerOn(target)
        finally:
            self.busy = False
        actual = view_centre(dst)
        # Keep the intended place when the view only rounded it to whole pixels
        # (else many small steps would drift apart); take the real one at an edge.
        slack = 1.5 / max(dst.transform().m11(), 1e-6)
        self.centres[1 - i] = QPointF(
            target.x() if abs(actual.x() - target.x()) <= slack else actual.x(),
            target.y() if abs(actual.y() - target.y()) <= slack else actual.y(),
        )

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
        self._scrolled(i)

    def run(self, fn: Callable[[], Any]) -> Any:
        """Do ``fn`` without echoing it to the other view, then keep the new places."""
        was, self.busy = self.busy, True
        try:
            return fn()
        finally:
            self.busy = was
            self.remember()
