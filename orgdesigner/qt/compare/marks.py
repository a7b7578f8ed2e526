"""Change marks on a compare canvas: coloured outlines and tags, and the read-only scene
that draws them over the cards (what is marked is decided by
:mod:`orgdesigner.core.change_list`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ...core.change_list import VIEWS, Mark
from ...core.palette import CHANGE_COLOURS
from ..canvas.readonly import ReadOnlyScene
from ..document import DocumentController

# What each highlight means: (legend text, tag on the card). "Moved" is said per view
# (core.change_list.MOVED_MEANS); the colours are the palette's CHANGE_COLOURS.
STATUSES: dict[str, tuple[str, str]] = {
    "moved": ("Moved", "moved"),
    "added": ("Added: only in B", "added"),
    "removed": ("Removed: only in A", "removed"),
    "changed": ("Changed: other fields", "changed"),
}
Z_MARK = 2.5  # above cards (1) and the selected card (2), below a drag ghost (10)


def status_colour(status: str, dark: bool = False) -> QColor:
    """The outline colour of a change ``status`` (moved, added, removed, changed)."""
    return QColor(CHANGE_COLOURS[status].for_mode(dark)[0])


def status_ink(status: str, dark: bool = False) -> QColor:
    """The colour of the text on a ``status`` tag."""
    return QColor(CHANGE_COLOURS[status].for_mode(dark)[1])


# -- the read-only canvas ------------------------------------------------------------------------


class ChangeMark(QGraphicsItem):
    """An outline, a light tint and a small tag on a changed card (or member chip); only paints.

    Its shape covers the card, so hovering the card shows what changed. The
    tag sits inside a person's card at the bottom right (clear of the
    connector above and the finding badges), on the bottom edge of a team's.
    """

    def __init__(
        self,
        rect: QRectF,
        mark: Mark,
        colour: QColor,
        font: QFont,
        where: str = "card",
        dark: bool = False,
    ) -> None:
        super().__init__()
        self.rect = QRectF(rect)
        self.mark = mark
        self.colour = colour
        self.font = font
        self.where = where  # "card", "team" (tag on the bottom edge) or "chip" (no tag)
        self.tag = STATUSES[mark.status][1]
        self.ink = status_ink(mark.status, dark)
        self.setZValue(Z_MARK)
        self.setToolTip(mark.text)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def tag_rect(self) -> QRectF:
        w = 8 + 4.4 * len(self.tag)
        r = self.rect
        if self.where == "team":
            return QRectF(r.right() - w - 8, r.bottom() - 5, w, 10)
        return QRectF(r.right() - w - 4, r.bottom() - 13, w, 10)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.rect.adjusted(-5, -5, 5, 10)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.rect)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        chip = self.where == "chip"
        c = self.colour
        if not chip:  # a chip keeps its function's colour: only the outline says what changed
            painter.fillRect(self.rect, QColor(c.red(), c.green(), c.blue(), 26))
        pen = QPen(c, 2.0 if chip else 2.6)
        if self.mark.status == "removed":
            pen.setStyle(Qt.PenStyle.DashLine)
        if lod < 0.3:
            pen.setCosmetic(True)
            pen.setWidthF(3.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        grow = 1.5 if chip else 3.0
        painter.drawRoundedRect(self.rect.adjusted(-grow, -grow, grow, grow), 5, 5)
        if chip or lod < 0.3:
            return
        r = self.tag_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(c))
        painter.drawRoundedRect(r, 3, 3)
        painter.setFont(self.font)
        painter.setPen(self.ink)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tag)


class CompareScene(ReadOnlyScene):
    """A read-only chart scene with change marks: clicks select, nothing is edited.

    ``marks_by_view`` says which entities to highlight in each view; the
    outlines follow every rebuild (view switch, collapse).
    """

    def __init__(self, controller: DocumentController, side: str, parent=None) -> None:
        self.side = side
        self.marks_by_view: dict[str, dict[str, Mark]] = {v: {} for v in VIEWS}
        self.mark_items: dict[str, ChangeMark] = {}
        self.animate = False
        super().__init__(controller, parent)
        self.animate = False
        self.rebuilt.connect(self.refresh_marks)

    # -- highlights -------------------------------------------------------------------
    @property
    def marks(self) -> dict[str, Mark]:
        """The marks of the view shown now."""
        return self.marks_by_view.get(self.view_name, {})

    def set_marks(self, by_view: dict[str, dict[str, Mark]]) -> None:
        """Highlight, in each view, the entities ``by_view[view]`` names."""
        self.marks_by_view = {v: dict(by_view.get(v, {})) for v in VIEWS}
        self.refresh_marks()

    def clear_items(self) -> None:
        self._drop_marks()
        super().clear_items()

    def _drop_marks(self) -> None:
        for item in self.mark_items.values():
            if item.scene() is self:
                self.removeItem(item)
        self.mark_items.clear()

    def refresh_marks(self) -> None:
        """Outline every marked entity that has a card or a chip in the current view."""
        self._drop_marks()
        style: Any = self.style  # the canvas' CanvasStyle (it shadows QGraphicsScene.style)
        dark = style.dark
        font = QFont(style.badge_font)
        for id_, mark in self.marks.items():
            rect = self.card_rect(id_)
            if rect is None:
                continue
            card = self.cards.get(self.entity_card.get(id_, id_))
            where = "chip" if card is None else ("team" if card.kind == "team" else "card")
            item = ChangeMark(rect, mark, status_colour(mark.status, dark), font, where, dark)
            self.addItem(item)
            self.mark_items[id_] = item

    def shown(self, id_: str) -> bool:
        """True when ``id_`` has a card or a chip in the current view."""
        return self.card_rect(id_) is not None
