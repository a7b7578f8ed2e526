"""Service teams on the Teams view: dropping a team on the "serves" band of one.

A service team's card has a band listing the teams it serves (the core chart
places it). A team card dragged onto that band is served by it, one undo
step; dropped anywhere else on the card it moves under it, as on any team.
What such a drop means is decided in :mod:`orgdesigner.core.drops`; this only
finds the band under the mouse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from ...core.drops import SERVES

if TYPE_CHECKING:
    from .items import CardItem

__all__ = ["SERVES", "serves_target"]


def serves_target(item: CardItem, pos: QPointF) -> str | None:
    """``SERVES + team ID`` when scene point ``pos`` is on ``item``'s band, else None."""
    if item.kind == "team" and item.serves_at(item.mapFromScene(pos)):
        return SERVES + item.ref
    return None
