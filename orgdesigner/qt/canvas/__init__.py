"""The chart canvas: the scene of cards for the three views, its items and the view."""

from .scene import ROLE_MIME, VIEWS, ChartScene
from .view import ChartView

__all__ = ["ROLE_MIME", "VIEWS", "ChartScene", "ChartView"]
