"""The compare window: two variants side by side, with what changed between them.

Two read-only canvases (A on the left, B on the right) show the same view;
zooming or scrolling one moves the other by the same amount, so each side
keeps its own place when the two layouts differ. Changed cards are outlined
and tagged: moved and edited on both sides, added only on B, removed only on
A (a legend says so). Below them, the change list in sentences (moves, added,
removed, changes by kind, document settings, findings only on one side): a
row selects and centres its person or team on both sides, and a click on a
card selects the same entity on the other side. Next to it, the figures of
both with their change. From here a variant can be opened for editing, and
the comparison exported as a PDF report.

``install_compare_actions(window)`` adds File > Compare with... and the
Tools menu's "Generate STO variant" and "Generate three-legged-stool
variant" to a main window: a generated variant opens here beside the
original, so the designer sees what it would mean before keeping it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QFrame,
    QGraphicsItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyleOptionGraphicsItem,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..core import io
from ..core import ops as core_ops
from ..core.diff import (
    ARROW,
    KIND_LABELS,
    KINDS,
    Diff,
    EntityChange,
    churn_sentence,
    diff,
    entity_summary,
    field_changes,
    field_label,
    figure_rows,
    value_text,
)
from ..core.importer import slug
from ..core.model import Document
from ..core.transform import Decision, transform_with_notes
from .app import FILE_FILTER
from .canvas.scene import VIEW_TITLES, VIEWS, ChartScene
from .canvas.view import ChartView
from .compare_cost import CostComparisonView
from .document import DocumentController
from .plan_panel import install_plan_export, install_plan_tab

SIDES = ("a", "b")
# Fields of a person that a move is about; other changed fields are "edited".
MOVE_FIELDS = ("team", "manager", "functional_manager")
REPORT_FILTER = "PDF documents (*.pdf)"

# What each highlight means, its colour (light, dark) and the tag on the card.
STATUSES: dict[str, tuple[str, str, str, str]] = {
    # status: (legend text, light colour, dark colour, tag)
    "moved": ("Moved: new team or manager", "#7c3aed", "#a78bfa", "moved"),
    "edited": ("Edited: other fields changed", "#d97706", "#fbbf24", "edited"),
    "added": ("Added: only in B", "#16a34a", "#4ade80", "new"),
    "removed": ("Removed: only in A", "#dc2626", "#f87171", "removed"),
}
# Zooms as the user sees them (1.0 = 100 %): below READABLE_ZOOM the names get
# hard to read, so the first look and a change-list click never go below it.
READABLE_ZOOM = 0.6
START_ZOOM = 0.8
Z_MARK = 2.5  # above cards (1) and the selected card (2), below a drag ghost (10)


def status_colour(status: str, dark: bool = False) -> QColor:
    """The outline colour of a change ``status`` (moved, edited, added, removed)."""
    entry = STATUSES[status]
    return QColor(entry[2] if dark else entry[1])


# -- what is highlighted where -------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """How one entity is highlighted on one side: status and a sentence for the tooltip."""

    status: str
    text: str


def change_marks(d: Diff) -> dict[str, dict[str, Mark]]:
    """For each side (``"a"``, ``"b"``), the entities to highlight: ID -> :class:`Mark`.

    Moved people (new team, line or functional manager) and edited entities
    are marked on both sides; added ones only on B, removed ones only on A.
    """
    marks: dict[str, dict[str, Mark]] = {"a": {}, "b": {}}
    moved = {m.person: m for m in d.moves}
    for c in d.changed:
        other = {
            k: v
            for k, v in c.fields.items()
            if not (c.kind == "person" and c.id in moved and k in MOVE_FIELDS)
        }
        parts: list[str] = []
        if c.id in moved and c.kind == "person":
            status = "moved"
            parts.append(moved[c.id].text)
            if other:
                parts.append("Also: " + "; ".join(field_changes(d, _only(c, other), None)))
        else:
            status = "edited"
            parts.append(f"{c.name or c.id}: " + "; ".join(field_changes(d, c, None)))
        mark = Mark(status, "\n".join(parts))
        marks["a"][c.id] = mark
        marks["b"][c.id] = mark
    for c in d.added:
        summary = entity_summary(d, c, "added", None)
        marks["b"][c.id] = Mark(
            "added", f"New in B: {c.name or c.id}" + (f" ({summary})" if summary else "")
        )
    for c in d.removed:
        summary = entity_summary(d, c, "removed", None)
        marks["a"][c.id] = Mark(
            "removed", f"Not in B any more: {c.name or c.id}" + (f" ({summary})" if summary else "")
        )
    return marks


def _only(c: EntityChange, fields: dict[str, tuple[Any, Any]]) -> EntityChange:
    return EntityChange(c.kind, c.id, fields, c.name)


@dataclass(frozen=True)
class Row:
    """One row of the change list: its sentence and the entity it is about."""

    text: str
    kind: str  # person, team, role, function, "" for none
    id: str  # "" when the row is about no one entity (document settings)
    tip: str = ""


def change_groups(d: Diff) -> list[tuple[str, list[Row]]]:
    """The change list in reading order: (group title, rows); empty groups are left out."""
    groups: list[tuple[str, list[Row]]] = []
    moved = {m.person for m in d.moves}
    if d.moves:
        groups.append(
            (f"Moves ({len(d.moves)})", [Row(m.text, "person", m.person) for m in d.moves])
        )
    for which, title in (("added", "Added in B"), ("removed", "Removed from A")):
        rows = []
        for kind in KINDS:
            for c in d.of_kind(which, kind):
                summary = entity_summary(d, c, which)
                full = entity_summary(d, c, which, None)
                rows.append(
                    Row(
                        f"{c.name or c.id} ({kind})" + (f": {summary}" if summary else ""),
                        kind,
                        c.id,
                        f"{c.name or c.id} ({kind}): {full}",
                    )
                )
        if rows:
            groups.append((f"{title} ({len(rows)})", rows))
    for kind in KINDS:
        rows = []
        for c in d.of_kind("changed", kind):
            fields = c.fields
            if kind == "person" and c.id in moved:
                # The move already says it; list only what else changed.
                fields = {k: v for k, v in fields.items() if k not in MOVE_FIELDS}
                if not fields:
                    continue
            shown = _only(c, fields)
            rows.append(
                Row(
                    f"{c.name or c.id}: " + "; ".join(field_changes(d, shown)),
                    kind,
                    c.id,
                    f"{c.name or c.id}:\n" + "\n".join(field_changes(d, shown, None)),
                )
            )
        if rows:
            groups.append((f"{KIND_LABELS[kind]} changed ({len(rows)})", rows))
    if d.document:
        rows = []
        for k, (before, after) in d.document.items():
            short = (
                f"{field_label(k)}: {value_text(d, 'a', 'document', k, before)} {ARROW} "
                f"{value_text(d, 'b', 'document', k, after)}"
            )
            full = (
                f"{field_label(k)}: {value_text(d, 'a', 'document', k, before, None)} "
                f"{ARROW} {value_text(d, 'b', 'document', k, after, None)}"
            )
            rows.append(Row(short, "", "", full))
        groups.append((f"Document settings ({len(rows)})", rows))
    for side, title in (("a", "Findings only in A"), ("b", "Findings only in B")):
        only = d.findings_only(side)
        if only:
            rows = []
            for f in only:
                subject = f.subjects[0] if f.subjects else ""
                kind = _kind_of(d.docs.get(side), subject)
                sev = "waived" if f.waived else f.severity
                rows.append(Row(f"{sev}: {f.message}", kind, subject, f"{f.rule}: {f.message}"))
            groups.append((f"{title} ({len(rows)})", rows))
    return groups


def _kind_of(doc: Document | None, id_: str) -> str:
    if doc is None or not id_:
        return ""
    for kind in KINDS:
        if id_ in doc.by_id(kind):
            return kind
    return ""


# -- the read-only canvas ------------------------------------------------------------------------


class ChangeMark(QGraphicsItem):
    """An outline, a light tint and a small tag on a changed card (or member chip); only paints.

    Its shape covers the card, so hovering the card shows what changed. The
    tag sits inside a person's card at the bottom right (clear of the
    connector above and the finding badges), on the bottom edge of a team's.
    """

    def __init__(
        self, rect: QRectF, mark: Mark, colour: QColor, font: QFont, where: str = "card"
    ) -> None:
        super().__init__()
        self.rect = QRectF(rect)
        self.mark = mark
        self.colour = colour
        self.font = font
        self.where = where  # "card", "team" (tag on the bottom edge) or "chip" (no tag)
        self.tag = STATUSES[mark.status][3]
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
        painter.fillRect(self.rect, QColor(c.red(), c.green(), c.blue(), 60 if chip else 26))
        pen = QPen(c, 1.6 if chip else 2.6)
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
        painter.setPen(QColor("#ffffff"))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, self.tag)


class CompareScene(ChartScene):
    """A chart scene that only shows: clicks select, nothing is dragged or edited.

    ``marks`` says which entities to highlight; the outlines follow every
    rebuild (view switch, collapse).
    """

    toggleRequested = Signal(str)  # the expand/collapse pill of this ID was clicked
    picked = Signal(str)  # a card or chip was clicked: its entity ID

    def __init__(self, controller: DocumentController, side: str, parent=None) -> None:
        self.side = side
        self.marks: dict[str, Mark] = {}
        self.mark_items: dict[str, ChangeMark] = {}
        self.animate = False
        super().__init__(controller, parent)
        self.animate = False
        self.rebuilt.connect(self.refresh_marks)

    # -- highlights -------------------------------------------------------------------
    def set_marks(self, marks: dict[str, Mark]) -> None:
        self.marks = dict(marks)
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
            item = ChangeMark(rect, mark, status_colour(mark.status, dark), font, where)
            self.addItem(item)
            self.mark_items[id_] = item

    def shown(self, id_: str) -> bool:
        """True when ``id_`` has a card or a chip in the current view."""
        return self.card_rect(id_) is not None

    # -- read-only gestures -------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            event.accept()
            return
        pos = event.scenePos()
        item = self.card_at(pos)
        if item is None:
            super().mousePressEvent(event)  # the view pans; a click clears the selection
            return
        local = item.mapFromScene(pos)
        if item.has_toggle and item.toggle_rect().contains(local):
            self.toggleRequested.emit(self.entity_of(item.id))
            event.accept()
            return
        ref = item.chip_at(local) or self.entity_of(item.id)
        self.controller.select([ref])
        self.picked.emit(ref)
        event.accept()

    def toggle_collapsed(self, id_: str) -> None:
        self.toggleRequested.emit(id_)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        event.accept()

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        event.ignore()

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        event.ignore()

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        event.ignore()


# -- keeping the two views in step -------------------------------------------------------------------


def _base(view: ChartView) -> float:
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


# -- the parts of the window -----------------------------------------------------------------------


class Legend(QWidget):
    """The key to the highlights, with how many entities each has in this comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareLegend")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 2, 8, 2)
        lay.setSpacing(14)
        self.labels: dict[str, QLabel] = {}
        title = QLabel("<b>Highlights</b>")
        lay.addWidget(title)
        for status in STATUSES:
            swatch = QLabel()
            swatch.setObjectName(f"swatch_{status}")
            swatch.setFixedSize(QSize(16, 12))
            label = QLabel()
            self.labels[status] = label
            self._swatches = getattr(self, "_swatches", {})
            self._swatches[status] = swatch
            box = QHBoxLayout()
            box.setSpacing(5)
            box.addWidget(swatch)
            box.addWidget(label)
            lay.addLayout(box)
        lay.addStretch(1)
        self.set_counts({})

    def set_counts(self, counts: dict[str, int], dark: bool = False) -> None:
        for status, (text, *_rest) in STATUSES.items():
            colour = status_colour(status, dark).name()
            style = "dashed" if status == "removed" else "solid"
            self._swatches[status].setStyleSheet(
                f"border: 2px {style} {colour}; border-radius: 3px;"
            )
            self.labels[status].setText(f"{text} ({counts.get(status, 0)})")

    def text(self) -> str:
        return "  ".join(label.text() for label in self.labels.values())


class ElidedLabel(QLabel):
    """A one-line plain-text label that shortens its text with an ellipsis to fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40)
        )
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else self.toolTip())


class SidePane(QWidget):
    """One side: a header naming the variant, and its canvas."""

    editRequested = Signal()

    def __init__(
        self, side: str, controller: DocumentController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.side = side
        self.controller = controller
        self.scene = CompareScene(controller, side, self)
        self.view = ChartView(self.scene)
        self.view.setObjectName(f"compareCanvas_{side}")
        self.letter = QLabel(side.upper())
        self.letter.setObjectName("sideLetter")
        self.letter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.letter.setFixedSize(QSize(26, 26))
        self.letter.setStyleSheet(
            "background: palette(highlight); color: palette(highlighted-text);"
            " border-radius: 13px; font-weight: bold;"
        )
        self.title = ElidedLabel()
        self.title.setObjectName("sideTitle")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.detail = ElidedLabel()
        self.detail.setObjectName("sideDetail")
        self.edit_button = QPushButton("Open for editing")
        self.edit_button.setObjectName(f"edit_{side}")
        self.edit_button.clicked.connect(self.editRequested)
        self.edit_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        head = QHBoxLayout()
        head.setContentsMargins(8, 6, 8, 4)
        head.setSpacing(8)
        head.addWidget(self.letter)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.title)
        names.addWidget(self.detail)
        head.addLayout(names, 1)
        head.addWidget(self.edit_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(line)
        lay.addWidget(self.view, 1)

    def set_header(self, title: str, detail: str, tip: str = "") -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.title.setToolTip(tip)
        self.detail.setToolTip(tip)


def _figures_detail(doc: Document, summary: dict[str, int]) -> str:
    e, w = summary.get("error", 0), summary.get("warning", 0)
    return (
        f"{len(doc.people)} positions \u00b7 {len(doc.teams)} teams \u00b7 "
        f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
    )


class CompareWindow(QMainWindow):
    """Two organisation variants side by side: ``a`` (left) and ``b`` (right).

    ``a`` and ``b`` are documents (copied: the window never changes them) or
    paths to .orgd files. A file that cannot be read is named in a banner
    instead of raising. ``notes`` are shown above the canvases (what a
    generated variant could not do). ``a_path`` / ``b_path`` name the file a
    document was read from (shown in the header, used to reopen it);
    ``origins`` replaces what the header says about where a side comes from.
    """

    openForEditing = Signal(str)  # "a" or "b"

    def __init__(
        self,
        a: Document | str | os.PathLike[str],
        b: Document | str | os.PathLike[str],
        parent: QWidget | None = None,
        *,
        a_label: str | None = None,
        b_label: str | None = None,
        notes: list[str] | None = None,
        a_path: str | os.PathLike[str] | None = None,
        b_path: str | os.PathLike[str] | None = None,
        origins: dict[str, str] | None = None,
        decisions: list[Decision] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.decisions = list(decisions or [])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, parent is not None)
        self.paths: dict[str, Path | None] = {}
        self.originals: dict[str, Document] = {}
        self.load_errors: dict[str, str] = {}
        self.notes = list(notes or [])
        self.origins = dict(origins or {})
        labels = {"a": a_label, "b": b_label}
        self.labels: dict[str, str] = {}
        self.controllers: dict[str, DocumentController] = {}
        for side, source in (("a", a), ("b", b)):
            doc, path = self._load(side, source)
            given = a_path if side == "a" else b_path
            if given is not None and path is None:
                path = Path(given)  # a document already read from this file
            self.originals[side] = doc
            self.paths[side] = path
            self.labels[side] = labels[side] or doc.name or (path.stem if path else side.upper())
            # The window's own copy: collapsing subtrees here must not touch the original.
            copy = doc.model_copy(deep=True)
            copy.forget_index()
            self.controllers[side] = DocumentController(copy, None, self)
        self.editors: list[QWidget] = []  # main windows opened from here, kept alive
        self._quiet = False  # set while the window itself moves the selection
        self._started = False
        self._touched = False  # the user has moved a view: stop placing the first look

        self.panes = {s: SidePane(s, self.controllers[s]) for s in SIDES}
        self.scenes = {s: self.panes[s].scene for s in SIDES}
        self.views = {s: self.panes[s].view for s in SIDES}
        self.sync = ViewSync(self.views["a"], self.views["b"])

        self.diff = self._compute_diff()
        self.marks = change_marks(self.diff) if not self.load_errors else {"a": {}, "b": {}}

        self._build()
        for s in SIDES:
            self.scenes[s].set_marks(self.marks[s])
            self.scenes[s].rebuilt.connect(self._scenes_rebuilt)
            self.scenes[s].toggleRequested.connect(self.toggle_collapsed)
            self.scenes[s].picked.connect(lambda ref, s=s: self._picked(s, ref))
            self.controllers[s].selectionChanged.connect(
                lambda ids, s=s: self._selection_changed(s, ids)
            )
            self.panes[s].editRequested.connect(lambda s=s: self.open_variant_for_editing(s))
        for s in SIDES:
            self.views[s].viewport().installEventFilter(self)
        self._unite_scene_rects()
        self._fill()
        self.resize(1500, 940)

    # -- loading --------------------------------------------------------------------------
    def _load(
        self, side: str, source: Document | str | os.PathLike[str]
    ) -> tuple[Document, Path | None]:
        if isinstance(source, Document):
            return source, None
        path = Path(source)
        try:
            return io.load(path), path
        except io.LoadError as exc:
            self.load_errors[side] = str(exc)
        except OSError as exc:
            self.load_errors[side] = f"{path}: {exc.strerror or exc}"
        return Document.new(f"{path.name} (could not be opened)"), path

    def _compute_diff(self) -> Diff:
        ca, cb = self.controllers["a"], self.controllers["b"]
        return diff(ca.doc, cb.doc, reports=(ca.report, cb.report))

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(f"Compare: {self.labels['a']} \u2194 {self.labels['b']}")
        self.actions_by_name: dict[str, QAction] = {}
        bar = QToolBar("Compare", self)
        bar.setObjectName("compareToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.toolbar = bar
        group = QActionGroup(self)
        for i, name in enumerate(VIEWS, start=1):
            act = QAction(VIEW_TITLES[name], self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+{i}"))
            act.setToolTip(f"Show the {VIEW_TITLES[name]} view on both sides")
            act.triggered.connect(lambda _=False, n=name: self.set_view(n))
            group.addAction(act)
            bar.addAction(act)
            self.actions_by_name[f"view_{name}"] = act
        self.actions_by_name["view_people"].setChecked(True)
        bar.addSeparator()
        SK = QKeySequence.StandardKey
        for name, text, slot, key, tip in (
            ("zoom_in", "Zoom in", self.zoom_in, SK.ZoomIn, "Bigger cards on both sides"),
            ("zoom_out", "Zoom out", self.zoom_out, SK.ZoomOut, "More of both organisations"),
            (
                "fit",
                "Fit",
                self.fit,
                QKeySequence("Ctrl+9"),
                "Show both charts whole, at the same zoom",
            ),
        ):
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setToolTip(tip)
            act.triggered.connect(slot)
            bar.addAction(act)
            self.actions_by_name[name] = act
        lines = QAction("Functional lines", self)
        lines.setCheckable(True)
        lines.setShortcut(QKeySequence("Ctrl+L"))
        lines.setToolTip("Draw dotted lines from each functional manager to the people they coach")
        lines.toggled.connect(self.set_functional_lines)
        bar.addAction(lines)
        self.actions_by_name["functional_lines"] = lines
        bar.addSeparator()
        report = QAction("Export comparison report\u2026", self)
        report.setToolTip("Write what changed, with the figures, as a PDF to hand out")
        report.triggered.connect(self.export_report_dialog)
        report.setEnabled(not self.load_errors)
        bar.addAction(report)
        self.actions_by_name["export_report"] = report
        close = QAction("Close", self)
        close.setShortcut(QKeySequence(SK.Close))
        close.triggered.connect(self.close)
        self.addAction(close)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName("compareBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setContentsMargins(10, 6, 10, 6)
        self.banner.hide()
        outer.addWidget(self.banner)
        self.legend = Legend()
        outer.addWidget(self.legend)

        self.sides = QSplitter(Qt.Orientation.Horizontal)
        self.sides.setObjectName("compareSides")
        self.sides.setChildrenCollapsible(False)
        for s in SIDES:
            self.sides.addWidget(self.panes[s])
        self.sides.setSizes([1, 1])

        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.changes = QTreeWidget()
        self.changes.setObjectName("changeList")
        self.changes.setHeaderHidden(True)
        self.changes.setRootIsDecorated(True)
        self.changes.setUniformRowHeights(True)
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.changes.currentItemChanged.connect(self._row_changed)
        self.changes.itemClicked.connect(lambda item, _c=0: self._row_activated(item))
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(8, 6, 4, 6)
        ll.setSpacing(4)
        heading = QLabel("<b>What changed</b> \u2014 click a row to find it on both sides")
        ll.addWidget(heading)
        ll.addWidget(self.summary)
        ll.addWidget(self.changes, 1)

        self.figures = QTableWidget(0, 4)
        self.figures.setObjectName("figuresTable")
        self.figures.setHorizontalHeaderLabels(["Figure", "A", "B", "Change"])
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.figures.setAlternatingRowColors(True)
        self.figures.setShowGrid(False)
        # Compact rows: the fourteen figures fit without scrolling.
        self.figures.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.figures.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 6, 8, 6)
        rl.setSpacing(4)
        rl.addWidget(QLabel("<b>Figures</b>"))
        rl.addWidget(self.figures, 1)
        self.cost_view = CostComparisonView()
        rl.addWidget(self.cost_view, 1)

        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.setObjectName("compareBottom")
        # The Changes, Plan and Decisions tabs (qt/plan_panel.py).
        self.bottom.addWidget(install_plan_tab(self, left, self.decisions))
        self.bottom.addWidget(right)
        self.bottom.setStretchFactor(0, 3)
        self.bottom.setStretchFactor(1, 1)
        self.bottom.setSizes([1000, 380])
        self.bottom.setChildrenCollapsible(False)

        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.setObjectName("compareMain")
        self.main_split.addWidget(self.sides)
        self.main_split.addWidget(self.bottom)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([600, 300])
        outer.addWidget(self.main_split, 1)
        self.setCentralWidget(central)

        # Made now, not on the first message: a status bar appearing later would
        # shrink the canvases under the user's eyes.
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setToolTip("Zoom of both sides (Ctrl+wheel, Ctrl++ / Ctrl+-)")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.views["a"].zoomChanged.connect(self._show_zoom)
        self._show_zoom(self.views["a"].zoom())

    def _fill(self) -> None:
        """Headers, banner, legend counts, change list and figures from the diff."""
        d = self.diff
        for s in SIDES:
            c = self.controllers[s]
            path = self.paths[s]
            where = self.origins.get(s) or (path.name if path else "not saved")
            self.panes[s].set_header(
                self.labels[s],
                f"{where} \u00b7 " + _figures_detail(c.doc, c.report.summary()),
                str(path) if path else "",
            )
        problems = [
            f"{s.upper()} could not be opened: {msg}" for s, msg in self.load_errors.items()
        ]
        if problems:
            self._set_banner("\n".join(problems), error=True)
        elif self.notes:
            n = len(self.notes)
            self._set_banner(
                f"{n} change{'s were' if n != 1 else ' was'} left out: "
                + " ".join(self.notes[:3])
                + (f" (and {n - 3} more)" if n > 3 else "")
            )
            self.banner.setToolTip("\n".join(self.notes))
        counts: dict[str, int] = {}
        for s in SIDES:
            for mark in self.marks[s].values():
                if s == "b" and mark.status in ("moved", "edited"):
                    continue  # counted once, from A
                counts[mark.status] = counts.get(mark.status, 0) + 1
        self.legend.set_counts(counts, self._dark())

        self.changes.clear()
        if self.load_errors:
            self.summary.setText("Nothing to compare until both files open.")
        elif d.is_empty():
            self.summary.setText(
                "No changes: both variants have the same people, teams, roles, "
                "functions and settings."
            )
        else:
            self.summary.setText(
                f"{d.summary()[0].upper()}{d.summary()[1:]}. {churn_sentence(d.churn)}"
            )
        bold = QFont(self.changes.font())
        bold.setBold(True)
        if not self.load_errors:
            for title, rows in change_groups(d):
                group = QTreeWidgetItem([title])
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                for row in rows:
                    item = QTreeWidgetItem([row.text])
                    item.setData(0, Qt.ItemDataRole.UserRole, (row.kind, row.id))
                    item.setToolTip(0, row.tip or row.text)
                    group.addChild(item)
                self.changes.addTopLevelItem(group)
                group.setExpanded(len(rows) <= 200)

        self.cost_view.show_diff(None if self.load_errors else d)
        rows_ = figure_rows(d) if ("a" in d.figures and not self.load_errors) else []
        self.figures.setRowCount(len(rows_))
        deltas = d.deltas() if rows_ else {}
        for r, (name, label, va, vb, change) in enumerate(rows_):
            cells = [
                QTableWidgetItem(label),
                QTableWidgetItem(va),
                QTableWidgetItem(vb),
                QTableWidgetItem(change),
            ]
            for col in (1, 2, 3):
                cells[col].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            delta = deltas.get(name, 0)
            if delta and name in ("findings.error", "findings.warning"):
                cells[3].setForeground(
                    status_colour("removed" if delta > 0 else "added", self._dark())
                )
            if delta:
                f = cells[3].font()
                f.setBold(True)
                cells[3].setFont(f)
            for col, cell in enumerate(cells):
                self.figures.setItem(r, col, cell)

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)}%")

    def _dark(self) -> bool:
        return bool(self.scenes["a"].style.dark)  # type: ignore[attr-defined]

    def _set_banner(self, text: str, error: bool = False) -> None:
        colour = "#fee2e2" if error else "#fef3c7"
        ink = "#7f1d1d" if error else "#78350f"
        self.banner.setStyleSheet(f"background: {colour}; color: {ink};")
        self.banner.setText(text)
        self.banner.show()

    # -- keeping the sides together ------------------------------------------------------------
    def _unite_scene_rects(self) -> None:
        """Give both scenes the same extent, so the same scroll reaches the same places."""
        rect = QRectF()
        for s in SIDES:
            r = self.scenes[s].sceneRect()
            rect = r if rect.isNull() else rect.united(r)
        for s in SIDES:
            if self.scenes[s].sceneRect() != rect:
                self.scenes[s].setSceneRect(rect)

    def _scenes_rebuilt(self) -> None:
        self._unite_scene_rects()

    def show_start(self) -> None:
        """Both charts at one zoom: whole when readable, else their tops at a readable size."""
        rect = QRectF()
        for s in SIDES:
            r = self.scenes[s].chart_rect()
            if not r.isEmpty():
                rect = r if rect.isNull() else rect.united(r)

        def place() -> None:
            va = self.views["a"]
            if rect.isEmpty():
                return
            margin = rect.adjusted(-24, -24, 24, 24)
            vp = va.viewport().rect()
            factor = min(vp.width() / margin.width(), vp.height() / margin.height()) / _base(va)
            if factor >= READABLE_ZOOM:
                for s in SIDES:
                    self.views[s].set_zoom(min(factor, 1.0))
                    self.views[s].centerOn(rect.center())
                return
            for s in SIDES:
                view = self.views[s]
                view.set_zoom(START_ZOOM)
                top = self.scenes[s].top_card_rect() or rect
                half_h = view.viewport().rect().height() / 2 / view.transform().m11()
                view.centerOn(top.center().x(), top.top() - 30 + half_h)

        self.sync.run(place)

    def zoom_in(self) -> None:
        """Zoom both sides in one step (the other side follows)."""
        self._touched = True
        self.views["a"].zoom_in()

    def zoom_out(self) -> None:
        self._touched = True
        self.views["a"].zoom_out()

    def fit(self) -> None:
        self._touched = True
        self.show_start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._started:
            self._started = True
            QTimer.singleShot(0, self._first_look)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._started and not self._touched:
            # The window manager may settle the size after the first show.
            QTimer.singleShot(0, self._first_look)

    def _first_look(self) -> None:
        if not self._touched:
            half = max(1, self.sides.width() // 2)
            self.sides.setSizes([half, half])  # the same room for both variants
            QApplication.processEvents()
            self.show_start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (
            QEvent.Type.Wheel,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.KeyPress,
            QEvent.Type.NativeGesture,
        ):
            self._touched = True
        return super().eventFilter(watched, event)

    def set_view(self, name: str, *, follow: bool = True) -> None:
        """Show view ``name`` (people, teams, functions) on both sides.

        With ``follow``, the selection is centred again (or the charts shown
        from the start when nothing selected is drawn in this view).
        """
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}")
        self.actions_by_name[f"view_{name}"].setChecked(True)
        if self.scenes["a"].view_name == name and self.scenes["b"].view_name == name:
            return
        for s in SIDES:
            self.scenes[s].set_view(name)
        self._unite_scene_rects()
        if not follow:
            return
        selected = self.controllers["a"].selection or self.controllers["b"].selection
        if selected and any(self.scenes[s].shown(selected[0]) for s in SIDES):
            self.show_entity(selected[0], switch=False)
        else:
            self.show_start()

    def current_view(self) -> str:
        return self.scenes["a"].view_name

    def set_functional_lines(self, on: bool) -> None:
        self.actions_by_name["functional_lines"].setChecked(on)
        for s in SIDES:
            self.scenes[s].set_functional_lines(on)

    def toggle_collapsed(self, id_: str) -> None:
        """Fold or unfold ``id_`` on both sides, so the two charts stay alike."""
        collapsed = not any(id_ in self.controllers[s].doc.view.collapsed for s in SIDES)
        for s in SIDES:
            c = self.controllers[s]
            if (id_ in c.doc.view.collapsed) != collapsed:
                c.do(
                    core_ops.SetCollapsed(
                        id_, collapsed, label="Collapse" if collapsed else "Expand"
                    )
                )

    # -- selection --------------------------------------------------------------------------------
    def _selection_changed(self, side: str, ids: list[str]) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self.controllers["b" if side == "a" else "a"].select(ids)
            self._select_row(ids[0] if ids else None)
        finally:
            self._quiet = False

    def _picked(self, side: str, ref: str) -> None:
        """A card clicked on one side: show the same entity on the other, if it is off screen."""
        other = "b" if side == "a" else "a"
        rect = self.scenes[other].card_rect(ref)
        view = self.views[other]
        if rect is None:
            where = "B" if other == "b" else "A"
            name = self._name(ref)
            self.statusBar().showMessage(f"{name} is not shown in {where} in this view", 5000)
            return
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        if not visible.contains(rect):
            self.sync.run(lambda: view.centerOn(rect.center()))

    def _select_row(self, id_: str | None) -> None:
        """Make the change list's current row the first one about ``id_`` (or none)."""
        current = self.changes.currentItem()
        data = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if id_ and data and data[1] == id_:
            return  # already on a row about it (a person can have a move and an edit)
        target = None
        if id_:
            target = next(
                (item for item in self.rows() if item.data(0, Qt.ItemDataRole.UserRole)[1] == id_),
                None,
            )
        if target is None:
            self.changes.clearSelection()
            self.changes.setCurrentIndex(QModelIndex())
        else:
            self.changes.setCurrentItem(target)
            self.changes.scrollToItem(target)

    def rows(self) -> list[QTreeWidgetItem]:
        """The change list's rows about an entity (not the group headings), in order."""
        out = []
        for i in range(self.changes.topLevelItemCount()):
            group = self.changes.topLevelItem(i)
            if group is None:
                continue
            for j in range(group.childCount()):
                item = group.child(j)
                if item is not None and item.data(0, Qt.ItemDataRole.UserRole):
                    out.append(item)
        return out

    def _row_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if not self._quiet and current is not None:
            self._row_activated(current)

    def _row_activated(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        kind, id_ = data
        if not id_:
            return
        self.show_entity(id_, kind)

    def show_entity(self, id_: str, kind: str | None = None, *, switch: bool = True) -> None:
        """Select ``id_`` on both sides and centre it on each side that shows it.

        With ``switch``, an entity that has no card in the current view (a team
        in the People view) brings up the view where it is drawn.
        """
        self._touched = True
        kind = (
            kind
            or _kind_of(self.controllers["a"].doc, id_)
            or _kind_of(self.controllers["b"].doc, id_)
        )
        if switch and not any(self.scenes[s].shown(id_) for s in SIDES):
            wanted = {"team": "teams", "function": "functions", "person": "people"}.get(kind or "")
            if wanted and wanted != self.current_view():
                self.set_view(wanted, follow=False)
        self._quiet = True
        try:
            for s in SIDES:
                self.controllers[s].select([id_])
            self._select_row(id_)
        finally:
            self._quiet = False

        def centre() -> None:
            for s in SIDES:
                rect = self.scenes[s].card_rect(id_)
                view = self.views[s]
                if rect is None:
                    continue
                if view.zoom() < READABLE_ZOOM:
                    for v in self.views.values():
                        v.set_zoom(START_ZOOM)
                view.centerOn(rect.center())

        self.sync.run(centre)
        self.statusBar().showMessage(self._where_text(id_, kind), 6000)

    def _where_text(self, id_: str, kind: str | None) -> str:
        """What the status bar says when ``id_`` is missing from a side ("" when on both)."""
        missing = [s for s in SIDES if not self.scenes[s].shown(id_)]
        if not missing:
            return ""
        name = self._name(id_)
        if kind == "role":
            return f"{name} is a role: roles are listed here, not drawn on the charts"
        if len(missing) == 2:
            return f"{name} is not drawn in the {VIEW_TITLES[self.current_view()]} view"
        side = missing[0]
        if not _kind_of(self.controllers[side].doc, id_):
            return f"{name} is not in {side.upper()}"
        return (
            f"{name} is in {side.upper()} but not drawn there in this view (under a folded card?)"
        )

    def _name(self, id_: str) -> str:
        for s in ("b", "a"):
            doc = self.controllers[s].doc
            p = doc.person(id_)
            if p is not None:
                return doc.display_name(p)
            for kind in ("team", "function", "role"):
                e = doc.get(kind, id_)
                if e is not None:
                    return getattr(e, "name", "") or getattr(e, "title", "") or id_
        return id_

    # -- editing and exporting ----------------------------------------------------------------------
    def set_edit_text(self, side: str, text: str | None) -> None:
        """Relabel (or, with None, hide) the "open for editing" button of ``side``."""
        button = self.panes[side].edit_button
        button.setVisible(text is not None)
        if text is not None:
            button.setText(text)

    def variant(self, side: str) -> Document:
        """A fresh copy of the variant on ``side``, as it was given (for editing elsewhere)."""
        doc = self.originals[side].model_copy(deep=True)
        doc.forget_index()
        return doc

    def open_variant_for_editing(self, side: str) -> QWidget | None:
        """Open ``side``'s variant for editing.

        When something listens to ``openForEditing`` (a main window that
        opened this comparison), it decides; otherwise a new main window opens
        on the file, or on an unsaved copy of a document. Returns that window.
        """
        if side not in SIDES:
            raise ValueError(f"side must be 'a' or 'b', not {side!r}")
        if self.isSignalConnected(
            self.metaObject().method(self.metaObject().indexOfSignal("openForEditing(QString)"))
        ):
            self.openForEditing.emit(side)
            return None
        try:
            from .main_window import MainWindow
        except ImportError:
            self.openForEditing.emit(side)
            return None
        win = MainWindow()
        path = self.paths[side]
        if path is not None and side not in self.load_errors:
            if not win.open_path(str(path)):
                win.deleteLater()
                return None
        else:
            win.controller.replace(self.variant(side), None, modified=True)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.editors.append(win)
        win.destroyed.connect(lambda _=None, w=win: self._forget_editor(w))
        win.show()
        win.canvas.show_start()
        win.raise_()
        win.activateWindow()
        return win

    def _forget_editor(self, win: QWidget) -> None:
        if win in self.editors:
            self.editors.remove(win)

    def choose_report_path(self) -> str | None:
        """Ask where to write the report. (Tests replace this.)"""
        folder = next((str(p.parent) for p in self.paths.values() if p is not None), "")
        a, b = (slug(self.labels[s]) or s for s in SIDES)
        name = f"{a}-vs-{b}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export the comparison report",
            str(Path(folder) / name) if folder else name,
            REPORT_FILTER,
        )
        if path and not Path(path).suffix:
            path += ".pdf"
        return path or None

    def export_report_dialog(self) -> None:
        path = self.choose_report_path()
        if path:
            self.export_report(path)

    def export_report(self, path: str | os.PathLike[str]) -> bool:
        """Write the comparison report PDF to ``path``; a failure is explained, not raised."""
        from ..export.common import ExportError
        from ..export.compare_report import write_report

        files = tuple(str(self.paths[s]) if self.paths[s] else self.labels[s] for s in SIDES)
        try:
            write_report(
                self.diff,  # type: ignore[arg-type]
                path,
                files=files,  # type: ignore[arg-type]
                with_cost=self.cost_view.include.isChecked(),
            )
        except (ExportError, OSError) as exc:
            self.show_error("The report was not written", str(exc))
            return False
        self.statusBar().showMessage(f"Wrote {Path(path).name}", 6000)
        return True

    def show_error(self, title: str, text: str) -> None:
        """Tell the user something failed. (Tests replace this.)"""
        QMessageBox.critical(self, title, text)


# -- the main window's menu entries --------------------------------------------------------------------


def open_compare(
    a: Document | str | os.PathLike[str],
    b: Document | str | os.PathLike[str],
    parent: QWidget | None = None,
    **kwargs: Any,
) -> CompareWindow:
    """Create and show a compare window (``orgdesigner open A B`` and the menus use this)."""
    return _present(CompareWindow(a, b, parent, **kwargs))


def _insert_after(menu, after: QAction | None, action: QAction) -> None:
    acts = menu.actions()
    if after is not None and after in acts:
        i = acts.index(after)
        if i + 1 < len(acts):
            menu.insertAction(acts[i + 1], action)
            return
    menu.addAction(action)


class CompareActions:
    """What :func:`install_compare_actions` adds to a main window (``window.compare``)."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.windows: list[CompareWindow] = []
        parent = window if isinstance(window, QWidget) else None
        self.compare_with = QAction("Compare &with\u2026", parent)
        self.compare_with.setStatusTip(
            "Open another variant side by side with this one, to see what changes"
        )
        self.compare_with.triggered.connect(self.compare_with_dialog)
        self.to_sto = QAction("Generate &STO variant", parent)
        self.to_sto.setStatusTip(
            "See this organisation with single-threaded owners: every "
            "team member reports to the team's owner"
        )
        self.to_sto.triggered.connect(lambda: self.generate("sto"))
        self.to_functional = QAction("Generate three-legged-&stool variant", parent)
        self.to_functional.setStatusTip(
            "See this organisation with functional lines: each "
            "craft reports to its functional manager"
        )
        self.to_functional.triggered.connect(lambda: self.generate("functional"))
        self.actions = {
            "compare_with": self.compare_with,
            "generate_sto": self.to_sto,
            "generate_functional": self.to_functional,
        }

        menus = getattr(window, "menus", {}) or {}
        by_name = getattr(window, "actions_by_name", {}) or {}
        file = menus.get("file")
        if file is not None:
            _insert_after(file, by_name.get("save_as"), self.compare_with)
        elif parent is not None:
            parent.addAction(self.compare_with)
        tools = menus.get("tools")
        if tools is not None:
            tools.addSeparator()
            tools.addAction(self.to_sto)
            tools.addAction(self.to_functional)
        elif parent is not None:
            parent.addAction(self.to_sto)
            parent.addAction(self.to_functional)

    # -- helpers the tests replace ------------------------------------------------------------
    def choose_path(self) -> str | None:
        start = ""
        path = getattr(self.window.controller, "path", None)
        if path is not None:
            start = str(Path(path).parent)
        chosen, _ = QFileDialog.getOpenFileName(
            self.window if isinstance(self.window, QWidget) else None,
            "Compare with another variant",
            start,
            FILE_FILTER,
        )
        return chosen or None

    def _error(self, title: str, text: str) -> None:
        show = getattr(self.window, "show_error", None)
        if callable(show):
            show(title, text)
        else:
            QMessageBox.critical(
                self.window if isinstance(self.window, QWidget) else None, title, text
            )

    def _status(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 8000)

    def _keep(self, cw: CompareWindow) -> CompareWindow:
        self.windows.append(cw)
        cw.destroyed.connect(
            lambda _=None, w=cw: self.windows.remove(w) if w in self.windows else None
        )
        return cw

    def _this_origin(self) -> dict[str, str]:
        c = self.window.controller
        path = getattr(c, "path", None)
        where = Path(path).name if path else "not saved"
        return {"a": f"open in the main window \u00b7 {where}"}

    def _this_label(self) -> str:
        c = self.window.controller
        name = getattr(c, "title", None) or "This organisation"
        return f"{name} (unsaved changes)" if getattr(c, "modified", False) else name

    # -- the commands ------------------------------------------------------------------------
    def compare_with_dialog(self) -> CompareWindow | None:
        path = self.choose_path()
        return self.compare_with_path(path) if path else None

    def compare_with_path(self, path: str | os.PathLike[str]) -> CompareWindow | None:
        """The open document (A) beside the file at ``path`` (B)."""
        try:
            other = io.load(path)
        except io.LoadError as exc:
            self._error("Cannot compare with this file", str(exc))
            return None
        except OSError as exc:
            self._error("Cannot compare with this file", f"{path}: {exc.strerror or exc}")
            return None
        c = self.window.controller
        cw = CompareWindow(
            c.doc,
            other,
            self.window,
            a_label=self._this_label(),
            b_label=other.name or Path(path).stem,
            a_path=getattr(c, "path", None),
            b_path=path,
            origins=self._this_origin(),
        )
        cw.set_edit_text("a", "Back to editing")
        cw.openForEditing.connect(lambda side, cw=cw: self._edit(cw, side, "file"))
        return self._keep(_present(cw))

    def generate(self, to: str) -> CompareWindow | None:
        """Transform the open document to ``to`` (sto or functional); compare it with the original."""
        c = self.window.controller
        doc = c.doc
        if not doc.teams:
            self._error(
                "Nothing to transform",
                "This organisation has no teams yet: the STO and three-legged-stool "
                "variants are about how teams are run.",
            )
            return None
        result = transform_with_notes(doc, to)  # type: ignore[arg-type]
        word = "STO" if to == "sto" else "three-legged-stool"
        cw = CompareWindow(
            doc,
            result.doc,
            self.window,
            a_label=self._this_label(),
            b_label=result.doc.name,
            notes=result.notes,
            decisions=result.decisions,
            a_path=getattr(c, "path", None),
            origins={**self._this_origin(), "b": f"generated {word} proposal, not saved"},
        )
        cw.set_edit_text("a", None)
        cw.set_edit_text("b", "Open this variant for editing")
        cw.panes["b"].edit_button.setToolTip(
            f"Replace the organisation in the main window with this {word} variant, as a new "
            "unsaved document (you are asked about unsaved changes first)"
        )
        cw.openForEditing.connect(lambda side, cw=cw: self._edit(cw, side, "generated"))
        if cw.diff.is_empty():
            cw.statusBar().showMessage(
                f"This organisation already is its {word} variant: nothing changes.", 10000
            )
        return self._keep(_present(cw))

    def _edit(self, cw: CompareWindow, side: str, how: str) -> None:
        win = self.window
        if side == "a":  # the document already open in the main window
            if isinstance(win, QWidget):
                win.raise_()
                win.activateWindow()
            return
        maybe_save = getattr(win, "maybe_save", None)
        if callable(maybe_save) and not maybe_save():
            return
        if how == "file" and cw.paths["b"] is not None and hasattr(win, "open_path"):
            win.open_path(str(cw.paths["b"]))
        else:
            doc = cw.variant("b")
            win.controller.replace(doc, None, modified=True)
            canvas = getattr(win, "canvas", None)
            if canvas is not None and hasattr(canvas, "show_start"):
                canvas.show_start()
            self._status(
                f"Now editing \u201c{doc.name}\u201d: not saved yet, "
                "Save As keeps it as a new variant"
            )
        if isinstance(win, QWidget):
            win.raise_()
            win.activateWindow()


def _present(cw: CompareWindow) -> CompareWindow:
    cw.show()
    cw.raise_()
    cw.activateWindow()
    return cw


def install_compare_actions(window: Any) -> CompareActions:
    """Add File > Compare with... and Tools > Generate STO / three-legged-stool variant.

    ``window`` provides ``controller`` and ``menus`` (``file``, ``tools``);
    ``maybe_save()``, ``open_path()``, ``canvas`` and ``show_error()`` are used
    when present. The result is also kept as ``window.compare``.
    """
    actions = CompareActions(window)
    window.compare = actions
    install_plan_export(window, actions)  # File > Export > Transition plan
    return actions


__all__ = [
    "CompareScene",
    "CompareWindow",
    "ChangeMark",
    "Mark",
    "ViewSync",
    "change_groups",
    "change_marks",
    "install_compare_actions",
    "open_compare",
]
