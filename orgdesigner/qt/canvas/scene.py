"""The editable chart: the read-only scene plus the drag gestures that edit the document.

Dragging, in the terms of the three views:

* People: a person onto a person gives them a new line manager (their reports
  move along); onto empty canvas moves the card by hand.
* Teams: a member chip onto a team moves the person to that team (on an STO
  team they then report to its owner); a team onto a team gives it a new parent.
* Functions: a person onto a person (or a function's head) gives them a new
  functional manager.

What a drop means is decided by the core (:mod:`orgdesigner.core.drops`):
while dragging, the card under the cursor lights up green (the drop will work)
or red (refused) and ``statusMessage`` says what the drop will do or why not.
A refused drop snaps back. Roles dragged in from the role library
(``application/x-orgdesigner-role``) become vacancies on the team or under the
person they are dropped on. The scene edits the document only through
``controller.do``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEasingCurve, QPoint, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
)

from ...core import drops, folding, ops
from ...core.chart import UNASSIGNED, opening_column_folds, opening_folds
from ..document import DocumentController
from .items import CardItem, GhostItem
from .readonly import SCENE_MARGIN, VIEW_TITLES, VIEWS, ReadOnlyScene, card_key
from .service import serves_target

__all__ = [
    "ROLE_MIME",
    "SCENE_MARGIN",
    "VIEWS",
    "VIEW_TITLES",
    "ChartScene",
    "Drag",
    "ReadOnlyScene",
    "card_key",
]

ROLE_MIME = "application/x-orgdesigner-role"


@dataclass
class Drag:
    """A drag in progress: where it started and what the drop would do now."""

    item: CardItem
    source: str  # the ID being moved: a person or a team
    kind: str  # "card" or "chip"
    press: QPointF
    press_screen: QPoint
    origin: QPointF  # scene position of the dragged thing's top-left corner
    started: bool = False
    ghost: GhostItem | None = None
    target: CardItem | None = None
    target_id: str | None = None
    op: ops.Op | None = None
    ok: bool = False
    message: str = ""
    lit: list[CardItem] = field(default_factory=list)


class ChartScene(ReadOnlyScene):
    """The chart the designer edits: drags, role drops and the context menu."""

    contextMenuWanted = Signal(str, str, QPoint)  # entity ID ("" for none), kind, screen pos

    def __init__(self, controller: DocumentController, parent=None) -> None:
        self._drag: Drag | None = None
        self._snap: QVariantAnimation | None = None
        self._snapping: Drag | None = None  # the drag whose ghost is flying back
        self._drop_target: CardItem | None = None
        self._columns_unsettled = False  # a large file's function columns, folded on first show
        super().__init__(controller, parent)

    # -- mouse: select, toggle, drag ----------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._snap is not None:
            self._finish_snap()
        if event.button() != Qt.MouseButton.LeftButton:
            QGraphicsScene.mousePressEvent(self, event)
            return
        pressed = self.press_card(event)
        if pressed is None:
            return
        item, chip = pressed
        ref = chip or self.entity_of(item.id)
        draggable = chip is not None or (item.kind in ("person", "team") and item.id != UNASSIGNED)
        if draggable:
            pos = event.scenePos()
            if chip is not None:
                r = item.chip_rect(chip)
                origin = item.pos() + (r.topLeft() if r is not None else QPointF())
                kind = "chip"
            else:
                origin = item.pos()
                kind = "card"
            self._drag = Drag(item, ref, kind, pos, event.screenPos(), origin)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        drag = self._drag
        if drag is None:
            super().mouseMoveEvent(event)
            return
        if not drag.started:
            moved = (event.screenPos() - drag.press_screen).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            self._start_drag(drag)
            self._set_cursor(Qt.CursorShape.ClosedHandCursor)
        pos = event.scenePos()
        assert drag.ghost is not None
        drag.ghost.setPos(drag.origin + (pos - drag.press))
        self._retarget(drag, pos)
        for view in self.views():
            view.ensureVisible(QRectF(pos, pos).adjusted(-2, -2, 2, 2), 20, 20)
        event.accept()

    def hover_shape(self, item: CardItem, local: QPointF) -> Qt.CursorShape:
        """A hand over what can be dragged, a pointer over a fold toggle, else the arrow."""
        shape = super().hover_shape(item, local)
        if shape == Qt.CursorShape.ArrowCursor and (
            item.chip_at(local) or (item.kind in ("person", "team") and item.id != UNASSIGNED)
        ):
            return Qt.CursorShape.OpenHandCursor
        return shape

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._drag is not None and self._drag.started:
            self._set_cursor(Qt.CursorShape.ArrowCursor)
        drag = self._drag
        if drag is None:
            super().mouseReleaseEvent(event)
            return
        self._drag = None
        if not drag.started:
            event.accept()
            return
        self._retarget(drag, event.scenePos())
        self._drop(drag, event.scenePos())
        event.accept()

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        item = self.card_at(event.scenePos())
        if item is None:
            self.contextMenuWanted.emit("", "", event.screenPos())
            return
        chip = item.chip_at(item.mapFromScene(event.scenePos()))
        ref = chip or self.entity_of(item.id)
        kind = "person" if chip else item.kind
        if ref not in self.controller.selection:
            self.controller.select([ref])
        self.contextMenuWanted.emit(ref, kind, event.screenPos())
        event.accept()

    def prepare_document(self) -> None:
        """A large organisation opens folded to the levels that fit a first screen with
        names readable; a file that says what is folded keeps it. This is how the
        file is shown, not an edit: it is no undo step and does not mark it modified."""
        doc = self.doc
        self._columns_unsettled = False
        if doc.view.collapsed:
            return
        # The sorted trees are kept for the first build too.
        doc.view.collapsed.extend(opening_folds(doc, self._chart_cache))
        # The functions view's columns are settled when it is first shown: the first
        # paint does not wait for them.
        self._columns_unsettled = True
        if self.view_name == "functions":
            self._settle_columns()

    def _settle_columns(self) -> None:
        if self._columns_unsettled:
            self._columns_unsettled = False
            self.doc.view.collapsed.extend(opening_column_folds(self.doc))

    def set_view(self, name: str) -> None:
        if name == "functions":
            self._settle_columns()
        super().set_view(name)

    def reveal(self, id_: str) -> bool:
        """Unfold what hides ``id_`` (and leave a focus it is outside); True if anything did."""
        changed = False
        if self.focus is not None and self.card_for(id_) is None:
            self.set_focus(None)
            changed = True
        op = folding.reveal(self.doc, self.view_name, id_, f"Unfold to show {self.name(id_)}")  # type: ignore[arg-type]
        if op is not None:
            self.controller.do(op)
            changed = True
        return changed

    def toggle_collapsed(self, id_: str) -> None:
        collapsed = id_ in self.doc.view.collapsed
        label = f"{'Expand' if collapsed else 'Collapse'} {self.name(id_)}"
        self.controller.do(ops.SetCollapsed(id_, not collapsed, label=label))

    # -- the drag itself -------------------------------------------------------------------
    def _start_drag(self, drag: Drag) -> None:
        drag.started = True
        drag.ghost = GhostItem(drag.item, drag.source if drag.kind == "chip" else None)
        drag.ghost.setPos(drag.origin)
        self.addItem(drag.ghost)
        if drag.kind == "card":
            drag.item.dimmed = True
            drag.item.update()
        self.statusMessage.emit(self._idle_hint(drag), 0)

    def _idle_hint(self, drag: Drag) -> str:
        return drops.drag_hint(self.doc, self.view_name, drag.kind, drag.source)  # type: ignore[arg-type]

    def _retarget(self, drag: Drag, pos: QPointF) -> None:
        target = self.card_at(pos, exclude=drag.item if drag.kind == "card" else None)
        target_id = None
        if target is not None:
            target_id = self.entity_of(target.id)
            if drag.kind == "card" and self.view_name == "functions":
                chip = target.chip_at(target.mapFromScene(pos))
                target_id = chip or target_id
            elif drag.kind == "card" and self.view_name == "teams":
                target_id = serves_target(target, pos) or target_id
        if target is drag.target and target_id == drag.target_id:
            return
        self._unlight(drag)
        drag.target, drag.target_id = target, target_id
        if drag.ghost is not None and drag.kind == "card":
            # Over a card the ghost fades so the card and its outline show through;
            # over empty space it is solid: that is where the card will be placed.
            # (A chip is small: it never hides its target.)
            drag.ghost.setOpacity(0.3 if target is not None else 0.85)
        if target is None or target_id is None:
            drag.op, drag.ok = None, False
            drag.message = self._idle_hint(drag)
            self.statusMessage.emit(drag.message, 0)
            return
        drag.op, drag.ok, drag.message = self.drop_effect(drag.source, drag.kind, target, target_id)
        target.target = "ok" if drag.ok else "bad"
        if target_id.startswith(drops.SERVES):
            target.serves_lit = target.target
        self._mark(target)
        drag.lit.append(target)
        self.statusMessage.emit(drag.message, 0)

    def _unlight(self, drag: Drag) -> None:
        for item in drag.lit:
            item.target = None
            item.serves_lit = None
            self._mark(item)
        drag.lit.clear()

    def drop_effect(
        self, source: str, kind: str, target: CardItem, target_id: str
    ) -> drops.DropEffect:
        """What dropping ``source`` on ``target`` would do (decided by the core)."""
        return drops.drop_effect(
            self.doc,
            self.view_name,
            kind,
            source,
            target.kind,
            target_id,  # type: ignore[arg-type]
        )

    def _drop(self, drag: Drag, pos: QPointF) -> None:
        self._unlight(drag)
        if drag.op is not None and drag.ok:
            self._remove_ghost(drag)
            message = drops.past(drag.message)
            if self.controller.do(drag.op):
                self.statusMessage.emit(f"{message}. Undo with {self._undo_keys()}.", 6000)
                self._reveal(drag.source)
            return
        if drag.target is None and drag.kind == "card":
            assert drag.ghost is not None
            at = drag.ghost.pos()
            if (at - drag.origin).manhattanLength() < 1:
                self._remove_ghost(drag)
                return
            self._remove_ghost(drag)
            cid = drag.item.id
            op = ops.SetPositions(
                self.view_name,
                ((cid, (round(at.x(), 1), round(at.y(), 1))),),
                label=f"Place {self.name(drag.source)} by hand",
            )
            if self.controller.do(op):
                self.statusMessage.emit(
                    f"Placed {self.name(drag.source)} by hand; View > Reset layout tidies "
                    "the chart again.",
                    6000,
                )
            return
        reason = (drag.message or self._idle_hint(drag)).rstrip(".")
        self.statusMessage.emit(f"{reason}. Nothing changed.", 6000)
        self._snap_back(drag)

    def _reveal(self, id_: str) -> None:
        """Scroll so the card (or chip) that just moved is in sight."""
        rect = self.card_rect(id_)
        if rect is not None:
            for view in self.views():
                view.ensureVisible(rect, 40, 40)

    def _undo_keys(self) -> str:
        return (
            QKeySequence(QKeySequence.StandardKey.Undo).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            or "Undo"
        )

    def _remove_ghost(self, drag: Drag) -> None:
        if drag.ghost is not None:
            self.removeItem(drag.ghost)
            drag.ghost = None
        if drag.item.dimmed:
            drag.item.dimmed = False
            drag.item.update()

    def _snap_back(self, drag: Drag) -> None:
        ghost = drag.ghost
        if ghost is None or not self.animate:
            self._remove_ghost(drag)
            return
        anim = QVariantAnimation(self)
        anim.setStartValue(ghost.pos())
        anim.setEndValue(drag.origin)
        anim.setDuration(180)
        anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        anim.valueChanged.connect(lambda v: ghost.setPos(v))
        anim.finished.connect(self._finish_snap)
        self._snap = anim
        self._snapping = drag
        anim.start()

    def _finish_snap(self) -> None:
        anim, self._snap = self._snap, None
        if anim is not None:
            anim.stop()
            anim.deleteLater()
        drag, self._snapping = self._snapping, None
        if drag is not None:
            self._remove_ghost(drag)

    def cancel_drag(self, animate: bool = True) -> bool:
        """Abandon the drag in progress (Escape); True if there was one."""
        drag = self._drag
        if drag is None:
            return False
        self._drag = None
        self._unlight(drag)
        if not drag.started:
            return False
        self.statusMessage.emit("Drag cancelled", 3000)
        if animate:
            self._snap_back(drag)
        else:
            self._remove_ghost(drag)
        return True

    @property
    def dragging(self) -> bool:
        return self._drag is not None and self._drag.started

    # -- roles dropped from the role library ---------------------------------------------------
    def role_drop_effect(self, role: str, target: CardItem, pos: QPointF) -> drops.DropEffect:
        """What dropping the role on ``target`` at ``pos`` would do (decided by the core)."""
        chip = target.chip_at(target.mapFromScene(pos))
        target_id = chip or self.entity_of(target.id)
        return drops.role_drop_effect(self.doc, role, target.kind, target_id, chip is not None)

    @staticmethod
    def _role_of(event: QGraphicsSceneDragDropEvent) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasFormat(ROLE_MIME):
            return None
        role = bytes(mime.data(ROLE_MIME).data()).decode("utf-8", "replace").strip()
        return role or None

    def dragEnterEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        if self._role_of(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        role = self._role_of(event)
        if role is None:
            event.ignore()
            return
        target = self.card_at(event.scenePos())
        self._light_drop_target(None)
        if target is None:
            self.statusMessage.emit("Drop the role on a team or a person to open a position", 0)
            event.setAccepted(False)
            return
        _, ok, message = self.role_drop_effect(role, target, event.scenePos())
        self._light_drop_target(target, ok)
        self.statusMessage.emit(message, 0)
        if ok:
            event.acceptProposedAction()
        else:
            event.setAccepted(False)

    def dragLeaveEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        self._light_drop_target(None)
        self.statusMessage.emit("", 0)

    def dropEvent(self, event: QGraphicsSceneDragDropEvent) -> None:  # noqa: N802
        role = self._role_of(event)
        self._light_drop_target(None)
        target = self.card_at(event.scenePos())
        if role is None or target is None:
            event.ignore()
            return
        op, ok, message = self.role_drop_effect(role, target, event.scenePos())
        if not ok or op is None:
            self.statusMessage.emit(message, 6000)
            event.ignore()
            return
        if self.controller.do(op):
            self.statusMessage.emit(drops.past(message), 6000)
            new_id = getattr(getattr(op, "entity", None), "id", None)
            if new_id:
                self.controller.select([new_id])
        event.acceptProposedAction()

    def _light_drop_target(self, item: CardItem | None, ok: bool = True) -> None:
        if self._drop_target is not None and self._drop_target is not item:
            self._drop_target.target = None
            self._drop_target.update()
        self._drop_target = item
        if item is not None:
            item.target = "ok" if ok else "bad"
            item.update()
