"""The chart scene: one view of the document as cards, and the drag gestures on them.

The scene builds its items from the core's chart (``build_chart``) and keeps
them in step with the document: after every edit it rebuilds the chart and
updates, moves, adds or removes only the items whose card changed. It never
edits the document itself except through ``controller.do``.

Dragging, in the terms of the three views:

* People: a person onto a person gives them a new line manager (their reports
  move along); onto empty canvas moves the card by hand.
* Teams: a member chip onto a team moves the person to that team (on an STO
  team they then report to its owner); a team onto a team gives it a new parent.
* Functions: a person onto a person (or a function's head) gives them a new
  functional manager.

While dragging, the card under the cursor lights up green (the drop will work)
or red (refused) and ``statusMessage`` says what the drop will do or why not.
A refused drop snaps back. Roles dragged in from the role library
(``application/x-orgdesigner-role``) become vacancies on the team or under the
person they are dropped on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QEasingCurve,
    QPoint,
    QPointF,
    QRectF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneDragDropEvent,
    QGraphicsSceneMouseEvent,
)

from ...core import ops
from ...core.chart import NO_FUNCTION, UNASSIGNED, affects_chart, build_chart
from ...core.cost import add_cost_lines, affects_cost
from ...core.model import Document
from ...core.rules import Report
from ..costs import costs_of
from ..document import DocumentController
from .grades import grades_changed, refresh_grades
from .items import (
    FAR,
    Z_CARDS,
    Z_SELECTED,
    CardItem,
    EdgeItem,
    GhostItem,
    OverviewItem,
    edge_path,
    overview_tiles,
)
from .service import SERVES, serves_drop_effect, serves_target
from .style import CanvasStyle

ROLE_MIME = "application/x-orgdesigner-role"
VIEWS = ("people", "teams", "functions")
VIEW_TITLES = {"people": "People", "teams": "Teams", "functions": "Functions"}
SCENE_MARGIN = 600.0

Point = tuple[float, float]


def _card_key(card) -> tuple:
    """Everything about a card that its painting depends on, except where it is."""
    box = card.box
    chips = card.chips
    if chips:
        bx, by = box.x, box.y
        chips = tuple(
            (c.id, c.label, c.function, c.vacant, c.box.x - bx, c.box.y - by, c.box.w, c.box.h)
            for c in chips
        )
    return (
        card.kind,
        card.title,
        card.subtitle,
        tuple(card.lines),
        card.function,
        card.vacant,
        card.model,
        card.collapsed_count,
        card.ref,
        box.w,
        box.h,
        chips,
        card.serves,
        card.serves_box is not None,
    )


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


class ChartScene(QGraphicsScene):
    """The cards of one view; edits go through the controller, signals carry IDs."""

    statusMessage = Signal(str, int)  # text, timeout in ms (0: until replaced)
    contextMenuWanted = Signal(str, str, QPoint)  # entity ID ("" for none), kind, screen pos
    cardActivated = Signal(str)  # double-click on a card
    rebuilt = Signal()  # the items now show the current document

    def __init__(self, controller: DocumentController, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view_name = "people"
        self.functional_lines = False
        self.style = CanvasStyle(controller.doc)
        self.cards: dict[str, CardItem] = {}
        self.chip_owner: dict[str, str] = {}  # person ID -> the team card showing their chip
        self.entity_card: dict[str, str] = {}  # entity ID -> card ID (header cards by function)
        self.edges: dict[tuple[str, str], tuple[tuple, EdgeItem]] = {}
        self.chart = None
        self._chart_rect = QRectF()
        self._drag: Drag | None = None
        self._snap: QVariantAnimation | None = None
        self._snapping: Drag | None = None  # the drag whose ghost is flying back
        self._press_empty: QPoint | None = None
        self._drop_target: CardItem | None = None
        self._badges: dict[str, tuple[int, int, str | None]] = {}
        self.overview: list[OverviewItem] | None = None  # tiles, while zoomed far out
        self.animate = True
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        controller.changed.connect(self._doc_changed)
        controller.documentReplaced.connect(self._doc_replaced)
        controller.findingsChanged.connect(self.update_findings)
        controller.selectionChanged.connect(self._selection_changed)
        self.update_findings(controller.report)
        self.rebuild()

    # -- building --------------------------------------------------------------------
    @property
    def doc(self) -> Document:
        return self.controller.doc

    def set_view(self, name: str) -> None:
        """Show ``name`` (people, teams, functions); the selection stays."""
        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}")
        if name == self.view_name:
            return
        self.cancel_drag()
        self.view_name = name
        self.clear_items()
        self.rebuild()

    def set_functional_lines(self, on: bool) -> None:
        if on != self.functional_lines:
            self.functional_lines = on
            self.rebuild()

    def set_colour_mode(self, mode: str) -> None:
        self.style.colour_mode = mode
        if mode == "grade":
            refresh_grades(self)
        self._overview_recolour()
        self.update()

    # -- far out: one item paints every card ----------------------------------------------
    def set_overview(self, on: bool) -> None:
        """Paint the cards as :class:`OverviewItem` tiles (far zoomed out) or one by one."""
        if on == (self.overview is not None):
            return
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        if on:
            self.overview = []
            self._overview_dirty()
        else:
            for tile in self.overview or ():
                self.removeItem(tile)
            self.overview = None
        for item in self.cards.values():
            item.setFlag(flag, on)
            if not on:
                item.tile = None

    def level_of_detail(self, scale: float) -> None:
        """The view's scale changed: switch to the overview below the block level of detail."""
        self.set_overview(scale < FAR)

    def _overview_dirty(self) -> None:
        """Cards moved, came or went: cut the overview tiles again."""
        if self.overview is None:
            return
        for tile in self.overview:
            if tile.scene() is self:
                self.removeItem(tile)
        self.overview = overview_tiles(list(self.cards.values()))
        for tile in self.overview:
            self.addItem(tile)

    def _overview_recolour(self) -> None:
        for tile in self.overview or ():
            tile.refresh()

    def _mark(self, item: CardItem) -> None:
        """Repaint a card whose selection or drop outline changed (or its tile, far out)."""
        item.update()
        if item.tile is not None and self.overview is not None:
            item.tile.mark(item)

    def refresh_style(self) -> None:
        """Re-read the palette (light/dark) and the document's functions; repaint everything."""
        mode = self.style.colour_mode
        self.style = CanvasStyle(self.doc)
        self.style.colour_mode = mode
        for item in self.cards.values():
            item.style = self.style
            item.set_card(item.card)
        for _, item in self.edges.values():
            pen = item.pen()
            pen.setColor(self.style.functional_line if item.dotted else self.style.line)
            item.setPen(pen)
        self.update()

    def theme_colour(self, role: str):
        return getattr(self.style, role)

    def clear_items(self) -> None:
        self.cancel_drag()
        overview = self.overview is not None
        self.overview = [] if overview else None
        self.clear()
        self.cards.clear()
        self.edges.clear()
        self.chip_owner.clear()
        self.entity_card.clear()

    def _doc_replaced(self) -> None:
        self.clear_items()
        # The new document brings its own functions; the colour mode is the user's choice.
        mode = self.style.colour_mode
        self.style = CanvasStyle(self.doc)
        self.style.colour_mode = mode
        # The controller's findingsChanged follows at once and sets the badges.
        self._badges = {}
        self.rebuild()

    def _doc_changed(self, changes) -> None:
        if not affects_chart(changes):
            if affects_cost(changes):  # cost lines on team cards, cost-band colours
                if self.view_name == "teams":
                    self.rebuild()
                elif self.style.colour_mode == "cost":
                    self._overview_recolour()
                    self.update()
            if self.style.colour_mode == "grade" and grades_changed(changes):
                refresh_grades(self)  # grades are not on the cards but colour them
            return  # nothing else on the cards changed; badges follow findingsChanged
        if any(c.kind == "function" and c.action != "set" for c in changes):
            self.refresh_style()  # a new function needs its colour
        self.rebuild()

    def build(self):
        """The core's chart of the current view; team cards show their cost when known."""
        chart = build_chart(
            self.doc,
            self.view_name,
            collapsed=tuple(self.doc.view.collapsed),
            functional_lines=self.functional_lines,
            use_saved_positions=True,
        )
        if self.view_name == "teams":
            costs = costs_of(self.controller)
            if costs.shown_on_teams():
                add_cost_lines(chart, self.doc, costs.rollup(), people=False)
        return chart

    def rebuild(self) -> None:
        """Bring the items in line with the document: only changed cards are touched."""
        if self._drag is not None and self._drag.started:
            self.cancel_drag(animate=False)
        chart = self.build()
        self.chart = chart
        doc = self.doc
        style = self.style
        seen: set[str] = set()
        self.chip_owner.clear()
        self.entity_card.clear()
        children: dict[str, int] = {}
        for edge in chart.edges:
            kind = edge[2] if len(edge) > 2 else "solid"
            if kind != "dotted":
                children[edge[0]] = children.get(edge[0], 0) + 1
        if self.view_name == "functions":
            # A column's head folds the whole column: count the people listed under it.
            heads = [
                (c.box.x, c.box.right, cid)
                for cid, c in chart.cards.items()
                if getattr(c, "kind", "") == "header"
            ]
            for c in chart.cards.values():
                if getattr(c, "kind", "") == "header":
                    continue
                for x0, x1, hid in heads:
                    if x0 <= c.box.x < x1:
                        children[hid] = children.get(hid, 0) + 1
                        break
        people = doc.by_id("person")
        teams = doc.by_id("team")
        cards = self.cards
        chip_owner = self.chip_owner
        entity_card = self.entity_card
        counts = self._badges
        for cid, card in chart.cards.items():
            seen.add(cid)
            item = cards.get(cid)
            box = card.box
            if item is None:
                item = CardItem(cid, card, style)
                item.key = _card_key(card)  # type: ignore[attr-defined]
                if self.overview is not None:
                    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
                self.addItem(item)
                cards[cid] = item
                badge = counts.get(item.ref)
                if badge is not None:
                    item.errors, item.warnings, item.worst = badge
            elif item.card is not card:
                key = _card_key(card)
                if key != item.key:  # type: ignore[attr-defined]
                    item.key = key  # type: ignore[attr-defined]
                    item.set_card(card)
                else:
                    item.card = card
                    pos = item.pos()
                    if pos.x() != box.x or pos.y() != box.y:
                        item.setPos(box.x, box.y)
            item.children_count = children.get(cid, 0)
            ref = item.ref
            if ref not in entity_card:
                entity_card[ref] = cid
            p = people.get(ref)
            if p is not None:
                t = teams.get(p.team) if p.team else None
                model = doc.model_of(t) if t is not None else None
                if model != item.team_model:
                    # Not part of the card's key: a team's (or the default) model changed.
                    item.team_model = model
                    item.update()
            for chip_id, _, _ in item.chips:
                if chip_id:
                    chip_owner[chip_id] = cid
        for cid in [c for c in self.cards if c not in seen]:
            self.removeItem(self.cards.pop(cid))
        self._rebuild_edges(chart)
        if chart.cards:
            b = chart.bounds()
            self._chart_rect = QRectF(b.x, b.y, b.w, b.h)
        else:
            self._chart_rect = QRectF()
        self._overview_dirty()
        r = self._chart_rect if not self._chart_rect.isNull() else QRectF(0, 0, 400, 300)
        self.setSceneRect(r.adjusted(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN))
        self._selection_changed(self.controller.selection)
        if self.style.colour_mode == "grade":
            refresh_grades(self)
        self.rebuilt.emit()

    def _rebuild_edges(self, chart) -> None:
        """One path item per card's connectors, kept when their shape has not changed.

        A path is stored relative to its card, and its signature is the geometry of
        the children and buses relative to that card: when an edit only shifts a
        branch (the usual effect of a tidy-tree relayout), its connectors are moved,
        not routed and built again.
        """
        cards = chart.cards
        buses = getattr(chart, "buses", {}) or {}
        groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for a, b, style in chart.edges:
            if a in cards and b in cards:
                groups.setdefault((a, "dotted" if style == "dotted" else "solid"), []).append(
                    (b, style)
                )
        for key in [k for k in self.edges if k not in groups]:
            self.removeItem(self.edges.pop(key)[1])
        for key, members in groups.items():
            pb = cards[key[0]].box
            px, py = pb.x, pb.y
            parts = []
            for b, style in members:
                cb = cards[b].box
                bus = buses.get(b) if style != "dotted" else None
                parts.append(
                    (
                        b,
                        style,
                        cb.x - px,
                        cb.y - py,
                        cb.w,
                        cb.h,
                        (bus[0] - px, bus[1] - py) if bus else None,
                    )
                )
            sig = (pb.w, pb.h, tuple(parts))
            old = self.edges.get(key)
            if old is not None and old[0] == sig:
                item = old[1]
                if item.pos().x() != px or item.pos().y() != py:
                    item.setPos(px, py)
                continue
            # The core routes every connector, so canvas and exports draw the same lines.
            routes = []
            for b, style in members:
                pts = chart.route(key[0], b, style)
                if pts:
                    routes.append([(x - px, y - py) for x, y in pts])
            path = edge_path(routes)
            if old is not None:
                item = old[1]
                item.setPath(path)
            else:
                dotted = key[1] == "dotted"
                item = EdgeItem(
                    path, self.style.functional_line if dotted else self.style.line, dotted
                )
                self.addItem(item)
            item.setPos(px, py)
            self.edges[key] = (sig, item)

    def entity_of(self, card_id: str) -> str:
        """The document ID a card stands for (a function head stands for its function)."""
        item = self.cards.get(card_id)
        return item.ref if item is not None else card_id

    # -- reading it back -----------------------------------------------------------------
    def chart_rect(self) -> QRectF:
        return QRectF(self._chart_rect)

    def top_card_rect(self) -> QRectF | None:
        """The card where the organisation starts: top row, most reports."""
        best = None
        for item in self.cards.values():
            p = item.pos()
            # The top row first; in it, the card with most below it (the real top,
            # not a stray person without a manager), then the leftmost.
            key = (round(p.y()), -item.children_count, p.x())
            if best is None or key < best[0]:
                best = (key, item)
        return QRectF(best[1].pos(), best[1].rect.size()) if best else None

    def card_for(self, id_: str) -> CardItem | None:
        """The card showing ``id_`` here: its own card, or the team card holding its chip."""
        cid = self.entity_card.get(id_, id_)
        item = self.cards.get(cid)
        if item is None and id_ in self.chip_owner:
            item = self.cards.get(self.chip_owner[id_])
        return item

    def card_rect(self, id_: str) -> QRectF | None:
        """Scene rectangle of ``id_``: its card, or its chip on a team card."""
        cid = self.entity_card.get(id_, id_)
        item = self.cards.get(cid)
        if item is not None:
            return QRectF(item.pos(), item.rect.size())
        owner = self.chip_owner.get(id_)
        if owner is not None:
            team = self.cards[owner]
            r = team.chip_rect(id_)
            if r is not None:
                return r.translated(team.pos())
        return None

    def card_at(
        self, pos: QPointF, exclude: CardItem | None = None, toggles: bool = False
    ) -> CardItem | None:
        """The topmost card under scene point ``pos`` (BSP lookup, not a scan).

        With ``toggles``, a card's expand/collapse pill under it counts as the card.
        """
        for item in self.items(
            pos, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder
        ):
            if not isinstance(item, CardItem) or item is exclude:
                continue
            local = item.mapFromScene(pos)
            if QRectF(0, 0, item.w, item.h).contains(local):
                return item
            if toggles and item.has_toggle and item.toggle_rect().contains(local):
                return item
        return None

    # -- findings and selection --------------------------------------------------------------
    def update_findings(self, report: Report | None = None) -> None:
        """Badges from the report: unwaived errors and warnings per card."""
        report = report or self.controller.report
        counts: dict[str, list[int]] = {}
        worst: dict[str, str] = {}
        rank = {"error": 0, "warning": 1, "info": 2}
        for f in report.findings:
            if f.waived:
                continue
            for s in f.subjects:
                c = counts.setdefault(s, [0, 0])
                if f.severity == "error":
                    c[0] += 1
                elif f.severity == "warning":
                    c[1] += 1
                if s not in worst or rank.get(f.severity, 9) < rank.get(worst[s], 9):
                    worst[s] = f.severity
        # Kept for the cards the next rebuild creates (findings arrive before the redraw).
        self._badges = {s: (c[0], c[1], worst.get(s)) for s, c in counts.items()}
        none = (0, 0, None)
        badges = self._badges
        changed = False
        for item in self.cards.values():
            badge = badges.get(item.ref, none)
            if badge != (item.errors, item.warnings, item.worst):
                item.errors, item.warnings, item.worst = badge
                item.update()
                changed = True
        if changed and self.style.colour_mode == "findings":
            self._overview_recolour()

    def _selection_changed(self, ids: list[str]) -> None:
        wanted: dict[str, set[str]] = {}
        whole: set[str] = set()
        for i in ids:
            cid = self.entity_card.get(i, i)
            if cid in self.cards:
                whole.add(cid)
            elif i in self.chip_owner:
                wanted.setdefault(self.chip_owner[i], set()).add(i)
        for cid, item in self.cards.items():
            sel = cid in whole
            chips = wanted.get(cid, set())
            if sel != item.selected or chips != item.selected_chips:
                item.selected = sel
                item.selected_chips = chips
                item.setZValue(Z_SELECTED if sel else Z_CARDS)
                self._mark(item)

    # -- mouse: select, toggle, drag ----------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._snap is not None:
            self._finish_snap()
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.scenePos()
        item = self.card_at(pos, toggles=True)
        if item is None:
            self._press_empty = event.screenPos()
            event.ignore()  # the view pans
            return
        local = item.mapFromScene(pos)
        if item.has_toggle and item.toggle_rect().contains(local):
            self.toggle_collapsed(self.entity_of(item.id))
            event.accept()
            return
        chip = item.chip_at(local)
        ref = chip or self.entity_of(item.id)
        additive = bool(
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        )
        if additive:
            sel = list(self.controller.selection)
            if ref in sel:
                sel.remove(ref)
            else:
                sel.append(ref)
            self.controller.select(sel)
        elif ref not in self.controller.selection:
            self.controller.select([ref])
        draggable = chip is not None or (item.kind in ("person", "team") and item.id != UNASSIGNED)
        if draggable:
            if chip is not None:
                r = item.chip_rect(chip)
                origin = item.pos() + (r.topLeft() if r is not None else QPointF())
                kind = "chip"
            else:
                origin = item.pos()
                kind = "card"
            self._drag = Drag(item, ref, kind, pos, event.screenPos(), origin)
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        drag = self._drag
        if drag is None:
            if event.buttons() == Qt.MouseButton.NoButton:
                self._hover_cursor(event.scenePos())
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

    def _set_cursor(self, shape: Qt.CursorShape) -> None:
        for view in self.views():
            vp = view.viewport()
            if vp.cursor().shape() != shape:
                vp.setCursor(shape)

    def _hover_cursor(self, pos: QPointF) -> None:
        """A hand over what can be dragged, a pointer over a fold toggle, else the arrow."""
        item = self.card_at(pos, toggles=True)
        shape = Qt.CursorShape.ArrowCursor
        if item is not None:
            local = item.mapFromScene(pos)
            if item.has_toggle and item.toggle_rect().contains(local):
                shape = Qt.CursorShape.PointingHandCursor
            elif item.chip_at(local) or (item.kind in ("person", "team") and item.id != UNASSIGNED):
                shape = Qt.CursorShape.OpenHandCursor
        self._set_cursor(shape)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._drag is not None and self._drag.started:
            self._set_cursor(Qt.CursorShape.ArrowCursor)
        drag = self._drag
        if drag is None:
            if self._press_empty is not None and event.button() == Qt.MouseButton.LeftButton:
                moved = (event.screenPos() - self._press_empty).manhattanLength()
                if moved < QApplication.startDragDistance():
                    self.controller.select([])
            self._press_empty = None
            super().mouseReleaseEvent(event)
            return
        self._drag = None
        if not drag.started:
            event.accept()
            return
        self._retarget(drag, event.scenePos())
        self._drop(drag, event.scenePos())
        event.accept()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        item = self.card_at(event.scenePos())
        if item is not None:
            chip = item.chip_at(item.mapFromScene(event.scenePos()))
            self.cardActivated.emit(chip or self.entity_of(item.id))
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

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

    def toggle_collapsed(self, id_: str) -> None:
        collapsed = id_ in self.doc.view.collapsed
        label = f"{'Expand' if collapsed else 'Collapse'} {self._name(id_)}"
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
        who = self._name(drag.source)
        if drag.kind == "chip":
            return f"Drop {who} on a team to move them there"
        if self.view_name == "people":
            return f"Drop {who} on their new line manager, or on empty space to place the card"
        if self.view_name == "teams":
            if any(t.model == "service" for t in self.doc.teams):
                return (
                    f"Drop team {who} on its new parent team, on a service team's "
                    "\u201cServes\u201d band, or on empty space to place it"
                )
            return f"Drop team {who} on its new parent team, or on empty space to place it"
        return f"Drop {who} on their new functional manager"

    def _name(self, id_: str | None) -> str:
        if id_ == UNASSIGNED:
            return "No team"
        if id_ == NO_FUNCTION:
            return "No function"
        doc = self.doc
        p = doc.person(id_)
        if p is not None:
            return doc.display_name(p)
        for kind in ("team", "function", "role"):
            e = doc.get(kind, id_)
            if e is not None:
                return getattr(e, "name", "") or getattr(e, "title", "") or e.id
        return id_ or "nobody"

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
        if target_id.startswith(SERVES):
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
    ) -> tuple[ops.Op | None, bool, str]:
        """What dropping ``source`` on ``target`` would do: (op, allowed, message)."""
        doc = self.doc
        who = self._name(source)
        where = self._name(target_id)
        op: ops.Op | None = None
        if kind == "chip":
            if target.kind != "team":
                return None, False, f"Drop {who} on a team card to move them there"
            p = doc.person(source)
            if target_id == UNASSIGNED:
                if p is not None and not (p.team and doc.team(p.team)):
                    return None, False, f"{who} is already on no team"
                op = ops.move_to_team(doc, source, None)
                message = f"Take {who} off {self._name(p.team if p else None)}"
            elif p is not None and p.team == target_id:
                return None, False, f"{who} is already in {where}"
            else:
                op = ops.move_to_team(doc, source, target_id)
                message = ops.describe_team_move(doc, source, target_id)
        elif self.view_name == "people":
            if target.kind != "person":
                return None, False, f"Drop {who} on a person"
            p = doc.person(source)
            if p is not None and p.manager == target_id:
                return None, False, f"{who} already reports to {where}"
            op = ops.set_manager(doc, source, target_id)
            reports = sum(1 for o in doc.people if o.manager == source)
            message = f"{who} will report to {where}"
            if reports:
                message += f"; their {reports} direct report{'s' if reports > 1 else ''} move along"
        elif self.view_name == "teams" and target_id.startswith(SERVES):
            return serves_drop_effect(self, source, target, target_id[len(SERVES) :])
        elif self.view_name == "teams":
            if target.kind != "team" or target_id == UNASSIGNED:
                return None, False, f"Drop team {who} on a team"
            t = doc.team(source)
            if t is not None and t.parent == target_id:
                return None, False, f"{who} is already under {where}"
            op = ops.set_parent_team(doc, source, target_id)
            message = f"Move team {who} under {where}"
        else:
            manager = target_id
            if target_id == NO_FUNCTION:
                return None, False, "People with no function have no leader to coach them"
            if doc.person(manager) is None:
                fn = doc.function(target_id)
                if fn is None or not fn.leader or doc.person(fn.leader) is None:
                    return None, False, f"{where} has no leader to be {who}'s functional manager"
                manager = fn.leader
            p = doc.person(source)
            if p is not None and p.functional_manager == manager:
                return None, False, (f"{self._name(manager)} is already {who}'s functional manager")
            op = ops.set_functional_manager(doc, source, manager)
            message = f"{self._name(manager)} will be {who}'s functional manager"
        reason = ops.preview(op, doc)
        if reason is not None:
            return op, False, f"Not possible: {reason}"
        return op, True, message

    def _drop(self, drag: Drag, pos: QPointF) -> None:
        self._unlight(drag)
        if drag.op is not None and drag.ok:
            self._remove_ghost(drag)
            message = drag.message
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
                label=f"Place {self._name(drag.source)} by hand",
            )
            if self.controller.do(op):
                self.statusMessage.emit(
                    f"Placed {self._name(drag.source)} by hand; View > Reset layout tidies "
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
        from PySide6.QtGui import QKeySequence

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
    def role_drop_effect(
        self, role: str, target: CardItem, pos: QPointF
    ) -> tuple[ops.Op | None, bool, str]:
        doc = self.doc
        r = doc.role(role)
        what = (r.title if r and r.title else role) if r else role
        if r is None:
            return None, False, f"There is no role {role!r} in this document"
        chip = target.chip_at(target.mapFromScene(pos))
        target_id = chip or self.entity_of(target.id)
        if target_id in (UNASSIGNED, NO_FUNCTION):
            return None, False, f"Drop the {what} role on a team or a person"
        if target.kind == "team" and not chip:
            op = ops.add_vacancy(doc, role, team=target_id)
            message = f"Add an open {what} position to {self._name(target_id)}"
        elif doc.person(target_id) is not None:
            owned = next((t.id for t in doc.teams if t.owner == target_id), None)
            op = ops.add_vacancy(doc, role, team=owned, manager=target_id)
            message = f"Add an open {what} position reporting to {self._name(target_id)}"
        else:
            return None, False, f"Drop the {what} role on a team or a person"
        reason = ops.preview(op, doc)
        if reason:
            return op, False, f"Not possible: {reason}"
        return op, True, message

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
            self.statusMessage.emit(message, 6000)
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
