"""Service teams on the Teams view: dropping a team on the "serves" band of one.

A service team's card has a band listing the teams it serves (the core chart
places it). A team card dragged onto that band is served by it, one undo
step; dropped anywhere else on the card it moves under it, as on any team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

from ...core import ops

if TYPE_CHECKING:
    from .items import CardItem
    from .scene import ChartScene

# Prefix of a drop target ID that stands for a service team's band, not its card.
SERVES = "serves:"


def serves_target(item: CardItem, pos: QPointF) -> str | None:
    """``SERVES + team ID`` when scene point ``pos`` is on ``item``'s band, else None."""
    if item.kind == "team" and item.serves_at(item.mapFromScene(pos)):
        return SERVES + item.ref
    return None


def serves_drop_effect(
    scene: ChartScene, source: str, target: CardItem, service: str
) -> tuple[ops.Op | None, bool, str]:
    """What dropping team ``source`` on ``service``'s band would do: (op, allowed, message)."""
    doc = scene.doc
    who = ops.entity_name(doc, "team", source)
    what = ops.entity_name(doc, "team", service)
    if source == service:
        return None, False, f"{what} cannot serve itself"
    try:
        op = ops.serve(doc, service, source)
    except ops.OpRefused as exc:
        return None, False, f"Not possible: {exc}"
    reason = ops.preview(op, doc)
    if reason is not None:
        return op, False, f"Not possible: {reason}"
    return op, True, f"{what} will serve {who}"
